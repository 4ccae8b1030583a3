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

/// `backup create` and `backup restore` on the store of the run: on a team database the backup
/// is PostgreSQL's dump (`.dump`) in this computer's data folder and the restore is refused
/// with the file named for IT, leaving the data as it is; on a file both work.
#[test]
fn a_backup_of_the_runs_store_is_made_and_a_team_restore_is_left_to_it() {
    let cli = Cli::new();
    let team = cli.location().to_string_lossy().starts_with("postgres");
    cli.ok(&["store", "add", "--name", "优衣库"]);
    let made = cli.json(&["backup", "create", "--json"]);
    let path = made["path"].as_str().unwrap();
    assert!(std::path::Path::new(path).is_file(), "{made}");
    assert_eq!(path.ends_with(".dump"), team, "{made}");
    assert!(made["bytes"].as_u64().unwrap() > 0);
    let listed = cli.json(&["backup", "list", "--json"]);
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["file"] == made["file"]));
    cli.ok(&["store", "add", "--name", "丝芙兰"]);
    let out = cli.run(&["backup", "restore", made["file"].as_str().unwrap()]);
    let stores = cli.json(&["store", "list", "--json"]);
    if team {
        assert!(!out.status.success());
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("restored on its server by IT") && said.contains(path),
            "{said}"
        );
        assert_eq!(stores.as_array().unwrap().len(), 2, "nothing was replaced");
    } else {
        assert!(out.status.success());
        assert_eq!(stores.as_array().unwrap().len(), 1, "the backup came back");
    }
}
