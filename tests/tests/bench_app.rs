//! Benchmark, not a test: the app's start-up time and the idle memory of its whole process tree
//! (app + WebKit processes, RSS and PSS — PSS shares the libraries both count fairly), on an
//! empty database, on the database of `scripts/bench-db.sh` given as `PROMODESK_BENCH_DB`, and —
//! the floor — of an empty Tauri app (`bench/empty-app`, built by `scripts/bench.sh` with the
//! same profile) given as `PROMODESK_EMPTY_APP_BIN`. Prints `name value` lines for
//! `scripts/bench.sh`. Run through `scripts/e2e.sh` (needs a display).
//!
//! **Start-up** is the time from launching the process (the WebDriver session request, which
//! starts it) until the first screen is interactive *with its data*: an element marked
//! `data-ready` is in the page. PromoDesk sets that mark on its home screen (工作台) in the same
//! update that shows the overview read from the database — not when the sidebar appears; the
//! empty app's static page carries it from the start. The database is copied into place before
//! the clock starts, and the page is looked at every 10 ms (WebDriver's usual 250 ms would round
//! every start up to a quarter second). Each time is the median of `BENCH_RUNS` starts (5 unless
//! set), printed with its spread; the three apps take turns, so a busy moment on the machine
//! falls on all of them alike.

use std::time::Duration;

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

/// How often the page is looked at while waiting for `data-ready`.
const POLL: Duration = Duration::from_millis(10);

/// One app to time: its binary, and the database copied into place before each start.
struct Subject {
    label: &'static str,
    bin: std::ffi::OsString,
    source: Option<std::path::PathBuf>,
    starts: Vec<f64>,
    /// (RSS, PSS) in KiB, idle, of the first [`MEMORY_RUNS`] starts.
    memory: Vec<(u64, u64)>,
}

/// Starts whose idle memory is measured (3 s after the data shows): the median of these.
const MEMORY_RUNS: usize = 3;

impl Subject {
    async fn start_once(&mut self, measure_memory: bool) {
        // The harness starts whatever PROMODESK_APP_BIN names (the empty app ignores `--db`).
        std::env::set_var("PROMODESK_APP_BIN", &self.bin);
        let source = self.source.clone();
        let (app, took) = App::start_timed(
            |db| {
                if let Some(src) = source {
                    std::fs::copy(src, db).expect("copy the bench database");
                    // On disk before the clock starts, so writing the copy back does not
                    // compete with the start being timed.
                    std::fs::File::open(db)
                        .and_then(|f| f.sync_all())
                        .expect("sync the copy");
                }
            },
            "[data-ready]",
            POLL,
        )
        .await;
        self.starts.push(took.as_secs_f64());
        if measure_memory {
            tokio::time::sleep(Duration::from_secs(3)).await;
            self.memory.push(app_pid().map_or((0, 0), tree_memory));
        }
        app.close().await;
    }

    fn report(mut self) {
        let label = self.label;
        self.starts.sort_by(f64::total_cmp);
        let runs: Vec<String> = self.starts.iter().map(|s| format!("{s:.3}")).collect();
        eprintln!("{label}: {}", runs.join(" "));
        println!("startup_{label} {:.3}", self.starts[self.starts.len() / 2]);
        println!(
            "startupspread_{label} {:.3}-{:.3}",
            self.starts[0],
            self.starts[self.starts.len() - 1]
        );
        let mut rss: Vec<u64> = self.memory.iter().map(|m| m.0).collect();
        let mut pss: Vec<u64> = self.memory.iter().map(|m| m.1).collect();
        rss.sort_unstable();
        pss.sort_unstable();
        println!("memory_{label} {}", rss[rss.len() / 2]);
        println!("pss_{label} {}", pss[pss.len() / 2]);
        println!(
            "pssspread_{label} {:.1}-{:.1}",
            pss[0] as f64 / 1024.0,
            pss[pss.len() - 1] as f64 / 1024.0
        );
    }
}

#[tokio::test]
#[ignore = "a benchmark: run through scripts/bench.sh"]
async fn app_start_up_and_idle_memory() {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let app = promodesk_tests::app::app_binary().into_os_string();
    let subject = |label, bin, source| Subject {
        label,
        bin,
        source,
        starts: Vec::new(),
        memory: Vec::new(),
    };
    let mut subjects = Vec::new();
    if let Some(empty_app) = std::env::var_os("PROMODESK_EMPTY_APP_BIN") {
        subjects.push(subject("tauri", empty_app, None));
    }
    subjects.push(subject("empty", app.clone(), None));
    if let Some(db) = std::env::var_os("PROMODESK_BENCH_DB") {
        subjects.push(subject("loaded", app, Some(db.into())));
    }
    for run in 0..runs {
        for s in &mut subjects {
            s.start_once(run < MEMORY_RUNS).await;
        }
    }
    for s in subjects {
        s.report();
    }
}
