//! The app's state: one writer connection and a small pool of read connections, used off the
//! main thread so the window never waits on SQLite. Commands reach them only through
//! `core::api`: reads take a reader (WAL lets them run beside the writer, so a long import or
//! export holds up no screen), writes take turns on the writer and say when they wait.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, TryLockError};
use std::time::{Duration, Instant};

use promodesk_core::api::{Api, Failure, NoParams, PlazaRef};
use promodesk_core::overview::{HomeOverview, Notice};
use promodesk_core::team::Plaza;
use promodesk_core::{db, Db, Error, Lang};

use crate::early::EarlyHome;
use crate::IpcError;

/// Idle read connections kept open; more are opened when many reads run at once.
const IDLE_READERS: usize = 4;

struct Databases {
    location: db::Location,
    /// The file, or `:memory:` for a team database (its waits are the server's).
    path: PathBuf,
    writer: Mutex<Db>,
    /// Idle readers, each with the plaza it works in (always 0 on the local file).
    readers: Mutex<Vec<(i64, Db)>>,
    /// The plaza the app works in: the writer's, set under the writer's lock (0 on the local
    /// file, which is one mall).
    plaza: AtomicI64,
}

impl Databases {
    /// Keeps a read connection for the next read, up to [`IDLE_READERS`].
    fn give_back(&self, plaza: i64, reader: Db) {
        let mut idle = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < IDLE_READERS {
            idle.push((plaza, reader));
        }
    }

    /// A reader working in the app's plaza: an idle one, moved there if a switch happened
    /// since it last read, or a new one.
    fn reader(&self) -> Result<(i64, Db), Error> {
        let idle = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let (mut plaza, mut reader) = match idle {
            Some(idle) => idle,
            None => (0, Db::open_reader_at(&self.location)?),
        };
        let wanted = self.plaza.load(Ordering::SeqCst);
        if plaza != wanted {
            plaza = api(&mut reader)
                .plaza_switch(PlazaRef { plaza: wanted })?
                .id;
        }
        Ok((plaza, reader))
    }
}

pub struct AppState {
    db: Result<Arc<Databases>, Failure>,
    /// Set to stop a running import.
    pub cancel: Arc<std::sync::atomic::AtomicBool>,
    /// The system locale at start (`LANG`), used when the user never chose a language.
    pub system_locale: String,
    /// Home's overview, read while the window is made (see `early.rs`).
    early: Arc<EarlyHome>,
}

impl AppState {
    /// Opens the database; a failure is kept and shown by the UI instead of a crash.
    pub fn open(explicit: Option<&Path>) -> AppState {
        let opened = db::Location::resolve(explicit)
            .map_err(Error::from)
            .and_then(|location| {
                let mut writer = Db::open_at(&location)?;
                let plaza = match writer.team() {
                    Some(_) => api(&mut writer).plaza_reopen()?.id,
                    None => 0,
                };
                Ok(Arc::new(Databases {
                    path: writer.path().to_path_buf(),
                    writer: Mutex::new(writer),
                    readers: Mutex::new(Vec::new()),
                    plaza: AtomicI64::new(plaza),
                    location,
                }))
            })
            .map_err(|e| {
                log::error!("the database did not open: {e}");
                Failure::of(e)
            });
        let early = match &opened {
            Ok(dbs) => match dbs.location.file() {
                Some(path) => EarlyHome::start(path.to_path_buf()),
                // Home's first read on a team database is an ordinary read.
                None => EarlyHome::default(),
            },
            Err(_) => EarlyHome::default(),
        };
        AppState {
            early: Arc::new(early),
            db: opened,
            cancel: Arc::default(),
            system_locale: ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
                .unwrap_or_default(),
        }
    }

    /// The error that stopped the database from opening, if any.
    pub fn open_failure(&self) -> Option<Failure> {
        self.db.as_ref().err().cloned()
    }

    /// The database file, when it opened and is one.
    pub fn db_path(&self) -> Option<&Path> {
        self.db.as_ref().ok().and_then(|d| d.location.file())
    }

    /// Where the database is, when it opened.
    pub fn location(&self) -> Option<db::Location> {
        self.db.as_ref().ok().map(|d| d.location.clone())
    }

    /// The database as a person may read it (a team URL without its password), when it opened.
    pub fn db_shown(&self) -> Option<String> {
        self.db.as_ref().ok().map(|d| d.location.shown())
    }

    fn databases(&self) -> Result<Arc<Databases>, IpcError> {
        self.db
            .as_ref()
            .map(Arc::clone)
            .map_err(|f| IpcError::from_failure(f.clone()))
    }

