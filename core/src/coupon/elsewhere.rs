//! What changed in a coupon between two revisions, in the user's words: the refusal of a save
//! someone else overtook (`db/revision.rs` keeps the states, as JSON of the [`CouponSpec`]).

use super::types::{CouponKind, CouponSpec, LimitPeriod, Validity};
use crate::db::revision::{change, changed, quoted, same};
use crate::money::{format_cny, parse_yuan};
use crate::problem::Problem;
use crate::sql::Connection;
use crate::Localized;

const RULE: &str = "coupon.changed_elsewhere";

/// One line per field that differs from `then` to `now`; nothing when `then` is no longer kept.
pub(crate) fn changes(
    conn: &Connection,
    then: Option<&str>,
    now: &str,
    zone: chrono_tz::Tz,
) -> crate::sql::Result<Vec<Problem>> {
    let parse = |text: &str| serde_json::from_str::<CouponSpec>(text).ok();
    let (Some(a), Some(b)) = (then.and_then(parse), parse(now)) else {
        return Ok(vec![]);
    };
    let mut out = Vec::new();
    line(
        &mut out,
        "name",
        ("name", "券名称"),
        quoted(&a.name),
        quoted(&b.name),
    );
    line(
        &mut out,
        "bill_name",
        ("name in bills", "账单中的券名称"),
        quoted(&a.bill_name),
        quoted(&b.bill_name),
    );
    line(
        &mut out,
        "kind",
        ("kind", "类型"),
        kind(a.kind),
        kind(b.kind),
    );
    for (field, label, x, y) in [
        (
            "face_value",
            ("face value", "面额"),
            &a.face_value,
            &b.face_value,
        ),
        (
            "threshold",
            ("minimum spend", "使用门槛"),
            &a.threshold,
            &b.threshold,
        ),
        ("cap", ("most it takes off", "优惠上限"), &a.cap, &b.cap),
        ("price", ("special price", "换购价"), &a.price, &b.price),
        (
            "original_price",
            ("original price", "原价"),
            &a.original_price,
            &b.original_price,
        ),
    ] {
        line(&mut out, field, label, cny(x), cny(y));
    }
    line(
        &mut out,
        "pay_percent",
        ("customer pays", "实付比例"),
        percent(&a.pay_percent),
        percent(&b.pay_percent),
    );
    line(
        &mut out,
        "multiplier",
        ("points multiplier", "积分倍数"),
        same(&a.multiplier),
        same(&b.multiplier),
    );
    line(
        &mut out,
        "quantity",
        ("quantity", "发放总量"),
        count(a.quantity),
        count(b.quantity),
    );
    line(
        &mut out,
        "per_user_limit",
        ("per user", "每人限领"),
        limit(a.per_user_limit, a.per_user_period),
        limit(b.per_user_limit, b.per_user_period),
    );
    line(
        &mut out,
        "daily_cap",
        ("daily cap", "每日上限"),
        cap(a.daily_cap),
        cap(b.daily_cap),
    );
    line(
        &mut out,
        "validity",
        ("valid", "有效期"),
        validity(&a.validity, zone),
        validity(&b.validity, zone),
    );
    if a.time_slots != b.time_slots {
        out.push(changed(RULE, "time_slots", ("hours of use", "可用时段")));
    }
    line(
        &mut out,
        "store_ids",
        ("stores", "适用门店"),
        crate::campaign::store_names(conn, &a.store_ids)?,
        crate::campaign::store_names(conn, &b.store_ids)?,
    );
    line(
        &mut out,
        "funding",
        (
            "who pays (mall/tenant/provider %)",
            "出资比例（商场/商户/渠道 %）",
        ),
        same(format!(
            "{}/{}/{}",
            a.funding.mall, a.funding.tenant, a.funding.provider
        )),
        same(format!(
            "{}/{}/{}",
            b.funding.mall, b.funding.tenant, b.funding.provider
        )),
    );
    line(
        &mut out,
        "exclusive",
        ("exclusive", "独享"),
        yes(a.stacking.exclusive),
        yes(b.stacking.exclusive),
    );
    line(
        &mut out,
        "priority",
        ("priority", "优先级"),
        same(a.stacking.priority.to_string()),
        same(b.stacking.priority.to_string()),
    );
    if a.stacking.stackable_with != b.stacking.stackable_with {
        out.push(changed(
            RULE,
            "stacking",
            ("coupons it stacks with", "可叠加的券"),
        ));
    }
    line(
        &mut out,
        "card_bins",
        ("card BINs", "卡 BIN"),
        bins(&a.card_bins),
        bins(&b.card_bins),
    );
    line(
        &mut out,
        "provider_ref",
        ("provider stock / template id", "渠道批次号 / 模板 ID"),
        quoted(&a.provider_ref),
        quoted(&b.provider_ref),
    );
    if a.wallet_color != b.wallet_color {
        // The colour's name is WeChat's code ("Color010"): say that it changed.
        out.push(changed(
            RULE,
            "wallet_color",
            ("WeChat card colour", "微信卡券颜色"),
        ));
    }
    line(
        &mut out,
        "description",
        ("terms", "使用说明"),
        quoted(&a.description),
        quoted(&b.description),
    );
    Ok(out)
}

