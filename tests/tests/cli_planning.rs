//! Black-box tests of planning: festivals, festival drafts, clone, conflicts, clock, budgets.

use promodesk_tests::Cli;

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
fn the_clock_moves_a_launched_campaign_live_and_a_finished_one_cannot_launch() {
    let cli = Cli::new();
    let add = |name: &str, end: &str| {
        let c = cli.json(&[
            "campaign",
            "add",
            "--name",
            name,
            "--start",
            "2020-03-06",
            "--end",
            end,
            "--budget",
            "1",
            "--json",
        ]);
        c["id"].as_i64().unwrap().to_string()
    };
    // Started long ago, ends far ahead: the checklist only warns, and the clock makes it live.
    let running = add("running", "2099-12-31");
    cli.ok(&["campaign", "set-status", &running, "scheduled"]);
    let shown = cli.json(&["campaign", "show", &running, "--json"]);
    assert_eq!(shown["status"], "live");
    let steps: Vec<_> = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["to"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(steps, ["draft", "scheduled", "live"]);
    // Already over: launching is refused with the reason, and it stays a draft.
    let old = add("old", "2020-03-09");
    let out = cli.run(&["campaign", "set-status", &old, "scheduled"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already ended"));
    assert_eq!(
        cli.json(&["campaign", "show", &old, "--json"])["status"],
        "draft"
    );
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
