//! Black-box tests of the `promodesk` binary on a temporary database.

use promodesk_tests::Cli;

#[test]
fn demo_then_list_shows_the_womens_day_campaign_in_the_mall_zone() {
    let cli = Cli::new();
    let out = cli.ok(&["demo"]);
    assert!(out.contains("8 stores"), "{out}");
    let list = cli.json(&["campaign", "list", "--json"]);
    let campaigns = list.as_array().unwrap();
    assert_eq!(campaigns.len(), 6);
    let w = campaigns
        .iter()
        .find(|c| c["festival"] == "womens-day" && c["status"] == "draft")
        .expect("the coming 3.8 campaign");
    assert!(w["name"].as_str().unwrap().ends_with("3.8 女神节"));
    assert!(w["start"]
        .as_str()
        .unwrap()
        .ends_with("-03-06T00:00:00+08:00"));
    assert!(w["end"]
        .as_str()
        .unwrap()
        .ends_with("-03-09T23:59:59+08:00"));
    assert_eq!(w["budget"], "120000.00");
    let stores = cli.json(&["store", "list", "--json"]);
    assert_eq!(stores.as_array().unwrap().len(), 8);
}

#[test]
fn add_then_list_json_round_trips_every_field() {
    let cli = Cli::new();
    let store = cli.json(&[
        "store",
        "add",
        "--name",
        "优衣库",
        "--floor",
        "L2",
        "--category",
        "服饰",
        "--wechat-sub-mch-id",
        "1900012301",
        "--alipay-store-id",
        "BJ_001",
        "--json",
    ]);
    let sid = store["id"].as_i64().unwrap().to_string();
    let added = cli.json(&[
        "campaign",
        "add",
        "--name",
        "2027 3.8 女神节",
        "--start",
        "2027-03-06",
        "--end",
        "2027-03-09",
        "--budget",
        "1234.5",
        "--festival",
        "womens-day",
        "--store",
        &sid,
        "--description",
        "<p>满200减30</p>",
        "--json",
    ]);
    let list = cli.json(&["campaign", "list", "--json"]);
    assert_eq!(list[0], added);
    assert_eq!(added["budget"], "1234.50");
    assert_eq!(added["end"], "2027-03-09T23:59:59+08:00");
    assert_eq!(added["description"], "<p>满200减30</p>");
    assert_eq!(added["store_ids"], serde_json::json!([store["id"]]));
    assert_eq!(added["status"], "draft");
}

#[test]
fn end_before_start_is_refused_with_the_dates_and_nothing_is_written() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let before = cli.snapshot();
    let out = cli.run(&[
        "campaign",
        "add",
        "--name",
        "x",
        "--start",
        "2026-03-08",
        "--end",
        "2026-03-01",
        "--budget",
        "10",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "campaign add: end 2026-03-01 is before start 2026-03-08; the end must be on or after the start"
    );
    assert_eq!(cli.snapshot(), before);
}

#[test]
fn bad_budget_unknown_store_and_illegal_status_are_refused() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let before = cli.snapshot();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "campaign",
                "add",
                "--name",
                "x",
                "--start",
                "2026-03-08",
                "--end",
                "2026-03-09",
                "--budget",
                "-5",
            ],
            "budget -5 is negative",
        ),
        (
            &[
                "campaign",
                "add",
                "--name",
                "x",
                "--start",
                "2026-03-08",
                "--end",
                "2026-03-09",
                "--budget",
                "1.234",
            ],
            "more than 2 decimals",
        ),
        (
            &[
                "campaign",
                "add",
                "--name",
                "x",
                "--start",
                "2026-03-08",
                "--end",
                "2026-03-09",
                "--budget",
                "1",
                "--store",
                "999",
            ],
            "store 999 does not exist",
        ),
        (
            &["campaign", "set-status", "1", "live"],
            "cannot go from ended to live",
        ),
        (
            &["store", "remove", "1"],
            "remove it from those campaigns first",
        ),
        (&["demo"], "use --force"),
        (&["campaign", "show", "999"], "campaign 999 does not exist"),
    ];
    for (args, expected) in cases {
        let out = cli.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    assert_eq!(cli.snapshot(), before);
}

#[test]
fn messages_follow_the_language_setting() {
    let cli = Cli::new();
    let out = std::process::Command::new(promodesk_tests::cli_binary())
        .args([
            "--db",
            cli.db_path().to_str().unwrap(),
            "campaign",
            "add",
            "--name",
            "x",
        ])
        .args([
            "--start",
            "2026-03-08",
            "--end",
            "2026-03-01",
            "--budget",
            "1",
        ])
        .env("PROMODESK_LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("结束时间 2026-03-01 早于开始时间 2026-03-08"),
        "{stderr}"
    );
}

