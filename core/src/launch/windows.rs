//! When a campaign's coupons can, and must, be created at the providers whose rules depend on
//! the day: the same windows the checklist judges (`wechat_cash.dates`,
//! `alipay_voucher.publish`), given as moments so the home screen can list them as dates.

use super::{coupon_rows, LaunchError, ALIPAY_PUBLISH_DAYS_AHEAD, WECHAT_CASH_DAYS_AHEAD};
use crate::coupon::Product;
use crate::db::Db;

const DAY: i64 = 86_400;

/// One provider product's window for a campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderWindow {
    pub product: Product,
    /// Coupons of this product not yet created at the provider (no provider id recorded).
    pub pending: usize,
    /// The first moment the provider takes the earliest of them (unix seconds).
    pub opens: i64,
    /// The earliest one's start: the provider refuses a start in the past, so it must be
    /// created before then.
    pub closes: i64,
}

/// The windows of `campaign`'s coupons that still have to be created at WeChat Pay (a
/// 代金券 stock starts at most [`WECHAT_CASH_DAYS_AHEAD`] days ahead) or Alipay (a voucher
/// template is published at most [`ALIPAY_PUBLISH_DAYS_AHEAD`] days ahead). A coupon that
/// carries the provider's id was created already and has no window left.
pub fn provider_windows(db: &Db, campaign: i64) -> Result<Vec<ProviderWindow>, LaunchError> {
    let start: i64 = db.conn().query_row(
        "SELECT starts_at FROM campaign WHERE id = ?1",
        [campaign],
        |r| r.get(0),
    )?;
    let coupons = coupon_rows(db, campaign)?;
    let mut windows = Vec::new();
    for (product, ahead) in [
        (Product::WechatCash, WECHAT_CASH_DAYS_AHEAD),
        (Product::AlipayVoucher, ALIPAY_PUBLISH_DAYS_AHEAD),
    ] {
        let pending: Vec<i64> = coupons
            .iter()
            .filter(|c| c.product == product && c.provider_ref.trim().is_empty())
            .map(|c| c.valid_from.unwrap_or(start))
            .collect();
        if let Some(&first) = pending.iter().min() {
            windows.push(ProviderWindow {
                product,
                pending: pending.len(),
                opens: first - ahead * DAY,
                closes: first,
            });
        }
    }
    Ok(windows)
}
