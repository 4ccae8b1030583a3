//! A busy database stops nobody: while a large bill imports (one write transaction of several
//! seconds), reads from another process and from the app's other screens answer at once, and
//! a write waits its turn — saying what for — instead of failing with "database is locked".
//! The times printed are the figures of the closing note; nothing here asserts a duration,
//! only the order of events.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use promodesk_tests::{cli_binary, Cli};
use serde_json::json;

mod support;
use support::Ipc;

/// Rows of the generated bill: the import takes several seconds in a debug build.
const ROWS: &str = "200000";

fn big_bill(dir: &Path) -> PathBuf {
    let bill = dir.join("big-bill.csv");
    let made = Command::new(env!("CARGO_BIN_EXE_gen_wechat_bill"))
        .arg(ROWS)
        .arg(&bill)
        .status()
        .expect("run the bill generator");
    assert!(made.success());
    bill
}

fn activity_file(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}.activity", db.display()))
}

/// Waits until the import running on `db` has recorded itself and taken the write lock.
fn until_importing(db: &Path) {
    let started = Instant::now();
    while !activity_file(db).exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the import never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Reading the first rows and opening the transaction follow the activity file closely.
    std::thread::sleep(Duration::from_millis(300));
}

fn import_in_background(cli: &Cli, bill: &Path) -> Child {
    Command::new(cli_binary())
        .arg("--db")
        .arg(cli.db_path())
        .arg("import")
        .arg(bill)
        .env("PROMODESK_LANG", "en")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the import")
}

fn timed(f: impl FnOnce() -> std::process::Output) -> (std::process::Output, Duration) {
    let started = Instant::now();
    let out = f();
    (out, started.elapsed())
}

#[test]
fn another_process_reads_during_an_import_and_its_write_waits_its_turn() {
    let cli = Cli::embedded();
    cli.ok(&["demo"]);
    // A campaign whose start has passed while scheduled: reading it wants to move it to live,
    // which needs the write lock the import holds; the read must not wait for that.
    let conn = rusqlite::Connection::open(cli.db_path()).unwrap();
    conn.execute(
        "UPDATE campaign SET status = 'scheduled', starts_at = unixepoch() - 60, ends_at = unixepoch() + 86400 WHERE id = (SELECT min(id) FROM campaign WHERE status = 'draft')",
        [],
    )
    .unwrap();
    drop(conn);
    let dir = tempfile::tempdir().unwrap();
    let bill = big_bill(dir.path());
    let mut import = import_in_background(&cli, &bill);
    until_importing(&cli.db_path());

    let (list, list_took) = timed(|| cli.run(&["campaign", "list", "--json"]));
    let (stats, stats_took) = timed(|| cli.run(&["stats", "--json"]));
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    assert!(
        stats.status.success(),
        "{}",
        String::from_utf8_lossy(&stats.stderr)
    );
    assert!(
        import.try_wait().unwrap().is_none(),
        "the reads answered only after the import ended"
    );
    let (add, add_took) = timed(|| {
        cli.run(&[
            "campaign",
            "add",
            "--name",
            "周末快闪",
            "--start",
            "2027-05-01",
            "--end",
            "2027-05-02",
            "--budget",
            "1000",
        ])
    });
    let add_err = String::from_utf8_lossy(&add.stderr).to_string();
    assert!(add.status.success(), "the write failed: {add_err}");
    assert!(
        add_err.contains("Waiting for the import of big-bill.csv"),
        "the waiting write did not say what for: {add_err}"
    );
    let imported = import.wait_with_output().unwrap();
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    assert!(
        !activity_file(&cli.db_path()).exists(),
        "the activity file was left behind"
    );
    let trades: i64 = rusqlite::Connection::open(cli.db_path())
        .unwrap()
        .query_row("SELECT count(*) FROM trade_row", [], |r| r.get(0))
        .unwrap();
    assert!(trades >= 200_000, "{trades}");
    eprintln!(
        "during a {ROWS}-row import: campaign list {list_took:?}, stats {stats_took:?}, a write waited {add_took:?}"
    );
}

#[test]
fn the_apps_screens_answer_while_it_imports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("app.db");
    let bill = big_bill(dir.path());
    let ipc = Ipc::open(&db);
    ipc.call("demo_load", json!({}));
    let importing = {
        let ipc = ipc.caller();
        let bill = bill.display().to_string();
        std::thread::spawn(move || ipc.call("import_files", json!({"paths": [bill]})))
    };
    until_importing(&db);
    let started = Instant::now();
    let kpis = ipc.call(
        "stats_kpis",
        json!({"scope": {"campaign": null, "from": null, "to": null}}),
    );
    let stats_took = started.elapsed();
    let campaigns = ipc.call("campaign_list", json!({"filter": {}}));
    let list_took = started.elapsed() - stats_took;
    assert!(
        !importing.is_finished(),
        "the Statistics and Campaigns commands answered only after the import"
    );
    assert!(kpis["trades"].is_number());
    assert!(!campaigns.as_array().unwrap().is_empty());
    let outcomes = importing.join().unwrap();
    assert!(outcomes[0]["error"].is_null(), "{outcomes}");
    eprintln!(
        "during an import in the app: statistics {stats_took:?}, campaign list {list_took:?}"
    );
}
