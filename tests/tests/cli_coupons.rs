//! Black-box tests of coupons: demo coupons, payloads, provider rules through the CLI.

use promodesk_tests::Cli;

fn womens_day_id(cli: &Cli) -> String {
    let list = cli.json(&[
        "campaign",
        "list",
        "--festival",
        "womens-day",
        "--status",
        "draft",
        "--json",
    ]);
    list[0]["id"].as_i64().unwrap().to_string()
}

#[test]
fn the_demo_womens_day_campaign_has_valid_coupons_on_four_channels() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let id = womens_day_id(&cli);
    let coupons = cli.json(&["coupon", "list", "--campaign", &id, "--json"]);
    let providers: Vec<_> = coupons
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["provider"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        providers,
        ["wechat_pay", "alipay", "unionpay", "member_card"]
    );
    for c in coupons.as_array().unwrap() {
        let cid = c["id"].as_i64().unwrap().to_string();
        let v = cli.json(&["coupon", "validate", &cid, "--json"]);
        assert_eq!(v, serde_json::json!({"ok": true, "problems": []}));
    }
    assert_eq!(
        coupons[0]["offer_id"], coupons[1]["offer_id"],
        "WeChat and Alipay are one offer"
    );
}

#[test]
fn a_wechat_cash_coupon_exports_fen_amounts() {
    let cli = Cli::new();
    let c = cli.json(&[
        "campaign",
        "add",
        "--name",
        "x",
        "--start",
        "2027-03-06",
        "--end",
        "2027-03-09",
        "--budget",
        "100000",
        "--json",
    ]);
    let campaign = c["id"].as_i64().unwrap().to_string();
    let added = cli.json(&[
        "coupon",
        "add",
        "--campaign",
        &campaign,
        "--product",
        "wechat_cash",
        "--name",
        "满200减30",
        "--face",
        "30",
        "--threshold",
        "200",
        "--quantity",
        "1000",
        "--per-user",
        "1",
        "--json",
    ]);
    let id = added[0]["id"].as_i64().unwrap().to_string();
    let spec = cli.json(&["coupon", "export-spec", &id]);
    assert_eq!(
        spec["coupon_use_rule"]["fixed_normal_coupon"]["coupon_amount"],
        3000
    );
    assert_eq!(
        spec["coupon_use_rule"]["fixed_normal_coupon"]["transaction_minimum"],
        20000
    );
    assert_eq!(spec["stock_use_rule"]["max_coupons"], 1000);
}

#[test]
fn a_too_long_wechat_name_is_refused_for_the_whole_offer() {
    let cli = Cli::new();
    let c = cli.json(&[
        "campaign",
        "add",
        "--name",
        "x",
        "--start",
        "2027-03-06",
        "--end",
        "2027-03-09",
        "--budget",
        "100000",
        "--json",
    ]);
    let campaign = c["id"].as_i64().unwrap().to_string();
    let before = cli.snapshot();
    let out = cli.run(&[
        "coupon",
        "add",
        "--campaign",
        &campaign,
        "--product",
        "wechat_cash,alipay_voucher",
        "--name",
        "三八女神节全场满二百减卅",
        "--face",
        "30",
        "--threshold",
        "200",
        "--quantity",
        "10",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("12 Chinese characters") && stderr.contains("limit is 9"),
        "{stderr}"
    );
    assert_eq!(cli.snapshot(), before);
    let over = cli.run(&[
        "coupon",
        "add",
        "--campaign",
        &campaign,
        "--product",
        "member_card",
        "--name",
        "大额券",
        "--face",
        "500",
        "--threshold",
        "1000",
        "--quantity",
        "1000",
    ]);
    assert!(String::from_utf8_lossy(&over.stderr).contains("more than its budget"));
}
