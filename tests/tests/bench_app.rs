//! Benchmark, not a test: the app's start-up time to an interactive window and the idle memory
//! of its whole process tree (app + WebKit processes, RSS and PSS — PSS shares the libraries
//! both count fairly), on an empty database, on the database of `scripts/bench-db.sh` given as
//! `PROMODESK_BENCH_DB`, and — the floor — of an empty Tauri app (`bench/empty-app`, built by
//! `scripts/bench.sh` with the same profile) given as `PROMODESK_EMPTY_APP_BIN`. Each start-up
//! time is the median of 3 starts, printed with its spread. Prints `name value` lines for
//! `scripts/bench.sh`. Run through `scripts/e2e.sh` (needs a display).

use std::time::{Duration, Instant};

use promodesk_tests::app::App;

/// Resident and proportional memory (KiB) of `pid` and all its descendants, from /proc.
fn tree_memory(pid: u32) -> (u64, u64) {
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
    let mut pss = 0;
    let field = |text: &str, name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
            .unwrap_or(0)
    };
    while let Some(p) = stack.pop() {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{p}/status")) {
            total += field(&status, "VmRSS:");
        }
        if let Ok(rollup) = std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")) {
            pss += field(&rollup, "Pss:");
        }
        stack.extend(
            all.iter()
                .filter(|(_, parent)| *parent == p)
                .map(|(child, _)| *child),
        );
    }
    (total, pss)
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
    let mut memory = (0, 0);
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
            memory = app_pid().map_or((0, 0), tree_memory);
        }
        app.close().await;
    }
    starts.sort_by(f64::total_cmp);
    println!("startup_{label} {:.3}", starts[1]);
    println!("startupspread_{label} {:.3}-{:.3}", starts[0], starts[2]);
    println!("memory_{label} {}", memory.0);
    println!("pss_{label} {}", memory.1);
}

#[tokio::test]
#[ignore = "a benchmark: run through scripts/bench.sh"]
async fn app_start_up_and_idle_memory() {
    if let Some(empty_app) = std::env::var_os("PROMODESK_EMPTY_APP_BIN") {
        let app = std::env::var_os("PROMODESK_APP_BIN");
        // The harness starts whatever PROMODESK_APP_BIN names (it ignores `--db`).
        std::env::set_var("PROMODESK_APP_BIN", empty_app);
        measure("tauri", None).await;
        if let Some(app) = app {
            std::env::set_var("PROMODESK_APP_BIN", app);
        }
    }
    measure("empty", None).await;
    let db = std::env::var_os("PROMODESK_BENCH_DB").map(std::path::PathBuf::from);
    measure("loaded", db.as_deref()).await;
}
