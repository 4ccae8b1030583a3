//! The provider-independent rules: turning a typed spec into exact values, and every generic
//! reason it cannot be (missing amounts, shares that do not add up, validity outside the
//! campaign, …).

use chrono_tz::Tz;
use rust_decimal::Decimal;

use super::types::{CouponKind, CouponSpec, LimitPeriod, Validity};
use crate::money::{check_amount, parse_yuan};
use crate::problem::Problem;
use crate::text::char_len;
use crate::time::{parse_local, Bound};

/// Longest name any product accepts; provider rule sets are stricter.
pub const MAX_NAME: usize = 60;
pub const MAX_DESCRIPTION: usize = 1000;

/// A validity in storage form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NormValidity {
    Absolute { from: i64, to: i64 },
    Relative { days: u32, wait_days: u32 },
}

/// A spec in exact values (fen, decimals, UTC seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Normalized {
    pub name: String,
    pub bill_name: String,
    pub description: String,
    pub kind: CouponKind,
    pub face_fen: Option<i64>,
    pub threshold_fen: i64,
    pub pay_percent: Option<Decimal>,
    pub cap_fen: Option<i64>,
    pub price_fen: Option<i64>,
    pub original_price_fen: Option<i64>,
    pub multiplier: Option<Decimal>,
    /// `None`: unbounded (a discount without a cap).
    pub max_discount_fen: Option<i64>,
    pub quantity: u32,
    pub per_user_limit: u32,
    pub per_user_period: LimitPeriod,
    pub daily_cap: u32,
    pub validity: NormValidity,
    pub shares: (Decimal, Decimal, Decimal),
    pub card_bins: Vec<String>,
}

fn amount(field: &str, text: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match parse_yuan(text) {
        Some(v) => check_amount(field, v).map_err(|p| problems.push(p)).ok(),
        None => {
            let (en, zh) = crate::problem::field_label(field);
            problems.push(Problem::new(
                field,
                "coupon.amount_unreadable",
                format!("the {en} '{text}' is not an amount; enter yuan such as 30 or 199.90"),
                format!("{zh}“{text}”不是金额；请输入元，如 30 或 199.90"),
            ));
            None
        }
    }
}

fn required(field: &str, what_en: &str, what_zh: &str, problems: &mut Vec<Problem>) {
    let (en, zh) = crate::problem::field_label(field);
    problems.push(Problem::new(
        field,
        "coupon.required",
        format!("enter the {en}: a {what_en} needs it"),
        format!("请填写{zh}：{what_zh}必须填写"),
    ));
}

fn decimal(field: &str, text: &str, problems: &mut Vec<Problem>) -> Option<Decimal> {
    let t = text.trim().trim_end_matches('%');
    if t.is_empty() {
        return None;
    }
    t.parse::<Decimal>()
        .map_err(|_| {
            let (en, zh) = crate::problem::field_label(field);
            problems.push(Problem::new(
                field,
                "coupon.number_unreadable",
                format!("the {en} '{text}' is not a number"),
                format!("{zh}“{text}”不是数字"),
            ))
        })
        .ok()
}

