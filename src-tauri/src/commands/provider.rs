//! Provider fee rates and settlement days.

use promodesk_core::provider::{self, Provider, ProviderSettings, ProviderSettingsPatch};
use tauri::State;

use crate::{AppState, IpcError};

#[tauri::command]
pub async fn provider_list(state: State<'_, AppState>) -> Result<Vec<ProviderSettings>, IpcError> {
    state.run(|db| provider::list_settings(db)).await
}

#[tauri::command]
pub async fn provider_update(
    state: State<'_, AppState>,
    provider: Provider,
    patch: ProviderSettingsPatch,
) -> Result<ProviderSettings, IpcError> {
    state
        .run(move |db| provider::update_settings(db, provider, &patch))
        .await
}
