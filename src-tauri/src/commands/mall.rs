//! The mall's name and time zone.

use promodesk_core::mall::{self, Mall, MallPatch};
use tauri::State;

use crate::{AppState, IpcError};

#[tauri::command]
pub async fn mall_get(state: State<'_, AppState>) -> Result<Mall, IpcError> {
    state.run(|db| mall::get(db)).await
}

#[tauri::command]
pub async fn mall_update(state: State<'_, AppState>, patch: MallPatch) -> Result<Mall, IpcError> {
    state.run(move |db| mall::update(db, &patch)).await
}
