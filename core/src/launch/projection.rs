//! What-if projection of a campaign's coupons from a few assumptions per provider.
//!
//! Take-up and redeem are typed and shown as percents (30 means 30 %).
//!
//! Per coupon: claimed = ⌊quantity × take-up⌋, redemptions = ⌊claimed × redeem⌋; each redeeming
//! customer spends the average ticket, or the threshold when that is higher (people top up to
//! reach it). The discount per redemption is the face value (fixed, gift), the ticket × the
//! share off up to the cap (discount), or original − special price (exchange); points cost no
//! money. GMV = redemptions × ticket, fees = (GMV − discount) × the provider's fee rate, net =
//! GMV − discount − fees. The discount is split by the coupon's funding exactly as statistics
//! split real redemptions (tenant and provider rounded to the fen, the mall takes the rest), so
//! a projection and its later actuals compare line by line. All arithmetic is Decimal, rounded
//! to the fen once per coupon.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::LaunchError;
use crate::coupon::CouponKind;
use crate::db::Db;
use crate::provider::Provider;
use crate::stats::{self, Window};
use crate::text::Localized;

/// The assumptions for one provider, as typed (decimal strings). The two rates are percents,
/// as marketing people say them ("12.5" is 12.5 %), so nobody has to think in fractions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Assumption {
    pub provider: Provider,
    /// Percent of issued coupons that customers claim, 0–100.
    pub take_up: String,
    /// Percent of claimed coupons that are redeemed, 0–100.
    pub redeem: String,
    /// Yuan.
    pub average_ticket: String,
    /// Where each default came from (read-only for the caller): the mall's own history when
    /// it has any, else that it is an assumption.
    #[serde(default)]
    pub take_up_basis: Option<Localized>,
    #[serde(default)]
    pub redeem_basis: Option<Localized>,
    #[serde(default)]
    pub ticket_basis: Option<Localized>,
}

/// One coupon's (or one provider's, or the total's) projected figures, money in yuan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProjectionLine {
    pub label: String,
    pub provider: Option<Provider>,
    pub claimed: u64,
    pub redemptions: u64,
    pub gmv: String,
    pub discount: String,
    pub mall: String,
    pub tenant: String,
    pub provider_funded: String,
    pub fees: String,
    pub net: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Projection {
    pub coupons: Vec<ProjectionLine>,
    pub providers: Vec<ProjectionLine>,
    pub total: ProjectionLine,
    pub budget: String,
    /// (mall + tenant) ÷ budget, 4 decimals.
    pub budget_use: Option<String>,
}

#[derive(Default, Clone, Copy)]
struct Sums {
    claimed: u64,
    redemptions: u64,
    gmv: Decimal,
    discount: Decimal,
    mall: Decimal,
    tenant: Decimal,
    provider: Decimal,
    fees: Decimal,
}

impl Sums {
    fn add(&mut self, o: &Sums) {
        self.claimed += o.claimed;
        self.redemptions += o.redemptions;
        self.gmv += o.gmv;
        self.discount += o.discount;
        self.mall += o.mall;
        self.tenant += o.tenant;
        self.provider += o.provider;
        self.fees += o.fees;
    }

    fn line(&self, label: String, provider: Option<Provider>) -> ProjectionLine {
        let m = |d: Decimal| format!("{:.2}", d);
        ProjectionLine {
            label,
            provider,
            claimed: self.claimed,
            redemptions: self.redemptions,
            gmv: m(self.gmv),
            discount: m(self.discount),
            mall: m(self.mall),
            tenant: m(self.tenant),
            provider_funded: m(self.provider),
            fees: m(self.fees),
            net: m(self.gmv - self.discount - self.fees),
        }
    }
}

fn dec(text: &str) -> Decimal {
    text.trim().parse().unwrap_or_default()
}

/// A percent as typed ("12.5", "12.5 %", "12.5%") as a share, 0–1.
fn rate(text: &str, what: (&'static str, &'static str)) -> Result<Decimal, LaunchError> {
    let number = text.trim().trim_end_matches(['%', '％']).trim();
    let r: Decimal = number.parse().map_err(|_| LaunchError::BadRate(what))?;
    if r < Decimal::ZERO || r > Decimal::ONE_HUNDRED {
        return Err(LaunchError::BadRate(what));
    }
    Ok(r / Decimal::ONE_HUNDRED)
}

/// A share (0–1) as the percent shown in the form: "12.5", at most two decimals.
fn percent(share: Decimal) -> String {
    (share * Decimal::ONE_HUNDRED)
        .round_dp(2)
        .normalize()
        .to_string()
}

