//! Campaigns.

use promodesk_core::campaign::{
    self, BudgetPlan, Campaign, CampaignFilter, CampaignInput, CampaignPatch, CampaignStatus,
    Conflict, StatusChange,
};
use promodesk_core::provider::Provider;
use promodesk_core::{local_user, Db};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::{AppState, IpcError};

/// Everything the campaign page shows about one campaign.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CampaignDetail {
    pub campaign: Campaign,
    pub history: Vec<StatusChange>,
    /// The statuses it may move to now, so the UI offers only legal moves.
    pub next: Vec<CampaignStatus>,
    pub conflicts: Vec<Conflict>,
    pub budget: BudgetPlan,
}

/// Brings time-driven statuses up to date before anything is read.
fn refreshed(db: &mut Db) -> Result<(), campaign::CampaignError> {
    campaign::refresh_statuses(db, chrono::Utc::now()).map(drop)
}

#[tauri::command]
pub async fn campaign_list(
    state: State<'_, AppState>,
    filter: CampaignFilter,
) -> Result<Vec<Campaign>, IpcError> {
    state
        .run(move |db| {
            refreshed(db)?;
            campaign::list(db, &filter)
        })
        .await
}

#[tauri::command]
pub async fn campaign_conflicts(state: State<'_, AppState>) -> Result<Vec<Conflict>, IpcError> {
    state.run(|db| campaign::conflicts(db)).await
}

#[tauri::command]
pub async fn campaign_draft_for_festival(
    festival: String,
    year: i32,
) -> Result<CampaignInput, IpcError> {
    campaign::draft_for_festival(&festival, year).map_err(IpcError::from)
}

#[tauri::command]
pub async fn campaign_clone(
    state: State<'_, AppState>,
    id: i64,
    year: i32,
) -> Result<Campaign, IpcError> {
    state
        .run(move |db| campaign::clone_to_year(db, id, year, &local_user()))
        .await
}

#[tauri::command]
pub async fn campaign_set_budgets(
    state: State<'_, AppState>,
    id: i64,
    amounts: Vec<(Provider, String)>,
) -> Result<BudgetPlan, IpcError> {
    state
        .run(move |db| campaign::set_provider_budgets(db, id, &amounts))
        .await
}

#[tauri::command]
pub async fn campaign_get(state: State<'_, AppState>, id: i64) -> Result<CampaignDetail, IpcError> {
    state
        .run(move |db| {
            refreshed(db)?;
            let campaign = campaign::get(db, id)?;
            Ok::<_, campaign::CampaignError>(CampaignDetail {
                next: campaign.status.next().to_vec(),
                history: campaign::history(db, id)?,
                conflicts: campaign::conflicts_of(db, id)?,
                budget: campaign::budget_plan(db, id)?,
                campaign,
            })
        })
        .await
}

#[tauri::command]
pub async fn campaign_add(
    state: State<'_, AppState>,
    input: CampaignInput,
) -> Result<Campaign, IpcError> {
    state
        .run(move |db| campaign::add(db, &input, &local_user()))
        .await
}

#[tauri::command]
pub async fn campaign_edit(
    state: State<'_, AppState>,
    id: i64,
    patch: CampaignPatch,
) -> Result<Campaign, IpcError> {
    state.run(move |db| campaign::edit(db, id, &patch)).await
}

#[tauri::command]
pub async fn campaign_set_status(
    state: State<'_, AppState>,
    id: i64,
    status: CampaignStatus,
    reason: String,
) -> Result<Campaign, IpcError> {
    state
        .run(move |db| campaign::set_status(db, id, status, &local_user(), &reason))
        .await
}

#[tauri::command]
pub async fn campaign_remove(state: State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    state.run(move |db| campaign::remove(db, id)).await
}