    /// Runs a read on a worker thread with a read connection: it sees the last committed
    /// state and never waits for a write.
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Api) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, IpcError> {
        let dbs = self.databases()?;
        blocking(move || {
            let (plaza, mut reader) = dbs.reader()?;
            let result = f(&mut api(&mut reader));
            // A failed read on a team database may have left its session elsewhere (the
            // comparison visits every plaza): that connection is not used again.
            if result.is_ok() || reader.team().is_none() {
                dbs.give_back(plaza, reader);
            }
            result
        })
        .await
    }

    /// Works in another plaza of the team database from now on, on every connection, and
    /// opens in it next time: the writer switches (and remembers) first, then each reader
    /// follows before its next read.
    pub async fn plaza_use(&self, p: PlazaRef) -> Result<Plaza, IpcError> {
        let dbs = self.databases()?;
        blocking(move || {
            let mut writer = take_turn(&dbs.writer, &dbs.path);
            let used = api(&mut writer).plaza_use(p);
            // Refused, the writer stays where it was; switched but not remembered (the config
            // folder unwritable), it is in the new one: the readers follow the writer either way.
            let now = match &used {
                Ok(plaza) => Ok(plaza.id),
                Err(_) if writer.team().is_some() => {
                    promodesk_core::team::plaza::current(&writer).map(|p| p.id)
                }
                Err(_) => Ok(0),
            };
            if let Ok(id) = now {
                dbs.plaza.store(id, Ordering::SeqCst);
            }
            used
        })
        .await
    }

    /// Home's overview: the first time, the one read while the window was made, if nothing
    /// changed since; otherwise a read like any other.
    pub async fn home_overview(&self) -> Result<HomeOverview, IpcError> {
        let dbs = self.databases()?;
        let early = Arc::clone(&self.early);
        let taken = tauri::async_runtime::spawn_blocking(move || early.take())
            .await
            .map_err(IpcError::internal)?;
        if let Some((reader, overview)) = taken {
            // Only on the local file, whose readers have no plaza.
            dbs.give_back(0, reader);
            return overview.map_err(IpcError::from);
        }
        self.read(|api| api.home_overview(NoParams {})).await
    }

    /// Runs a write on a worker thread with the writer, after any write already running; a
    /// wait of more than a second is told to the window (`db-waiting`).
    pub async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Api) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, IpcError> {
        let dbs = self.databases()?;
        blocking(move || {
            let mut writer = take_turn(&dbs.writer, &dbs.path);
            f(&mut api(&mut writer))
        })
        .await
    }
}

impl AppState {
    /// Applies the campaign statuses the clock made due and answers the deadline notifications
    /// due now (each recorded as given, so it is answered once), in the language to show them
    /// in — only if the writer is free now; otherwise nothing, and the next tick tries again.
    pub fn tick(&self) -> (Vec<Notice>, Lang) {
        let system = Lang::from_locale(&self.system_locale);
        let Ok(dbs) = self.db.as_ref() else {
            return (vec![], system);
        };
        let Ok(mut writer) = dbs.writer.try_lock() else {
            return (vec![], system);
        };
        let mut api = api(&mut writer);
        if let Err(e) = api.apply_due_statuses_if_free() {
            log::warn!("the status clock could not run: {e}");
        }
        let lang = api.chosen_language().ok().flatten().unwrap_or(system);
        let notices = api.take_due_notices().unwrap_or_else(|e| {
            log::warn!("the deadline notifications could not be worked out: {e}");
            vec![]
        });
        (notices, lang)
    }
}

/// The use cases on `db`, acting as the operating system's user, each failed item of a batch
/// logged under its own reference.
fn api(db: &mut Db) -> Api<'_> {
    Api::local(db).logging_failures(crate::error::log_failure)
}

/// Locks the writer, telling the window after a second what the wait is for.
fn take_turn<'a>(writer: &'a Mutex<Db>, path: &Path) -> std::sync::MutexGuard<'a, Db> {
    let started = Instant::now();
    let mut told = false;
    let guard = loop {
        match writer.try_lock() {
            Ok(guard) => break guard,
            // A panic while holding the lock leaves the connection usable: every write is a
            // transaction that rolled back.
            Err(TryLockError::Poisoned(p)) => break p.into_inner(),
            Err(TryLockError::WouldBlock) => {
                if !told && started.elapsed() >= Duration::from_secs(1) {
                    db::announce(path);
                    told = true;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    };
    if told {
        db::over();
    }
    guard
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(move || f().map_err(IpcError::from))
        .await
        .map_err(IpcError::internal)?
}
