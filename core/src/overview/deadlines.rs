//! The dated things to do: each campaign's launch day, the days WeChat Pay and Alipay start
//! taking its coupons (and the day after which it is too late), and the days of a running or
//! recently ended campaign whose bills were never imported.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use super::{is_upcoming, OverviewError, Row};
use crate::campaign::CampaignStatus;
use crate::coupon::Product;
use crate::db::Db;
use crate::launch::{ALIPAY_PUBLISH_DAYS_AHEAD, WECHAT_CASH_DAYS_AHEAD};
use crate::provider::Provider;
use crate::text::Localized;

/// What falls due. The order is the one within a day: bills first (they are overdue by
/// nature), the providers' windows, then the launch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Days of a live or recently ended campaign without any trade of a provider it has
    /// coupons for.
    MissingBills,
    /// The Alipay voucher templates: publishable from `date`, or to publish before `date`.
    AlipayPublish,
    /// The WeChat Pay 代金券 stocks: creatable from `date`, or to create before `date`.
    WechatCash,
    /// The campaign's first day.
    Launch,
}

/// The screen where a deadline is dealt with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Goto {
    /// The campaign's editor.
    Campaign,
    /// The campaign's Preview & launch.
    Launch,
    /// The campaign's coupons, whose provider payloads are copied from there.
    Coupons,
    /// The Import screen.
    Import,
}

/// One dated thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Deadline {
    /// The same for the same thing due on the same day, across restarts (what "notified once"
    /// remembers).
    pub key: String,
    pub kind: DeadlineKind,
    /// The day it falls on, `YYYY-MM-DD` in the mall's zone (for missing bills: the first day
    /// the first missing bill could have been imported).
    pub date: String,
    /// Days from today to `date`; negative when overdue.
    pub days: i64,
    pub campaign: i64,
    pub campaign_name: String,
    pub provider: Option<Provider>,
    /// What to do, a whole sentence with its dates.
    pub message: Localized,
    pub goto: Goto,
}

/// Ended campaigns are reminded of their missing bills for this many days after their end;
/// later the gap shows only on the Statistics screen, so old campaigns do not crowd out
/// what is due now.
pub const MISSING_BILLS_DAYS_AFTER_END: i64 = 90;

struct Ctx {
    zone: Tz,
    today: NaiveDate,
}

impl Ctx {
    fn day(&self, ts: i64) -> NaiveDate {
        crate::time::local(ts, self.zone).date_naive()
    }

    /// `what`: the kind, the provider it is about, and where it is dealt with.
    fn item(
        &self,
        c: &Row,
        what: (DeadlineKind, Option<Provider>, Goto),
        date: NaiveDate,
        en: String,
        zh: String,
    ) -> Deadline {
        let (kind, provider, goto) = what;
        let key_kind = serde_json::to_value(kind)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let key_provider = provider.map(|p| p.key()).unwrap_or("-");
        Deadline {
            key: format!("{key_kind}:{}:{key_provider}:{date}", c.id),
            kind,
            date: date.to_string(),
            days: (date - self.today).num_days(),
            campaign: c.id,
            campaign_name: c.name.clone(),
            provider,
            message: Localized::new(en, zh),
            goto,
        }
    }
}

/// Every deadline at `now`, the earliest first.
pub(super) fn all(
    db: &Db,
    campaigns: &[Row],
    now: i64,
    zone: Tz,
) -> Result<Vec<Deadline>, OverviewError> {
    let ctx = Ctx {
        zone,
        today: crate::time::local(now, zone).date_naive(),
    };
    let mut out = Vec::new();
    for c in campaigns {
        if is_upcoming(c, now) {
            out.extend(launch(&ctx, c));
            out.extend(windows(db, &ctx, c)?);
        }
        let recent = (ctx.today - ctx.day(c.ends_at)).num_days() <= MISSING_BILLS_DAYS_AFTER_END;
        let running = matches!(c.status, CampaignStatus::Live | CampaignStatus::Paused);
        if running || (c.status == CampaignStatus::Ended && recent) {
            out.extend(missing_bills(db, &ctx, c, now)?);
        }
    }
    out.sort_by(|a, b| {
        (
            a.date.as_str(),
            a.kind,
            a.campaign_name.as_str(),
            a.provider,
        )
            .cmp(&(
                b.date.as_str(),
                b.kind,
                b.campaign_name.as_str(),
                b.provider,
            ))
    });
    Ok(out)
}

fn launch(ctx: &Ctx, c: &Row) -> Option<Deadline> {
    let date = ctx.day(c.starts_at);
    let name = &c.name;
    let (goto, en, zh) = match c.status {
        CampaignStatus::Draft if date < ctx.today => (
            Goto::Launch,
            format!("{name} was to start on {date} and is still a draft"),
            format!("{name} 原定 {date} 开始，仍是草稿"),
        ),
        CampaignStatus::Draft if date == ctx.today => (
            Goto::Launch,
            format!("{name} starts today and is still a draft: launch it now"),
            format!("{name} 今天开始，仍是草稿：请立即上线"),
        ),
        CampaignStatus::Draft => (
            Goto::Launch,
            format!("{name} starts on {date} and is still a draft: launch it before then"),
            format!("{name} 将于 {date} 开始，仍是草稿：请在此之前上线"),
        ),
        // A scheduled campaign whose start passed went live (the clock moves it).
        _ if date < ctx.today => return None,
        _ if date == ctx.today => (
            Goto::Campaign,
            format!("{name} goes live today"),
            format!("{name} 今天开始"),
        ),
        _ => (
            Goto::Campaign,
            format!("{name} goes live on {date}"),
            format!("{name} 于 {date} 开始"),
        ),
    };
    Some(ctx.item(c, (DeadlineKind::Launch, None, goto), date, en, zh))
}

