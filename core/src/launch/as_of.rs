//! The mall as it will be at a chosen moment: each campaign's status then, and the coupons a
//! customer could use then (campaign live, inside the coupon's validity and weekly slots).
//! Drafts, paused and cancelled campaigns keep their status: only the clock moves the others.

use chrono::{Datelike, Timelike};
use serde::Serialize;
use ts_rs::TS;

use super::LaunchError;
use crate::campaign::CampaignStatus;
use crate::coupon::Product;
use crate::db::Db;
use crate::provider::Provider;
use crate::time::Bound;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AsOfCampaign {
    pub id: i64,
    pub name: String,
    pub status: CampaignStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LiveCoupon {
    pub coupon_id: i64,
    pub campaign_id: i64,
    pub campaign: String,
    pub name: String,
    pub product: Product,
    pub provider: Provider,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AsOf {
    /// The moment, RFC 3339 in the mall's zone.
    pub at: String,
    pub campaigns: Vec<AsOfCampaign>,
    pub coupons: Vec<LiveCoupon>,
}

fn status_then(now: CampaignStatus, start: i64, end: i64, at: i64) -> CampaignStatus {
    use CampaignStatus::*;
    match now {
        Draft | Paused | Cancelled => now,
        Scheduled | Live | Ended if at < start => Scheduled,
        Scheduled | Live | Ended if at <= end => Live,
        _ => Ended,
    }
}

fn minutes(hhmm: &str) -> Option<u32> {
    let (h, m) = hhmm.trim().split_once(':')?;
    Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
}

/// Campaigns and live coupons at `when` (`YYYY-MM-DD HH:MM` in the mall's zone, or RFC 3339).
pub fn as_of(db: &Db, when: &str) -> Result<AsOf, LaunchError> {
    let zone = crate::mall::get(db)?.zone();
    let at = crate::time::parse_local(when, zone, Bound::Start)
        .map_err(|_| LaunchError::BadTime(when.to_string()))?
        .timestamp();
    let local = crate::time::local(at, zone);
    let filter = crate::campaign::CampaignFilter::default();
    let campaigns = crate::campaign::list(db, &filter)?;
    let mut out = Vec::new();
    let mut live = Vec::new();
    let mut span = db
        .conn()
        .prepare("SELECT starts_at, ends_at FROM campaign WHERE id = ?1")?;
    let mut validity = db
        .conn()
        .prepare("SELECT valid_from, valid_to FROM coupon WHERE id = ?1")?;
    for c in campaigns {
        let (start, end): (i64, i64) = span.query_row([c.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let status = status_then(c.status, start, end, at);
        if status == CampaignStatus::Live {
            for coupon in crate::coupon::list(db, Some(c.id))? {
                let (from, to): (Option<i64>, Option<i64>) =
                    validity.query_row([coupon.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                let in_validity = from.is_none_or(|f| f <= at) && to.is_none_or(|t| at <= t);
                let slots = &coupon.spec.time_slots;
                let weekday = local.weekday().number_from_monday() as u8;
                let minute = local.hour() * 60 + local.minute();
                let in_slot = slots.is_empty()
                    || slots.iter().any(|s| {
                        s.weekdays.contains(&weekday)
                            && minutes(&s.start).is_some_and(|b| b <= minute)
                            && minutes(&s.end).is_some_and(|e| minute < e)
                    });
                if in_validity && in_slot {
                    live.push(LiveCoupon {
                        coupon_id: coupon.id,
                        campaign_id: c.id,
                        campaign: c.name.clone(),
                        name: coupon.spec.name.clone(),
                        product: coupon.product,
                        provider: coupon.provider,
                    });
                }
            }
        }
        out.push(AsOfCampaign {
            id: c.id,
            name: c.name,
            status,
        });
    }
    Ok(AsOf {
        at: crate::time::rfc3339(at, zone),
        campaigns: out,
        coupons: live,
    })
}
