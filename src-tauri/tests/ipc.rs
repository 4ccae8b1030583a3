//! The commands through real IPC serialisation on Tauri's mock runtime (no display needed):
//! what the UI sends is what core receives, and errors arrive as `{code, message, problems}`.

use promodesk_app::{invoke_handler, ipc::COMMANDS, AppState};
use promodesk_core::testing::TestTeamDatabase;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

struct App {
    _app: tauri::App<tauri::test::MockRuntime>,
    webview: WebviewWindow<tauri::test::MockRuntime>,
    _dir: tempfile::TempDir,
    /// The run's team database, when the run is the team store's (`scripts/test-team-store.sh`);
    /// dropped after the app.
    _team: Option<TestTeamDatabase>,
}

/// The app on the run's store: a fresh team database under `PROMODESK_TEST_STORE`, else a file.
fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let team = TestTeamDatabase::for_this_run();
    let location = match &team {
        Some(t) => std::path::PathBuf::from(&t.url),
        None => dir.path().join("ipc.db"),
    };
    let state = AppState::open(Some(&location));
    let app = mock_builder()
        .manage(state)
        .invoke_handler(invoke_handler())
        .build(tauri::generate_context!("tauri.conf.json"))
        .expect("mock app");
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    App {
        _app: app,
        webview,
        _dir: dir,
        _team: team,
    }
}

