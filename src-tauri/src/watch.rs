//! What the app does on its own beside the commands: telling the window when a save waits for
//! another write, and the clock that moves campaign statuses when their time comes.

use std::sync::OnceLock;
use std::time::Duration;

use promodesk_core::db::Waiting;
use tauri::{AppHandle, Emitter, Manager};

use crate::AppState;

/// The event carrying a [`Waiting`] when a save has waited a second, and `null` when it got
/// its turn.
pub const DB_WAITING: &str = "db-waiting";

/// How often the clock looks for statuses that became due.
const CLOCK: Duration = Duration::from_secs(30);

static APP: OnceLock<AppHandle> = OnceLock::new();

fn tell_window(waiting: Option<&Waiting>) {
    if let Some(app) = APP.get() {
        let _ = app.emit(DB_WAITING, waiting);
    }
}

/// Installs the wait notice and starts the clock.
pub fn start(app: &AppHandle) {
    let _ = APP.set(app.clone());
    promodesk_core::db::on_wait(tell_window);
    let app = app.clone();
    std::thread::spawn(move || loop {
        // Reads never move statuses (their connections are read-only); this does, without
        // ever waiting behind an import: a busy writer means next time.
        app.state::<AppState>().tick();
        std::thread::sleep(CLOCK);
    });
}
