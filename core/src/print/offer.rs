//! What a printable says about an offer, in the words a shopper reads: the headline (满200减30,
//! 8.8折, ¥9.9 换购), validity, stores, terms and the wallet — one function for the posters,
//! tents, vouchers and the app's preview, so the preview says what the PDF will.

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::PrintError;
use crate::coupon::{Coupon, CouponKind, LimitPeriod, Validity};
use crate::db::Db;
use crate::text::Lang;

/// The offer's text as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OfferText {
    pub mall: String,
    /// The big line: 满200减30.
    pub headline: String,
    /// The coupon's own name, under the headline.
    pub name: String,
    pub validity: String,
    pub stores: String,
    /// One line per term: the coupon's description lines, then its limits.
    pub terms: Vec<String>,
    /// The wallet it is claimed into, and its colour (#rrggbb).
    pub wallet: String,
    pub wallet_color: String,
    /// The line under the QR code.
    pub scan_hint: String,
}

/// "30" for 30.00, "9.9" for 9.90: amounts as posters write them.
fn plain(text: &str) -> String {
    match text.trim().parse::<Decimal>() {
        Ok(d) => d.normalize().to_string(),
        Err(_) => text.trim().to_string(),
    }
}

fn headline(c: &Coupon, lang: Lang) -> String {
    let s = &c.spec;
    let zh = lang == Lang::ZhCn;
    let threshold = plain(&s.threshold);
    let has_threshold = !threshold.is_empty() && threshold != "0";
    match s.kind {
        CouponKind::Fixed if zh && has_threshold => {
            format!("满{threshold}减{}", plain(&s.face_value))
        }
        CouponKind::Fixed if zh => format!("立减{}元", plain(&s.face_value)),
        CouponKind::Fixed if has_threshold => {
            format!("¥{} off ¥{threshold}", plain(&s.face_value))
        }
        CouponKind::Fixed => format!("¥{} off", plain(&s.face_value)),
        CouponKind::Discount => {
            let pay = s.pay_percent.trim().parse::<Decimal>().unwrap_or_default();
            if zh {
                format!("{}折", (pay / Decimal::TEN).normalize())
            } else {
                format!("{}% off", (Decimal::ONE_HUNDRED - pay).normalize())
            }
        }
        CouponKind::Exchange if zh => format!("{}元换购", plain(&s.price)),
        CouponKind::Exchange => format!("Yours for ¥{}", plain(&s.price)),
        CouponKind::Gift if zh => format!("赠{}元礼品", plain(&s.face_value)),
        CouponKind::Gift => format!("¥{} gift", plain(&s.face_value)),
        CouponKind::Points if zh => format!("积分{}倍", plain(&s.multiplier)),
        CouponKind::Points => format!("{}× points", plain(&s.multiplier)),
    }
}

fn day(rfc3339: &str) -> &str {
    rfc3339.get(..10).unwrap_or(rfc3339)
}

/// The offer's printed text for `coupon` in `lang`.
pub fn offer_text(db: &Db, coupon: i64, lang: Lang) -> Result<OfferText, PrintError> {
    let c = crate::coupon::get(db, coupon).map_err(|_| PrintError::CouponNotFound(coupon))?;
    let s = &c.spec;
    let zh = lang == Lang::ZhCn;
    let mall = crate::mall::get(db)?.name;
    let validity = match &s.validity {
        Validity::Absolute { start, end } if zh => {
            format!("有效期 {} 至 {}", day(start), day(end))
        }
        Validity::Absolute { start, end } => format!("Valid {} to {}", day(start), day(end)),
        Validity::Relative { days, .. } if zh => format!("领取后 {days} 天内有效"),
        Validity::Relative { days, .. } => format!("Valid for {days} days after claiming"),
    };
    let campaign = crate::campaign::get(db, c.campaign_id)?;
    let ids = if s.store_ids.is_empty() {
        &campaign.store_ids
    } else {
        &s.store_ids
    };
    let names: Vec<String> = crate::store::list(db)?
        .into_iter()
        .filter(|st| ids.contains(&st.id))
        .map(|st| st.name)
        .collect();
    let stores = match (names.is_empty(), zh) {
        (true, true) => "全场通用".to_string(),
        (true, false) => "Valid in every store".to_string(),
        (false, true) => format!("适用门店：{}", names.join("、")),
        (false, false) => format!("In: {}", names.join(", ")),
    };
    let mut terms: Vec<String> = s
        .description
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if s.per_user_limit > 0 {
        let n = s.per_user_limit;
        terms.push(match (s.per_user_period, zh) {
            (LimitPeriod::Day, true) => format!("每人每天限用 {n} 张"),
            (LimitPeriod::Week, true) => format!("每人每周限用 {n} 张"),
            (LimitPeriod::Month, true) => format!("每人每月限用 {n} 张"),
            (LimitPeriod::Campaign, true) => format!("每人限用 {n} 张"),
            (LimitPeriod::Day, false) => format!("{n} per person a day"),
            (LimitPeriod::Week, false) => format!("{n} per person a week"),
            (LimitPeriod::Month, false) => format!("{n} per person a month"),
            (LimitPeriod::Campaign, false) => format!("{n} per person"),
        });
    }
    terms.push(if zh {
        "不兑换现金，不找零".into()
    } else {
        "Not exchangeable for cash; no change given".into()
    });
    let wallet = c.product.name().get(lang).to_string();
    Ok(OfferText {
        mall,
        headline: headline(&c, lang),
        name: s.name.clone(),
        validity,
        stores,
        terms,
        wallet,
        wallet_color: c.provider.color().to_string(),
        scan_hint: if zh {
            format!("打开{}扫码领取", c.provider.name().zh)
        } else {
            format!("Scan with {} to claim", c.provider.name().en)
        },
    })
}
