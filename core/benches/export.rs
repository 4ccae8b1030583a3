//! Report export on the database of `scripts/bench-db.sh` (1,000,000 trades in one campaign):
//! the full XLSX export against rust_xlsxwriter writing the same trade cells bare (same query,
//! constant memory, no formats, summary sheets or charts), and the PDF. Prints `name seconds`
//! lines for `scripts/bench-export.sh`.

use std::time::Instant;

use promodesk_core::report::{self, ReportFormat};
use promodesk_core::{Db, Lang};

fn main() {
    let path = std::env::var("PROMODESK_BENCH_DB").expect("PROMODESK_BENCH_DB");
    let campaign: i64 = std::env::var("PROMODESK_BENCH_CAMPAIGN")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(1);
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let db = Db::open(std::path::Path::new(&path)).expect("open");
    let dir = tempfile::tempdir().expect("temp dir");
    let median = |mut f: Box<dyn FnMut() + '_>| {
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .collect();
        times.sort_by(f64::total_cmp);
        format!(
            "{:.3} {:.2}-{:.2}",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        )
    };
    let xlsx = dir.path().join("report.xlsx");
    let ours = median(Box::new(|| {
        report::export(
            &db,
            campaign,
            ReportFormat::Xlsx,
            Lang::ZhCn,
            &xlsx,
            &mut |_| true,
        )
        .expect("export");
    }));
    println!("xlsx_export {ours}");
    eprintln!(
        "xlsx: {} MB",
        std::fs::metadata(&xlsx).map(|m| m.len() >> 20).unwrap_or(0)
    );
    let bare_path = dir.path().join("bare.xlsx");
    let bare = median(Box::new(|| {
        report::bench_support::bare_xlsx(&db, campaign, &bare_path).expect("bare")
    }));
    println!("xlsx_bare {bare}");
    let pdf = dir.path().join("report.pdf");
    let pdf_time = median(Box::new(|| {
        report::export(
            &db,
            campaign,
            ReportFormat::Pdf,
            Lang::ZhCn,
            &pdf,
            &mut |_| true,
        )
        .expect("pdf");
    }));
    println!("pdf_export {pdf_time}");
    eprintln!(
        "pdf: {} KB",
        std::fs::metadata(&pdf).map(|m| m.len() >> 10).unwrap_or(0)
    );
}
