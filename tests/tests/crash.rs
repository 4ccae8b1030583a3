//! Crash safety: `promodesk import` is killed with SIGKILL at 20 moments spread over a large
//! import. After each kill the database passes SQLite's integrity check, holds either no batch or
//! the whole one (never part of a file), and a final re-import completes with the bill's totals.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use promodesk_tests::{cli_binary, Cli};

const ROWS: &str = "60000";
const KILLS: u32 = 20;

/// The moments to kill at: spread evenly over the import, with a jitter from the clock so every
/// run probes different instants (printed so a failure can be replayed).
fn moments(full: Duration) -> Vec<Duration> {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(7, |d| d.subsec_nanos() as u64);
    println!("crash test seed {seed}, full import {full:?}");
    let mut x = seed | 1;
    (0..KILLS)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let slot = full.as_secs_f64() / f64::from(KILLS);
            let jitter = (x % 1000) as f64 / 1000.0;
            Duration::from_secs_f64(slot * (f64::from(i) + jitter))
        })
        .collect()
}

fn batches(cli: &Cli) -> Vec<serde_json::Value> {
    cli.json(&["import", "history", "--json"])
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn sigkill_during_an_import_never_leaves_a_partial_batch() {
    let dir = tempfile::tempdir().unwrap();
    let bill = dir.path().join("bill.csv");
    let generated = Command::new(env!("CARGO_BIN_EXE_gen_wechat_bill"))
        .arg(ROWS)
        .arg(&bill)
        .status()
        .unwrap();
    assert!(generated.success());

    // How long a whole import takes here, on a throw-away database.
    let probe = Cli::embedded();
    let started = Instant::now();
    let expected = probe.json(&["import", bill.to_str().unwrap(), "--json"])[0].clone();
    let full = started.elapsed();
    assert_eq!(expected["reconciled"], true);

    let cli = Cli::embedded();
    cli.ok(&["mall", "show"]);
    let mut interrupted = 0;
    for at in moments(full) {
        let mut child = Command::new(cli_binary())
            .arg("--db")
            .arg(cli.db_path())
            .args(["import", bill.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        if !finished {
            interrupted += 1;
        }
        assert_eq!(
            cli.ok(&["backup", "check"]).trim(),
            "ok",
            "integrity after a kill at {at:?}"
        );
        let history = batches(&cli);
        assert!(history.len() <= 1, "{history:?}");
        let trades = cli.json(&["stats", "--json"]);
        let rows = trades["trades"].as_u64().unwrap() + trades["refunds"].as_u64().unwrap();
        match history.first() {
            None => assert_eq!(rows, 0, "trades without a batch after a kill at {at:?}"),
            Some(b) => {
                assert_eq!(
                    b["rows"], expected["rows"],
                    "a batch is always a whole file"
                );
                assert_eq!(rows, expected["rows"].as_u64().unwrap());
                // Imported completely once: start again from empty for the next kill.
                cli.ok(&["import", "undo", &b["batch_id"].to_string()]);
            }
        }
    }
    assert!(
        interrupted >= KILLS / 2,
        "most kills must land inside the import ({interrupted}/{KILLS})"
    );

    let last = cli.json(&["import", bill.to_str().unwrap(), "--json"])[0].clone();
    assert_eq!(last["inserted"], expected["rows"]);
    assert_eq!(last["totals"], expected["totals"]);
    let stats = cli.json(&["stats", "--by", "provider", "--json"]);
    let wechat = &stats["groups"][0];
    for field in ["order", "settlement", "coupon", "refund", "fee"] {
        assert_eq!(wechat[field], expected["totals"][field], "{field}");
    }
}
