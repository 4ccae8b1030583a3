//! `promodesk stats …` (fields in the README) and `promodesk footfall import|list`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use promodesk_core::stats::{self, GroupBy, GroupKey, Scope};
use promodesk_core::{Db, Error};

use crate::args::Json;
use crate::output;

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[arg(long)]
    pub campaign: Option<i64>,
    /// First local day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub from: Option<String>,
    /// Last local day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub to: Option<String>,
    /// Only this provider: wechat_pay, alipay, …
    #[arg(long)]
    pub provider: Option<String>,
    /// Only this store (id).
    #[arg(long)]
    pub store: Option<i64>,
    /// provider, store, day, hour or coupon.
    #[arg(long)]
    pub by: Option<String>,
    #[command(flatten)]
    pub json: Json,
}

#[derive(Debug, Subcommand)]
pub enum FootfallCommand {
    /// Import visitor counts (CSV: date, optional hour, optional entrance, visitors).
    Import {
        files: Vec<PathBuf>,
        #[command(flatten)]
        json: Json,
    },
    /// Visitors per day.
    List {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[command(flatten)]
        json: Json,
    },
}

impl FootfallCommand {
    pub fn label(&self) -> &'static str {
        match self {
            FootfallCommand::Import { .. } => "footfall import",
            FootfallCommand::List { .. } => "footfall list",
        }
    }
}

pub fn run_stats(db: &Db, a: &StatsArgs) -> Result<(), Error> {
    let scope = Scope {
        campaign: a.campaign,
        from: a.from.clone(),
        to: a.to.clone(),
        provider: a.provider.clone(),
        store: a.store,
    };
    let Some(by) = &a.by else {
        let k = stats::kpis(db, &scope)?;
        if a.json.json {
            // A campaign adds what its coupons cost and its uplift, beside the KPIs.
            let mut value = serde_json::to_value(&k).unwrap_or_default();
            if let Some(id) = a.campaign {
                value["cost"] =
                    serde_json::to_value(stats::campaign_cost(db, id)?).unwrap_or_default();
                value["uplift"] = serde_json::to_value(stats::uplift(db, id)?).unwrap_or_default();
            }
            output::json(&value);
        } else {
            println!(
                "trades {}  refunds {}  order {}  settlement {}  coupon {}  refund {}  fee {}  net {}",
                k.trades, k.refunds, k.order, k.settlement, k.coupon, k.refund, k.fee, k.net
            );
            if let (Some(v), Some(c)) = (k.visitors, &k.conversion) {
                println!("visitors {v}  conversion {c}");
            }
        }
        return Ok(());
    };
    let group_by =
        GroupBy::parse(by).ok_or_else(|| Error::Stats(stats::StatsError::BadGroup(by.clone())))?;
    let groups = stats::grouped(db, &scope, group_by)?;
    if a.json.json {
        output::json(&serde_json::json!({ "groups": groups }));
    } else {
        for g in &groups {
            println!(
                "{:<24} trades {:>6}  order {:>12}  settlement {:>12}  refund {:>10}  fee {:>10}",
                key_words(&g.key),
                g.kpis.trades,
                g.kpis.order,
                g.kpis.settlement,
                g.kpis.refund,
                g.kpis.fee
            );
        }
    }
    Ok(())
}

/// A group's key in words, as the text output always showed it.
fn key_words(key: &GroupKey) -> String {
    match key {
        GroupKey::Provider { provider } => provider.key().to_string(),
        GroupKey::Store { name, .. } | GroupKey::Coupon { name } => name.clone(),
        GroupKey::Unmatched { merchant_id } => format!("(unmatched) {merchant_id}"),
        GroupKey::NoMerchant => "(no merchant id)".into(),
        GroupKey::Day { date } => date.to_string(),
        GroupKey::Hour { hour } => format!("{hour:02}"),
        GroupKey::Unattributed => "(unattributed)".into(),
        GroupKey::NoCoupon => "(no coupon)".into(),
    }
}

/// Returns false when some file was refused (each is reported; the others still import).
pub fn run_footfall(
    db: &mut Db,
    command: &FootfallCommand,
    lang: promodesk_core::Lang,
) -> Result<bool, Error> {
    match command {
        FootfallCommand::Import { files, json } => {
            let mut ok = true;
            for file in files {
                match stats::import_footfall(db, file) {
                    Ok(r) if json.json => output::json(&r),
                    Ok(r) => println!(
                        "{}: {} rows ({} new, {} corrected, {} unchanged) {}…{}",
                        r.file,
                        r.rows,
                        r.inserted,
                        r.updated,
                        r.unchanged,
                        r.first_day.unwrap_or_default(),
                        r.last_day.unwrap_or_default()
                    ),
                    Err(e) => {
                        ok = false;
                        eprintln!("footfall import: {}", e.localized().get(lang));
                    }
                }
            }
            Ok(ok)
        }
        FootfallCommand::List { from, to, json } => {
            let day = |field, t: &Option<String>| {
                t.as_ref()
                    .map(|t| {
                        chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
                            .map_err(|_| Error::Stats(stats::StatsError::BadDate(field, t.clone())))
                    })
                    .transpose()
            };
            let days = stats::list_footfall(db, day("from", from)?, day("to", to)?)?;
            if json.json {
                output::json(&days);
            } else {
                for d in &days {
                    println!("{}  {}", d.date, d.visitors);
                }
            }
            Ok(true)
        }
    }
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long)]
    pub campaign: i64,
    /// xlsx, pdf or csv (a ZIP of one CSV per section).
    #[arg(long)]
    pub format: String,
    /// The file to write: .xlsx, .pdf, or .zip for csv. Replaced only by a complete file.
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub json: Json,
}

pub fn run_export(db: &Db, a: &ExportArgs, lang: promodesk_core::Lang) -> Result<(), Error> {
    use promodesk_core::report::{self, ReportError, ReportFormat};
    let format = ReportFormat::parse(&a.format)
        .ok_or_else(|| Error::Report(ReportError::UnknownFormat(a.format.clone())))?;
    let summary = report::export(db, a.campaign, format, lang, &a.out, &mut |_| true)?;
    if a.json.json {
        output::json(&summary);
    } else {
        println!("{} ({} bytes)", summary.path, summary.bytes);
    }
    Ok(())
}