/// Reads a spec; every generic problem is reported at once. `window` is the campaign's
/// (start, end) in UTC seconds.
pub(crate) fn normalize(
    spec: &CouponSpec,
    zone: Tz,
    window: (i64, i64),
) -> Result<Normalized, Vec<Problem>> {
    let mut p = Vec::new();
    let name = spec.name.trim().to_string();
    if name.is_empty() {
        p.push(Problem::new(
            "name",
            "coupon.name_empty",
            "name is empty; give the coupon the name customers will see",
            "名称为空；请填写顾客看到的券名称",
        ));
    } else if char_len(&name) > MAX_NAME {
        p.push(Problem::new(
            "name",
            "coupon.name_too_long",
            format!(
                "name has {} characters; shorten it to {MAX_NAME}",
                char_len(&name)
            ),
            format!(
                "名称有 {} 个字，请缩短到 {MAX_NAME} 个以内",
                char_len(&name)
            ),
        ));
    }
    let description = spec.description.trim().to_string();
    if char_len(&description) > MAX_DESCRIPTION {
        p.push(Problem::new(
            "description",
            "coupon.description_too_long",
            format!("description is longer than {MAX_DESCRIPTION} characters; shorten it"),
            format!("说明超过 {MAX_DESCRIPTION} 个字；请缩短"),
        ));
    }
    let bill_name = match spec.bill_name.trim() {
        "" => name.clone(),
        other => other.to_string(),
    };

    let face_fen = amount("face_value", &spec.face_value, &mut p);
    let threshold_fen = amount("threshold", &spec.threshold, &mut p).unwrap_or(0);
    let cap_fen = amount("cap", &spec.cap, &mut p);
    let price_fen = amount("price", &spec.price, &mut p);
    let original_price_fen = amount("original_price", &spec.original_price, &mut p);
    let pay_percent = decimal("pay_percent", &spec.pay_percent, &mut p);
    let multiplier = decimal("multiplier", &spec.multiplier, &mut p);

    let max_discount_fen = match spec.kind {
        CouponKind::Fixed | CouponKind::Gift => {
            match face_fen {
                None => required("face_value", "fixed or gift coupon", "满减券或礼品券", &mut p),
                Some(0) => p.push(Problem::new(
                    "face_value",
                    "coupon.face_zero",
                    "face value is 0; enter the amount the coupon takes off",
                    "面额为 0；请填写优惠金额",
                )),
                Some(face) if spec.kind == CouponKind::Fixed && threshold_fen > 0 && threshold_fen <= face => {
                    p.push(Problem::new(
                        "threshold",
                        "coupon.threshold_not_above_face",
                        format!("threshold {} must be more than the face value {} (or 0 for no threshold)", crate::money::from_fen(threshold_fen), crate::money::from_fen(face)),
                        format!("使用门槛 {} 必须高于面额 {}（无门槛请填 0）", crate::money::from_fen(threshold_fen), crate::money::from_fen(face)),
                    ))
                }
                _ => {}
            }
            face_fen
        }
        CouponKind::Discount => {
            match pay_percent {
                None => required("pay_percent", "discount coupon", "折扣券", &mut p),
                Some(v) if v <= Decimal::ZERO || v >= Decimal::ONE_HUNDRED => p.push(Problem::new(
                    "pay_percent",
                    "coupon.pay_percent_range",
                    format!("pay percent {v} must be between 0 and 100 (88 means the customer pays 88 %, 8.8折)"),
                    format!("实付比例 {v} 必须在 0 到 100 之间（88 表示顾客实付 88%，即 8.8 折）"),
                )),
                _ => {}
            }
            cap_fen
        }
        CouponKind::Exchange => {
            match (price_fen, original_price_fen) {
                (None, _) => required("price", "exchange coupon", "换购券", &mut p),
                (_, None) => required("original_price", "exchange coupon", "换购券", &mut p),
                (Some(a), Some(b)) if a >= b => p.push(Problem::new(
                    "price",
                    "coupon.price_not_below_original",
                    "the special price must be below the original price",
                    "换购价必须低于原价",
                )),
                _ => {}
            }
            match (price_fen, original_price_fen) {
                (Some(a), Some(b)) if b > a => Some(b - a),
                _ => Some(0),
            }
        }
        CouponKind::Points => {
            match multiplier {
                None => required("multiplier", "points coupon", "积分券", &mut p),
                Some(m) if m <= Decimal::ONE || m > Decimal::from(100) => p.push(Problem::new(
                    "multiplier",
                    "coupon.multiplier_range",
                    format!(
                        "points multiplier {m} must be above 1 and at most 100 (2 = double points)"
                    ),
                    format!("积分倍数 {m} 必须大于 1 且不超过 100（2 表示双倍积分）"),
                )),
                _ => {}
            }
            // Points cost the mall no money at the till.
            Some(0)
        }
    };

    if spec.quantity == 0 {
        p.push(Problem::new(
            "quantity",
            "coupon.quantity_zero",
            "quantity is 0; enter how many coupons to issue",
            "发放数量为 0；请填写发放张数",
        ));
    }
    if spec.per_user_limit > spec.quantity && spec.quantity > 0 {
        p.push(Problem::new(
            "per_user_limit",
            "coupon.per_user_above_quantity",
            "the per-user limit is above the total quantity; lower it",
            "每人限领数量超过发放总量；请调低",
        ));
    }
    if spec.daily_cap > spec.quantity && spec.quantity > 0 {
        p.push(Problem::new(
            "daily_cap",
            "coupon.daily_cap_above_quantity",
            "the daily cap is above the total quantity; lower it",
            "每日上限超过发放总量；请调低",
        ));
    }

    let validity = match &spec.validity {
        Validity::Absolute { start, end } => {
            let s = parse_local(start, zone, Bound::Start);
            let e = parse_local(end, zone, Bound::End);
            match (s, e) {
                (Ok(s), Ok(e)) => {
                    let (from, to) = (s.timestamp(), e.timestamp());
                    if to < from {
                        p.push(Problem::new(
                            "validity",
                            "coupon.validity_end_before_start",
                            format!(
                                "validity end {} is before its start {}",
                                end.trim(),
                                start.trim()
                            ),
                            format!("有效期结束 {} 早于开始 {}", end.trim(), start.trim()),
                        ));
                    } else if from < window.0 || to > window.1 {
                        p.push(Problem::new(
                            "validity",
                            "coupon.validity_outside_campaign",
                            "the validity runs outside the campaign's dates; keep it within them",
                            "有效期超出活动日期；请设在活动期间内",
                        ));
                    }
                    Some(NormValidity::Absolute { from, to })
                }
                _ => {
                    p.push(Problem::new(
                        "validity",
                        "coupon.validity_unreadable",
                        "validity dates are not dates; use YYYY-MM-DD or YYYY-MM-DD HH:MM",
                        "有效期不是有效日期；请使用 YYYY-MM-DD 或 YYYY-MM-DD HH:MM",
                    ));
                    None
                }
            }
        }
        Validity::Relative { days, wait_days } => {
            if *days == 0 {
                p.push(Problem::new(
                    "validity",
                    "coupon.validity_days_zero",
                    "a relative validity needs at least 1 day",
                    "领取后有效天数至少为 1 天",
                ));
            }
            Some(NormValidity::Relative {
                days: *days,
                wait_days: *wait_days,
            })
        }
    };

    for slot in &spec.time_slots {
        let hm = |t: &str| chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
        let bad_days =
            slot.weekdays.is_empty() || slot.weekdays.iter().any(|d| !(1..=7).contains(d));
        let order = matches!((hm(&slot.start), hm(&slot.end)), (Some(a), Some(b)) if a < b);
        if bad_days || !order {
            p.push(Problem::new(
                "time_slots",
                "coupon.time_slot_invalid",
                "each time slot needs weekdays 1–7 (1 = Monday) and a start before its end, as HH:MM",
                "每个时段需要星期 1–7（1 为周一），开始时间早于结束时间，格式 HH:MM",
            ));
            break;
        }
    }

    let shares = (
        decimal("funding", &spec.funding.mall, &mut p).unwrap_or_default(),
        decimal("funding", &spec.funding.tenant, &mut p).unwrap_or_default(),
        decimal("funding", &spec.funding.provider, &mut p).unwrap_or_default(),
    );
    let negative = [shares.0, shares.1, shares.2]
        .iter()
        .any(|s| s.is_sign_negative() && !s.is_zero());
    if negative || shares.0 + shares.1 + shares.2 != Decimal::ONE_HUNDRED {
        let sum = shares.0 + shares.1 + shares.2;
        p.push(Problem::new(
            "funding",
            "coupon.funding_sum",
            format!("the funding shares (mall {}, tenant {}, provider {}) add up to {sum} %, not 100 %; adjust them", shares.0, shares.1, shares.2),
            format!("出资比例（商场 {}、商户 {}、渠道 {}）合计 {sum}%，不是 100%；请调整", shares.0, shares.1, shares.2),
        ));
    }

    if spec.stacking.exclusive && !spec.stacking.stackable_with.is_empty() {
        p.push(Problem::new(
            "stacking",
            "coupon.exclusive_and_stackable",
            "an exclusive coupon cannot also list coupons it stacks with; choose one",
            "独享券不能同时设置可叠加的券；请二选一",
        ));
    }

    let card_bins: Vec<String> = spec
        .card_bins
        .iter()
        .map(|b| b.trim().to_string())
        .filter(|b| !b.is_empty())
        .collect();
    if card_bins
        .iter()
        .any(|b| b.len() < 2 || b.len() > 8 || !b.chars().all(|c| c.is_ascii_digit()))
    {
        p.push(Problem::new(
            "card_bins",
            "coupon.card_bin_format",
            "card BINs are 2–8 digits, e.g. 62 or 622848",
            "卡 BIN 为 2–8 位数字，如 62 或 622848",
        ));
    }

    match (p.is_empty(), validity) {
        (true, Some(validity)) => Ok(Normalized {
            name,
            bill_name,
            description,
            kind: spec.kind,
            face_fen,
            threshold_fen,
            pay_percent,
            cap_fen,
            price_fen,
            original_price_fen,
            multiplier,
            max_discount_fen,
            quantity: spec.quantity,
            per_user_limit: spec.per_user_limit,
            per_user_period: spec.per_user_period,
            daily_cap: spec.daily_cap,
            validity,
            shares,
            card_bins,
        }),
        _ => Err(p),
    }
}