fn line(
    out: &mut Vec<Problem>,
    field: &str,
    label: (&str, &str),
    before: Localized,
    after: Localized,
) {
    if before != after {
        out.push(change(RULE, field, label, &before, &after));
    }
}

fn cny(text: &str) -> Localized {
    match parse_yuan(text) {
        Some(v) => same(format_cny(v)),
        None if text.trim().is_empty() => Localized::new("none", "无"),
        None => same(text),
    }
}

fn percent(text: &str) -> Localized {
    if text.trim().is_empty() {
        Localized::new("none", "无")
    } else {
        same(format!("{}%", text.trim()))
    }
}

fn count(n: u32) -> Localized {
    Localized::new(format!("{n}"), format!("{n} 张"))
}

fn cap(n: u32) -> Localized {
    if n == 0 {
        Localized::new("none", "不限")
    } else {
        count(n)
    }
}

fn limit(n: u32, period: LimitPeriod) -> Localized {
    if n == 0 {
        return Localized::new("no limit", "不限");
    }
    let (en, zh) = match period {
        LimitPeriod::Day => ("a day", "每天"),
        LimitPeriod::Week => ("a week", "每周"),
        LimitPeriod::Month => ("a month", "每月"),
        LimitPeriod::Campaign => ("for the whole campaign", "整个活动"),
    };
    Localized::new(format!("{n} {en}"), format!("{zh} {n} 张"))
}

fn kind(k: CouponKind) -> Localized {
    let (en, zh) = match k {
        CouponKind::Fixed => ("amount off", "满减"),
        CouponKind::Discount => ("percent off", "折扣"),
        CouponKind::Exchange => ("special price", "换购"),
        CouponKind::Gift => ("gift", "礼品"),
        CouponKind::Points => ("points", "积分"),
    };
    Localized::new(en, zh)
}

fn yes(b: bool) -> Localized {
    if b {
        Localized::new("yes", "是")
    } else {
        Localized::new("no", "否")
    }
}

fn bins(list: &[String]) -> Localized {
    if list.is_empty() {
        Localized::new("none", "无")
    } else {
        same(list.join(", "))
    }
}

/// Absolute validity in the mall's zone (the states keep UTC), as dates or date and minute.
fn validity(v: &Validity, zone: chrono_tz::Tz) -> Localized {
    match v {
        Validity::Absolute { start, end } => {
            let show = |t: &str| {
                chrono::DateTime::parse_from_rfc3339(t).map_or_else(
                    |_| t.to_string(),
                    |d| {
                        let local = d.with_timezone(&zone);
                        match local.format("%H:%M:%S").to_string().as_str() {
                            "00:00:00" | "23:59:59" => local.format("%Y-%m-%d").to_string(),
                            _ => local.format("%Y-%m-%d %H:%M").to_string(),
                        }
                    },
                )
            };
            same(format!("{} – {}", show(start), show(end)))
        }
        Validity::Relative { days, wait_days } => Localized::new(
            format!("{days} days after receipt, from day {}", wait_days + 1),
            format!("领取后第 {} 天起 {days} 天", wait_days + 1),
        ),
    }
}
