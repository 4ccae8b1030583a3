//! Statistics for the Statistics screen and the campaign page.

use std::path::Path;

use promodesk_core::stats::{
    self, CampaignCost, FootfallDay, FootfallReport, Group, GroupBy, Kpis, Scope, Uplift,
};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

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

#[tauri::command]
pub async fn stats_uplift(state: State<'_, AppState>, campaign: i64) -> Result<Uplift, IpcError> {
    state.run(move |db| stats::uplift(db, campaign)).await
}

/// The result for one visitor-count file: its report, or why it was refused.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FootfallOutcome {
    pub file: String,
    pub report: Option<FootfallReport>,
    pub error: Option<IpcError>,
}

/// Imports each file on its own: a refused file leaves the others in.
#[tauri::command]
pub async fn footfall_import(
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> Result<Vec<FootfallOutcome>, IpcError> {
    state
        .run(move |db| {
            let outcomes = paths
                .into_iter()
                .map(|file| match stats::import_footfall(db, Path::new(&file)) {
                    Ok(report) => FootfallOutcome {
                        file,
                        report: Some(report),
                        error: None,
                    },
                    Err(e) => FootfallOutcome {
                        file,
                        report: None,
                        error: Some(IpcError::from(promodesk_core::Error::from(e))),
                    },
                })
                .collect();
            Ok::<_, promodesk_core::Error>(outcomes)
        })
        .await
}

#[tauri::command]
pub async fn footfall_list(
    state: State<'_, AppState>,
    scope: Scope,
) -> Result<Vec<FootfallDay>, IpcError> {
    state
        .run(move |db| {
            let day = |t: &Option<String>| {
                t.as_deref()
                    .and_then(|t| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
            };
            stats::list_footfall(db, day(&scope.from), day(&scope.to))
        })
        .await
}
