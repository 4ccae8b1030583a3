//! Dashboard queries against a database prepared by `scripts/bench-stats.sh` (1,000,000 trades
//! and a 3.8 campaign): prints `name median_ms` per query, one per line, for the script's table.
//! Run through `make bench-stats`, which also measures the sqlite3 baseline.

use std::time::Instant;

use promodesk_core::stats::{self, GroupBy, Scope};
use promodesk_core::Db;

/// Median, fastest and slowest of `runs` timings, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut()) -> (f64, f64, f64) {
    f(); // warm the page cache like a dashboard that has been open a moment
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[0], times[times.len() - 1])
}

fn main() {
    let path =
        std::env::var("PROMODESK_BENCH_DB").expect("PROMODESK_BENCH_DB: the prepared database");
    let campaign: i64 = std::env::var("PROMODESK_BENCH_CAMPAIGN")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(1);
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15);
    // A file, or a team database's URL (scripts/bench-team.sh).
    let location = promodesk_core::db::Location::resolve(Some(std::path::Path::new(&path)))
        .expect("the bench database");
    let db = Db::open_at(&location).expect("open the bench database");
    let of_campaign = Scope {
        campaign: Some(campaign),
        ..Default::default()
    };
    let range = Scope {
        from: Some("2027-03-01".into()),
        to: Some("2027-03-31".into()),
        ..Default::default()
    };
    let total = stats::kpis(&db, &of_campaign).expect("kpis");
    eprintln!(
        "campaign trades: {} payments, {} refunds",
        total.trades, total.refunds
    );
    let report = |name: &str, f: &mut dyn FnMut()| {
        let (median, min, max) = median_ms(runs, f);
        println!("{name} {median:.3} {min:.2}-{max:.2}");
    };
    report("kpis(campaign)", &mut || {
        stats::kpis(&db, &of_campaign).unwrap();
    });
    report("kpis(range)", &mut || {
        stats::kpis(&db, &range).unwrap();
    });
    for (name, by) in [
        ("by_provider", GroupBy::Provider),
        ("by_store", GroupBy::Store),
        ("by_day", GroupBy::Day),
        ("by_hour", GroupBy::Hour),
        ("by_coupon", GroupBy::Coupon),
    ] {
        report(name, &mut || {
            stats::grouped(&db, &of_campaign, by).unwrap();
        });
    }
    report("campaign_cost", &mut || {
        stats::campaign_cost(&db, campaign).unwrap();
    });
    report("uplift", &mut || {
        stats::uplift(&db, campaign).unwrap();
    });
}
