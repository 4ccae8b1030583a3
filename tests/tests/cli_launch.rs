//! Black-box tests of `promodesk campaign check|launch|project` and `promodesk as-of`.

use promodesk_tests::Cli;

/// The demo's 2027 3.8 campaign (id 2): a draft with WeChat, Alipay, UnionPay and member offers.
fn demo() -> Cli {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    cli
}

#[test]
fn check_reports_items_and_launch_follows_it() {
    let cli = demo();
    let list = cli.json(&["campaign", "check", "2", "--json"]);
    assert_eq!(list["ready"], true, "{list}");
    let items = list["items"].as_array().unwrap();
    assert!(items
        .iter()
        .all(|i| i["id"].is_string() && i["message"].is_string()));
    assert!(items
        .iter()
        .any(|i| i["id"] == "coupons.valid" && i["status"] == "pass"));

    // A target store without its WeChat merchant id blocks the WeChat coupon: launch refused.
    let campaign = cli.json(&["campaign", "show", "2", "--json"]);
    let target = match campaign["store_ids"][0].as_i64() {
        Some(id) => id.to_string(),
        None => "1".to_string(),
    };
    let store = cli.json(&["store", "show", &target, "--json"]);
    let name = store["name"].as_str().unwrap().to_string();
    let wechat_id = store["merchant_ids"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["provider"] == "wechat_pay" && a["kind"] == "sub_mch_id")
        .and_then(|a| a["merchant_id"].as_str())
        .unwrap()
        .to_string();
    cli.ok(&["store", "edit", &target, "--wechat-sub-mch-id", ""]);
    let out = cli.run(&["campaign", "check", "2", "--json"]);
    assert!(!out.status.success(), "check exits 1 when not ready");
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list["ready"], false);
    let out = cli.run(&["campaign", "launch", "2"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("campaign launch: ") && stderr.contains(&name),
        "{stderr}"
    );
    assert_eq!(
        cli.json(&["campaign", "show", "2", "--json"])["status"],
        "draft"
    );

    cli.ok(&["store", "edit", &target, "--wechat-sub-mch-id", &wechat_id]);
    let launched = cli.json(&["campaign", "launch", "2", "--json"]);
    assert_eq!(launched["status"], "scheduled");
    let shown = cli.json(&["campaign", "show", "2", "--json"]);
    let last = shown["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["to"], "scheduled");
    assert!(!last["by"].as_str().unwrap().is_empty());
}

#[test]
fn project_takes_rates_and_prints_figures_to_the_cent() {
    let cli = demo();
    let p = cli.json(&[
        "campaign",
        "project",
        "2",
        "--take-up",
        "30",
        "--redeem",
        "50",
        "--ticket",
        "250",
        "--json",
    ]);
    let total = &p["projection"]["total"];
    // 满200减30 on WeChat and Alipay (1,000 each): 150 redemptions × ¥30 each = ¥4,500 per wallet.
    let wechat = &p["projection"]["coupons"][0];
    assert_eq!(wechat["redemptions"], 150);
    assert_eq!(wechat["discount"], "4500.00");
    assert_eq!(wechat["gmv"], "37500.00");
    assert!(total["net"].as_str().unwrap().contains('.'));
    let out = cli.run(&["campaign", "project", "2", "--take-up", "120"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("percent between 0 and 100"));
}

#[test]
fn as_of_lists_what_is_live_then() {
    let cli = demo();
    cli.ok(&["campaign", "launch", "2"]);
    let view = cli.json(&["as-of", "2027-03-07 12:00", "--json"]);
    let c = view["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == 2)
        .unwrap()
        .clone();
    assert_eq!(c["status"], "live");
    assert!(view["coupons"].as_array().unwrap().len() >= 3, "{view}");
}
