//! The home screen (工作台): what needs the marketing office's attention today, in one read —
//! what is live, the next deadlines with their dates, how the upcoming campaigns fare on the
//! launch checklist, merchant ids no store carries, and the last campaign's headline results.
//!
//! Nothing here restates a rule: the provider windows come from [`crate::launch`], the
//! checklist is [`crate::launch::check`], the figures are [`crate::stats`]'s. This module only
//! decides what to show first, and ([`notify`]) which deadlines raise a desktop notification.

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::campaign::CampaignStatus;
use crate::db::Db;
use crate::launch::CheckStatus;
use crate::stats::{Baseline, Scope};
use crate::text::Localized;

mod deadlines;
pub mod notify;

pub use deadlines::{Deadline, DeadlineKind, Goto};
pub use notify::Notice;

/// Errors of building the overview: only those of the modules it reads.
#[derive(Debug, thiserror::Error)]
pub enum OverviewError {
    #[error(transparent)]
    Campaign(#[from] crate::campaign::CampaignError),
    #[error(transparent)]
    Launch(#[from] crate::launch::LaunchError),
    #[error(transparent)]
    Stats(#[from] crate::stats::StatsError),
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    #[error(transparent)]
    Coupon(#[from] crate::coupon::CouponError),
    #[error(transparent)]
    Mall(#[from] crate::mall::MallError),
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
}

impl OverviewError {
    pub fn code(&self) -> &'static str {
        match self {
            OverviewError::Campaign(e) => e.code(),
            OverviewError::Launch(e) => e.code(),
            OverviewError::Stats(e) => e.code(),
            OverviewError::Import(e) => e.code(),
            OverviewError::Coupon(e) => e.code(),
            OverviewError::Mall(e) => e.code(),
            OverviewError::Db(e) => crate::fault::db_code(e),
        }
    }

    pub fn localized(&self) -> Localized {
        match self {
            OverviewError::Campaign(e) => e.localized(),
            OverviewError::Launch(e) => e.localized(),
            OverviewError::Stats(e) => e.localized(),
            OverviewError::Import(e) => e.localized(),
            OverviewError::Coupon(e) => e.localized(),
            OverviewError::Mall(e) => e.localized(),
            OverviewError::Db(e) => Localized::new(
                self.to_string(),
                crate::fault::db_message(e, crate::text::Lang::ZhCn),
            ),
        }
    }
}

/// Everything the home screen shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HomeOverview {
    /// Today in the mall's zone, `YYYY-MM-DD`.
    pub today: String,
    /// No stores, no campaigns and no bills yet: the screen says what to do first instead.
    pub empty: bool,
    /// Campaigns live now, the one ending first on top.
    pub live: Vec<LiveCampaign>,
    /// Dated things to do, the earliest first (so overdue ones lead).
    pub deadlines: Vec<Deadline>,
    /// Drafts and scheduled campaigns not over yet, by start, with their checklist counts.
    pub upcoming: Vec<UpcomingCheck>,
    pub unmatched: Unmatched,
    /// The most recently ended campaign that has imported trades.
    pub last_results: Option<LastResults>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LiveCampaign {
    pub id: i64,
    pub name: String,
    /// The last day, `YYYY-MM-DD` (inclusive).
    pub end: String,
    /// Days from today to the last day (0: ends today).
    pub days_left: i64,
}

/// An upcoming campaign's standing on the launch checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UpcomingCheck {
    pub id: i64,
    pub name: String,
    pub status: CampaignStatus,
    /// The first day, `YYYY-MM-DD`.
    pub start: String,
    /// Days from today to the first day (negative: a draft whose start has passed).
    pub days: i64,
    pub fails: u32,
    pub warns: u32,
}

/// Merchant ids in imported bills that no store carries, so their trades count for no store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Unmatched {
    pub merchants: u64,
    pub trades: u64,
}

/// A campaign's headline figures, as the Statistics screen computes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LastResults {
    pub id: i64,
    pub name: String,
    pub start: String,
    pub end: String,
    pub trades: u64,
    /// 交易额: Σ order amount of payments.
    #[ts(type = "string")]
    pub order: Decimal,
    /// 核销: payments that used a coupon.
    pub redemptions: u64,
    /// 优惠金额: the discount the coupons gave.
    #[ts(type = "string")]
    pub discount: Decimal,
    /// What the mall and the tenants paid of it, against the budget.
    #[ts(type = "string")]
    pub spent: Decimal,
    #[ts(type = "string")]
    pub budget: Decimal,
    /// 交易额 against the baseline, (campaign − base) ÷ base; null without a baseline.
    #[ts(as = "Option<String>")]
    pub order_change: Option<Decimal>,
    pub baseline: Baseline,
    pub baseline_from: String,
    pub baseline_to: String,
}

/// One campaign as the overview reads it: times as unix seconds.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub id: i64,
    pub name: String,
    pub status: CampaignStatus,
    pub starts_at: i64,
    pub ends_at: i64,
}

