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
    let cli = Cli::embedded();
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
    let cli = Cli::embedded();
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
