//! The two fronts are one product: the same actions taken through the `promodesk` CLI and
//! through the desktop app's IPC (Tauri's mock runtime, real serialisation) leave the same rows
//! in every table. Both reach the database only through `core::api`; a rule kept by one front
//! alone shows up here as a differing row.

use std::path::Path;

use promodesk_tests::{fixture_bill, Cli};
use serde_json::{json, Value};

mod support;
use support::Ipc;

const WECHAT_BILL: &str = "wechatpay-tradebill-ALL.csv";
const ALIPAY_BILL: &str = "alipay-trade-detail-gbk.csv";

/// The script through the CLI.
fn through_cli(cli: &Cli) {
    cli.ok(&["mall", "set", "--name", "望京汇"]);
    cli.ok(&[
        "store",
        "add",
        "--name",
        "优衣库",
        "--floor",
        "L1",
        "--category",
        "服饰",
        "--wechat-sub-mch-id",
        "1900012301",
    ]);
    cli.ok(&[
        "store",
        "add",
        "--name",
        "海底捞",
        "--floor",
        "L5",
        "--alipay-store-id",
        "BJ_CY_005",
    ]);
    cli.ok(&["store", "edit", "1", "--floor", "L2"]);
    cli.ok(&["store", "id", "add", "2", "unionpay", "102110058120001"]);
    cli.ok(&["store", "id", "add", "2", "wechat_pay", "1900012305"]);
    cli.ok(&[
        "campaign",
        "add",
        "--name",
        "2027 3.8 女神节",
        "--festival",
        "womens-day",
        "--start",
        "2027-03-06",
        "--end",
        "2027-03-09",
        "--budget",
        "120000",
        "--store",
        "1",
        "--store",
        "2",
    ]);
    cli.ok(&["campaign", "edit", "1", "--budget", "150000"]);
    cli.ok(&[
        "campaign",
        "budget",
        "1",
        "--set",
        "wechat_pay=60000",
        "--set",
        "alipay=40000",
    ]);
    cli.ok(&[
        "coupon",
        "add",
        "--campaign",
        "1",
        "--product",
        "wechat_cash",
        "--name",
        "满200减30",
        "--face",
        "30",
        "--threshold",
        "200",
        "--quantity",
        "500",
    ]);
    cli.ok(&[
        "coupon",
        "add",
        "--campaign",
        "1",
        "--product",
        "wechat_cash,alipay_voucher",
        "--name",
        "满500减80",
        "--face",
        "80",
        "--threshold",
        "500",
        "--quantity",
        "200",
    ]);
    cli.ok(&["coupon", "edit", "1", "--quantity", "800"]);
    cli.ok(&["provider", "set", "alipay", "--fee-rate", "0.55"]);
    cli.ok(&[
        "import",
        &fixture_bill(WECHAT_BILL),
        &fixture_bill(ALIPAY_BILL),
    ]);
    let unmatched = cli.json(&["import", "unmatched", "--json"]);
    let first = &unmatched[0];
    cli.ok(&[
        "import",
        "map",
        first["provider"].as_str().unwrap(),
        first["merchant_id"].as_str().unwrap(),
        "1",
    ]);
    cli.ok(&[
        "campaign",
        "set-status",
        "1",
        "scheduled",
        "--reason",
        "ready",
    ]);
    cli.ok(&["campaign", "clone", "1", "--to-year", "2028"]);
    cli.ok(&["backup", "keep", "5"]);
}

