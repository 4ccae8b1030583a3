//! Black-box tests of `promodesk team …` and `promodesk stats compare-plazas` on the local
//! database (the team database's side is tested in core/src/team/tests.rs against a server).

use promodesk_tests::{fixture_bill as bill, Cli};

#[test]
fn the_local_mall_is_the_one_plaza_and_its_comparison_has_one_column() {
    let cli = Cli::embedded();
    cli.ok(&[
        "campaign",
        "add",
        "--name",
        "周年庆",
        "--start",
        "2019-09-01",
        "--end",
        "2019-09-30",
        "--budget",
        "1000",
    ]);
    cli.json(&["import", &bill("alipay-trade-detail-gbk.csv"), "--json"]);
    let plazas = cli.json(&["team", "plazas", "--json"]);
    assert_eq!(plazas.as_array().unwrap().len(), 1);
    assert_eq!(plazas[0]["current"], true);

    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("对比.csv");
    let compared = cli.json(&[
        "stats",
        "compare-plazas",
        "--campaign",
        "周年庆",
        "--csv",
        csv.to_str().unwrap(),
        "--json",
    ]);
    let columns = compared["columns"].as_array().unwrap();
    assert_eq!(columns.len(), 1);
    let own = cli.json(&[
        "stats",
        "--campaign",
        &columns[0]["campaign_id"].to_string(),
        "--json",
    ]);
    assert_eq!(columns[0]["total"]["order"], own["order"]);
    assert_eq!(columns[0]["total"]["trades"], own["trades"]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("周年庆,合计,"), "{text}");
    assert!(text.contains("支付宝"), "{text}");

    // Adding a plaza, and pushing into a file, need a team database.
    let out = cli.run(&["team", "add-plaza", "朝阳店"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("team database"));
    let out = cli.run(&[
        "team",
        "push",
        "--to",
        dir.path().join("x.db").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
}
