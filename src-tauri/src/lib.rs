//! The PromoDesk desktop shell: start-up, the window, the database handle, and the IPC
//! commands — each a few lines that parse, call promodesk-core and map the error.

pub mod bindings;
pub mod commands;
pub mod error;
pub mod state;

use std::path::PathBuf;

pub use error::IpcError;
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

/// Every command the UI may call.
pub fn invoke_handler<R: tauri::Runtime>(
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    use commands::*;
    tauri::generate_handler![
        app::app_info,
        app::set_language,
        app::demo_load,
        app::festival_list,
        app::festival_days,
        mall::mall_get,
        mall::mall_update,
        store::store_list,
        store::store_add,
        store::store_edit,
        store::store_remove,
        store::store_assign_merchant_id,
        store::store_unassign_merchant_id,
        campaign::campaign_list,
        campaign::campaign_get,
        campaign::campaign_add,
        campaign::campaign_edit,
        campaign::campaign_set_status,
        campaign::campaign_remove,
        campaign::campaign_conflicts,
        campaign::campaign_draft_for_festival,
        campaign::campaign_clone,
        campaign::campaign_set_budgets,
        coupon::coupon_list,
        coupon::coupon_preview,
        coupon::coupon_add_offer,
        coupon::coupon_edit,
        coupon::coupon_edit_offer,
        coupon::coupon_remove,
        coupon::coupon_export_spec,
        import::import_files,
        import::import_cancel,
        import::import_history,
        import::import_mappings,
        import::import_save_mapping,
        import::import_undo,
        import::import_unmatched,
        import::import_unattributed,
        stats::stats_kpis,
        stats::stats_grouped,
        stats::stats_campaign_cost,
        stats::stats_uplift,
        stats::footfall_import,
        stats::footfall_list,
        report::report_preview,
        report::report_export,
        coupon::coupon_wallet_colors,
        backup::db_health,
        backup::backup_list,
        backup::backup_create,
        backup::backup_restore,
        backup::backup_keep,
        backup::backup_set_keep,
        launch::launch_check,
        launch::launch_campaign,
        launch::projection_defaults,
        launch::projection,
        launch::as_of,
        provider::provider_list,
        provider::provider_update,
    ]
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
    tauri::Builder::default()
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
        .manage(state)
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