fn rows(db: &Db) -> Result<Vec<Row>, OverviewError> {
    let mut stmt = db.conn().prepare(
        "SELECT id, name, status, starts_at, ends_at FROM campaign ORDER BY starts_at, name, id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let status: String = r.get(2)?;
            Ok((r.get(0)?, r.get(1)?, status, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<Vec<(i64, String, String, i64, i64)>, _>>()?;
    rows.into_iter()
        .map(|(id, name, status, starts_at, ends_at)| {
            let status = crate::db::known(2, "campaign status", &status, |v| v.parse().ok())?;
            Ok(Row {
                id,
                name,
                status,
                starts_at,
                ends_at,
            })
        })
        .collect()
}

/// The overview at `now` (unix seconds), "today" being the mall's.
pub fn build(db: &Db, now: i64) -> Result<HomeOverview, OverviewError> {
    let zone = crate::mall::get(db)?.zone();
    let today = crate::time::local(now, zone).date_naive();
    let day = |ts: i64| crate::time::local(ts, zone).date_naive();
    let campaigns = rows(db)?;

    let mut live: Vec<LiveCampaign> = campaigns
        .iter()
        .filter(|c| c.status == CampaignStatus::Live)
        .map(|c| LiveCampaign {
            id: c.id,
            name: c.name.clone(),
            end: day(c.ends_at).to_string(),
            days_left: (day(c.ends_at) - today).num_days(),
        })
        .collect();
    live.sort_by(|a, b| a.end.cmp(&b.end).then(a.name.cmp(&b.name)));

    let mut upcoming = Vec::new();
    for c in campaigns.iter().filter(|c| is_upcoming(c, now)) {
        let list = crate::launch::check(db, c.id, now)?;
        // "Only a draft launches" fails for a campaign already scheduled: true of the launch
        // button, but nothing to fix on the home screen.
        let items = list
            .items
            .iter()
            .filter(|i| !(c.status == CampaignStatus::Scheduled && i.id == "status.draft"));
        let count = |s: CheckStatus| items.clone().filter(|i| i.status == s).count() as u32;
        upcoming.push(UpcomingCheck {
            id: c.id,
            name: c.name.clone(),
            status: c.status,
            start: day(c.starts_at).to_string(),
            days: (day(c.starts_at) - today).num_days(),
            fails: count(CheckStatus::Fail),
            warns: count(CheckStatus::Warn),
        });
    }

    // A few hundred rows at most (trades are counted per account as they are written).
    let unmatched_ids = crate::import::unmatched_merchants(db)?;
    let unmatched = Unmatched {
        merchants: unmatched_ids.len() as u64,
        trades: unmatched_ids.iter().map(|m| m.trades).sum(),
    };

    let (stores, batches): (i64, i64) = db.conn().query_row(
        "SELECT (SELECT count(*) FROM store), (SELECT count(*) FROM import_batch)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(HomeOverview {
        today: today.to_string(),
        empty: campaigns.is_empty() && stores == 0 && batches == 0,
        live,
        deadlines: deadlines::all(db, &campaigns, now, zone)?,
        upcoming,
        unmatched,
        last_results: last_results(db, &campaigns, zone)?,
    })
}

/// Every deadline at `now`, without the rest of the overview: what the notification clock
/// reads every 30 seconds.
pub fn deadlines(db: &Db, now: i64) -> Result<Vec<Deadline>, OverviewError> {
    let zone = crate::mall::get(db)?.zone();
    deadlines::all(db, &rows(db)?, now, zone)
}

/// A draft or scheduled campaign that has not ended: still to be launched or to go live.
pub(crate) fn is_upcoming(c: &Row, now: i64) -> bool {
    matches!(c.status, CampaignStatus::Draft | CampaignStatus::Scheduled) && c.ends_at >= now
}

/// How many ended campaigns, newest first, are looked at for one with results.
const RESULTS_LOOKBACK: usize = 12;

fn last_results(
    db: &Db,
    campaigns: &[Row],
    zone: chrono_tz::Tz,
) -> Result<Option<LastResults>, OverviewError> {
    let mut ended: Vec<&Row> = campaigns
        .iter()
        .filter(|c| c.status == CampaignStatus::Ended)
        .collect();
    ended.sort_by_key(|c| std::cmp::Reverse(c.ends_at));
    for c in ended.into_iter().take(RESULTS_LOOKBACK) {
        let scope = Scope {
            campaign: Some(c.id),
            ..Default::default()
        };
        let kpis = crate::stats::kpis(db, &scope)?;
        if kpis.trades == 0 {
            continue;
        }
        let cost = crate::stats::campaign_cost(db, c.id)?;
        let uplift = crate::stats::uplift(db, c.id)?;
        let day = |ts: i64| crate::time::local(ts, zone).date_naive().to_string();
        return Ok(Some(LastResults {
            id: c.id,
            name: c.name.clone(),
            start: day(c.starts_at),
            end: day(c.ends_at),
            trades: kpis.trades,
            order: kpis.order,
            redemptions: kpis.redemptions,
            discount: kpis.coupon,
            spent: cost.spent,
            budget: cost.budget,
            order_change: uplift.order_change,
            baseline: uplift.baseline,
            baseline_from: uplift.baseline_from,
            baseline_to: uplift.baseline_to,
        }));
    }
    Ok(None)
}

#[cfg(test)]
mod tests;
