//! Coupons: offers on one or several wallets, checked against each provider's rules as they
//! are typed, and the payload each provider's console takes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Api, CampaignRef, Id, NoParams};
use crate::coupon::{self, Coupon, CouponSpec, OfferCheck, Product, Validation, WalletColor};
use crate::db::Revision;
use crate::time::{bound_for_input, Bound};
use crate::Error;

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CouponList {
    /// Only this campaign's coupons; all when absent.
    #[ts(optional)]
    pub campaign: Option<i64>,
}

/// An offer as typed, checked without saving. `replacing` is the offer (or lone coupon) being
/// edited, so its own quantities do not count twice against the budget.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OfferPreview {
    pub campaign: i64,
    pub products: Vec<Product>,
    pub spec: CouponSpec,
    #[serde(default)]
    pub replacing: Option<i64>,
}

/// One offer on one or several wallets: a linked coupon per product, all created or none.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OfferAdd {
    pub campaign: i64,
    pub products: Vec<Product>,
    pub spec: CouponSpec,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CouponEdit {
    pub id: i64,
    pub spec: CouponSpec,
    /// The revision the editor loaded: the save is refused (`coupon.changed_elsewhere`, with
    /// what changed) when someone else saved since. Absent, the last writer wins.
    #[serde(default)]
    #[ts(optional)]
    pub expected_revision: Option<i64>,
}

/// The same spec onto every coupon of an offer.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OfferEdit {
    pub offer: i64,
    pub spec: CouponSpec,
    /// The revision of each coupon of the offer as the editor loaded it; absent, the last
    /// writer wins.
    #[serde(default)]
    #[ts(optional)]
    pub expected_revisions: Option<Vec<Revision>>,
}

impl Api<'_> {
    pub fn coupon_list(&mut self, p: CouponList) -> Result<Vec<Coupon>, Error> {
        Ok(coupon::list(self.db, p.campaign)?)
    }

    pub fn coupon_get(&mut self, p: Id) -> Result<Coupon, Error> {
        Ok(coupon::get(self.db, p.id)?)
    }

    /// A new offer's fields for `campaign`, valid through its dates.
    pub fn coupon_blank(&mut self, p: CampaignRef) -> Result<CouponSpec, Error> {
        let c = crate::campaign::get(self.db, p.campaign)?;
        Ok(CouponSpec::blank(
            bound_for_input(&c.start, Bound::Start),
            bound_for_input(&c.end, Bound::End),
        ))
    }

    pub fn coupon_preview(&mut self, p: OfferPreview) -> Result<OfferCheck, Error> {
        Ok(coupon::preview_offer(
            self.db,
            p.campaign,
            &p.products,
            &p.spec,
            p.replacing,
        )?)
    }

    /// Every new coupon is an offer, even on one wallet, so a second wallet can join it later
    /// and both fronts leave the same rows.
    pub fn coupon_add_offer(&mut self, p: OfferAdd) -> Result<Vec<Coupon>, Error> {
        Ok(coupon::add_offer(
            self.db,
            p.campaign,
            &p.products,
            &p.spec,
        )?)
    }

    pub fn coupon_edit(&mut self, p: CouponEdit) -> Result<Coupon, Error> {
        Ok(coupon::edit_at(
            self.db,
            p.id,
            &p.spec,
            p.expected_revision,
        )?)
    }

    pub fn coupon_edit_offer(&mut self, p: OfferEdit) -> Result<Vec<Coupon>, Error> {
        Ok(coupon::edit_offer_at(
            self.db,
            p.offer,
            &p.spec,
            p.expected_revisions.as_deref(),
        )?)
    }

    pub fn coupon_remove(&mut self, p: Id) -> Result<(), Error> {
        Ok(coupon::remove(self.db, p.id)?)
    }

    /// A stored coupon checked against its provider's rules as they stand today.
    pub fn coupon_validate(&mut self, p: Id) -> Result<Validation, Error> {
        Ok(coupon::validate_existing(self.db, p.id)?)
    }

    /// The JSON the provider's creation API takes for this coupon, pretty-printed to copy.
    pub fn coupon_export_spec(&mut self, p: Id) -> Result<String, Error> {
        let payload = coupon::export_spec(self.db, p.id)?;
        Ok(serde_json::to_string_pretty(&payload).unwrap_or_default())
    }

    /// WeChat's card colours, for the colour picker and the wallet preview.
    pub fn coupon_wallet_colors(&mut self, _: NoParams) -> Result<Vec<WalletColor>, Error> {
        Ok(coupon::wallet_colors())
    }
}
