//! Campaigns.

use promodesk_core::campaign::{
    self, Campaign, CampaignFilter, CampaignInput, CampaignPatch, CampaignStatus, StatusChange,
};
use promodesk_core::local_user;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::{AppState, IpcError};

/// A campaign with its status history, for the campaign page.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CampaignDetail {
    pub campaign: Campaign,
    pub history: Vec<StatusChange>,
    /// The statuses it may move to now, so the UI offers only legal moves.
    pub next: Vec<CampaignStatus>,
}

#[tauri::command]
pub async fn campaign_list(
    state: State<'_, AppState>,
    filter: CampaignFilter,
) -> Result<Vec<Campaign>, IpcError> {
    state.run(move |db| campaign::list(db, &filter)).await
}

#[tauri::command]
pub async fn campaign_get(state: State<'_, AppState>, id: i64) -> Result<CampaignDetail, IpcError> {
    state
        .run(move |db| {
            let campaign = campaign::get(db, id)?;
            Ok::<_, campaign::CampaignError>(CampaignDetail {
                next: campaign.status.next().to_vec(),
                history: campaign::history(db, id)?,
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
