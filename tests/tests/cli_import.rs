//! Black-box tests of bill imports: the samples, bad files, undo, generic mappings.

use promodesk_tests::{fixture_bill as bill, Cli};

#[test]
fn both_sample_bills_import_reconcile_and_reimport_as_no_ops() {
    let cli = Cli::new();
    let wechat = bill("wechatpay-tradebill-ALL.csv");
    let alipay = bill("alipay-trade-detail-gbk.csv");
    let out = cli.json(&["import", &wechat, &alipay, "--json"]);
    let w = &out[0];
    assert_eq!(w["format"], "wechat-trade");
    assert_eq!(
        (
            w["rows"].as_u64(),
            w["payments"].as_u64(),
            w["refunds"].as_u64()
        ),
        (Some(45), Some(31), Some(14))
    );
    assert_eq!(w["reconciled"], true);
    assert_eq!(w["totals"]["settlement"], "0.47");
    assert_eq!(w["totals"]["refund"], "0.14");
    assert_eq!(w["totals"]["fee"], "0.08");
    let a = &out[1];
    assert_eq!(a["format"], "alipay-trade");
    assert_eq!(
        (a["payments"].as_u64(), a["refunds"].as_u64()),
        (Some(6), Some(4))
    );
    assert_eq!(a["totals"]["refund"], "0.04");
    let again = cli.json(&["import", &wechat, "--json"]);
    assert_eq!(again[0]["inserted"], 0);
    assert_eq!(again[0]["duplicates"], 45);
    assert_eq!(again[0]["batch_id"], w["batch_id"]);
    let history = cli.json(&["import", "history", "--json"]);
    assert_eq!(history.as_array().unwrap().len(), 2);
}

#[test]
fn a_bad_file_is_refused_with_its_line_while_the_good_one_imports() {
    let cli = Cli::new();
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(bill("wechatpay-tradebill-ALL.csv")).unwrap();
    let broken = text.replacen("`2019-02-19 05:01:46", "`2019-13-45 05:01:46", 1);
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, broken).unwrap();
    let out = cli.run(&[
        "import",
        bad.to_str().unwrap(),
        &bill("alipay-trade-detail-gbk.csv"),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["error"]["code"], "import.bad_value");
    assert_eq!(json[0]["error"]["line"], 2);
    assert!(json[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("交易时间"));
    assert_eq!(json[1]["inserted"], 10);
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.csv"));
}

#[test]
fn undo_removes_a_batch() {
    let cli = Cli::new();
    let out = cli.json(&["import", &bill("wechatpay-tradebill-ALL.csv"), "--json"]);
    let id = out[0]["batch_id"].as_i64().unwrap().to_string();
    let msg = cli.ok(&["import", "undo", &id]);
    assert!(msg.contains("45 trades removed"), "{msg}");
    assert_eq!(
        cli.json(&["import", "history", "--json"]),
        serde_json::json!([])
    );
    let again = cli.json(&["import", &bill("wechatpay-tradebill-ALL.csv"), "--json"]);
    assert_eq!(again[0]["inserted"], 45);
}

#[test]
fn a_pos_export_imports_through_a_saved_mapping() {
    let cli = Cli::new();
    cli.ok(&[
        "import",
        "mapping",
        "add",
        "POS",
        "--provider",
        "member_card",
        "--time",
        "时间",
        "--trade-no",
        "单号",
        "--amount",
        "金额",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pos.csv");
    std::fs::write(
        &file,
        "单号,时间,金额\nA1,2027-03-07 10:00:00,120.50\nA2,2027-03-07 10:05:00,-20.50\n",
    )
    .unwrap();
    let out = cli.json(&[
        "import",
        file.to_str().unwrap(),
        "--mapping",
        "POS",
        "--json",
    ]);
    assert_eq!(out[0]["format"], "csv");
    assert_eq!(
        (out[0]["payments"].as_u64(), out[0]["refunds"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(out[0]["totals"]["order"], "120.50");
    assert_eq!(out[0]["totals"]["refund"], "20.50");
    let refused = cli.run(&["import", file.to_str().unwrap(), "--format", "csv"]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--mapping NAME"));
    let list = cli.json(&["import", "mapping", "list", "--json"]);
    assert_eq!(list[0]["provider"], "member_card");
}

#[test]
fn stats_by_provider_agree_with_the_import_totals_to_the_cent() {
    let cli = Cli::new();
    let imported = cli.json(&[
        "import",
        &bill("wechatpay-tradebill-ALL.csv"),
        &bill("alipay-trade-detail-gbk.csv"),
        "--json",
    ]);
    let stats = cli.json(&["stats", "--by", "provider", "--json"]);
    for (report, provider) in [(&imported[0], "wechat_pay"), (&imported[1], "alipay")] {
        let group = stats["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["key"] == serde_json::json!({"kind": "provider", "provider": provider}))
            .unwrap();
        for field in ["order", "settlement", "coupon", "refund", "fee"] {
            assert_eq!(group[field], report["totals"][field], "{provider} {field}");
        }
        assert_eq!(group["trades"], report["payments"]);
        assert_eq!(group["refunds"], report["refunds"]);
    }
    let total = cli.json(&["stats", "--json"]);
    assert_eq!(total["trades"], 37);
    let out = cli.run(&["stats", "--by", "week"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("provider, store, day, hour, coupon"));
}
