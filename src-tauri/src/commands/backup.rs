//! Backups from the window: the start-up health check (integrity + the daily backup), the list,
//! backing up now, restoring, and how many to keep.

use promodesk_core::backup::{self, BackupInfo};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::{AppState, IpcError};

/// What the start-up check found.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Health {
    /// SQLite's integrity-check findings; empty when the database is sound.
    pub problems: Vec<String>,
    /// Backups to restore from, newest first.
    pub backups: Vec<BackupInfo>,
}

/// Runs `PRAGMA integrity_check` and, only when the database is sound, the daily backup (a
/// damaged file must never push a good backup out).
#[tauri::command]
pub async fn db_health(state: State<'_, AppState>) -> Result<Health, IpcError> {
    state
        .run(|db| {
            let problems = backup::integrity_problems_of(db)?;
            if problems.is_empty() {
                backup::daily(db)?;
            }
            Ok::<_, promodesk_core::Error>(Health {
                problems,
                backups: backup::list(db)?,
            })
        })
        .await
}

#[tauri::command]
pub async fn backup_list(state: State<'_, AppState>) -> Result<Vec<BackupInfo>, IpcError> {
    state.run(|db| backup::list(db)).await
}

#[tauri::command]
pub async fn backup_create(state: State<'_, AppState>) -> Result<BackupInfo, IpcError> {
    state.run(|db| backup::create(db, "manual")).await
}

#[tauri::command]
pub async fn backup_restore(
    state: State<'_, AppState>,
    file: String,
) -> Result<BackupInfo, IpcError> {
    state.run(move |db| backup::restore(db, &file)).await
}

#[tauri::command]
pub async fn backup_keep(state: State<'_, AppState>) -> Result<u32, IpcError> {
    state
        .run(|db| Ok::<_, promodesk_core::Error>(backup::keep(db) as u32))
        .await
}

#[tauri::command]
pub async fn backup_set_keep(state: State<'_, AppState>, count: i64) -> Result<(), IpcError> {
    state.run(move |db| backup::set_keep(db, count)).await
}
