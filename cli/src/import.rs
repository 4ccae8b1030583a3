//! `promodesk import FILE…` (the contract in the README), `import history`, `import undo`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use promodesk_core::api::{
    Api, Batch, ImportFiles, ImportProgress, MappingRemove, MappingSave, NoParams,
};
use promodesk_core::import::{self, FormatChoice};
use promodesk_core::Error;
use serde_json::json;

use crate::output::{self, Out};

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
pub fn run(api: &mut Api, args: &ImportArgs) -> Result<bool, Error> {
    match &args.action {
        Some(ImportAction::History { json }) => {
            let batches = api.import_history(NoParams {})?;
            Out::new(*json).each(&batches, None, |b| {
                format!(
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
                )
            });
        }
        Some(ImportAction::Undo { batch_id }) => {
            let removed = api.import_undo(Batch { batch: *batch_id })?;
            output::line(&format!(
                "batch {batch_id} undone: {removed} trades removed"
            ));
        }
        Some(ImportAction::Unmatched { json }) => {
            let list = api.import_unmatched(NoParams {})?;
            Out::new(*json).each(&list, None, |m| {
                format!(
                    "{:<11} {:<24} {} trades",
                    m.provider, m.merchant_id, m.trades
                )
            });
        }
        Some(ImportAction::Map { account, store_id }) => {
            crate::store::assign(api, *store_id, account)?
        }
        Some(ImportAction::Mapping(action)) => run_mapping(api, action.as_ref())?,
        None => return import_files(api, args),
    }
    Ok(true)
}

/// Imports the files in order; false when any was refused (each is reported, the others
/// still import).
fn import_files(api: &mut Api, args: &ImportArgs) -> Result<bool, Error> {
    let format = match FormatChoice::parse(&args.format) {
        Some(FormatChoice::Auto) => None,
        Some(FormatChoice::Only(format)) => Some(format),
        None => {
            return Err(unsupported(&format!(
                "--format {} is not one of auto, wechat-trade, alipay-trade, csv",
                args.format
            ))
            .into())
        }
    };
    let params = ImportFiles {
        paths: args.files.iter().map(|f| f.display().to_string()).collect(),
        format,
        mapping: args.mapping.clone(),
        accept_mismatch: args.accept_mismatch,
    };
    let outcomes = api.import_files(params, &mut progress_printer())?;
    let out = Out::new(args.json);
    // Refusals go to stderr in both modes; stdout carries every file's result.
    let results: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|outcome| match (&outcome.report, &outcome.error) {
            (Some(report), _) => serde_json::to_value(report).unwrap_or_default(),
            (None, failure) => {
                let failure = failure
                    .as_ref()
                    .expect("an outcome without a report failed");
                let message =
                    crate::hints::with_hint(&failure.code, failure.message.get(out.lang), out.lang);
                eprintln!("import: {}: {message}", outcome.file);
                json!({
                    "file": outcome.file,
                    "error": {"code": failure.code, "message": message, "line": failure.line},
                })
            }
        })
        .collect();
    out.one(&results, |_| {
        let lines: Vec<String> = outcomes
            .iter()
            .filter_map(|o| o.report.as_ref())
            .map(report_line)
            .collect();
        lines.join("\n")
    });
    Ok(outcomes.iter().all(|o| o.error.is_none()))
}

fn report_line(report: &import::ImportReport) -> String {
    format!(
        "{}: {} — {} rows ({} payments, {} refunds), {} new, {} duplicates, {}; order {} settlement {} coupon {} refund {} fee {}",
        report.file, report.format.key(), report.rows, report.payments, report.refunds,
        report.inserted, report.duplicates,
        if report.reconciled { "reconciled ✓" } else { "NOT reconciled ✗" },
        report.totals.order, report.totals.settlement, report.totals.coupon, report.totals.refund, report.totals.fee,
    )
}

fn unsupported(message: &str) -> import::ImportError {
    import::ImportError::BadValue {
        line: 0,
        column: "--format".into(),
        value: message.into(),
        why: "is not supported",
    }
}

/// Rows read so far on stderr, twice a second, when a person is watching.
fn progress_printer() -> impl FnMut(&ImportProgress) -> bool {
    let mut last = Instant::now();
    let tty = std::io::stderr().is_terminal();
    move |p| {
        if tty && last.elapsed() > Duration::from_millis(500) {
            last = Instant::now();
            eprint!(
                "\r{}: {} rows ({} rows/s)   ",
                p.file, p.rows, p.rows_per_second
            );
        }
        true
    }
}

fn run_mapping(api: &mut Api, action: &MappingAction) -> Result<(), Error> {
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
            let saved = api.import_save_mapping(MappingSave { mapping })?;
            output::line(&format!(
                "mapping '{}' saved for {}",
                saved.name, saved.provider
            ));
        }
        MappingAction::List { json } => {
            let all = api.import_mappings(NoParams {})?;
            Out::new(*json).each(&all, None, |m| {
                format!(
                    "{:<16} {:<12} time={} trade_no={} amount={}",
                    m.name, m.provider, m.columns.time, m.columns.trade_no, m.columns.amount
                )
            });
        }
        MappingAction::Remove { name } => {
            api.import_remove_mapping(MappingRemove { name: name.clone() })?;
            output::line(&format!("mapping '{name}' removed"));
        }
    }
    Ok(())
}
