//! What the app does on its own beside the commands: telling the window when a save waits for
//! another write, and the clock that moves campaign statuses when their time comes and raises
//! a desktop notification on the day of a deadline (core decides which, once each).

use std::sync::OnceLock;
use std::time::Duration;

use promodesk_core::db::{DataChange, Waiting};
use promodesk_core::overview::Notice;
use promodesk_core::Lang;
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::AppState;

/// The event carrying a [`Waiting`] when a save has waited a second, and `null` when it got
/// its turn.
pub const DB_WAITING: &str = "db-waiting";

/// The event carrying the [`DataChange`]s of another window, desktop or CLI, once committed:
/// the open screen reads its data again.
pub const DATA_CHANGED: &str = "data-changed";

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
    if let Some(location) = app.state::<AppState>().location() {
        let feed = promodesk_core::db::watch(location);
        let app = app.clone();
        std::thread::spawn(move || {
            // Empty bursts are the watcher's heartbeat; they carry nothing to show.
            for changes in feed.iter().filter(|c: &Vec<DataChange>| !c.is_empty()) {
                let _ = app.emit(DATA_CHANGED, changes);
            }
        });
    }
    let app = app.clone();
    std::thread::spawn(move || loop {
        // Reads never move statuses (their connections are read-only); this does, without
        // ever waiting behind an import: a busy writer means next time.
        let (notices, lang) = app.state::<AppState>().tick();
        for notice in &notices {
            show(&app, notice, lang);
        }
        std::thread::sleep(CLOCK);
    });
}

/// Shows one notification. Core has recorded it as given already: a desktop without a
/// notification service (a bare X server) loses it rather than being asked every 30 seconds.
fn show(app: &AppHandle, notice: &Notice, lang: Lang) {
    let shown = app
        .notification()
        .builder()
        .title(notice.title.get(lang))
        .body(notice.body.get(lang))
        .show();
    match shown {
        Ok(()) => log::info!("notified: {}", notice.key),
        Err(e) => log::warn!("notification {} could not be shown: {e}", notice.key),
    }
}
