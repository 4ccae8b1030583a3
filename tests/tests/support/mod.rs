//! The desktop app's commands on Tauri's mock runtime (no window, real IPC serialisation), for
//! tests that compare or combine them with the CLI.

use std::path::Path;

use promodesk_app::{invoke_handler, AppState};
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;

pub struct Ipc {
    _app: tauri::App<MockRuntime>,
    webview: tauri::WebviewWindow<MockRuntime>,
}

impl Ipc {
    pub fn open(db: &Path) -> Ipc {
        let app = mock_builder()
            .manage(AppState::open(Some(db)))
            .invoke_handler(invoke_handler())
            .build(tauri::test::mock_context(tauri::test::noop_assets()))
            .expect("mock app");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("webview");
        Ipc { _app: app, webview }
    }

    /// A way to call the commands from another thread, while this app lives.
    pub fn caller(&self) -> Caller {
        Caller(self.webview.clone())
    }

    /// Calls `cmd`; panics with its error when it fails.
    pub fn call(&self, cmd: &str, params: Value) -> Value {
        self.caller().call(cmd, params)
    }
}

/// The app's commands, callable from any thread.
#[derive(Clone)]
pub struct Caller(tauri::WebviewWindow<MockRuntime>);

impl Caller {
    /// Calls `cmd`; panics with its error when it fails.
    pub fn call(&self, cmd: &str, params: Value) -> Value {
        self.try_call(cmd, params.clone())
            .unwrap_or_else(|e| panic!("{cmd} {params} failed: {e}"))
    }

    /// Calls `cmd` and answers its result or its error.
    pub fn try_call(&self, cmd: &str, params: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(params),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        tauri::test::get_ipc_response(&self.0, request)
            .map(|body| body.deserialize::<Value>().unwrap())
    }
}
