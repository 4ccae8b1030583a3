//! The error every command returns across IPC: a stable `code` the UI branches on, the message
//! in both languages (the UI shows the one it speaks), for refused input the problems per field
//! so a form can show each next to its field, and an `id` that is also written to the log — a
//! user who reports "E20261126-093012-7" lets support find the exact entry.

use std::sync::atomic::{AtomicU32, Ordering};

use promodesk_core::api::Failure;
use promodesk_core::{Error, Localized, Problem};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct IpcError {
    pub code: String,
    pub message: Localized,
    pub problems: Vec<Problem>,
    /// The reference of this error in the log.
    pub id: String,
}

static SEQUENCE: AtomicU32 = AtomicU32::new(0);

fn next_id() -> String {
    let n = SEQUENCE.fetch_add(1, Ordering::Relaxed) % 1000;
    format!("E{}-{n}", chrono::Local::now().format("%Y%m%d-%H%M%S"))
}

/// Logs the error under a fresh id: refused input as a warning, everything else as an error.
fn logged(code: String, message: Localized, problems: Vec<Problem>) -> IpcError {
    let id = next_id();
    let rules: Vec<&str> = problems.iter().map(|p| p.rule.as_str()).collect();
    if problems.is_empty() {
        log::error!("[{id}] {code}: {}", message.en);
    } else {
        log::warn!("[{id}] {code}: {} {rules:?}", message.en);
    }
    IpcError {
        code,
        message,
        problems,
        id,
    }
}

impl<E: Into<Error>> From<E> for IpcError {
    fn from(err: E) -> Self {
        let err: Error = err.into();
        logged(
            err.code().to_string(),
            err.localized(),
            err.problems().to_vec(),
        )
    }
}

impl IpcError {
    /// An error kept from earlier (the database that did not open), logged again under a
    /// fresh id each time it is answered.
    pub fn from_failure(f: Failure) -> IpcError {
        logged(f.code, f.message, f.problems)
    }

    /// A call whose params did not read: a bug in the UI, told like refused input so the form
    /// that sent it still shows something next to the field. `field` is the params path
    /// (`patch.start`), empty when the whole payload was wrong.
    pub fn invalid_params(command: &str, field: &str, detail: impl std::fmt::Display) -> IpcError {
        let problem = Problem::new(
            field,
            "ipc.invalid_params",
            format!("{command}: {detail}"),
            format!("{command}：参数无效（{detail}）"),
        );
        logged(
            "ipc.invalid_params".into(),
            Localized::new(
                "The app sent a request this version does not understand; restart PromoDesk, and report it if it happens again",
                "程序发出了本版本无法识别的请求；请重新启动 PromoDesk，如再次出现请反馈",
            ),
            vec![problem],
        )
    }

    /// An error that is not one of core's, e.g. a worker thread that died.
    pub fn internal(detail: impl std::fmt::Display) -> IpcError {
        logged(
            "app.internal".into(),
            Localized::new(
                format!("internal error: {detail}"),
                format!("内部错误：{detail}"),
            ),
            vec![],
        )
    }
}
