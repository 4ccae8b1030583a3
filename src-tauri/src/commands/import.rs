//! Importing bills from the window: files dropped or chosen in the native dialog, imported one
//! by one off the main thread with progress events and a cancel switch.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Instant;

use promodesk_core::import::{
    self, BatchSummary, FormatChoice, ImportOptions, ImportReport, Mapping, UnattributedTrade,
    UnmatchedMerchant,
};
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use ts_rs::TS;

use crate::{AppState, IpcError};

/// The result for one file: its report, or why it was refused.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FileOutcome {
    pub file: String,
    pub report: Option<ImportReport>,
    pub error: Option<IpcError>,
    /// The line of the problem, when the file was refused for one.
    pub line: Option<u64>,
}

/// Sent as the `import-progress` event while a file is read.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportProgress {
    pub file: String,
    pub index: u32,
    pub total: u32,
    pub rows: u64,
    pub rows_per_second: u64,
}

#[tauri::command]
pub async fn import_files<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    paths: Vec<String>,
    accept_mismatch: bool,
    mapping: Option<String>,
) -> Result<Vec<FileOutcome>, IpcError> {
    let cancel = state.cancel.clone();
    cancel.store(false, Ordering::SeqCst);
    state
        .run(move |db| {
            let total = paths.len() as u32;
            let mut outcomes = Vec::new();
            for (index, path) in paths.into_iter().enumerate() {
                let started = Instant::now();
                let file = path.clone();
                let mut progress = |rows: u64| {
                    let secs = started.elapsed().as_secs_f64().max(0.001);
                    let _ = app.emit(
                        "import-progress",
                        ImportProgress {
                            file: file.clone(),
                            index: index as u32,
                            total,
                            rows,
                            rows_per_second: (rows as f64 / secs) as u64,
                        },
                    );
                    !cancel.load(Ordering::SeqCst)
                };
                let options = ImportOptions {
                    format: FormatChoice::Auto,
                    mapping: mapping.clone(),
                    accept_mismatch,
                };
                let outcome =
                    match import::import_file(db, &PathBuf::from(&path), &options, &mut progress) {
                        Ok(report) => FileOutcome {
                            file: path,
                            report: Some(report),
                            error: None,
                            line: None,
                        },
                        Err(e) => FileOutcome {
                            file: path,
                            line: e.line(),
                            report: None,
                            error: Some(IpcError::from(e)),
                        },
                    };
                outcomes.push(outcome);
            }
            Ok::<_, promodesk_core::Error>(outcomes)
        })
        .await
}

/// Stops the running import; it rolls back.
#[tauri::command]
pub fn import_cancel(state: State<'_, AppState>) {
    state.cancel.store(true, Ordering::SeqCst);
}

#[tauri::command]
pub async fn import_mappings(state: State<'_, AppState>) -> Result<Vec<Mapping>, IpcError> {
    state.run(|db| import::list_mappings(db)).await
}

#[tauri::command]
pub async fn import_save_mapping(
    state: State<'_, AppState>,
    mapping: Mapping,
) -> Result<Mapping, IpcError> {
    state
        .run(move |db| import::save_mapping(db, &mapping))
        .await
}

#[tauri::command]
pub async fn import_history(state: State<'_, AppState>) -> Result<Vec<BatchSummary>, IpcError> {
    state.run(|db| import::history(db)).await
}

#[tauri::command]
pub async fn import_undo(state: State<'_, AppState>, batch: i64) -> Result<u64, IpcError> {
    state.run(move |db| import::undo(db, batch)).await
}

#[tauri::command]
pub async fn import_unmatched(
    state: State<'_, AppState>,
) -> Result<Vec<UnmatchedMerchant>, IpcError> {
    state.run(|db| import::unmatched_merchants(db)).await
}

#[tauri::command]
pub async fn import_unattributed(
    state: State<'_, AppState>,
) -> Result<Vec<UnattributedTrade>, IpcError> {
    state.run(|db| import::unattributed(db)).await
}
