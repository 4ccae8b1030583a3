//! Statistics over imported trades: the KPIs of a campaign or a date range, and the same
//! figures grouped by provider, store, day, hour or coupon. Every figure is a SUM in SQLite over
//! integer fen, so each equals the sum of its rows to the cent; the per-provider figures
//! `trades`, `refunds`, `order`, `settlement`, `coupon`, `refund`, `fee` mean exactly what the
//! import totals mean, so the two always agree for the same rows.
//!
//! Days and hours are the mall's: the zone's UTC offset at the start of the range is applied
//! (exact for zones without daylight saving, such as China's).

use std::collections::BTreeMap;

use crate::sql::params_from_iter;
use crate::sql::OptionalExtension;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::db::Db;
use crate::money::{from_e5, from_fen};
use crate::text::Localized;

mod by_store;
mod footfall;
mod group;
mod uplift;
mod window;

pub use footfall::{import_footfall, list_footfall, FootfallDay, FootfallError, FootfallReport};
pub use group::GroupKey;
pub(crate) use uplift::{baseline, change, uplift_of};
pub use uplift::{uplift, Baseline, Uplift};
pub(crate) use window::{Source, Window};

/// Which trades to count.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize, TS)]
pub struct Scope {
    pub campaign: Option<i64>,
    /// Local date, inclusive.
    pub from: Option<String>,
    /// Local date, inclusive.
    pub to: Option<String>,
    /// Only this provider's trades (`wechat_pay`, `alipay`, …).
    #[serde(default)]
    pub provider: Option<String>,
    /// Only this store's trades.
    #[serde(default)]
    pub store: Option<i64>,
}

/// How to group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    Provider,
    Store,
    Day,
    Hour,
    Coupon,
}

impl GroupBy {
    pub fn parse(text: &str) -> Option<GroupBy> {
        match text.trim() {
            "provider" => Some(GroupBy::Provider),
            "store" => Some(GroupBy::Store),
            "day" => Some(GroupBy::Day),
            "hour" => Some(GroupBy::Hour),
            "coupon" => Some(GroupBy::Coupon),
            _ => None,
        }
    }
}

/// The figures. Money is yuan as an exact [`Decimal`], serialised as a decimal string: two
/// decimals, fees and net as many as the fees have (at least two). Ratios are rounded to the
/// decimals their doc says and shown without trailing zeros (`"0.5"`, `"0.6667"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Kpis {
    /// Payments.
    pub trades: u64,
    /// Refund rows.
    pub refunds: u64,
    /// Σ order amount of payments (GMV).
    #[ts(type = "string")]
    pub order: Decimal,
    /// Σ merchant-received amount of payments.
    #[ts(type = "string")]
    pub settlement: Decimal,
    /// Σ coupon amount of payments.
    #[ts(type = "string")]
    pub coupon: Decimal,
    /// Σ refunded amount (positive).
    #[ts(type = "string")]
    pub refund: Decimal,
    /// Σ fees, refunds' negative fees included.
    #[ts(type = "string")]
    pub fee: Decimal,
    /// settlement − fee − refund.
    #[ts(type = "string")]
    pub net: Decimal,
    /// Payments that used a coupon.
    pub redemptions: u64,
    /// Discount funded through the payment provider (WeChat prepaid coupons, Alipay discounts).
    #[ts(type = "string")]
    pub provider_funded: Decimal,
    /// Discount funded by the merchant side (免充值 coupons, 商家优惠).
    #[ts(type = "string")]
    pub merchant_funded: Decimal,
    /// refunds ÷ trades, 4 decimals; null without trades.
    #[ts(as = "Option<String>")]
    pub refund_rate: Option<Decimal>,
    /// order ÷ trades; null without trades.
    #[ts(as = "Option<String>")]
    pub average_ticket: Option<Decimal>,
    /// Average order of payments with a coupon.
    #[ts(as = "Option<String>")]
    pub average_ticket_with_coupon: Option<Decimal>,
    /// Average order of payments without a coupon.
    #[ts(as = "Option<String>")]
    pub average_ticket_without_coupon: Option<Decimal>,
    /// fee ÷ settlement, 4 decimals.
    #[ts(as = "Option<String>")]
    pub effective_fee_rate: Option<Decimal>,
    /// order ÷ coupon: GMV per ¥1 of discount.
    #[ts(as = "Option<String>")]
    pub gmv_per_discount_yuan: Option<Decimal>,
    /// Visitors counted on the days of the scope that have footfall; null without counts or
    /// when the scope is one store (mall visitors are not a store's).
    pub visitors: Option<u64>,
    /// Payments on the days with counts ÷ visitors, 4 decimals.
    #[ts(as = "Option<String>")]
    pub conversion: Option<Decimal>,
}

