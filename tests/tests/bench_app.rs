//! Benchmark, not a test: the app's start-up time to an interactive window and the idle memory
//! of its whole process tree (app + WebKit processes), on an empty database and on the database
//! of `scripts/bench-db.sh` (1,000,000 trades) given as `PROMODESK_BENCH_DB`. Prints
//! `name value` lines for `scripts/bench.sh`. Run through `scripts/e2e.sh` (needs a display).

use std::time::{Duration, Instant};

use promodesk_tests::app::App;

/// Resident memory (KiB) of `pid` and all its descendants, from /proc.
fn tree_rss(pid: u32) -> u64 {
    let mut total = 0;
    let mut stack = vec![pid];
    let all: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|p| {
            let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).ok()?;
            let after = stat.rsplit_once(')')?.1;
            let ppid = after.split_whitespace().nth(1)?.parse().ok()?;
            Some((p, ppid))
        })
        .collect();
    while let Some(p) = stack.pop() {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{p}/status")) {
            total += status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .unwrap_or(0);
        }
        stack.extend(
            all.iter()
                .filter(|(_, parent)| *parent == p)
                .map(|(child, _)| *child),
        );
    }
    total
}

/// The newest running process whose command is the app binary.
fn app_pid() -> Option<u32> {
    let bin = promodesk_tests::app::app_binary();
    let name = bin.file_name()?.to_str()?.to_string();
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|p| {
            std::fs::read_to_string(format!("/proc/{p}/comm"))
                .is_ok_and(|c| name.starts_with(c.trim()))
        })
        .max()
}

async fn measure(label: &str, source: Option<&std::path::Path>) {
    let mut starts = Vec::new();
    let mut memory = 0;
    for run in 0..3 {
        let started = Instant::now();
        let app = App::start_with(|db| {
            if let Some(src) = source {
                std::fs::copy(src, db).expect("copy the bench database");
            }
        })
        .await;
        starts.push(started.elapsed().as_secs_f64());
        if run == 0 {
            tokio::time::sleep(Duration::from_secs(3)).await;
            memory = app_pid().map_or(0, tree_rss);
        }
        app.close().await;
    }
    starts.sort_by(f64::total_cmp);
    println!("startup_{label} {:.3}", starts[1]);
    println!("memory_{label} {memory}");
}

#[tokio::test]
#[ignore = "a benchmark: run through scripts/bench.sh"]
async fn app_start_up_and_idle_memory() {
    measure("empty", None).await;
    let db = std::env::var_os("PROMODESK_BENCH_DB").map(std::path::PathBuf::from);
    measure("loaded", db.as_deref()).await;
}
