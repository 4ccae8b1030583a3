//! Start-up information, language, demo data and the festival catalog.

use promodesk_core::calendar::{self, Festival, FestivalDay, FESTIVALS};
use promodesk_core::demo::{self, DemoSummary};
use promodesk_core::{mall, settings, Lang};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::{AppState, IpcError};

/// What the UI needs to know before it draws the first screen.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    /// Why the database could not be opened; the UI shows only this when set.
    pub open_error: Option<IpcError>,
    /// The language chosen in Settings, if any.
    pub language: Option<Lang>,
    /// The language of the system locale, used until the user chooses.
    pub system_language: Lang,
    /// No stores and no campaigns yet: the UI offers the demo.
    pub empty: bool,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    let system_language = Lang::from_locale(&state.system_locale);
    if let Some(open_error) = state.open_error() {
        return Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            db_path: String::new(),
            open_error: Some(open_error),
            language: None,
            system_language,
            empty: false,
        });
    }
    state
        .run(move |db| {
            Ok::<_, promodesk_core::Error>(AppInfo {
                version: env!("CARGO_PKG_VERSION").into(),
                db_path: db.path().display().to_string(),
                open_error: None,
                language: settings::language(db).map_err(promodesk_core::db::DbError::from)?,
                system_language,
                empty: demo::is_empty(db)?,
            })
        })
        .await
}

#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, lang: Lang) -> Result<(), IpcError> {
    state
        .run(move |db| settings::set_language(db, lang).map_err(promodesk_core::db::DbError::from))
        .await
}

#[tauri::command]
pub async fn demo_load(state: State<'_, AppState>) -> Result<DemoSummary, IpcError> {
    state
        .run(|db| {
            let zone = mall::get(db)?.zone();
            let today = chrono::Utc::now().with_timezone(&zone).date_naive();
            demo::load(db, today, false).map_err(promodesk_core::Error::from)
        })
        .await
}

#[tauri::command]
pub fn festival_list() -> Vec<Festival> {
    FESTIVALS.to_vec()
}

#[tauri::command]
pub fn festival_days(year: i32) -> Result<Vec<FestivalDay>, IpcError> {
    calendar::festival_days(year).map_err(IpcError::from)
}