/// One group of `--by`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Group {
    pub key: GroupKey,
    #[serde(flatten)]
    #[ts(flatten)]
    pub kpis: Kpis,
}

/// Errors of statistics.
#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    #[error("{0} '{1}' is not a date; use YYYY-MM-DD")]
    BadDate(&'static str, String),
    #[error("campaign {0} does not exist; it may have been removed — reload the campaign list")]
    CampaignNotFound(i64),
    #[error("grouping '{0}' is not one of provider, store, day, hour, coupon")]
    BadGroup(String),
    #[error(transparent)]
    Mall(#[from] crate::mall::MallError),
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
}

impl StatsError {
    pub fn code(&self) -> &'static str {
        match self {
            StatsError::BadDate(..) => "stats.bad_date",
            StatsError::CampaignNotFound(_) => "campaign.not_found",
            StatsError::BadGroup(_) => "stats.bad_group",
            StatsError::Mall(e) => e.code(),
            StatsError::Db(e) => crate::fault::db_code(e),
        }
    }

    pub fn localized(&self) -> Localized {
        let zh = match self {
            StatsError::BadDate(_, v) => format!("日期“{v}”无效；请使用 YYYY-MM-DD"),
            StatsError::CampaignNotFound(id) => format!("活动 {id} 不存在"),
            StatsError::BadGroup(b) => {
                format!("分组方式“{b}”无效；可按渠道、门店、日期、小时或优惠券分组")
            }
            StatsError::Mall(e) => return e.localized(),
            StatsError::Db(e) => crate::fault::db_message(e, crate::text::Lang::ZhCn),
        };
        Localized::new(self.to_string(), zh)
    }
}

/// Sums of one group of rows, over either source (see [`window`]).
fn sums(source: Source) -> String {
    let n = source.count();
    let used = source.used();
    format!(
        "SUM(CASE WHEN t.kind = 'payment' THEN {n} ELSE 0 END), SUM(CASE WHEN t.kind = 'refund' THEN {n} ELSE 0 END),
    COALESCE(SUM(CASE WHEN t.kind = 'payment' THEN t.order_fen END), 0),
    COALESCE(SUM(CASE WHEN t.kind = 'payment' THEN t.settlement_fen END), 0),
    COALESCE(SUM(CASE WHEN t.kind = 'payment' THEN t.coupon_fen END), 0),
    COALESCE(SUM(t.refund_fen), 0), COALESCE(SUM(t.fee_e5), 0),
    SUM(CASE WHEN t.kind = 'payment' AND {used} THEN {n} ELSE 0 END),
    COALESCE(SUM(CASE WHEN t.kind = 'payment' THEN t.provider_discount_fen END), 0),
    COALESCE(SUM(CASE WHEN t.kind = 'payment' THEN t.merchant_discount_fen END), 0),
    COALESCE(SUM(CASE WHEN t.kind = 'payment' AND {used} THEN t.order_fen END), 0)"
    )
}

/// num ÷ den rounded to `dp` decimals, without trailing zeros; `None` when den is zero.
fn ratio(num: i64, den: i64, dp: u32) -> Option<Decimal> {
    (den != 0).then(|| {
        (Decimal::from(num) / Decimal::from(den))
            .round_dp(dp)
            .normalize()
    })
}

fn kpis_from(r: &crate::sql::Row<'_>, at: usize) -> crate::sql::Result<Kpis> {
    let mut sums = [0i64; 11];
    for (i, slot) in sums.iter_mut().enumerate() {
        *slot = r.get::<_, Option<i64>>(at + i)?.unwrap_or(0);
    }
    Ok(kpis_of_sums(sums))
}