/// The same script through the app's commands, with what the screens send.
fn through_ipc(ipc: &Ipc) {
    ipc.call(
        "mall_update",
        json!({"patch": {"name": "望京汇", "time_zone": null}}),
    );
    let store = |name: &str, floor: &str, category: &str, ids: Value| {
        ipc.call("store_add", json!({"input": {"name": name, "floor": floor, "category": category, "merchant_ids": ids}}));
    };
    store(
        "优衣库",
        "L1",
        "服饰",
        json!([{"provider": "wechat_pay", "kind": "sub_mch_id", "merchant_id": "1900012301"}]),
    );
    store(
        "海底捞",
        "L5",
        "",
        json!([{"provider": "alipay", "kind": "store_id", "merchant_id": "BJ_CY_005"}]),
    );
    ipc.call("store_edit", json!({"id": 1, "patch": {"floor": "L2"}}));
    ipc.call(
        "store_assign_merchant_id",
        json!({"store": 2, "account": {"provider": "unionpay", "kind": "merchant_no", "merchant_id": "102110058120001"}}),
    );
    ipc.call(
        "store_assign_merchant_id",
        json!({"store": 2, "account": {"provider": "wechat_pay", "kind": "sub_mch_id", "merchant_id": "1900012305"}}),
    );
    ipc.call(
        "campaign_add",
        json!({"input": {
            "name": "2027 3.8 女神节", "description": "", "festival": "womens-day",
            "start": "2027-03-06", "end": "2027-03-09", "budget": "120000", "store_ids": [1, 2]
        }}),
    );
    ipc.call(
        "campaign_edit",
        json!({"id": 1, "patch": {"budget": "150000"}}),
    );
    ipc.call(
        "campaign_set_budgets",
        json!({"id": 1, "amounts": [["wechat_pay", "60000"], ["alipay", "40000"]]}),
    );
    let offer = |products: Value, name: &str, face: &str, threshold: &str, quantity: u32| {
        let mut spec = ipc.call("coupon_blank", json!({"campaign": 1}));
        spec["name"] = json!(name);
        spec["face_value"] = json!(face);
        spec["threshold"] = json!(threshold);
        spec["quantity"] = json!(quantity);
        ipc.call(
            "coupon_add_offer",
            json!({"campaign": 1, "products": products, "spec": spec}),
        );
    };
    offer(json!(["wechat_cash"]), "满200减30", "30", "200", 500);
    offer(
        json!(["wechat_cash", "alipay_voucher"]),
        "满500减80",
        "80",
        "500",
        200,
    );
    let coupons = ipc.call("coupon_list", json!({"campaign": 1}));
    let mut spec = coupons[0]["spec"].clone();
    spec["quantity"] = json!(800);
    ipc.call("coupon_edit", json!({"id": 1, "spec": spec}));
    ipc.call(
        "provider_update",
        json!({"provider": "alipay", "patch": {"fee_rate": "0.55"}}),
    );
    let outcomes = ipc.call(
        "import_files",
        json!({"paths": [fixture_bill(WECHAT_BILL), fixture_bill(ALIPAY_BILL)]}),
    );
    assert!(
        outcomes
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["error"].is_null()),
        "{outcomes}"
    );
    let unmatched = ipc.call("import_unmatched", json!({}));
    let first = &unmatched[0];
    ipc.call(
        "store_assign_merchant_id",
        json!({"store": 1, "account": {
            "provider": first["provider"],
            "kind": default_kind(first["provider"].as_str().unwrap()),
            "merchant_id": first["merchant_id"]
        }}),
    );
    ipc.call(
        "campaign_set_status",
        json!({"id": 1, "status": "scheduled", "reason": "ready"}),
    );
    ipc.call("campaign_clone", json!({"id": 1, "year": 2028}));
    ipc.call("backup_set_keep", json!({"count": 5}));
}

/// The kind the Import screen preselects for a provider (`MerchantIdKind::default_for`).
fn default_kind(provider: &str) -> &'static str {
    match provider {
        "wechat_pay" => "sub_mch_id",
        "alipay" => "store_id",
        "unionpay" | "bank_card" => "merchant_no",
        _ => "pos_code",
    }
}

/// Every row of every table, as text, without what records when: columns named `*_at`, and
/// the same keys inside a JSON column (the history keeps a row's before and after as JSON).
/// The file a batch came from is the same path on both sides.
fn rows(db: &Path) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|table| {
            let columns: Vec<String> = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .unwrap()
                .query_map([], |r| r.get::<_, String>(0))
                .unwrap()
                .filter_map(Result::ok)
                .filter(|c| !c.ends_with("_at"))
                .collect();
            let sql = format!("SELECT {} FROM {table}", columns.join(", "));
            let mut statement = conn.prepare(&sql).unwrap();
            let mut values: Vec<String> = statement
                .query_map([], |row| {
                    Ok((0..columns.len())
                        .map(|i| without_times(row.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            values.sort();
            (table, values)
        })
        .collect()
}

/// One stored value as text; a JSON object loses its `*_at` keys.
fn without_times(value: rusqlite::types::ValueRef<'_>) -> String {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Blob(b) => format!("{b:?}"),
        ValueRef::Text(t) => {
            let text = String::from_utf8_lossy(t);
            match serde_json::from_str::<Value>(&text) {
                Ok(Value::Object(mut object)) => {
                    object.retain(|key, _| !key.ends_with("_at"));
                    Value::Object(object).to_string()
                }
                _ => format!("'{text}'"),
            }
        }
    }
}

#[test]
fn the_cli_and_the_app_leave_the_same_rows() {
    let cli = Cli::embedded();
    through_cli(&cli);
    let dir = tempfile::tempdir().unwrap();
    let app_db = dir.path().join("app.db");
    through_ipc(&Ipc::open(&app_db));

    let by_cli = rows(&cli.db_path());
    let by_app = rows(&app_db);
    assert_eq!(
        by_cli.iter().map(|(t, _)| t).collect::<Vec<_>>(),
        by_app.iter().map(|(t, _)| t).collect::<Vec<_>>()
    );
    let trades = by_cli
        .iter()
        .find(|(t, _)| t == "trade_row")
        .map(|(_, r)| r.len());
    assert!(trades > Some(10), "the bills were imported: {trades:?}");
    for ((table, cli_rows), (_, app_rows)) in by_cli.iter().zip(&by_app) {
        assert_eq!(
            cli_rows, app_rows,
            "table {table} differs between the CLI and the app"
        );
    }
}
