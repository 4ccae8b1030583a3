//! The error every command returns across IPC: a stable `code` the UI branches on, the message
//! in both languages (the UI shows the one it speaks) and, for refused input, the problems per
//! field so a form can show each next to its field.

use promodesk_core::{Error, Localized, Problem};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct IpcError {
    pub code: String,
    pub message: Localized,
    pub problems: Vec<Problem>,
}

impl<E: Into<Error>> From<E> for IpcError {
    fn from(err: E) -> Self {
        let err: Error = err.into();
        IpcError {
            code: err.code().to_string(),
            message: err.localized(),
            problems: err.problems().to_vec(),
        }
    }
}

impl IpcError {
    /// An error that is not one of core's, e.g. a worker thread that died.
    pub fn internal(detail: impl std::fmt::Display) -> IpcError {
        IpcError {
            code: "app.internal".into(),
            message: Localized::new(
                format!("internal error: {detail}"),
                format!("内部错误：{detail}"),
            ),
            problems: vec![],
        }
    }
}