/// The KPIs from the eleven sums [`sums`] selects, in its order.
pub(crate) fn kpis_of_sums(s: [i64; 11]) -> Kpis {
    let [trades, refunds, order, settlement, coupon, refund, fee_e5, redemptions, provider, merchant, order_with] =
        s;
    let net_e5 = settlement * 1000 - fee_e5 - refund * 1000;
    let money_avg =
        |sum: i64, n: i64| (n != 0).then(|| (from_fen(sum) / Decimal::from(n)).round_dp(2));
    Kpis {
        trades: trades as u64,
        refunds: refunds as u64,
        order: from_fen(order),
        settlement: from_fen(settlement),
        coupon: from_fen(coupon),
        refund: from_fen(refund),
        fee: from_e5(fee_e5),
        net: from_e5(net_e5),
        redemptions: redemptions as u64,
        provider_funded: from_fen(provider),
        merchant_funded: from_fen(merchant),
        refund_rate: ratio(refunds, trades, 4),
        average_ticket: money_avg(order, trades),
        average_ticket_with_coupon: money_avg(order_with, redemptions),
        average_ticket_without_coupon: money_avg(order - order_with, trades - redemptions),
        effective_fee_rate: ratio(fee_e5, settlement * 1000, 4),
        gmv_per_discount_yuan: ratio(order, coupon, 2),
        visitors: None,
        conversion: None,
    }
}

/// The KPIs of a scope.
pub fn kpis(db: &Db, scope: &Scope) -> Result<Kpis, StatsError> {
    let window = Window::resolve(db, scope)?;
    kpis_of(db, &window)
}

/// The KPIs of a resolved window.
pub(crate) fn kpis_of(db: &Db, window: &Window) -> Result<Kpis, StatsError> {
    kpis_from_source(db, window, window.source())
}

/// The KPIs of a resolved window and its groups by day, the days grouped once for both.
pub(crate) fn kpis_and_days(db: &Db, window: &Window) -> Result<(Kpis, Vec<Group>), StatsError> {
    let source = window.source();
    let mut kpis = sums_of(db, window, source)?;
    let mut days = grouped_from_source(db, window, GroupBy::Day, source)?;
    if let Some(visitors) = mall_visitors(db, window)? {
        count_visitors(&mut days, &visitors);
        convert(&mut kpis, &visitors, &days);
    }
    Ok((kpis, days))
}

fn kpis_from_source(db: &Db, window: &Window, source: Source) -> Result<Kpis, StatsError> {
    let mut kpis = sums_of(db, window, source)?;
    if let Some(visitors) = mall_visitors(db, window)? {
        let days = grouped_from_source(db, window, GroupBy::Day, source)?;
        convert(&mut kpis, &visitors, &days);
    }
    Ok(kpis)
}

/// The KPIs of the window's rows, without visitors.
fn sums_of(db: &Db, window: &Window, source: Source) -> Result<Kpis, StatsError> {
    let (wh, values) = window.clause(source);
    let sql = format!(
        "SELECT {} FROM {} t WHERE {wh}",
        sums(source),
        source.table(window.needs_store())
    );
    Ok(db
        .conn()
        .query_row(&sql, params_from_iter(values), |r| kpis_from(r, 0))?)
}

/// Visitors per local day (`YYYY-MM-DD`) of the window; `None` without counts, or for one store
/// (the mall's visitors are not a store's).
fn mall_visitors(db: &Db, window: &Window) -> Result<Option<BTreeMap<String, u64>>, StatsError> {
    if window.store.is_some() {
        return Ok(None);
    }
    let visitors = footfall::daily_visitors(db, window.first_day, window.last_day)?;
    Ok((!visitors.is_empty()).then_some(visitors))
}

fn day_of(group: &Group) -> String {
    group.key.date().map(|d| d.to_string()).unwrap_or_default()
}

/// Conversion counts the payments of the days that have visitor counts.
fn convert(kpis: &mut Kpis, visitors: &BTreeMap<String, u64>, days: &[Group]) {
    let counted: u64 = visitors.values().sum();
    let paying: u64 = days
        .iter()
        .filter(|d| visitors.contains_key(&day_of(d)))
        .map(|d| d.kpis.trades)
        .sum();
    kpis.visitors = Some(counted);
    kpis.conversion = ratio(paying as i64, counted as i64, 4);
}

/// Each day's visitors and conversion, on the days that have counts.
fn count_visitors(days: &mut [Group], visitors: &BTreeMap<String, u64>) {
    for g in days {
        if let Some(&v) = visitors.get(&day_of(g)) {
            g.kpis.visitors = Some(v);
            g.kpis.conversion = ratio(g.kpis.trades as i64, v as i64, 4);
        }
    }
}

/// The KPIs of a scope grouped by provider, store, day, hour or coupon.
pub fn grouped(db: &Db, scope: &Scope, by: GroupBy) -> Result<Vec<Group>, StatsError> {
    let window = Window::resolve(db, scope)?;
    grouped_of(db, &window, by)
}

