//! Each coupon as the JSON its provider's creation API takes, in that provider's field names and
//! units: WeChat amounts in integer fen and `discount_percent` 88 = pay 88 %; Alipay amounts as
//! yuan strings and `discount` 8.8 = pay 88 %. Card and member-card offers have no public API; they
//! export PromoDesk's own spec for the bank or the member system.

use crate::sql::params;
use chrono::DateTime;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::types::{Coupon, CouponKind, LimitPeriod, Product, Validity};
use super::CouponError;
use crate::db::Db;
use crate::money::{parse_yuan, to_fen};
use crate::provider::Provider;
use crate::store::MerchantIdKind;

fn fen(text: &str) -> i64 {
    parse_yuan(text).and_then(to_fen).unwrap_or(0)
}

fn yuan(text: &str) -> String {
    format!("{:.2}", parse_yuan(text).unwrap_or_default())
}

/// WeChat discount_percent (integer, 88 = pay 88 %) from the internal pay percent.
pub fn wechat_discount_percent(pay_percent: Decimal) -> i64 {
    pay_percent.round().try_into().unwrap_or(0)
}

/// Alipay discount (折, 8.8 = pay 88 %) from the internal pay percent.
pub fn alipay_discount(pay_percent: Decimal) -> String {
    (pay_percent / Decimal::TEN).normalize().to_string()
}

/// The internal pay percent from an Alipay discount.
pub fn pay_percent_from_alipay(discount: &str) -> Option<Decimal> {
    discount
        .trim()
        .parse::<Decimal>()
        .ok()
        .map(|d| (d * Decimal::TEN).normalize())
}

fn alipay_time(rfc3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default()
}

fn alipay_period(p: LimitPeriod) -> &'static str {
    match p {
        LimitPeriod::Day => "DAY",
        LimitPeriod::Week => "WEEK",
        LimitPeriod::Month => "MONTH",
        LimitPeriod::Campaign => "LIFE_CYCLE",
    }
}

