//! The PromoDesk desktop shell: start-up, the window, the database handle, and the IPC
//! commands — generated from one list (`ipc/list.rs`), each calling its `core::api` function.

pub mod bindings;
mod early;
pub mod error;
pub mod ipc;
pub mod state;
pub mod watch;

use std::path::PathBuf;

use tauri::Manager;

pub use error::IpcError;
pub use ipc::invoke_handler;
pub use state::AppState;

/// Reads `--db PATH` (or `--db=PATH`) from the command line; other arguments are ignored so
/// that launchers (WebDriver, desktop files) can add their own.
pub fn db_arg(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--db=") {
            return Some(PathBuf::from(path));
        }
    }
    None
}

/// The name under which the running app answers for its database: one window per database
/// file, while two different databases may be open side by side.
fn instance_id(db: Option<&std::path::Path>, shown: Option<String>) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    match db {
        Some(p) => p
            .canonicalize()
            .unwrap_or_else(|_| p.to_path_buf())
            .hash(&mut hasher),
        // A team database: one window per server and database.
        None => shown.hash(&mut hasher),
    }
    format!("com.promodesk.app.db{:016x}", hasher.finish())
}

/// Starts the app on the database named by `--db`, `PROMODESK_DB` or the platform default.
pub fn run() {
    // Some GPU drivers show a blank WebKitGTK window with the DMA-BUF renderer; the user's own
    // setting wins.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
    let state = AppState::open(db_arg(std::env::args().skip(1)).as_deref());
    let instance_id = instance_id(state.db_path(), state.db_shown());
    tauri::Builder::default()
        // First: a second start on the same database brings this window forward and exits
        // before anything else runs (without a session bus, each start runs on its own).
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance_id)
                .callback(|app, _args, _cwd| {
                    if let Some(window) = app.get_webview_window("main") {
                        let _ = window.unminimize();
                        let _ = window.show();
                        let _ = window.set_focus();
                    }
                })
                .build(),
        )
        .plugin(
            // The log folder (~/.local/share/com.promodesk.app/logs on Linux), rotated at 2 MB,
            // five files kept. Every error shown to the user carries its id from here.
            tauri_plugin_log::Builder::new()
                .clear_targets()
                .target(tauri_plugin_log::Target::new(
                    tauri_plugin_log::TargetKind::LogDir {
                        file_name: Some("promodesk".into()),
                    },
                ))
                .target(tauri_plugin_log::Target::new(
                    tauri_plugin_log::TargetKind::Stderr,
                ))
                .max_file_size(2_000_000)
                .rotation_strategy(tauri_plugin_log::RotationStrategy::KeepSome(5))
                .level(log::LevelFilter::Info)
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .manage(state)
        .setup(|app| {
            watch::start(app.handle());
            Ok(())
        })
        .invoke_handler(invoke_handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("PromoDesk could not start: {e}");
            std::process::exit(1);
        });
}

#[cfg(test)]
mod tests {
    use super::db_arg;
    use std::path::PathBuf;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn db_argument_is_found_in_either_form() {
        assert_eq!(
            db_arg(args(&["--db", "/a.db"])),
            Some(PathBuf::from("/a.db"))
        );
        assert_eq!(
            db_arg(args(&["--x", "--db=/b.db"])),
            Some(PathBuf::from("/b.db"))
        );
        assert_eq!(db_arg(args(&["--automation"])), None);
    }
}
