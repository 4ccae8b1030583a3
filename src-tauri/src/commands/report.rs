//! Campaign reports in the window's language: the preview model, and exports written off the main thread with progress
//! events (`export-progress`, trade rows written) and the shared cancel switch.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use promodesk_core::report::{self, ExportSummary, Report, ReportFormat};
use promodesk_core::Lang;
use tauri::{AppHandle, Emitter, State};

use crate::{AppState, IpcError};

#[tauri::command]
pub async fn report_preview(
    state: State<'_, AppState>,
    campaign: i64,
    lang: Lang,
) -> Result<Report, IpcError> {
    state
        .run(move |db| report::build(db, campaign, lang, promodesk_core::time::now_ts()))
        .await
}

#[tauri::command]
pub async fn report_export<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    campaign: i64,
    format: ReportFormat,
    path: String,
    lang: Lang,
) -> Result<ExportSummary, IpcError> {
    let cancel = state.cancel.clone();
    cancel.store(false, Ordering::SeqCst);
    state
        .run(move |db| {
            let mut progress = |rows: u64| {
                let _ = app.emit("export-progress", rows);
                !cancel.load(Ordering::SeqCst)
            };
            report::export(
                db,
                campaign,
                format,
                lang,
                &PathBuf::from(path),
                &mut progress,
            )
        })
        .await
}
