//! Tenant stores.

use promodesk_core::store::{self, Store, StoreInput};
use tauri::State;

use crate::{AppState, IpcError};

#[tauri::command]
pub async fn store_list(state: State<'_, AppState>) -> Result<Vec<Store>, IpcError> {
    state.run(|db| store::list(db)).await
}

#[tauri::command]
pub async fn store_add(state: State<'_, AppState>, input: StoreInput) -> Result<Store, IpcError> {
    state.run(move |db| store::add(db, &input)).await
}

#[tauri::command]
pub async fn store_edit(
    state: State<'_, AppState>,
    id: i64,
    input: StoreInput,
) -> Result<Store, IpcError> {
    state.run(move |db| store::edit(db, id, &input)).await
}

#[tauri::command]
pub async fn store_remove(state: State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    state.run(move |db| store::remove(db, id)).await
}
