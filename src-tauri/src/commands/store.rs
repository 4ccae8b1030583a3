//! Tenant stores.

use promodesk_core::provider::Provider;
use promodesk_core::store::{self, Assigned, MerchantAccount, Store, StoreInput, StoreRef};
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

/// Gives a store a merchant id: the Stores screen's "add id" and the Import screen's mapping of
/// an unmatched merchant. `allow_move` is the user's answer to "it belongs to … — move it?".
#[tauri::command]
pub async fn store_assign_merchant_id(
    state: State<'_, AppState>,
    store: i64,
    account: MerchantAccount,
    allow_move: bool,
) -> Result<Assigned, IpcError> {
    state
        .run(move |db| store::assign_merchant_id(db, store, &account, allow_move))
        .await
}

#[tauri::command]
pub async fn store_unassign_merchant_id(
    state: State<'_, AppState>,
    provider: Provider,
    merchant_id: String,
) -> Result<StoreRef, IpcError> {
    state
        .run(move |db| store::unassign_merchant_id(db, provider, &merchant_id))
        .await
}