/// Until the day the window opens: that day. Once open: the day it closes (the coupons'
/// start). Past that, the checklist's failure says what to do; no date is left to show.
fn windows(db: &Db, ctx: &Ctx, c: &Row) -> Result<Vec<Deadline>, OverviewError> {
    let name = &c.name;
    let mut out = Vec::new();
    for w in crate::launch::provider_windows(db, c.id)? {
        let opens = ctx.day(w.opens);
        let closes = ctx.day(w.closes);
        let (kind, provider) = match w.product {
            Product::AlipayVoucher => (DeadlineKind::AlipayPublish, Provider::Alipay),
            _ => (DeadlineKind::WechatCash, Provider::WechatPay),
        };
        let (date, en, zh) = match (kind, opens >= ctx.today) {
            (DeadlineKind::AlipayPublish, true) => (
                opens,
                format!("{name}: Alipay voucher templates can be published from {opens}, {ALIPAY_PUBLISH_DAYS_AHEAD} days before they start"),
                format!("{name}：支付宝代金券模板可从 {opens} 起发布（开始前 {ALIPAY_PUBLISH_DAYS_AHEAD} 天内）"),
            ),
            (DeadlineKind::AlipayPublish, false) => (
                closes,
                format!("{name}: publish the Alipay voucher templates before they start on {closes}"),
                format!("{name}：请在 {closes} 开始前发布支付宝代金券模板"),
            ),
            (_, true) => (
                opens,
                format!("{name}: WeChat Pay coupon stocks can be created from {opens}, {WECHAT_CASH_DAYS_AHEAD} days before they start"),
                format!("{name}：微信支付代金券批次可从 {opens} 起创建（开始前 {WECHAT_CASH_DAYS_AHEAD} 天内）"),
            ),
            (_, false) => (
                closes,
                format!("{name}: create the WeChat Pay coupon stocks before they start on {closes}"),
                format!("{name}：请在 {closes} 开始前创建微信支付代金券批次"),
            ),
        };
        if date >= ctx.today {
            out.push(ctx.item(c, (kind, Some(provider), Goto::Coupons), date, en, zh));
        }
    }
    Ok(out)
}

/// One deadline per provider the campaign has coupons for, when some of its days up to
/// yesterday have no trade of that provider at all.
fn missing_bills(db: &Db, ctx: &Ctx, c: &Row, now: i64) -> Result<Vec<Deadline>, OverviewError> {
    let first = ctx.day(c.starts_at);
    let last = ctx.day(c.ends_at).min(ctx.today - Duration::days(1));
    if last < first {
        return Ok(vec![]);
    }
    let providers: BTreeSet<Provider> = crate::coupon::list(db, Some(c.id))?
        .into_iter()
        .map(|coupon| coupon.provider)
        .collect();
    let mut stmt = db.conn().prepare(
        "SELECT DISTINCT hour_ts FROM trade_hour_total
         WHERE hour_ts >= ?1 AND hour_ts <= ?2 AND provider = ?3",
    )?;
    let from = c.starts_at - c.starts_at.rem_euclid(3600);
    let to = c.ends_at.min(now);
    let mut out = Vec::new();
    for provider in providers {
        let present: BTreeSet<NaiveDate> = stmt
            .query_map(crate::sql::params![from, to, provider.key()], |r| {
                r.get::<_, i64>(0)
            })?
            .map(|h| h.map(|h| ctx.day(h)))
            .collect::<Result<_, _>>()?;
        let missing: Vec<NaiveDate> = first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| !present.contains(d))
            .collect();
        let (Some(&from_day), Some(&to_day)) = (missing.first(), missing.last()) else {
            continue;
        };
        let n = missing.len();
        let name = &c.name;
        let what = provider.name();
        let (en, zh) = if n == 1 {
            (
                format!("{name}: the {} bill of {from_day} is not imported", what.en),
                format!("{name}：{from_day} 的{}账单未导入", what.zh),
            )
        } else {
            (
                format!(
                    "{name}: {} bills of {n} days from {from_day} to {to_day} are not imported",
                    what.en
                ),
                format!(
                    "{name}：{from_day} 至 {to_day} 有 {n} 天的{}账单未导入",
                    what.zh
                ),
            )
        };
        // A day's bill can be imported from the next day on.
        let date = from_day + Duration::days(1);
        let what = (DeadlineKind::MissingBills, Some(provider), Goto::Import);
        out.push(ctx.item(c, what, date, en, zh));
    }
    Ok(out)
}
