//! The checklist's rules, one function per item, each returning pass / warn / fail with a
//! message saying what to fix.

use std::collections::BTreeSet;

use super::{
    coupon_rows, CheckItem, CheckStatus, CouponRow, FixAt, LaunchError, ALIPAY_PUBLISH_DAYS_AHEAD,
    WECHAT_CASH_DAYS_AHEAD,
};
use crate::campaign::{Campaign, CampaignStatus};
use crate::coupon::Product;
use crate::db::Db;
use crate::provider::Provider;
use crate::store::MerchantIdKind;
use crate::text::Localized;

const DAY: i64 = 86_400;

fn item(id: &str, status: CheckStatus, fix: FixAt, en: String, zh: String) -> CheckItem {
    CheckItem {
        id: id.to_string(),
        status,
        message: Localized::new(en, zh),
        fix,
        campaign: None,
    }
}

fn local_date(db: &Db, ts: i64) -> String {
    crate::mall::get(db)
        .map(|m| crate::time::local(ts, m.zone()).date_naive().to_string())
        .unwrap_or_default()
}

fn bounds(db: &Db, id: i64) -> Result<(i64, i64, i64), LaunchError> {
    Ok(db.conn().query_row(
        "SELECT starts_at, ends_at, budget_fen FROM campaign WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}

pub fn run(db: &Db, c: &Campaign, now: i64) -> Result<Vec<CheckItem>, LaunchError> {
    let (start, end, budget_fen) = bounds(db, c.id)?;
    let coupons = coupon_rows(db, c.id)?;
    let zone = crate::mall::get(db)?.zone();
    let mut items = vec![status(c), dates(start, end, now, zone)];
    items.extend(coupons_valid(db, &coupons)?);
    items.push(budget(db, c.id, budget_fen)?);
    // The providers' creation windows matter only for a campaign still ahead: an ended one
    // would be told its vouchers "can be published now".
    if end >= now {
        items.extend(wechat_dates(db, &coupons, start, now));
        items.extend(alipay_publish(db, &coupons, start, now));
    }
    items.extend(upload_codes(db, c.id)?);
    items.push(merchant_ids(db, c, &coupons)?);
    items.push(conflicts(db, c.id)?);
    items.push(fee_rates(db, &coupons)?);
    Ok(items)
}

fn status(c: &Campaign) -> CheckItem {
    if c.status == CampaignStatus::Draft {
        item(
            "status.draft",
            CheckStatus::Pass,
            FixAt::Campaign,
            "The campaign is a draft, ready to launch".into(),
            "活动为草稿，可以上线".into(),
        )
    } else {
        let name = c.status.name();
        item(
            "status.draft",
            CheckStatus::Fail,
            FixAt::Campaign,
            format!("Only a draft launches; this campaign is {}", name.en),
            format!("只有草稿可以上线；该活动当前为{}", name.zh),
        )
    }
}

/// Whole calendar days in the mall's zone from `now` to `at`: tomorrow is 1, whatever the hour.
fn calendar_days(now: i64, at: i64, zone: chrono_tz::Tz) -> i64 {
    let day = |ts| crate::time::local(ts, zone).date_naive();
    (day(at) - day(now)).num_days()
}

fn dates(start: i64, end: i64, now: i64, zone: chrono_tz::Tz) -> CheckItem {
    if end < now {
        item(
            "dates.future",
            CheckStatus::Fail,
            FixAt::Campaign,
            "The campaign has already ended; move its dates".into(),
            "活动已结束；请调整日期".into(),
        )
    } else if start < now {
        item(
            "dates.future",
            CheckStatus::Warn,
            FixAt::Campaign,
            "The start is in the past: the campaign goes live as soon as it is launched".into(),
            "开始时间已过：上线后立即生效".into(),
        )
    } else {
        let (en, zh) = match calendar_days(now, start, zone) {
            0 => ("Starts today".to_string(), "今天开始".to_string()),
            1 => ("Starts tomorrow".to_string(), "明天开始".to_string()),
            days => (format!("Starts in {days} days"), format!("{days} 天后开始")),
        };
        item("dates.future", CheckStatus::Pass, FixAt::Campaign, en, zh)
    }
}

fn coupons_valid(db: &Db, coupons: &[CouponRow]) -> Result<Vec<CheckItem>, LaunchError> {
    if coupons.is_empty() {
        return Ok(vec![item(
            "coupons.present",
            CheckStatus::Warn,
            FixAt::Coupons,
            "No coupons: the campaign runs without wallet offers".into(),
            "没有优惠券：活动将不含钱包优惠".into(),
        )]);
    }
    let mut bad_en = Vec::new();
    let mut bad_zh = Vec::new();
    for c in coupons {
        let v = crate::coupon::validate_existing(db, c.id)?;
        if !v.ok {
            let en: Vec<&str> = v.problems.iter().map(|p| p.message.en.as_str()).collect();
            let zh: Vec<&str> = v.problems.iter().map(|p| p.message.zh.as_str()).collect();
            bad_en.push(format!("{}: {}", c.name, en.join(", ")));
            bad_zh.push(format!("{}：{}", c.name, zh.join("，")));
        }
    }
    Ok(vec![if bad_en.is_empty() {
        item(
            "coupons.valid",
            CheckStatus::Pass,
            FixAt::Coupons,
            format!("All {} coupons pass their provider's rules", coupons.len()),
            format!("{} 张优惠券均符合支付机构规则", coupons.len()),
        )
    } else {
        item(
            "coupons.valid",
            CheckStatus::Fail,
            FixAt::Coupons,
            bad_en.join("; "),
            bad_zh.join("；"),
        )
    }])
}

fn budget(db: &Db, campaign: i64, budget_fen: i64) -> Result<CheckItem, LaunchError> {
    let budget = crate::money::format_cny(crate::money::from_fen(budget_fen));
    Ok(match crate::coupon::worst_case_cost(db, campaign)? {
        None => item(
            "budget.worst_case",
            CheckStatus::Fail,
            FixAt::Coupons,
            "A discount coupon has no cap, so the worst case is unbounded; set a cap".into(),
            "有折扣券未设上限，最坏情况无法估计；请设置封顶金额".into(),
        ),
        Some(worst) if crate::money::to_fen(worst).is_some_and(|w| w <= budget_fen) => {
            let worst = crate::money::format_cny(worst);
            item(
                "budget.worst_case",
                CheckStatus::Pass,
                FixAt::Campaign,
                format!("Budget {budget} covers the worst case {worst} (every coupon redeemed)"),
                format!("预算 {budget} 足以覆盖最坏情况 {worst}（全部核销）"),
            )
        }
        Some(worst) => {
            let worst = crate::money::format_cny(worst);
            item(
                "budget.worst_case",
                CheckStatus::Fail,
                FixAt::Campaign,
                format!("Budget {budget} is below the worst case {worst}; raise it or issue fewer coupons"),
                format!("预算 {budget} 低于最坏情况 {worst}；请提高预算或减少发券量"),
            )
        }
    })
}

/// WeChat 代金券: the start may not be in the past nor more than 365 days ahead.
fn wechat_dates(db: &Db, coupons: &[CouponRow], start: i64, now: i64) -> Option<CheckItem> {
    let cash: Vec<&CouponRow> = coupons
        .iter()
        .filter(|c| c.product == Product::WechatCash)
        .collect();
    if cash.is_empty() {
        return None;
    }
    for c in &cash {
        let begins = c.valid_from.unwrap_or(start);
        if begins < now {
            return Some(item(
                "wechat_cash.dates",
                CheckStatus::Fail,
                FixAt::Coupons,
                format!(
                    "WeChat Pay coupon {}: its start {} is in the past; WeChat refuses it",
                    c.name,
                    local_date(db, begins)
                ),
                format!(
                    "微信支付代金券 {}：开始时间 {} 已过，微信不予创建",
                    c.name,
                    local_date(db, begins)
                ),
            ));
        }
        if begins > now + WECHAT_CASH_DAYS_AHEAD * DAY {
            return Some(item(
                "wechat_cash.dates",
                CheckStatus::Fail,
                FixAt::Coupons,
                format!(
                    "WeChat Pay coupon {}: it starts more than {WECHAT_CASH_DAYS_AHEAD} days ahead ({})",
                    c.name,
                    local_date(db, begins)
                ),
                format!(
                    "微信支付代金券 {}：开始时间超过 {WECHAT_CASH_DAYS_AHEAD} 天（{}）",
                    c.name,
                    local_date(db, begins)
                ),
            ));
        }
    }
    Some(item(
        "wechat_cash.dates",
        CheckStatus::Pass,
        FixAt::Coupons,
        format!("WeChat Pay coupons start within WeChat's {WECHAT_CASH_DAYS_AHEAD}-day window"),
        format!("微信支付代金券的开始时间在 {WECHAT_CASH_DAYS_AHEAD} 天内"),
    ))
}

/// Alipay voucher templates are published at most 15 days before they start.
fn alipay_publish(db: &Db, coupons: &[CouponRow], start: i64, now: i64) -> Option<CheckItem> {
    let vouchers: Vec<&CouponRow> = coupons
        .iter()
        .filter(|c| c.product == Product::AlipayVoucher)
        .collect();
    let first = vouchers
        .iter()
        .map(|c| c.valid_from.unwrap_or(start))
        .min()?;
    if first > now + ALIPAY_PUBLISH_DAYS_AHEAD * DAY {
        let from = local_date(db, first - ALIPAY_PUBLISH_DAYS_AHEAD * DAY);
        Some(item(
            "alipay_voucher.publish",
            CheckStatus::Warn,
            FixAt::Coupons,
            format!("Alipay publishes a voucher template at most {ALIPAY_PUBLISH_DAYS_AHEAD} days ahead: create it on or after {from}"),
            format!("支付宝代金券模板最多提前 {ALIPAY_PUBLISH_DAYS_AHEAD} 天发布：请在 {from} 或之后创建"),
        ))
    } else {
        Some(item(
            "alipay_voucher.publish",
            CheckStatus::Pass,
            FixAt::Coupons,
            format!("Alipay vouchers can be published now (within {ALIPAY_PUBLISH_DAYS_AHEAD} days of their start)"),
            format!("支付宝代金券现在即可发布（距开始 {ALIPAY_PUBLISH_DAYS_AHEAD} 天内）"),
        ))
    }
}

/// A WeChat Pay 商家券 in MERCHANT_UPLOAD mode hands out only the codes the mall uploaded:
/// fewer codes than its quantity and the last shoppers get nothing.
fn upload_codes(db: &Db, campaign: i64) -> Result<Option<CheckItem>, LaunchError> {
    let pools = crate::codes::upload_pools(db, campaign)?;
    if pools.is_empty() {
        return Ok(None);
    }
    let short: Vec<&(String, u64, u32)> = pools
        .iter()
        .filter(|(_, codes, quantity)| *codes < u64::from(*quantity))
        .collect();
    Ok(Some(if short.is_empty() {
        item(
            "codes.enough",
            CheckStatus::Pass,
            FixAt::Coupons,
            "Every WeChat Pay merchant coupon that uses the mall's codes has a code for each coupon".into(),
            "使用商场自有券码的微信支付商家券，券码数量均不少于发券量".into(),
        )
    } else {
        let en: Vec<String> = short
            .iter()
            .map(|(name, codes, q)| format!("{name} has {codes} codes for {q} coupons"))
            .collect();
        let zh: Vec<String> = short
            .iter()
            .map(|(name, codes, q)| format!("{name} 只有 {codes} 个券码，发券量为 {q}"))
            .collect();
        item(
            "codes.enough",
            CheckStatus::Fail,
            FixAt::Coupons,
            format!(
                "{}; generate or import the missing codes before launch",
                en.join("; ")
            ),
            format!("{}；请在上线前生成或导入缺少的券码", zh.join("；")),
        )
    }))
}

/// Every store a coupon runs in needs the merchant id its provider settles to.
fn merchant_ids(db: &Db, c: &Campaign, coupons: &[CouponRow]) -> Result<CheckItem, LaunchError> {
    let stores = crate::store::list(db)?;
    let mut missing_en = BTreeSet::new();
    let mut missing_zh = BTreeSet::new();
    for coupon in coupons {
        let targets: Vec<i64> = if !coupon.store_ids.is_empty() {
            coupon.store_ids.clone()
        } else if !c.store_ids.is_empty() {
            c.store_ids.clone()
        } else {
            stores.iter().map(|s| s.id).collect()
        };
        for store in stores.iter().filter(|s| targets.contains(&s.id)) {
            // WeChat Pay and Alipay coupons name the stores by their ids; card and member
            // coupons run through the mall's own terminals.
            let lacks = matches!(coupon.provider, Provider::WechatPay | Provider::Alipay)
                && !store.merchant_ids.iter().any(|a| {
                    a.provider == coupon.provider
                        && a.kind == MerchantIdKind::default_for(coupon.provider)
                });
            if lacks {
                let what = coupon.provider.name();
                missing_en.insert(format!("{} ({} id)", store.name, what.en));
                missing_zh.insert(format!("{}（{}商户号）", store.name, what.zh));
            }
        }
    }
    Ok(if missing_en.is_empty() {
        item(
            "stores.merchant_ids",
            CheckStatus::Pass,
            FixAt::Stores,
            "Every target store has the merchant ids its coupons need".into(),
            "所有目标门店都有优惠券所需的商户号".into(),
        )
    } else {
        item(
            "stores.merchant_ids",
            CheckStatus::Fail,
            FixAt::Stores,
            format!(
                "Stores missing merchant ids: {}",
                missing_en.into_iter().collect::<Vec<_>>().join(", ")
            ),
            format!(
                "门店缺少商户号：{}",
                missing_zh.into_iter().collect::<Vec<_>>().join("、")
            ),
        )
    })
}

fn conflicts(db: &Db, id: i64) -> Result<CheckItem, LaunchError> {
    let list = crate::campaign::conflicts_of(db, id)?;
    if list.is_empty() {
        return Ok(item(
            "conflicts.none",
            CheckStatus::Pass,
            FixAt::Calendar,
            "No other campaign overlaps on the same stores".into(),
            "没有与同一门店重叠的活动".into(),
        ));
    }
    // Each other campaign once, named with its own dates: two campaigns of one festival in
    // different years are told apart, and the fix opens the first of them.
    let day = |t: &str| t.get(..10).unwrap_or(t).to_string();
    let mut others: Vec<(i64, String)> = Vec::new();
    for c in &list {
        let (other, name, start, end) = c.other(id);
        if !others.iter().any(|(o, _)| *o == other) {
            others.push((other, format!("{name}（{} – {}）", day(start), day(end))));
        }
    }
    let own = &list[0];
    let (own_start, own_end) = if own.first_id == id {
        (day(&own.first_start), day(&own.first_end))
    } else {
        (day(&own.second_start), day(&own.second_end))
    };
    let names: Vec<&str> = others.iter().map(|(_, n)| n.as_str()).collect();
    let en_names: Vec<String> = names
        .iter()
        .map(|n| n.replace('（', " (").replace('）', ")"))
        .collect();
    let mut found = item(
        "conflicts.none",
        CheckStatus::Fail,
        FixAt::Campaign,
        format!(
            "This campaign ({own_start} – {own_end}) overlaps on the same stores with {}; move or narrow one of them",
            en_names.join(", ")
        ),
        format!(
            "本活动（{own_start} – {own_end}）与 {} 在同一门店重叠；请调整其中之一的日期或门店",
            names.join("、")
        ),
    );
    found.campaign = Some(others[0].0);
    Ok(found)
}

fn fee_rates(db: &Db, coupons: &[CouponRow]) -> Result<CheckItem, LaunchError> {
    // The mall's own member card goes through no payment provider, so it has no fee to set.
    let used: BTreeSet<Provider> = coupons
        .iter()
        .map(|c| c.provider)
        .filter(|p| *p != Provider::MemberCard)
        .collect();
    let settings = crate::provider::list_settings(db)?;
    let unset: Vec<&crate::provider::ProviderSettings> = settings
        .iter()
        .filter(|s| used.contains(&s.provider) && s.fee_rate.is_zero())
        .collect();
    Ok(if unset.is_empty() {
        item(
            "providers.fee_rates",
            CheckStatus::Pass,
            FixAt::Settings,
            "Fee rates are set for every provider the coupons use".into(),
            "所用支付机构的费率均已设置".into(),
        )
    } else {
        let en: Vec<String> = unset.iter().map(|s| s.provider.name().en).collect();
        let zh: Vec<String> = unset.iter().map(|s| s.provider.name().zh).collect();
        item(
            "providers.fee_rates",
            CheckStatus::Warn,
            FixAt::Settings,
            format!(
                "No fee rate for {}: projections will show no fees",
                en.join(", ")
            ),
            format!("{} 未设置费率：预测将不含手续费", zh.join("、")),
        )
    })
}

#[cfg(test)]
mod calendar_tests {
    use super::*;

    #[test]
    fn a_campaign_starting_tomorrow_morning_starts_tomorrow() {
        let zone = chrono_tz::Asia::Shanghai;
        // 2027-03-05 23:00 and 2027-03-06 00:00 in Shanghai: one hour apart, one day apart.
        let now = 1_804_258_800;
        let start = now + 3600;
        assert_eq!(calendar_days(now, start, zone), 1);
        let message = dates(start, start + 86_400, now, zone).message;
        assert_eq!(
            (message.en.as_str(), message.zh.as_str()),
            ("Starts tomorrow", "明天开始")
        );
        assert_eq!(calendar_days(now, now + 60, zone), 0);
    }
}

#[cfg(test)]
mod ended_tests {
    use super::*;

    #[test]
    fn an_ended_campaign_is_not_told_its_vouchers_can_be_published() {
        let mut db = Db::open_in_memory().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        crate::demo::load(&mut db, today, false).unwrap();
        let campaigns = crate::campaign::list(&db, &Default::default()).unwrap();
        let ended = campaigns.iter().min_by_key(|c| c.start.clone()).unwrap();
        // 2026-11-25 12:00 in Shanghai.
        let now = 1_795_579_200;
        let list = crate::launch::check(&db, ended.id, now).unwrap();
        let ids: Vec<&str> = list.items.iter().map(|i| i.id.as_str()).collect();
        assert!(ids.contains(&"dates.future"), "{ids:?}");
        assert!(!ids.contains(&"alipay_voucher.publish"), "{ids:?}");
    }
}
