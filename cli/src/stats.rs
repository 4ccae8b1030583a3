//! `promodesk stats …` (fields in the README) and `promodesk footfall import|list`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use promodesk_core::api::{
    Api, CampaignRef, FootfallImport, FootfallList, ReportExport, StatsGrouped, StatsKpis,
};
use promodesk_core::report::{ReportError, ReportFormat};
use promodesk_core::stats::{GroupBy, GroupKey, Scope, StatsError};
use promodesk_core::{Error, Lang};

use crate::args::Json;
use crate::output::Out;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct StatsArgs {
    #[command(subcommand)]
    pub compare: Option<StatsCommand>,
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
pub enum StatsCommand {
    /// The same campaign in every plaza you may use, side by side (交易额, 核销, 优惠金额, per
    /// wallet): matched by name, else by the named campaign's festival and year.
    ComparePlazas {
        /// The campaign's name.
        #[arg(long)]
        campaign: String,
        /// Also write the comparison as CSV (opens in Excel).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        #[command(flatten)]
        json: Json,
    },
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

pub fn run_stats(api: &mut Api, a: &StatsArgs) -> Result<(), Error> {
    if let Some(StatsCommand::ComparePlazas {
        campaign,
        csv,
        json,
    }) = &a.compare
    {
        let lang = crate::output::lang_from_env();
        return crate::team::compare(api, campaign, csv.as_ref(), json.json, lang);
    }
    let scope = Scope {
        campaign: a.campaign,
        from: a.from.clone(),
        to: a.to.clone(),
        provider: a.provider.clone(),
        store: a.store,
    };
    let out = Out::new(a.json.json);
    let Some(by) = &a.by else {
        let k = api.stats_kpis(StatsKpis { scope })?;
        // A campaign adds what its coupons cost and its uplift, beside the KPIs.
        let mut value = serde_json::to_value(&k).unwrap_or_default();
        if let Some(campaign) = a.campaign {
            let cost = api.stats_campaign_cost(CampaignRef { campaign })?;
            value["cost"] = serde_json::to_value(cost).unwrap_or_default();
            let uplift = api.stats_uplift(CampaignRef { campaign })?;
            value["uplift"] = serde_json::to_value(uplift).unwrap_or_default();
        }
        out.one(&value, |_| {
            let mut text = format!(
                "trades {}  refunds {}  order {}  settlement {}  coupon {}  refund {}  fee {}  net {}",
                k.trades, k.refunds, k.order, k.settlement, k.coupon, k.refund, k.fee, k.net
            );
            if let (Some(v), Some(c)) = (k.visitors, &k.conversion) {
                text.push_str(&format!("\nvisitors {v}  conversion {c}"));
            }
            text
        });
        return Ok(());
    };
    let by = GroupBy::parse(by).ok_or_else(|| Error::Stats(StatsError::BadGroup(by.clone())))?;
    let groups = api.stats_grouped(StatsGrouped { scope, by })?;
    out.one(&serde_json::json!({ "groups": groups }), |_| {
        let lines: Vec<String> = groups
            .iter()
            .map(|g| {
                format!(
                    "{:<24} trades {:>6}  order {:>12}  settlement {:>12}  refund {:>10}  fee {:>10}",
                    key_words(&g.key), g.kpis.trades, g.kpis.order, g.kpis.settlement, g.kpis.refund, g.kpis.fee
                )
            })
            .collect();
        lines.join("\n")
    });
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
pub fn run_footfall(api: &mut Api, command: &FootfallCommand) -> Result<bool, Error> {
    match command {
        FootfallCommand::Import { files, json } => {
            let paths = files.iter().map(|f| f.display().to_string()).collect();
            let outcomes = api.footfall_import(FootfallImport { paths })?;
            let out = Out::new(json.json);
            for outcome in &outcomes {
                if let Some(r) = &outcome.report {
                    out.one(r, |r| {
                        format!(
                            "{}: {} rows ({} new, {} corrected, {} unchanged) {}…{}",
                            r.file,
                            r.rows,
                            r.inserted,
                            r.updated,
                            r.unchanged,
                            r.first_day.clone().unwrap_or_default(),
                            r.last_day.clone().unwrap_or_default()
                        )
                    });
                }
                if let Some(failure) = &outcome.error {
                    eprintln!("footfall import: {}", failure.message.get(out.lang));
                }
            }
            Ok(outcomes.iter().all(|o| o.error.is_none()))
        }
        FootfallCommand::List { from, to, json } => {
            let days = api.footfall_list(FootfallList {
                from: from.clone(),
                to: to.clone(),
            })?;
            Out::new(json.json).each(&days, None, |d| format!("{}  {}", d.date, d.visitors));
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
    /// The report's language, zh-CN or en [default: the language chosen in the app for this
    /// database, else PROMODESK_LANG / LANG].
    #[arg(long)]
    pub lang: Option<String>,
    #[command(flatten)]
    pub json: Json,
}

/// `shell` is the language of the environment, used only when neither `--lang` nor the app
/// chose one: a scheduled export on a server with an English locale still writes the report in
/// the language the mall's people read in the app.
pub fn run_export(api: &mut Api, a: &ExportArgs, shell: Lang) -> Result<(), Error> {
    let lang = match a.lang.as_deref() {
        Some(tag) => Lang::from_locale(tag),
        None => api.chosen_language()?.unwrap_or(shell),
    };
    let format = ReportFormat::parse(&a.format)
        .ok_or_else(|| Error::Report(ReportError::UnknownFormat(a.format.clone())))?;
    let params = ReportExport {
        campaign: a.campaign,
        format,
        path: a.out.display().to_string(),
        lang,
    };
    let summary = api.report_export(params, &mut |_| true)?;
    Out::new(a.json.json).one(&summary, |s| format!("{} ({} bytes)", s.path, s.bytes));
    Ok(())
}
