//! The commands that need more than the database: progress events, the cancel switch, and the
//! start-up answer that must come even when the database would not open.

use std::sync::atomic::Ordering;

use promodesk_core::api::{
    AppInfo, DemoDatabase, FileOutcome, ImportFiles, ImportProgress, NoParams, PlazaRef,
    ReportExport, TeamConnect, TeamConnected,
};
use promodesk_core::overview::HomeOverview;
use promodesk_core::report::ExportSummary;
use promodesk_core::team::Plaza;
use promodesk_core::Lang;
use tauri::{AppHandle, Emitter, State};

use super::Params;
use crate::{AppState, IpcError};

/// The event carrying [`ImportProgress`] while bills are read.
pub const IMPORT_PROGRESS: &str = "import-progress";
/// The event carrying the number of trade rows an export has written.
pub const EXPORT_PROGRESS: &str = "export-progress";

#[tauri::command]
pub async fn app_info(
    state: State<'_, AppState>,
    _params: Params<NoParams>,
) -> Result<AppInfo, IpcError> {
    let system_language = Lang::from_locale(&state.system_locale);
    if let Some(failure) = state.open_failure() {
        return Ok(AppInfo::unopened(failure, system_language));
    }
    state.read(move |api| api.app_info(system_language)).await
}

#[tauri::command]
pub async fn home_overview(
    state: State<'_, AppState>,
    _params: Params<NoParams>,
) -> Result<HomeOverview, IpcError> {
    state.home_overview().await
}

#[tauri::command]
pub async fn import_files<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    params: Params<ImportFiles>,
) -> Result<Vec<FileOutcome>, IpcError> {
    let cancel = state.cancel.clone();
    cancel.store(false, Ordering::SeqCst);
    state
        .write(move |api| {
            api.import_files(params.0, &mut |progress: &ImportProgress| {
                let _ = app.emit(IMPORT_PROGRESS, progress);
                !cancel.load(Ordering::SeqCst)
            })
        })
        .await
}

#[tauri::command]
pub fn import_cancel(state: State<'_, AppState>, _params: Params<NoParams>) {
    state.cancel.store(true, Ordering::SeqCst);
}

#[tauri::command]
pub async fn report_export<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    params: Params<ReportExport>,
) -> Result<ExportSummary, IpcError> {
    let cancel = state.cancel.clone();
    cancel.store(false, Ordering::SeqCst);
    // A report only reads: it runs beside imports and other screens' reads.
    state
        .read(move |api| {
            api.report_export(params.0, &mut |rows| {
                let _ = app.emit(EXPORT_PROGRESS, rows);
                !cancel.load(Ordering::SeqCst)
            })
        })
        .await
}

/// Opens the demo's own database in a second PromoDesk process (`--db`): the single-instance
/// plugin is keyed by the database, so it starts beside this window — or, when the demo is
/// open already, brings that window forward.
#[tauri::command]
pub async fn demo_open(
    state: State<'_, AppState>,
    _params: Params<NoParams>,
) -> Result<DemoDatabase, IpcError> {
    let demo = state.read(|api| api.demo_database(NoParams {})).await?;
    if state.db_path().map(|p| p.display().to_string()).as_deref() == Some(demo.path.as_str()) {
        return Ok(demo);
    }
    let exe = std::env::current_exe().map_err(IpcError::internal)?;
    let mut child = std::process::Command::new(exe)
        .arg("--db")
        .arg(&demo.path)
        .spawn()
        .map_err(IpcError::internal)?;
    // Reaped when it closes, so no zombie outlives it while this window stays open.
    std::thread::spawn(move || child.wait());
    Ok(demo)
}

/// Connects to the team database (off the main thread: a server far away takes its time),
/// then reopens the app on it: a new process on that database, and this one closes.
#[tauri::command]
pub async fn team_connect<R: tauri::Runtime>(
    app: AppHandle<R>,
    params: Params<TeamConnect>,
) -> Result<TeamConnected, IpcError> {
    let p = params.0;
    let connected =
        tauri::async_runtime::spawn_blocking(move || promodesk_core::api::team_connect(&p))
            .await
            .map_err(IpcError::internal)??;
    reopen_on(&app, &connected.url)?;
    Ok(connected)
}

/// Forgets the team database and reopens the app on this computer's own file.
#[tauri::command]
pub async fn database_use_local<R: tauri::Runtime>(
    app: AppHandle<R>,
    _params: Params<NoParams>,
) -> Result<String, IpcError> {
    let path = promodesk_core::api::use_local_database()?;
    reopen_on(&app, &path)?;
    Ok(path)
}

/// Switches every connection of this window into another plaza (see `AppState::plaza_use`).
#[tauri::command]
pub async fn plaza_use(
    state: State<'_, AppState>,
    params: Params<PlazaRef>,
) -> Result<Plaza, IpcError> {
    state.plaza_use(params.0).await
}

/// Starts PromoDesk on `db` and closes this window once the answer has reached it.
fn reopen_on<R: tauri::Runtime>(app: &AppHandle<R>, db: &str) -> Result<(), IpcError> {
    let exe = std::env::current_exe().map_err(IpcError::internal)?;
    std::process::Command::new(exe)
        .arg("--db")
        .arg(db)
        .spawn()
        .map_err(IpcError::internal)?;
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(500));
        app.exit(0);
    });
    Ok(())
}
