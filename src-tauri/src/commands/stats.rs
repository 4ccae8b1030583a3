//! Statistics for the Statistics screen and the campaign page.

use promodesk_core::stats::{self, CampaignCost, Group, GroupBy, Kpis, Scope};
use tauri::State;

use crate::{AppState, IpcError};

#[tauri::command]
pub async fn stats_kpis(state: State<'_, AppState>, scope: Scope) -> Result<Kpis, IpcError> {
    state.run(move |db| stats::kpis(db, &scope)).await
}

#[tauri::command]
pub async fn stats_grouped(
    state: State<'_, AppState>,
    scope: Scope,
    by: GroupBy,
) -> Result<Vec<Group>, IpcError> {
    state.run(move |db| stats::grouped(db, &scope, by)).await
}

#[tauri::command]
pub async fn stats_campaign_cost(
    state: State<'_, AppState>,
    campaign: i64,
) -> Result<CampaignCost, IpcError> {
    state
        .run(move |db| stats::campaign_cost(db, campaign))
        .await
}
