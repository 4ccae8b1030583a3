//! Black-box tests of `promodesk backup`.

use promodesk_tests::Cli;

#[test]
fn backups_are_made_daily_by_hand_and_restore_the_data() {
    let cli = Cli::embedded();
    cli.ok(&["store", "add", "--name", "优衣库"]);
    // The first command of the day made the daily backup.
    let list = cli.json(&["backup", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["reason"], "daily");
    let manual = cli.json(&["backup", "create", "--json"]);
    assert_eq!(manual["reason"], "manual");
    cli.ok(&["store", "add", "--name", "丝芙兰"]);
    cli.ok(&["backup", "restore", manual["file"].as_str().unwrap()]);
    let stores = cli.json(&["store", "list", "--json"]);
    assert_eq!(stores.as_array().unwrap().len(), 1);
    assert_eq!(cli.ok(&["backup", "check"]).trim(), "ok");
    let out = cli.run(&["backup", "restore", "promodesk-nope.db"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
    let out = cli.run(&["backup", "keep", "0"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("between 1 and 365"));
}
