//! A 满减 coupon for tests elsewhere in core: valid over the 2027 3.8 days, funded 70 % by the
//! mall and 30 % by the tenants, one per customer.

use super::{CouponKind, CouponSpec, Funding, Validity};

pub(crate) fn fixed_spec(name: &str, face: &str, threshold: &str, quantity: u32) -> CouponSpec {
    CouponSpec {
        name: name.into(),
        bill_name: String::new(),
        description: String::new(),
        kind: CouponKind::Fixed,
        face_value: face.into(),
        threshold: threshold.into(),
        pay_percent: String::new(),
        cap: String::new(),
        price: String::new(),
        original_price: String::new(),
        multiplier: String::new(),
        quantity,
        per_user_limit: 1,
        per_user_period: Default::default(),
        daily_cap: 0,
        validity: Validity::Absolute {
            start: "2027-03-06".into(),
            end: "2027-03-09".into(),
        },
        time_slots: vec![],
        store_ids: vec![],
        funding: Funding {
            mall: "70".into(),
            tenant: "30".into(),
            provider: "0".into(),
        },
        stacking: Default::default(),
        provider_ref: String::new(),
        card_bins: vec![],
        wallet_color: String::new(),
    }
}
