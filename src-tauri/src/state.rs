//! The app's state: the one database handle, shared by every command and used off the main
//! thread so the window never waits on SQLite.

use std::path::Path;
use std::sync::{Arc, Mutex};

use promodesk_core::{db, Db, Error};

use crate::IpcError;

pub struct AppState {
    db: Result<Arc<Mutex<Db>>, IpcError>,
    /// Set to stop a running import.
    pub cancel: Arc<std::sync::atomic::AtomicBool>,
    /// The system locale at start (`LANG`), used when the user never chose a language.
    pub system_locale: String,
}

impl AppState {
    /// Opens the database; a failure is kept and shown by the UI instead of a crash.
    pub fn open(explicit: Option<&Path>) -> AppState {
        let opened = db::resolve_path(explicit)
            .and_then(|p| Db::open(&p))
            .map(|db| Arc::new(Mutex::new(db)))
            .map_err(IpcError::from);
        AppState {
            db: opened,
            cancel: Arc::default(),
            system_locale: ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
                .unwrap_or_default(),
        }
    }

    /// The error that stopped the database from opening, if any.
    pub fn open_error(&self) -> Option<IpcError> {
        self.db.as_ref().err().cloned()
    }

    /// Runs `f` with the database on a blocking worker thread.
    pub async fn run<T, E>(
        &self,
        f: impl FnOnce(&mut Db) -> Result<T, E> + Send + 'static,
    ) -> Result<T, IpcError>
    where
        T: Send + 'static,
        E: Into<Error> + Send + 'static,
    {
        let db = self.db.as_ref().map_err(Clone::clone)?.clone();
        tauri::async_runtime::spawn_blocking(move || {
            // A panic while holding the lock leaves the connection usable: every write is a
            // transaction that rolled back.
            let mut guard = db.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut guard).map_err(IpcError::from)
        })
        .await
        .map_err(IpcError::internal)?
    }
}
