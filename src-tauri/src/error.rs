//! The error every command returns across IPC: core's [`Failure`] (code, message in both
//! languages, field problems, line) with the reference of its entry in the app's log, so a
//! user who reports "E20261126-093012-7" lets support find the exact entry. On the TypeScript
//! side `IpcError` is the same type as `Failure`.

use std::sync::atomic::{AtomicU32, Ordering};

use promodesk_core::api::Failure;
use promodesk_core::{Error, Localized, Problem};
use serde::Serialize;

/// Boxed: a command's `Result` stays small on the happy path.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct IpcError(pub Box<Failure>);

static SEQUENCE: AtomicU32 = AtomicU32::new(0);

fn next_id() -> String {
    let n = SEQUENCE.fetch_add(1, Ordering::Relaxed) % 1000;
    format!("E{}-{n}", chrono::Local::now().format("%Y%m%d-%H%M%S"))
}

/// Logs `failure` under a fresh id and answers the id: refused input as a warning, everything
/// else as an error.
pub fn log_failure(failure: &Failure) -> String {
    let id = next_id();
    let rules: Vec<&str> = failure.problems.iter().map(|p| p.rule.as_str()).collect();
    if failure.problems.is_empty() {
        log::error!("[{id}] {}: {}", failure.code, failure.message.en);
    } else {
        log::warn!("[{id}] {}: {} {rules:?}", failure.code, failure.message.en);
    }
    id
}

impl<E: Into<Error>> From<E> for IpcError {
    fn from(err: E) -> Self {
        IpcError::from_failure(Failure::of(err))
    }
}

impl IpcError {
    /// A failure answered to the UI, logged under a fresh id (again, for one kept from
    /// earlier such as the database that did not open).
    pub fn from_failure(mut failure: Failure) -> IpcError {
        failure.id = log_failure(&failure);
        IpcError(Box::new(failure))
    }

    fn new(code: &str, message: Localized, problems: Vec<Problem>) -> IpcError {
        IpcError::from_failure(Failure {
            code: code.into(),
            message,
            problems,
            line: None,
            id: String::new(),
            changed_elsewhere: None,
        })
    }

    /// An error that is not one of core's, e.g. a worker thread that died.
    pub fn internal(detail: impl std::fmt::Display) -> IpcError {
        IpcError::new(
            "app.internal",
            Localized::new(
                format!("internal error: {detail}"),
                format!("内部错误：{detail}"),
            ),
            vec![],
        )
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
        IpcError::new(
            "ipc.invalid_params",
            Localized::new(
                "The app sent a request this version does not understand; restart PromoDesk, and report it if it happens again",
                "程序发出了本版本无法识别的请求；请重新启动 PromoDesk，如再次出现请反馈",
            ),
            vec![problem],
        )
    }
}
