//! `promodesk import FILE…` (the contract in the README), `import history`, `import undo`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use promodesk_core::import::{self, FormatChoice, ImportOptions};
use promodesk_core::{Db, Error};
use serde_json::json;

use crate::output;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub action: Option<ImportAction>,
    /// Bill files: WeChat Pay trade bills, Alipay 业务明细 (CSV or the ZIP Alipay ships).
    pub files: Vec<PathBuf>,
    /// auto, wechat-trade, alipay-trade or csv.
    #[arg(long, default_value = "auto")]
    pub format: String,
    /// A saved column mapping for generic CSV/XLSX exports.
    #[arg(long)]
    pub mapping: Option<String>,
    /// Keep a bill whose rows disagree with its own summary (marked unreconciled).
    #[arg(long)]
    pub accept_mismatch: bool,
    /// One JSON object per file on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImportAction {
    /// Every imported batch, newest first.
    History {
        #[arg(long)]
        json: bool,
    },
    /// Remove a batch and all the trades it brought in.
    Undo { batch_id: i64 },
    /// Merchant ids in bills that no store carries yet.
    Unmatched {
        #[arg(long)]
        json: bool,
    },
    /// Give a store the merchant id seen in bills (then trades are re-matched).
    Map {
        /// wechat_pay or alipay.
        provider: String,
        merchant_id: String,
        store_id: i64,
    },
}

impl ImportArgs {
    pub fn label(&self) -> &'static str {
        match self.action {
            None => "import",
            Some(ImportAction::History { .. }) => "import history",
            Some(ImportAction::Undo { .. }) => "import undo",
            Some(ImportAction::Unmatched { .. }) => "import unmatched",
            Some(ImportAction::Map { .. }) => "import map",
        }
    }
}

/// Returns whether every file imported (the exit status).
pub fn run(db: &mut Db, args: &ImportArgs) -> Result<bool, Error> {
    let lang = output::lang_from_env();
    match &args.action {
        Some(ImportAction::History { json }) => {
            let batches = import::history(db)?;
            if *json {
                output::json(&batches);
            } else {
                for b in &batches {
                    println!(
                        "{:>4}  {}  {:<12} {:>8} rows {:>8} new  {}  {}",
                        b.batch_id,
                        &b.imported_at[..16.min(b.imported_at.len())],
                        b.format,
                        b.rows,
                        b.inserted,
                        if b.reconciled {
                            "reconciled"
                        } else {
                            "NOT reconciled"
                        },
                        b.file
                    );
                }
            }
            return Ok(true);
        }
        Some(ImportAction::Undo { batch_id }) => {
            let removed = import::undo(db, *batch_id)?;
            println!("batch {batch_id} undone: {removed} trades removed");
            return Ok(true);
        }
        Some(ImportAction::Unmatched { json }) => {
            let list = import::unmatched_merchants(db)?;
            if *json {
                output::json(&list);
            } else {
                list.iter().for_each(|m| {
                    println!(
                        "{:<11} {:<24} {} trades",
                        m.provider, m.merchant_id, m.trades
                    )
                });
            }
            return Ok(true);
        }
        Some(ImportAction::Map {
            provider,
            merchant_id,
            store_id,
        }) => {
            let n = import::map_merchant(db, provider, merchant_id, *store_id)?;
            println!("{merchant_id} → store {store_id}: {n} trades matched");
            return Ok(true);
        }
        None => {}
    }
    let format = FormatChoice::parse(&args.format);
    let mut results = Vec::new();
    let mut all_ok = true;
    for file in &args.files {
        let outcome = match (format, &args.mapping) {
            (None, _) => Err(unsupported(&format!("--format {} is not one of auto, wechat-trade, alipay-trade, csv", args.format))),
            (Some(FormatChoice::Only(import::Format::Csv)), _) | (_, Some(_)) => Err(unsupported(
                "generic CSV/XLSX imports with a saved column mapping are not available yet; import WeChat Pay or Alipay bills",
            )),
            (Some(format), None) => {
                let options = ImportOptions { format, accept_mismatch: args.accept_mismatch };
                import::import_file(db, file, &options, &mut progress_printer(file))
            }
        };
        match outcome {
            Ok(report) => {
                if !args.json {
                    println!(
                        "{}: {} — {} rows ({} payments, {} refunds), {} new, {} duplicates, {}; order {} settlement {} coupon {} refund {} fee {}",
                        report.file, report.format.key(), report.rows, report.payments, report.refunds,
                        report.inserted, report.duplicates,
                        if report.reconciled { "reconciled ✓" } else { "NOT reconciled ✗" },
                        report.totals.order, report.totals.settlement, report.totals.coupon, report.totals.refund, report.totals.fee,
                    );
                }
                results.push(serde_json::to_value(&report).unwrap_or_default());
            }
            Err(e) => {
                all_ok = false;
                let message = e.localized().get(lang).to_string();
                eprintln!("import: {}: {message}", file.display());
                results.push(json!({
                    "file": file.display().to_string(),
                    "error": {"code": e.code(), "message": message, "line": e.line()},
                }));
            }
        }
    }
    if args.json {
        output::json(&results);
    }
    Ok(all_ok)
}

fn unsupported(message: &str) -> import::ImportError {
    import::ImportError::BadValue {
        line: 0,
        column: "--format".into(),
        value: message.into(),
        why: "is not supported",
    }
}

/// On a terminal, a progress line every half second for big bills.
fn progress_printer(file: &std::path::Path) -> impl FnMut(u64) -> bool + '_ {
    let start = Instant::now();
    let mut last = Instant::now();
    let tty = std::io::stderr().is_terminal();
    move |rows| {
        if tty && last.elapsed() > Duration::from_millis(500) {
            last = Instant::now();
            let rate = rows as f64 / start.elapsed().as_secs_f64().max(0.001);
            eprint!("\r{}: {rows} rows ({rate:.0} rows/s)   ", file.display());
        }
        true
    }
}