#[test]
fn the_database_can_come_from_the_environment() {
    let cli = Cli::new();
    let out = std::process::Command::new(promodesk_tests::cli_binary())
        .args(["mall", "show", "--json"])
        .env("PROMODESK_DB", cli.db_path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(cli.db_path().exists());
    let mall: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(mall["time_zone"], "Asia/Shanghai");
}

#[test]
fn edit_set_status_and_remove_work_end_to_end() {
    let cli = Cli::new();
    let c = cli.json(&[
        "campaign",
        "add",
        "--name",
        "a",
        "--start",
        "2027-01-01",
        "--end",
        "2027-01-02",
        "--budget",
        "0",
        "--json",
    ]);
    let id = c["id"].as_i64().unwrap().to_string();
    let e = cli.json(&[
        "campaign",
        "edit",
        &id,
        "--budget",
        "99.9",
        "--end",
        "2027-01-05 18:00",
        "--json",
    ]);
    assert_eq!(e["budget"], "99.90");
    assert_eq!(e["end"], "2027-01-05T18:00:00+08:00");
    assert_eq!(e["name"], "a");
    let s = cli.json(&["campaign", "set-status", &id, "scheduled", "--json"]);
    assert_eq!(s["status"], "scheduled");
    let shown = cli.json(&["campaign", "show", &id, "--json"]);
    assert_eq!(shown["history"].as_array().unwrap().len(), 2);
    assert_eq!(shown["history"][1]["to"], "scheduled");
    cli.ok(&["campaign", "remove", &id]);
    assert_eq!(
        cli.json(&["campaign", "list", "--json"]),
        serde_json::json!([])
    );
}

#[test]
fn provider_settings_can_be_changed() {
    let cli = Cli::new();
    let p = cli.json(&[
        "provider",
        "set",
        "alipay",
        "--fee-rate",
        "0.38%",
        "--settlement-days",
        "0",
        "--json",
    ]);
    assert_eq!(p["fee_rate"], "0.38");
    let all = cli.json(&["provider", "list", "--json"]);
    let keys: Vec<_> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["provider"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "wechat_pay",
            "alipay",
            "unionpay",
            "bank_card",
            "member_card"
        ]
    );
    let out = cli.run(&["provider", "set", "alipay", "--fee-rate", "abc"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("fee rate 'abc' is not a number"));
}

#[test]
fn festival_list_gives_lunar_dates_for_2027() {
    let cli = Cli::new();
    let days = cli.json(&["festival", "list", "--year", "2027", "--json"]);
    let date = |id: &str| {
        days.as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .unwrap_or_else(|| panic!("{id} missing"))
            .clone()
    };
    assert_eq!(date("spring-festival")["date"], "2027-02-06");
    assert_eq!(date("spring-festival")["name_zh"], "春节");
    assert_eq!(date("spring-festival")["kind"], "lunar");
    assert_eq!(date("mid-autumn")["date"], "2027-09-15");
    assert_eq!(date("womens-day")["kind"], "fixed");
    assert_eq!(date("mothers-day")["kind"], "rule");
    assert_eq!(date("qingming")["kind"], "solar-term");
    let out = cli.run(&["festival", "list", "--year", "1800"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1901 to 2100"));
}

#[test]
fn a_campaign_from_a_festival_then_cloned_to_next_year_moves_with_the_moon() {
    let cli = Cli::new();
    let c = cli.json(&[
        "campaign",
        "add",
        "--festival",
        "mid-autumn",
        "--year",
        "2026",
        "--budget",
        "5000",
        "--json",
    ]);
    assert_eq!(c["name"], "2026 中秋节");
    assert_eq!(c["start"], "2026-09-23T00:00:00+08:00");
    let id = c["id"].as_i64().unwrap().to_string();
    let next = cli.json(&["campaign", "clone", &id, "--to-year", "2027", "--json"]);
    assert_eq!(next["name"], "2027 中秋节");
    assert_eq!(next["start"], "2027-09-13T00:00:00+08:00");
    assert_eq!(next["end"], "2027-09-16T23:59:59+08:00");
    assert_eq!(next["budget"], "5000.00");
    assert_eq!(next["status"], "draft");
}

#[test]
fn conflicts_list_overlaps_on_the_same_store() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    // The demo's 3.8 campaign targets store 1; a whole-mall flash sale on 3-08 overlaps it.
    let demo = cli.json(&[
        "campaign",
        "list",
        "--festival",
        "womens-day",
        "--status",
        "draft",
        "--json",
    ]);
    let start = demo[0]["start"].as_str().unwrap()[..10].to_string();
    let flash = cli.json(&[
        "campaign", "add", "--name", "快闪", "--start", &start, "--end", &start, "--budget", "1",
        "--json",
    ]);
    let found = cli.json(&["campaign", "conflicts", "--json"]);
    let pair = found
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["second_id"] == flash["id"] || c["first_id"] == flash["id"])
        .expect("the flash sale conflicts");
    assert_eq!(pair["store_ids"], demo[0]["store_ids"]);
    assert_eq!(pair["from"], format!("{start}T00:00:00+08:00"));
}

#[test]
fn the_clock_ends_campaigns_whose_time_has_passed() {
    let cli = Cli::new();
    let c = cli.json(&[
        "campaign",
        "add",
        "--name",
        "old",
        "--start",
        "2020-03-06",
        "--end",
        "2020-03-09",
        "--budget",
        "1",
        "--json",
    ]);
    let id = c["id"].as_i64().unwrap().to_string();
    cli.ok(&["campaign", "set-status", &id, "scheduled"]);
    let shown = cli.json(&["campaign", "show", &id, "--json"]);
    assert_eq!(shown["status"], "ended");
    let steps: Vec<_> = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["to"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(steps, ["draft", "scheduled", "live", "ended"]);
    assert_eq!(shown["history"][3]["by"], "system");
}

#[test]
fn budget_split_per_provider_is_checked_against_the_total() {
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
        "1000",
        "--json",
    ]);
    let id = c["id"].as_i64().unwrap().to_string();
    let plan = cli.json(&[
        "campaign",
        "budget",
        &id,
        "--set",
        "wechat_pay=600",
        "--set",
        "alipay=300",
        "--json",
    ]);
    assert_eq!(plan["unallocated"], "100.00");
    let out = cli.run(&["campaign", "budget", &id, "--set", "unionpay=200"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("more than the campaign budget"));
}

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

fn bill(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/bills")
        .join(name)
        .display()
        .to_string()
}

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