/// Merchant ids of the coupon's stores (or the campaign's) for one provider.
/// The merchant ids of that kind of the stores a coupon runs in (its own, else its campaign's).
fn merchant_ids(
    db: &Db,
    c: &Coupon,
    provider: Provider,
    kind: MerchantIdKind,
) -> Result<Vec<String>, CouponError> {
    let scope = if c.spec.store_ids.is_empty() {
        "SELECT store_id FROM campaign_store WHERE campaign_id = ?1"
    } else {
        "SELECT store_id FROM coupon_store WHERE coupon_id = ?1"
    };
    let key = if c.spec.store_ids.is_empty() {
        c.campaign_id
    } else {
        c.id
    };
    let mut stmt = db.conn().prepare(&format!(
        "SELECT merchant_id FROM merchant_account WHERE provider = ?2 AND kind = ?3
           AND store_id IN ({scope}) ORDER BY store_id, merchant_id"
    ))?;
    let ids = stmt
        .query_map(params![key, provider.key(), kind.key()], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

fn pay_percent(c: &Coupon) -> Decimal {
    c.spec.pay_percent.parse().unwrap_or_default()
}

/// Weekly slots in seconds of the day, as WeChat wants them.
fn seconds(hm: &str) -> i64 {
    chrono::NaiveTime::parse_from_str(hm, "%H:%M")
        .map(|t| i64::from(t.num_seconds_from_midnight()))
        .unwrap_or(0)
}

use chrono::Timelike;

/// The creation payload for a coupon.
pub fn export_spec(db: &Db, id: i64) -> Result<Value, CouponError> {
    let c = super::get(db, id)?;
    let s = &c.spec;
    let out_no = format!("promodesk-{}-{}", c.campaign_id, c.id);
    let (begin, end) = match &s.validity {
        Validity::Absolute { start, end } => (start.clone(), end.clone()),
        Validity::Relative { .. } => {
            let camp = crate::campaign::get(db, c.campaign_id).map_err(|e| match e {
                crate::campaign::CampaignError::NotFound(id) => CouponError::CampaignNotFound(id),
                crate::campaign::CampaignError::Mall(e) => CouponError::Mall(e),
                crate::campaign::CampaignError::Db(e) => CouponError::Db(e),
                // `get` fails only for the three above.
                _ => CouponError::CampaignNotFound(c.campaign_id),
            })?;
            (camp.start, camp.end)
        }
    };
    Ok(match c.product {
        Product::WechatCash => {
            let mut rule = json!({});
            match s.kind {
                CouponKind::Fixed => {
                    rule["fixed_normal_coupon"] = json!({
                        "coupon_amount": fen(&s.face_value),
                        "transaction_minimum": fen(&s.threshold),
                    });
                }
                CouponKind::Discount => {
                    rule["discount_coupon"] = json!({
                        "discount_amount_max": fen(&s.cap),
                        "discount_percent": wechat_discount_percent(pay_percent(&c)),
                        "transaction_minimum": fen(&s.threshold),
                    });
                }
                _ => {
                    rule["exchange_coupon"] = json!({
                        "exchange_price": fen(&s.price),
                        "transaction_minimum": fen(&s.threshold),
                    });
                }
            }
            rule["available_merchants"] = json!(merchant_ids(
                db,
                &c,
                Provider::WechatPay,
                MerchantIdKind::SubMchId
            )?);
            if !s.card_bins.is_empty() {
                rule["limit_card"] = json!({"name": s.name, "bin": s.card_bins});
            }
            rule["combine_use"] = json!(!s.stacking.exclusive);
            if !s.time_slots.is_empty() {
                rule["coupon_available_time"] = json!({
                    "fix_available_time": {
                        "available_week_day": s.time_slots[0].weekdays.iter().map(|d| d % 7).collect::<Vec<_>>(),
                        "begin_time": seconds(&s.time_slots[0].start),
                        "end_time": seconds(&s.time_slots[0].end),
                    }
                });
            }
            let provider_funded = !s
                .funding
                .provider
                .parse::<Decimal>()
                .unwrap_or_default()
                .is_zero();
            json!({
                "stock_name": s.name,
                "comment": s.description,
                "available_begin_time": begin,
                "available_end_time": end,
                "stock_use_rule": {
                    "max_coupons": s.quantity,
                    "max_amount": i64::from(s.quantity) * fen(&c.max_discount),
                    "max_amount_by_day": if s.daily_cap > 0 { Some(i64::from(s.daily_cap) * fen(&c.max_discount)) } else { None },
                    "max_coupons_per_user": if s.per_user_limit > 0 { s.per_user_limit } else { s.quantity.min(60) },
                    "natural_person_limit": s.per_user_limit > 0,
                    "prevent_api_abuse": true,
                },
                "pattern_info": {
                    "description": s.description,
                    "background_color": if s.wallet_color.is_empty() { "Color020" } else { s.wallet_color.as_str() },
                },
                "coupon_use_rule": rule,
                "no_cash": !provider_funded,
                "stock_type": "NORMAL",
                "out_request_no": out_no,
            })
        }
        Product::WechatMerchant => {
            let (stock_type, detail_key, detail) = match s.kind {
                CouponKind::Discount => (
                    "DISCOUNT",
                    "discount_coupon",
                    json!({"discount_percent": wechat_discount_percent(pay_percent(&c)), "transaction_minimum": fen(&s.threshold)}),
                ),
                CouponKind::Exchange => (
                    "EXCHANGE",
                    "exchange_coupon",
                    json!({"exchange_price": fen(&s.price), "transaction_minimum": fen(&s.threshold)}),
                ),
                _ => (
                    "NORMAL",
                    "fixed_normal_coupon",
                    json!({"discount_amount": fen(&s.face_value), "transaction_minimum": fen(&s.threshold)}),
                ),
            };
            let mut time = match &s.validity {
                Validity::Absolute { .. } => {
                    json!({"available_begin_time": begin, "available_end_time": end})
                }
                Validity::Relative { days, wait_days } => json!({
                    "available_begin_time": begin, "available_end_time": end,
                    "available_day_after_receive": days, "wait_days_after_receive": wait_days,
                }),
            };
            if !s.time_slots.is_empty() {
                time["available_week"] = json!({
                    "week_day": s.time_slots.iter().flat_map(|t| t.weekdays.iter().map(|d| d % 7)).collect::<Vec<_>>(),
                    "available_day_time": s.time_slots.iter().map(|t| json!({"begin_time": seconds(&t.start), "end_time": seconds(&t.end)})).collect::<Vec<_>>(),
                });
            }
            let mut use_rule = json!({"coupon_available_time": time, "use_method": "OFF_LINE"});
            use_rule[detail_key] = detail;
            json!({
                "stock_name": s.name,
                "comment": s.description,
                "goods_name": s.name.chars().take(15).collect::<String>(),
                "stock_type": stock_type,
                "coupon_use_rule": use_rule,
                "stock_send_rule": {
                    "max_coupons": s.quantity,
                    "max_coupons_per_user": if s.per_user_limit > 0 { s.per_user_limit } else { 1 },
                    "max_coupons_by_day": if s.daily_cap > 0 { Some(s.daily_cap) } else { None },
                },
                // A coupon with a code pool hands out the mall's own codes, uploaded after.
                "coupon_code_mode": if crate::codes::upload_mode(db, c.id)?.is_some() { "MERCHANT_UPLOAD" } else { "WECHATPAY_MODE" },
                "out_request_no": out_no,
            })
        }
        Product::AlipayVoucher => {
            let period = match &s.validity {
                Validity::Absolute { start, end } => {
                    json!({"type": "ABSOLUTE", "start": alipay_time(start), "end": alipay_time(end)})
                }
                Validity::Relative { days, .. } => {
                    json!({"type": "RELATIVE", "duration": days, "unit": "DAY"})
                }
            };
            let stores = merchant_ids(db, &c, Provider::Alipay, MerchantIdKind::StoreId)?;
            json!({
                "voucher_type": "CASHLESS_FIX_VOUCHER",
                "brand_name": s.name,
                "publish_start_time": alipay_time(&begin),
                "publish_end_time": alipay_time(&end),
                // Alipay takes these two as JSON text inside the JSON.
                "voucher_valid_period": period.to_string(),
                "rule_conf": json!({"STORE": stores.join(",")}).to_string(),
                "voucher_available_time": s.time_slots.iter().map(|t| json!({
                    "day_rule": t.weekdays.iter().map(u8::to_string).collect::<Vec<_>>().join(","),
                    "time_begin": format!("{}:00", t.start), "time_end": format!("{}:00", t.end),
                })).collect::<Vec<_>>(),
                "voucher_description": s.description.lines().filter(|l| !l.trim().is_empty()).take(10).collect::<Vec<_>>(),
                "amount": yuan(&s.face_value),
                "floor_amount": yuan(&s.threshold),
                "voucher_quantity": s.quantity,
                "out_biz_no": out_no,
            })
        }
        Product::AlipayOrderVoucher => {
            let deduct = match s.kind {
                CouponKind::Discount => {
                    json!({"voucher_type": "DISCOUNT_VOUCHER", "discount_voucher": {
                    "discount": alipay_discount(pay_percent(&c)), "ceiling_amount": yuan(&s.cap), "floor_amount": yuan(&s.threshold)}})
                }
                CouponKind::Exchange => {
                    json!({"voucher_type": "SPECIAL_VOUCHER", "special_voucher": {
                    "special_amount": yuan(&s.price), "origin_amount": yuan(&s.original_price)}})
                }
                _ => json!({"voucher_type": "FIX_VOUCHER", "fix_voucher": {
                    "amount": yuan(&s.face_value), "floor_amount": yuan(&s.threshold)}}),
            };
            json!({
                "out_biz_no": out_no,
                "activity_base_info": {"activity_name": s.name, "code_mode": "MERCHANT_API"},
                "voucher_deduct_info": deduct,
                "voucher_available_scope_info": {"voucher_available_type": "SHOP", "available_shop_ids": merchant_ids(db, &c, Provider::Alipay, MerchantIdKind::StoreId)?},
                "voucher_use_rule_info": {"voucher_use_time_info": {"period_type": "ABSOLUTE", "valid_begin_time": alipay_time(&begin), "valid_end_time": alipay_time(&end)}},
                "voucher_send_rule_info": {
                    "quantity": s.quantity,
                    "quantity_limit_per_user": if s.per_user_limit > 0 { s.per_user_limit } else { 1 },
                    "quantity_limit_per_user_period_type": alipay_period(s.per_user_period),
                    "natural_person_limit": s.per_user_limit > 0,
                },
                "voucher_display_pattern_info": {"brand_name": s.name, "voucher_description": s.description},
            })
        }
        Product::Unionpay | Product::BankCard | Product::MemberCard => json!({
            "format": "promodesk-offer/1",
            "product": c.product.key(),
            "name": s.name,
            "kind": s.kind.key(),
            "face_value_yuan": s.face_value,
            "threshold_yuan": s.threshold,
            "pay_percent": s.pay_percent,
            "cap_yuan": s.cap,
            "points_multiplier": s.multiplier,
            "card_bins": s.card_bins,
            "per_user_limit": s.per_user_limit,
            "per_user_period": s.per_user_period.key(),
            "dedupe_user_by": if c.product == Product::MemberCard { json!(["member_id"]) } else { json!(["card", "phone", "device", "id_number"]) },
            "quantity": s.quantity,
            "valid_from": begin,
            "valid_to": end,
            "funding_percent": {"mall": s.funding.mall, "tenant": s.funding.tenant, "provider": s.funding.provider},
            "reference": out_no,
        }),
    })
}