fn fen(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// Projects the campaign's coupons under `assumptions` (providers without one project nothing).
pub fn project(
    db: &Db,
    campaign: i64,
    assumptions: &[Assumption],
) -> Result<Projection, LaunchError> {
    let c = crate::campaign::get(db, campaign)?;
    let coupons = crate::coupon::list(db, Some(campaign))?;
    let fees: Vec<crate::provider::ProviderSettings> = crate::provider::list_settings(db)?;
    let mut lines = Vec::new();
    let mut by_provider: Vec<(Provider, Sums)> = Vec::new();
    let mut total = Sums::default();
    for coupon in &coupons {
        let Some(a) = assumptions.iter().find(|a| a.provider == coupon.provider) else {
            continue;
        };
        let take_up = rate(&a.take_up, ("take-up", "领取率"))?;
        let redeem = rate(&a.redeem, ("redemption rate", "核销率"))?;
        let ticket: Decimal = a
            .average_ticket
            .trim()
            .parse()
            .ok()
            .filter(|t: &Decimal| *t >= Decimal::ZERO)
            .ok_or_else(|| LaunchError::BadTicket(a.average_ticket.clone()))?;
        let s = &coupon.spec;
        let claimed = (Decimal::from(s.quantity) * take_up).floor();
        let redemptions = (claimed * redeem).floor();
        let ticket = ticket.max(dec(&s.threshold));
        let off = match s.kind {
            CouponKind::Fixed | CouponKind::Gift => dec(&s.face_value),
            CouponKind::Discount => {
                let off =
                    ticket * (Decimal::ONE_HUNDRED - dec(&s.pay_percent)) / Decimal::ONE_HUNDRED;
                if s.cap.trim().is_empty() {
                    off
                } else {
                    off.min(dec(&s.cap))
                }
            }
            CouponKind::Exchange => (dec(&s.original_price) - dec(&s.price)).max(Decimal::ZERO),
            CouponKind::Points => Decimal::ZERO,
        };
        let discount = fen(redemptions * off);
        let gmv = fen(redemptions * ticket);
        let fee_rate = fees
            .iter()
            .find(|f| f.provider == coupon.provider)
            .map_or(Decimal::ZERO, |f| f.fee_rate);
        let fee = fen((gmv - discount) * fee_rate / Decimal::ONE_HUNDRED);
        let tenant = fen(discount * dec(&s.funding.tenant) / Decimal::ONE_HUNDRED);
        let provider = fen(discount * dec(&s.funding.provider) / Decimal::ONE_HUNDRED);
        let sums = Sums {
            claimed: claimed.to_u64().unwrap_or(0),
            redemptions: redemptions.to_u64().unwrap_or(0),
            gmv,
            discount,
            mall: discount - tenant - provider,
            tenant,
            provider,
            fees: fee,
        };
        lines.push(sums.line(s.name.clone(), Some(coupon.provider)));
        match by_provider.iter_mut().find(|(p, _)| *p == coupon.provider) {
            Some((_, acc)) => acc.add(&sums),
            None => by_provider.push((coupon.provider, sums)),
        }
        total.add(&sums);
    }
    let budget = c.budget;
    let spend = total.mall + total.tenant;
    Ok(Projection {
        coupons: lines,
        providers: by_provider
            .iter()
            .map(|(p, s)| s.line(p.key().to_string(), Some(*p)))
            .collect(),
        total: total.line("total".into(), None),
        budget: format!("{:.2}", budget),
        budget_use: (!budget.is_zero())
            .then(|| (spend / budget).round_dp(4).normalize().to_string()),
    })
}

/// The assumed share of issued coupons that shoppers claim: bills show redemptions, not
/// claims, so no history can tell it.
const TAKE_UP: Decimal = Decimal::from_parts(3, 0, 0, false, 1);

/// Defaults per provider the campaign's coupons use, each with where it came from:
/// - the average ticket of last year's same festival when its trades exist, else of all
///   trades, else the highest threshold;
/// - the redemption rate (issued → redeemed) the mall measured on its own earlier campaign —
///   last year's same festival first, else the latest campaign before this one that redeemed
///   any — split as the assumed take-up 30 % × redeem, so their product is that rate;
///   without history, 30 % × 50 %.
pub fn default_assumptions(db: &Db, campaign: i64) -> Result<Vec<Assumption>, LaunchError> {
    let c = crate::campaign::get(db, campaign)?;
    let coupons = crate::coupon::list(db, Some(campaign))?;
    let zone = crate::mall::get(db)?.zone();
    let (start, end): (i64, i64) = db.conn().query_row(
        "SELECT starts_at, ends_at FROM campaign WHERE id = ?1",
        [campaign],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let last_year = c.festival.as_deref().and_then(|f| {
        let first = crate::time::local(start, zone).date_naive();
        let last = crate::time::local(end, zone).date_naive();
        let this = crate::calendar::nearest_occurrence(f, first).ok()?;
        let before = crate::calendar::date_of(f, chrono::Datelike::year(&this) - 1).ok()?;
        let shift = before - this;
        Some((
            Window::of_days(zone, Some(first + shift), Some(last + shift)),
            first + shift,
        ))
    });
    let same_festival: Option<i64> = match (&c.festival, &last_year) {
        (Some(f), Some(_)) => db
            .conn()
            .query_row(
                "SELECT id FROM campaign WHERE festival = ?1 AND id <> ?2 AND starts_at BETWEEN ?3 AND ?4
                 ORDER BY starts_at DESC LIMIT 1",
                crate::sql::params![f, campaign, start - 400 * 86_400, start - 330 * 86_400],
                |r| r.get(0),
            )
            .ok(),
        _ => None,
    };
    let measured = redemption_history(db, campaign, start, same_festival)?;
    let mut providers: Vec<Provider> = coupons.iter().map(|c| c.provider).collect();
    providers.sort();
    providers.dedup();
    let mut out = Vec::new();
    for provider in providers {
        let only = |mut w: Window| {
            w.provider = Some(provider.key().to_string());
            w
        };
        let from_last_year = match &last_year {
            Some((w, _)) => stats::kpis_of(db, &only(w.clone()))?.average_ticket,
            None => None,
        };
        let overall = stats::kpis_of(db, &only(Window::default()))?.average_ticket;
        let threshold = coupons
            .iter()
            .filter(|c| c.provider == provider)
            .map(|c| dec(&c.spec.threshold))
            .max()
            .unwrap_or_default();
        let (ticket, ticket_basis) = match (from_last_year, overall) {
            (Some(t), _) => (
                t.to_string(),
                Localized::new(
                    "average ticket of last year's same festival",
                    "去年同节日的客单价",
                ),
            ),
            (None, Some(t)) => (
                t.to_string(),
                Localized::new(
                    "average ticket of all imported trades",
                    "全部已导入交易的客单价",
                ),
            ),
            (None, None) => (
                format!("{:.2}", threshold.max(Decimal::ONE_HUNDRED)),
                Localized::new("no trades yet: an assumed ticket", "尚无交易：假设的客单价"),
            ),
        };
        let (redeem, redeem_basis) = match &measured {
            Some((rate, basis)) => ((*rate / TAKE_UP).min(Decimal::ONE), basis.clone()),
            None => (
                Decimal::new(5, 1),
                Localized::new(
                    "no earlier campaign redeemed coupons: an assumption",
                    "此前没有核销过优惠券的活动：假设值",
                ),
            ),
        };
        out.push(Assumption {
            provider,
            take_up: percent(TAKE_UP),
            redeem: percent(redeem),
            average_ticket: ticket,
            take_up_basis: Some(Localized::new(
                "an assumption: bills show redemptions, not claims",
                "假设值：账单只记录核销，不记录领取",
            )),
            redeem_basis: Some(redeem_basis),
            ticket_basis: Some(ticket_basis),
        });
    }
    Ok(out)
}

/// The redemption rate (issued → redeemed) of the mall's own earlier campaign and where it
/// came from: `same_festival` (last year's) when it redeemed any, else the latest campaign
/// started before `start` that did.
fn redemption_history(
    db: &Db,
    campaign: i64,
    start: i64,
    same_festival: Option<i64>,
) -> Result<Option<(Decimal, Localized)>, LaunchError> {
    let earlier: Vec<i64> = {
        let mut stmt = db.conn().prepare(
            "SELECT id FROM campaign WHERE id <> ?1 AND starts_at < ?2 ORDER BY starts_at DESC",
        )?;
        let ids = stmt
            .query_map(crate::sql::params![campaign, start], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        ids
    };
    let order = same_festival
        .into_iter()
        .chain(earlier.into_iter().filter(|id| Some(*id) != same_festival));
    for id in order {
        let cost = stats::campaign_cost(db, id)?;
        let Some(rate) = cost.redemption_rate.filter(|r| !r.is_zero()) else {
            continue;
        };
        let c = crate::campaign::get(db, id)?;
        let day = |t: &str| t.get(..10).unwrap_or(t).to_string();
        let shown = percent(rate);
        let (en_whose, zh_whose) = if Some(id) == same_festival {
            ("last year's same festival", "去年同节日活动")
        } else {
            ("the latest earlier campaign", "最近一个已有核销的活动")
        };
        return Ok(Some((
            rate,
            Localized::new(
                format!(
                    "{en_whose} “{}” ({} – {}) redeemed {shown} % of its {} coupons; take-up {} % × redeem gives that rate",
                    c.name,
                    day(&c.start),
                    day(&c.end),
                    cost.issued,
                    percent(TAKE_UP),
                ),
                format!(
                    "{zh_whose}“{}”（{} – {}）发放 {} 张，核销率 {shown} %；领取率 {} % × 核销率即为该比例",
                    c.name,
                    day(&c.start),
                    day(&c.end),
                    cost.issued,
                    percent(TAKE_UP),
                ),
            ),
        )));
    }
    Ok(None)
}
