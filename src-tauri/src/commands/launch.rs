//! Preview before launch: the checklist, the launch, what-if projections and the as-of view.

use promodesk_core::campaign::Campaign;
use promodesk_core::launch::{self, AsOf, Assumption, Checklist, Projection};
use promodesk_core::time::now_ts;
use tauri::State;

use crate::{AppState, IpcError};

#[tauri::command]
pub async fn launch_check(
    state: State<'_, AppState>,
    campaign: i64,
) -> Result<Checklist, IpcError> {
    state
        .run(move |db| launch::check(db, campaign, now_ts()))
        .await
}

/// Launches as the operating system's user, so the history says who.
#[tauri::command]
pub async fn launch_campaign(
    state: State<'_, AppState>,
    campaign: i64,
) -> Result<Campaign, IpcError> {
    state
        .run(move |db| launch::launch(db, campaign, &launch::local_user(), now_ts()))
        .await
}

#[tauri::command]
pub async fn projection_defaults(
    state: State<'_, AppState>,
    campaign: i64,
) -> Result<Vec<Assumption>, IpcError> {
    state
        .run(move |db| launch::default_assumptions(db, campaign))
        .await
}

#[tauri::command]
pub async fn projection(
    state: State<'_, AppState>,
    campaign: i64,
    assumptions: Vec<Assumption>,
) -> Result<Projection, IpcError> {
    state
        .run(move |db| launch::project(db, campaign, &assumptions))
        .await
}

#[tauri::command]
pub async fn as_of(state: State<'_, AppState>, when: String) -> Result<AsOf, IpcError> {
    state.run(move |db| launch::as_of(db, &when)).await
}
