//! The app's state: the one database handle, shared by every command and used off the main
//! thread so the window never waits on SQLite. Commands reach it only through `core::api`.

use std::path::Path;
use std::sync::{Arc, Mutex};

use promodesk_core::api::{Api, Failure};
use promodesk_core::{db, Db, Error};

use crate::IpcError;

pub struct AppState {
    db: Result<Arc<Mutex<Db>>, Failure>,
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
            .map_err(|e| {
                log::error!("the database did not open: {e}");
                Failure::of(e)
            });
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
    pub fn open_failure(&self) -> Option<Failure> {
        self.db.as_ref().err().cloned()
    }

    /// Runs `f` with the use cases on a blocking worker thread, acting as the operating
    /// system's user.
    pub async fn run<T>(
        &self,
        f: impl FnOnce(&mut Api) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, IpcError>
    where
        T: Send + 'static,
    {
        let db = self
            .db
            .as_ref()
            .map_err(|f| IpcError::from_failure(f.clone()))?
            .clone();
        tauri::async_runtime::spawn_blocking(move || {
            // A panic while holding the lock leaves the connection usable: every write is a
            // transaction that rolled back.
            let mut guard = db.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut Api::local(&mut guard).logging_failures(crate::error::log_failure))
                .map_err(IpcError::from)
        })
        .await
        .map_err(IpcError::internal)?
    }
}