/// The groups of a resolved window.
pub(crate) fn grouped_of(db: &Db, window: &Window, by: GroupBy) -> Result<Vec<Group>, StatsError> {
    let mut groups = grouped_from_source(db, window, by, window.source())?;
    if by == GroupBy::Day {
        if let Some(visitors) = mall_visitors(db, window)? {
            count_visitors(&mut groups, &visitors);
        }
    }
    Ok(groups)
}

fn grouped_from_source(
    db: &Db,
    window: &Window,
    by: GroupBy,
    source: Source,
) -> Result<Vec<Group>, StatsError> {
    if by == GroupBy::Store && source == Source::Rollup {
        let (wh, values) = window.clause(source);
        return by_store::grouped(db, window, &wh, values);
    }
    let (wh, values) = window.clause(source);
    let (keys, join) = group::key_columns(by, source.time(), source.used(), window.offset);
    let sql = format!(
        "SELECT {keys}, {} FROM {} t {join} WHERE {wh} GROUP BY 1, 2, 3",
        sums(source),
        source.table(window.needs_store() || by == GroupBy::Store)
    );
    let mut stmt = db.conn().prepare(&sql)?;
    let mut groups: Vec<Group> = stmt
        .query_map(params_from_iter(values), |r| {
            Ok(Group {
                key: GroupKey::from_row(by, r, 0)?,
                kpis: kpis_from(r, 3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    groups.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(groups)
}

/// What a campaign's coupons cost and who paid, from the redemptions attributed to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CampaignCost {
    /// Σ quantity of the campaign's coupons.
    pub issued: u64,
    /// Attributed redemptions.
    pub redemptions: u64,
    /// redemptions ÷ issued, 4 decimals.
    #[ts(as = "Option<String>")]
    pub redemption_rate: Option<Decimal>,
    /// Discount paid by the mall, the tenants and the providers, by each coupon's funding split.
    #[ts(type = "string")]
    pub mall: Decimal,
    #[ts(type = "string")]
    pub tenant: Decimal,
    #[ts(type = "string")]
    pub provider: Decimal,
    /// mall + tenant: what the campaign's budget pays for.
    #[ts(type = "string")]
    pub spent: Decimal,
    #[ts(type = "string")]
    pub budget: Decimal,
    /// spent ÷ budget, 4 decimals.
    #[ts(as = "Option<String>")]
    pub budget_used: Option<Decimal>,
}

/// The cost of a campaign's coupons so far.
pub fn campaign_cost(db: &Db, campaign: i64) -> Result<CampaignCost, StatsError> {
    use rust_decimal::prelude::ToPrimitive;
    let budget: i64 = db
        .conn()
        .query_row(
            "SELECT budget_fen FROM campaign WHERE id = ?1",
            [campaign],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StatsError::CampaignNotFound(campaign))?;
    let mut stmt = db.conn().prepare(
        "SELECT c.quantity, c.tenant_share, c.provider_share,
                COALESCE(SUM(t.n), 0), COALESCE(SUM(t.coupon_fen), 0)
         FROM coupon c
         LEFT JOIN trade_hour_row t ON t.coupon_key = c.id AND t.coupon_key <> 0 AND t.refund = 0
         WHERE c.campaign_id = ?1 GROUP BY c.id",
    )?;
    let rows: Vec<(i64, String, String, i64, i64)> = stmt
        .query_map([campaign], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    let (mut issued, mut redemptions, mut mall, mut tenant, mut provider) =
        (0i64, 0i64, 0i64, 0i64, 0i64);
    // Shares are split exactly: tenant and provider are rounded to the fen, the mall takes the
    // rest, so the three always add up to the discount.
    let part = |amount: i64, share: &str| -> i64 {
        let share = share.parse::<Decimal>().unwrap_or_default();
        (Decimal::from(amount) * share / Decimal::ONE_HUNDRED)
            .round()
            .to_i64()
            .unwrap_or(0)
    };
    for (quantity, tenant_share, provider_share, count, discount) in rows {
        issued += quantity;
        redemptions += count;
        let t = part(discount, &tenant_share);
        let p = part(discount, &provider_share);
        tenant += t;
        provider += p;
        mall += discount - t - p;
    }
    Ok(CampaignCost {
        issued: issued as u64,
        redemptions: redemptions as u64,
        redemption_rate: ratio(redemptions, issued, 4),
        mall: from_fen(mall),
        tenant: from_fen(tenant),
        provider: from_fen(provider),
        spent: from_fen(mall + tenant),
        budget: from_fen(budget),
        budget_used: ratio(mall + tenant, budget, 4),
    })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_footfall;
#[cfg(test)]
mod tests_group;
#[cfg(test)]
mod tests_rollup;
