//! Coupons: the offers a campaign runs on each payment channel — "满200减30 on WeChat Pay", a
//! 62-BIN bank-card discount, double member points — each checked against the real rules of
//! the provider product it is issued on.
//!
//! One internal, normalised value per quantity (yuan as `Decimal`, the percent a customer pays
//! for a discount); provider units (WeChat fen and `discount_percent`, Alipay yuan strings and
//! 折) appear only at the edge, in `payload`.

mod elsewhere;
mod normalize;
mod payload;
mod repo;
mod rules;
mod types;

pub use payload::{alipay_discount, export_spec, pay_percent_from_alipay, wechat_discount_percent};
pub(crate) use repo::state_json;
pub use repo::{
    add, add_offer, edit, edit_at, edit_offer, edit_offer_at, get, list, preview_offer, remove,
    validate_existing, worst_case_cost,
};
pub use rules::{rule_set, RuleSet, RULE_SETS};
pub use types::*;

use crate::problem::{join_localized, Problem};
use crate::text::Localized;

/// Errors of coupons.
#[derive(Debug, thiserror::Error)]
pub enum CouponError {
    #[error("{}", crate::problem::join(.0, crate::text::Lang::En))]
    Invalid(Vec<Problem>),
    #[error("coupon {0} does not exist; it may have been removed — reload the coupon list")]
    NotFound(i64),
    #[error("campaign {0} does not exist; it may have been removed — reload the campaign list")]
    CampaignNotFound(i64),
    #[error("the campaign's coupons could cost up to {needed} at full redemption, more than its budget {budget}; raise the budget or lower quantities or values")]
    OverBudget { needed: String, budget: String },
    #[error("{}", crate::db::revision::refused(&coupon_named(.name), &crate::db::revision::who(.by, *.yours), *.yours, .changes).en)]
    ChangedElsewhere {
        name: String,
        /// Each coupon's current revision: a save that means to overwrite sends these.
        revisions: Vec<crate::db::revision::Revision>,
        by: String,
        /// `by` is the one saving now, elsewhere (another window, the CLI).
        yours: bool,
        /// One per field that changed, in the user's words.
        changes: Vec<Problem>,
    },
    #[error(transparent)]
    Mall(#[from] crate::mall::MallError),
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
}

impl CouponError {
    pub fn code(&self) -> &'static str {
        match self {
            CouponError::Invalid(_) => "coupon.invalid",
            CouponError::NotFound(_) => "coupon.not_found",
            CouponError::CampaignNotFound(_) => "campaign.not_found",
            CouponError::OverBudget { .. } => "coupon.over_budget",
            CouponError::ChangedElsewhere { .. } => "coupon.changed_elsewhere",
            CouponError::Mall(e) => e.code(),
            CouponError::Db(e) => crate::fault::db_code(e),
        }
    }

    pub fn localized(&self) -> Localized {
        let en = self.to_string();
        match self {
            CouponError::Invalid(problems) => join_localized(problems),
            CouponError::NotFound(id) => Localized::new(en, format!("优惠券 {id} 不存在")),
            CouponError::CampaignNotFound(id) => Localized::new(en, format!("活动 {id} 不存在")),
            CouponError::OverBudget { needed, budget } => Localized::new(
                en,
                format!("该活动的优惠券全部核销最多需 {needed}，超过活动预算 {budget}；请提高预算或降低数量、面额"),
            ),
            CouponError::ChangedElsewhere {
                name,
                by,
                yours,
                changes,
                ..
            } => crate::db::revision::refused(
                &coupon_named(name),
                &crate::db::revision::who(by, *yours),
                *yours,
                changes,
            ),
            CouponError::Mall(e) => e.localized(),
            CouponError::Db(e) => Localized::new(en, crate::fault::db_message(e, crate::text::Lang::ZhCn)),
        }
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            CouponError::Invalid(p) => p,
            CouponError::ChangedElsewhere { changes, .. } => changes,
            _ => &[],
        }
    }
}

/// "coupon “满200减30”" in both languages.
fn coupon_named(name: &str) -> Localized {
    Localized::new(format!("coupon “{name}”"), format!("优惠券“{name}”"))
}

#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;
