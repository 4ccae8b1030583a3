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
    /// Saved column mappings for generic CSV exports.
    #[command(subcommand)]
    Mapping(Box<MappingAction>),
    /// Give a store a merchant id seen in bills; its trades are matched at once.
    Map {
        #[command(flatten)]
        account: crate::args::AccountArgs,
        store_id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum MappingAction {
    /// Save a mapping: which header holds what (a negative amount is a refund).
    Add(Box<MappingAdd>),
    /// List the saved mappings.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Delete a mapping.
    Remove { name: String },
}

/// `import mapping add`'s flags.
#[derive(Debug, Args)]
pub struct MappingAdd {
    pub name: String,
    /// unionpay, bank_card, member_card, wechat_pay or alipay.
    #[arg(long)]
    provider: String,
    #[arg(long)]
    time: String,
    #[arg(long)]
    trade_no: String,
    #[arg(long)]
    amount: String,
    #[arg(long, default_value = "")]
    received: String,
    #[arg(long, default_value = "")]
    coupon: String,
    #[arg(long, default_value = "")]
    coupon_name: String,
    #[arg(long, default_value = "")]
    fee: String,
    #[arg(long, default_value = "")]
    merchant_id: String,
    #[arg(long, default_value = "")]
    refund_no: String,
    #[arg(long, default_value = "")]
    order_no: String,
}

impl ImportArgs {
    pub fn label(&self) -> &'static str {
        match self.action {
            None => "import",
            Some(ImportAction::History { .. }) => "import history",
            Some(ImportAction::Undo { .. }) => "import undo",
            Some(ImportAction::Unmatched { .. }) => "import unmatched",
            Some(ImportAction::Map { .. }) => "import map",
            Some(ImportAction::Mapping(_)) => "import mapping",
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
        Some(ImportAction::Map { account, store_id }) => {
            crate::store::assign(db, *store_id, account)?;
            return Ok(true);
        }
        Some(ImportAction::Mapping(action)) => {
            run_mapping(db, action.as_ref())?;
            return Ok(true);
        }
        None => {}
    }
    let format = FormatChoice::parse(&args.format);
    let mut results = Vec::new();
    let mut all_ok = true;
    for file in &args.files {
        let outcome = match format {
            None => Err(unsupported(&format!(
                "--format {} is not one of auto, wechat-trade, alipay-trade, csv",
                args.format
            ))),
            Some(format) => {
                let options = ImportOptions {
                    format,
                    mapping: args.mapping.clone(),
                    accept_mismatch: args.accept_mismatch,
                };
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

fn run_mapping(db: &mut Db, action: &MappingAction) -> Result<(), Error> {
    match action {
        MappingAction::Add(add) => {
            let MappingAdd {
                name,
                provider,
                time,
                trade_no,
                amount,
                received,
                coupon,
                coupon_name,
                fee,
                merchant_id,
                refund_no,
                order_no,
            } = add.as_ref();
            let columns = import::MappingColumns {
                time: time.clone(),
                trade_no: trade_no.clone(),
                amount: amount.clone(),
                received: received.clone(),
                coupon: coupon.clone(),
                coupon_name: coupon_name.clone(),
                fee: fee.clone(),
                merchant_id: merchant_id.clone(),
                refund_no: refund_no.clone(),
                order_no: order_no.clone(),
            };
            let mapping = import::Mapping {
                name: name.clone(),
                provider: provider.clone(),
                columns,
            };
            let saved = import::save_mapping(db, &mapping)?;
            println!("mapping '{}' saved for {}", saved.name, saved.provider);
        }
        MappingAction::List { json } => {
            let all = import::list_mappings(db)?;
            if *json {
                output::json(&all);
            } else {
                for m in &all {
                    println!(
                        "{:<16} {:<12} time={} trade_no={} amount={}",
                        m.name, m.provider, m.columns.time, m.columns.trade_no, m.columns.amount
                    );
                }
            }
        }
        MappingAction::Remove { name } => {
            import::remove_mapping(db, name)?;
            println!("mapping '{name}' removed");
        }
    }
    Ok(())
}
