//! The IPC surface, written once. `list.rs` names every command with its params and result
//! types; from that one list come the `#[tauri::command]` wrappers, the handler the app
//! registers, and the TypeScript client in `ui/src/lib/bindings.ts` (see `client.rs`).
//! Adding a command is one `core::api` function plus one line there and `make bindings`.
//!
//! Arguments arrive as one params object (the whole `invoke` payload), read by [`Params`] so a
//! malformed call is answered like any refused input: a coded error whose problems name the
//! field, instead of Tauri's plain-text "invalid args".

pub mod client;
mod list;
mod special;

pub use list::{invoke_handler, COMMANDS};

use serde::de::DeserializeOwned;
use tauri::ipc::{CommandArg, CommandItem, InvokeBody, InvokeError};
use tauri::Runtime;

use crate::IpcError;

/// The params of a command: the whole payload the UI passed to `invoke`.
pub struct Params<T>(pub T);

impl<'de, T: DeserializeOwned, R: Runtime> CommandArg<'de, R> for Params<T> {
    fn from_command(item: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let payload = match item.message.payload() {
            InvokeBody::Json(value) => value.clone(),
            InvokeBody::Raw(_) => serde_json::Value::Null,
        };
        parse(item.name, payload)
            .map(Params)
            .map_err(|e| InvokeError::from(serde_json::to_value(e).unwrap_or_default()))
    }
}

/// Reads `payload` as `T`, or says which field was wrong.
pub fn parse<T: DeserializeOwned>(
    command: &str,
    payload: serde_json::Value,
) -> Result<T, IpcError> {
    serde_path_to_error::deserialize(payload).map_err(|e| {
        let field = e.path().to_string();
        IpcError::invalid_params(command, if field == "." { "" } else { &field }, e.inner())
    })
}

/// One command as the client generator sees it.
pub struct Command {
    pub name: &'static str,
    pub doc: &'static str,
    pub params: fn(&ts_rs::Config) -> String,
    pub result: fn(&ts_rs::Config) -> String,
    /// Whether it may change the database (runs on the writer).
    pub writes: bool,
}

/// Declares the commands that only call their `core::api` function: each becomes a
/// `#[tauri::command]` running on a database worker — `read` ones on a read connection, never
/// waiting for a write; `write` ones taking turns on the writer — and an entry of
/// [`COMMANDS`]. `special` names commands written by hand in `special.rs` (events, cancelling,
/// start-up), listed here so they join the handler and the client like the rest.
macro_rules! commands {
    (
        read { $( $(#[doc = $rdoc:literal])* $rname:ident($rparams:ty) -> $rresult:ty; )* }
        write { $( $(#[doc = $wdoc:literal])* $wname:ident($wparams:ty) -> $wresult:ty; )* }
        special { $( $(#[doc = $sdoc:literal])* $sname:ident($sparams:ty) -> $sresult:ty; )* }
    ) => {
        $(
            $(#[doc = $rdoc])*
            #[tauri::command]
            pub async fn $rname(
                state: tauri::State<'_, $crate::AppState>,
                params: $crate::ipc::Params<$rparams>,
            ) -> Result<$rresult, $crate::IpcError> {
                state.read(move |api| api.$rname(params.0)).await
            }
        )*
        $(
            $(#[doc = $wdoc])*
            #[tauri::command]
            pub async fn $wname(
                state: tauri::State<'_, $crate::AppState>,
                params: $crate::ipc::Params<$wparams>,
            ) -> Result<$wresult, $crate::IpcError> {
                state.write(move |api| api.$wname(params.0)).await
            }
        )*

        /// Every command the UI may call, for the client generator and the tests.
        pub const COMMANDS: &[$crate::ipc::Command] = &[
            $( $crate::ipc::Command {
                name: stringify!($rname),
                doc: concat!($($rdoc),*),
                params: <$rparams as ts_rs::TS>::name,
                result: <$rresult as ts_rs::TS>::name,
                writes: false,
            }, )*
            $( $crate::ipc::Command {
                name: stringify!($wname),
                doc: concat!($($wdoc),*),
                params: <$wparams as ts_rs::TS>::name,
                result: <$wresult as ts_rs::TS>::name,
                writes: true,
            }, )*
            $( $crate::ipc::Command {
                name: stringify!($sname),
                doc: concat!($($sdoc),*),
                params: <$sparams as ts_rs::TS>::name,
                result: <$sresult as ts_rs::TS>::name,
                writes: true,
            }, )*
        ];

        /// The handler the app registers: every command above.
        pub fn invoke_handler<R: tauri::Runtime>(
        ) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![ $( $rname, )* $( $wname, )* $( super::special::$sname, )* ]
        }
    };
}
pub(crate) use commands;