fn invoke(app: &App, cmd: &str, args: Value) -> Result<Value, Value> {
    tauri::test::get_ipc_response(
        &app.webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // Linux and macOS serve the app from tauri://localhost; that origin counts as local.
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn a_fresh_database_is_empty_and_the_demo_fills_it() {
    let app = app();
    let info = invoke(&app, "app_info", json!({})).unwrap();
    assert_eq!(info["empty"], true);
    assert_eq!(info["open_error"], Value::Null);
    let summary = invoke(&app, "demo_load", json!({})).unwrap();
    assert_eq!(summary, json!({"stores": 8, "campaigns": 6}));
    let list = invoke(&app, "campaign_list", json!({"filter": {"status": null, "festival": "womens-day", "from": null, "to": null, "search": null}})).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    let again = invoke(&app, "demo_load", json!({})).unwrap_err();
    assert_eq!(again["code"], "demo.not_empty");
}

#[test]
fn a_refused_campaign_arrives_as_code_message_and_field_problems() {
    let app = app();
    let input = json!({"input": {
        "name": "x", "description": "", "festival": null,
        "start": "2026-03-08", "end": "2026-03-01", "budget": "10", "store_ids": []
    }});
    let err = invoke(&app, "campaign_add", input).unwrap_err();
    assert_eq!(err["code"], "campaign.invalid");
    assert_eq!(err["problems"][0]["field"], "end");
    assert_eq!(err["problems"][0]["rule"], "campaign.end_before_start");
    assert!(err["message"]["zh"].as_str().unwrap().contains("早于"));
    assert!(err["message"]["en"]
        .as_str()
        .unwrap()
        .contains("before start"));
    let list = invoke(&app, "campaign_list", json!({"filter": {"status": null, "festival": null, "from": null, "to": null, "search": null}})).unwrap();
    assert_eq!(list, json!([]));
}

#[test]
fn campaigns_round_trip_with_money_as_strings_and_local_times() {
    let app = app();
    let input = json!({"input": {
        "name": "<img src=x onerror=\"document.title='pwned'\">", "description": "< p > < strong >",
        "festival": "womens-day", "start": "2027-03-06", "end": "2027-03-09",
        "budget": "120000", "store_ids": []
    }});
    let c = invoke(&app, "campaign_add", input).unwrap();
    assert_eq!(c["budget"], "120000.00");
    assert_eq!(c["end"], "2027-03-09T23:59:59+08:00");
    assert_eq!(c["name"], "<img src=x onerror=\"document.title='pwned'\">");
    let id = c["id"].clone();
    let moved = invoke(
        &app,
        "campaign_set_status",
        json!({"id": id, "status": "scheduled", "reason": "ready"}),
    )
    .unwrap();
    assert_eq!(moved["status"], "scheduled");
    let detail = invoke(&app, "campaign_get", json!({"id": id})).unwrap();
    assert_eq!(detail["history"][1]["reason"], "ready");
    let bad = invoke(
        &app,
        "campaign_set_status",
        json!({"id": id, "status": "draft", "reason": ""}),
    );
    assert!(bad.is_ok(), "scheduled → draft is allowed");
}

#[test]
fn settings_language_and_provider_rates_are_saved() {
    let app = app();
    invoke(&app, "set_language", json!({"lang": "en"})).unwrap();
    assert_eq!(
        invoke(&app, "app_info", json!({})).unwrap()["language"],
        "en"
    );
    let p = invoke(
        &app,
        "provider_update",
        json!({"provider": "wechat_pay", "patch": {"fee_rate": "0.38", "settlement_days": 1}}),
    )
    .unwrap();
    assert_eq!(p["fee_rate"], "0.38");
    let err = invoke(
        &app,
        "provider_update",
        json!({"provider": "wechat_pay", "patch": {"fee_rate": "x", "settlement_days": null}}),
    )
    .unwrap_err();
    assert_eq!(err["problems"][0]["field"], "fee_rate");
    let mall = invoke(
        &app,
        "mall_update",
        json!({"patch": {"name": "朝阳店", "time_zone": "Asia/Shanghai"}}),
    )
    .unwrap();
    assert_eq!(mall["name"], "朝阳店");
}

#[test]
fn a_database_from_a_newer_version_is_reported_not_crashed() {
    let dir = tempfile::tempdir().unwrap();
    let team = TestTeamDatabase::for_this_run();
    let path = match &team {
        Some(t) => {
            t.execute("CREATE TABLE schema_version (version BIGINT); INSERT INTO schema_version VALUES (9999);");
            std::path::PathBuf::from(&t.url)
        }
        None => {
            let path = dir.path().join("future.db");
            rusqlite::Connection::open(&path)
                .unwrap()
                .execute_batch("PRAGMA user_version = 9999;")
                .unwrap();
            path
        }
    };
    let state = AppState::open(Some(&path));
    let err = state.open_failure().expect("refused");
    assert_eq!(err.code, "db.schema_too_new");
    assert!(err.message.zh.contains("请升级 PromoDesk"));
}

#[test]
fn every_command_answers_a_malformed_call_with_a_coded_error() {
    let app = app();
    for command in COMMANDS {
        let err = invoke(&app, command.name, json!(42))
            .expect_err(&format!("{} accepted 42 as its params", command.name));
        assert_eq!(err["code"], "ipc.invalid_params", "{}: {err}", command.name);
        let problem = &err["problems"][0];
        assert_eq!(problem["rule"], "ipc.invalid_params", "{}", command.name);
        assert!(
            problem["message"]["en"]
                .as_str()
                .unwrap()
                .starts_with(command.name),
            "{}: {problem}",
            command.name
        );
        assert!(!err["message"]["zh"].as_str().unwrap().is_empty());
    }
}

#[test]
fn a_malformed_field_is_named_by_its_path() {
    let app = app();
    let err = invoke(&app, "campaign_edit", json!({"id": "seven", "patch": {}})).unwrap_err();
    assert_eq!(err["problems"][0]["field"], "id");
    let err = invoke(
        &app,
        "campaign_edit",
        json!({"id": 1, "patch": {"start": 5}}),
    )
    .unwrap_err();
    assert_eq!(err["problems"][0]["field"], "patch.start");
    let err = invoke(&app, "store_remove", json!({"id": 1, "force": true})).unwrap_err();
    assert!(err["problems"][0]["message"]["en"]
        .as_str()
        .unwrap()
        .contains("unknown field `force`"));
}

#[test]
fn a_new_offer_starts_from_the_backends_blank() {
    let app = app();
    let input = json!({"input": {
        "name": "女神节", "description": "", "festival": null,
        "start": "2027-03-06", "end": "2027-03-09", "budget": "100000", "store_ids": []
    }});
    let c = invoke(&app, "campaign_add", input).unwrap();
    let blank = invoke(&app, "coupon_blank", json!({"campaign": c["id"]})).unwrap();
    assert_eq!(blank["validity"]["start"], "2027-03-06");
    assert_eq!(blank["quantity"], 1000);
}

/// Valid params for each read command on the demo database.
fn read_params(name: &str) -> Option<Value> {
    let all = json!({"campaign": null, "from": null, "to": null});
    Some(match name {
        "festival_list"
        | "mall_get"
        | "mall_logo_get"
        | "store_list"
        | "coupon_wallet_colors"
        | "import_history"
        | "import_unmatched"
        | "import_unattributed"
        | "import_mappings"
        | "db_health"
        | "backup_list"
        | "backup_create"
        | "backup_keep"
        | "provider_list"
        | "people_me"
        | "plaza_list"
        | "home_overview" => json!({}),
        "festival_days" => json!({"year": 2027}),
        "campaign_list" => json!({"filter": {}}),
        "campaign_get" => json!({"id": 2}),
        "campaign_conflicts" => json!({}),
        "campaign_draft_for_festival" => json!({"festival": "womens-day", "year": 2028}),
        "coupon_list"
        | "coupon_blank"
        | "stats_campaign_cost"
        | "stats_uplift"
        | "launch_check"
        | "projection_defaults"
        | "code_campaign_usage"
        | "campaign_history"
        | "launch_signoff_state" => json!({"campaign": 2}),
        "coupon_preview" => json!({"campaign": 2, "products": ["wechat_cash"], "spec": {
            "name": "满200减30", "kind": "fixed", "face_value": "30", "threshold": "200",
            "quantity": 100, "validity": {"type": "absolute", "start": "2027-03-06", "end": "2027-03-09"}
        }}),
        "coupon_export_spec" => json!({"id": 1}),
        "footfall_list" => json!({}),
        "stats_kpis" => json!({"scope": all}),
        "stats_grouped" => json!({"scope": all, "by": "store"}),
        "report_preview" => json!({"campaign": 2, "lang": "zh-CN"}),
        "stats_compare_plazas" => json!({"campaign": "2027 3.8 女神节"}),
        "stats_compare_plazas_export" => json!({"campaign": "2027 3.8 女神节",
            "path": std::env::temp_dir().join(format!("promodesk-ipc-plazas-{}.csv", std::process::id()))}),
        "projection" => json!({"campaign": 2, "assumptions": []}),
        "as_of" => json!({"when": "2027-03-07 12:00"}),
        // Coupon 4 is the demo's member-card coupon, given codes below.
        "code_pools" => json!({}),
        "code_usage" => json!({"coupon": 4}),
        "code_export" => json!({"coupon": 4, "format": "csv", "lang": "zh-CN",
            "path": std::env::temp_dir().join(format!("promodesk-ipc-codes-{}.csv", std::process::id()))}),
        "print_preview" => json!({"spec": {"coupon": 4, "printable": "vouchers"}, "lang": "zh-CN"}),
        "print_save" => json!({"spec": {"coupon": 1, "printable": "poster_a4",
            "link": "https://pay.weixin.qq.com/x"}, "lang": "zh-CN",
            "path": std::env::temp_dir().join(format!("promodesk-ipc-poster-{}.pdf", std::process::id()))}),
        _ => return None,
    })
}

#[test]
fn every_read_runs_on_a_read_only_connection() {
    let app = app();
    invoke(&app, "demo_load", json!({})).unwrap();
    invoke(
        &app,
        "code_generate",
        json!({"coupon": 4, "count": 20, "length": 12}),
    )
    .unwrap();
    for command in COMMANDS.iter().filter(|c| !c.writes) {
        let params = read_params(command.name)
            .unwrap_or_else(|| panic!("add params for the read command {}", command.name));
        // A read that tried to write would fail here: its connection is `query_only`.
        invoke(&app, command.name, params)
            .unwrap_or_else(|e| panic!("{} failed on a read connection: {e}", command.name));
    }
}
