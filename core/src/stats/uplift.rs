//! Uplift: a campaign's figures against a baseline of the same length and the same stores.
//!
//! The baseline is the same festival last year when the campaign is tagged with a festival and
//! trades exist in last year's window (a 3.8 campaign compares with last year's 3.8 days, which
//! a plain "days before" would not); otherwise the same number of days just before the start.

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::{kpis_of, Kpis, StatsError, Window};
use crate::db::Db;

/// Which baseline was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Baseline {
    /// The same number of days just before the campaign.
    Before,
    /// The same festival's days last year.
    LastYear,
}

/// A campaign against its baseline. Changes are (campaign − baseline) ÷ baseline, 4 decimals;
/// null when the baseline figure is zero or missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Uplift {
    pub baseline: Baseline,
    pub baseline_from: String,
    pub baseline_to: String,
    pub campaign: Kpis,
    pub base: Kpis,
    #[ts(as = "Option<String>")]
    pub trades_change: Option<Decimal>,
    #[ts(as = "Option<String>")]
    pub order_change: Option<Decimal>,
    #[ts(as = "Option<String>")]
    pub redemptions_change: Option<Decimal>,
    #[ts(as = "Option<String>")]
    pub average_ticket_change: Option<Decimal>,
    #[ts(as = "Option<String>")]
    pub conversion_change: Option<Decimal>,
}

/// (now − before) ÷ before, 4 decimals without trailing zeros; `None` when before is zero.
pub(crate) fn change(now: Decimal, before: Decimal) -> Option<Decimal> {
    (!before.is_zero()).then(|| ((now - before) / before).round_dp(4).normalize())
}

fn change_opt(now: Option<Decimal>, before: Option<Decimal>) -> Option<Decimal> {
    change(now?, before?)
}

/// The campaign's uplift over its baseline.
pub fn uplift(db: &Db, campaign: i64) -> Result<Uplift, StatsError> {
    let window = Window::of_campaign(db, crate::mall::get(db)?.zone(), campaign)?;
    let current = kpis_of(db, &window)?;
    uplift_of(db, campaign, &window, current)
}

/// The uplift of `campaign`, whose window is resolved and whose figures are `current`.
pub(crate) fn uplift_of(
    db: &Db,
    campaign: i64,
    window: &Window,
    current: Kpis,
) -> Result<Uplift, StatsError> {
    let (kind, base_window, base) = baseline(db, campaign, window)?;
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    Ok(Uplift {
        baseline: kind,
        baseline_from: day(base_window.first_day),
        baseline_to: day(base_window.last_day),
        trades_change: change(current.trades.into(), base.trades.into()),
        order_change: change(current.order, base.order),
        redemptions_change: change(current.redemptions.into(), base.redemptions.into()),
        average_ticket_change: change_opt(current.average_ticket, base.average_ticket),
        conversion_change: change_opt(current.conversion, base.conversion),
        campaign: current,
        base,
    })
}

/// The baseline of a campaign's window: last year's festival days when they have trades, else
/// as many days just before; with the campaign's stores.
pub(crate) fn baseline(
    db: &Db,
    campaign: i64,
    window: &Window,
) -> Result<(Baseline, Window, Kpis), StatsError> {
    let (Some(first), Some(last)) = (window.first_day, window.last_day) else {
        return Err(StatsError::CampaignNotFound(campaign));
    };
    let with_stores = |first: NaiveDate, last: NaiveDate| Window {
        stores_of_campaign: window.stores_of_campaign,
        ..Window::of_days(window.zone, Some(first), Some(last))
    };
    let festival: Option<String> = db.conn().query_row(
        "SELECT festival FROM campaign WHERE id = ?1",
        [campaign],
        |r| r.get(0),
    )?;
    let last_year = festival.and_then(|f| {
        let this = crate::calendar::nearest_occurrence(&f, first).ok()?;
        let before = crate::calendar::date_of(&f, this.year() - 1).ok()?;
        let shift = before - this;
        Some(with_stores(first + shift, last + shift))
    });
    if let Some(w) = last_year {
        let k = kpis_of(db, &w)?;
        if k.trades + k.refunds > 0 {
            return Ok((Baseline::LastYear, w, k));
        }
    }
    let days = (last - first).num_days() + 1;
    let w = with_stores(first - Duration::days(days), first - Duration::days(1));
    let k = kpis_of(db, &w)?;
    Ok((Baseline::Before, w, k))
}
