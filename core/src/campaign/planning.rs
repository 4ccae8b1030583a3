//! Planning around festivals: a draft pre-filled from a festival, cloning a campaign onto the
//! same festival another year (lunar festivals move), and overlaps on the same stores.

use crate::sql::params;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use super::{get, list, Campaign, CampaignError, CampaignFilter, CampaignInput, CampaignStatus};
use crate::calendar::{self, default_window, festival_by_id, CalendarError};
use crate::db::Db;
use crate::time::{local, local_to_utc, now_ts, rfc3339};

/// A new campaign for a festival in a year: named "2027 3.8 女神节", running from two days
/// before the festival through the day after. The caller adds the budget and stores.
pub fn draft_for_festival(festival: &str, year: i32) -> Result<CampaignInput, CalendarError> {
    let f = festival_by_id(festival)
        .ok_or_else(|| CalendarError::UnknownFestival(festival.to_string()))?;
    let date = calendar::date_of(festival, year)?;
    let (start, end) = default_window(date);
    Ok(CampaignInput {
        name: format!("{year} {}", f.name_zh),
        description: String::new(),
        festival: Some(f.id.to_string()),
        start: start.to_string(),
        end: end.to_string(),
        budget: "0".into(),
        store_ids: vec![],
    })
}

/// Moves a local date-time by whole days, keeping the wall-clock time.
fn shift_local(ts: i64, zone: Tz, days: i64) -> Result<i64, CampaignError> {
    let naive: NaiveDateTime = local(ts, zone).naive_local() + Duration::days(days);
    local_to_utc(naive, zone)
        .or_else(|_| {
            // The same wall time does not exist that day (a DST gap): take an hour later.
            local_to_utc(naive + Duration::hours(1), zone)
        })
        .map(|t| t.timestamp())
        .map_err(|_| CampaignError::NonexistentLocalTime(naive.to_string()))
}

/// The same month and day in another year; 29 February becomes the 28th.
fn same_day_in(date: NaiveDate, year: i32) -> NaiveDate {
    date.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .unwrap_or(date)
}

/// Copies a campaign — stores, budget and its split per provider — onto the same festival in
/// `year` (for an untagged campaign: the same calendar days), as a draft.
pub fn clone_to_year(db: &mut Db, id: i64, year: i32, by: &str) -> Result<Campaign, CampaignError> {
    let source = get(db, id)?;
    let zone = crate::mall::get(db)?.zone();
    let (starts_at, ends_at): (i64, i64) = db.conn().query_row(
        "SELECT starts_at, ends_at FROM campaign WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let start_date = local(starts_at, zone).date_naive();
    let shift_days = match source.festival.as_deref() {
        Some(festival) => {
            let from = calendar::nearest_occurrence(festival, start_date)?;
            let to = calendar::date_of(festival, year)?;
            (to - from).num_days()
        }
        None => {
            if !(calendar::FIRST_YEAR..=calendar::LAST_YEAR).contains(&year) {
                return Err(CalendarError::YearOutOfRange(year).into());
            }
            (same_day_in(start_date, year) - start_date).num_days()
        }
    };
    let new_start = shift_local(starts_at, zone, shift_days)?;
    let new_end = shift_local(ends_at, zone, shift_days)?;
    let source_year = start_date.year().to_string();
    let name = if source.name.contains(&source_year) {
        source.name.replacen(&source_year, &year.to_string(), 1)
    } else {
        format!("{year} {}", source.name)
    };
    let new_id = db.write(|tx| {
        if let Some(taken) = super::validate::name_taken(tx, &name, None)? {
            return Err(CampaignError::Invalid(vec![taken]));
        }
        let now = now_ts();
        let new_id = tx.insert(
            "INSERT INTO campaign (name, description, festival, starts_at, ends_at, status, budget_fen, created_at, updated_at)
             SELECT ?1, description, festival, ?2, ?3, 'draft', budget_fen, ?4, ?4 FROM campaign WHERE id = ?5",
            params![name, new_start, new_end, now, id],
        )?;
        tx.execute(
            "INSERT INTO campaign_store (campaign_id, store_id) SELECT ?1, store_id FROM campaign_store WHERE campaign_id = ?2",
            params![new_id, id],
        )?;
        tx.execute(
            "INSERT INTO campaign_provider_budget (campaign_id, provider, budget_fen)
             SELECT ?1, provider, budget_fen FROM campaign_provider_budget WHERE campaign_id = ?2",
            params![new_id, id],
        )?;
        copy_coupons(tx, id, new_id, shift_days * 86_400)?;
        tx.execute(
            "INSERT INTO campaign_status_history (campaign_id, from_status, to_status, changed_at, changed_by, reason)
             VALUES (?1, NULL, 'draft', ?2, ?3, ?4)",
            params![new_id, now, by, format!("cloned from #{id}")],
        )?;
        Ok::<_, CampaignError>(new_id)
    })?;
    get(db, new_id)
}

/// Copies a campaign's coupons onto its clone: same offers (new offer ids), validity moved by
/// the same number of days, provider references cleared (the provider issues new ones).
fn copy_coupons(
    tx: &crate::sql::Transaction<'_>,
    from: i64,
    to: i64,
    shift_seconds: i64,
) -> Result<(), CampaignError> {
    let mut stmt =
        tx.prepare("SELECT id, offer_id FROM coupon WHERE campaign_id = ?1 ORDER BY id")?;
    let coupons: Vec<(i64, Option<i64>)> = stmt
        .query_map([from], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut offers = std::collections::HashMap::new();
    let mut ids = std::collections::HashMap::new();
    for (coupon, offer) in coupons {
        let new_offer = match offer {
            Some(o) => Some(match offers.get(&o) {
                Some(n) => *n,
                None => {
                    let n =
                        tx.insert("INSERT INTO coupon_offer (campaign_id) VALUES (?1)", [to])?;
                    offers.insert(o, n);
                    n
                }
            }),
            None => None,
        };
        let new_id = tx.insert(
            "INSERT INTO coupon (campaign_id, offer_id, product, provider, name, bill_name, description, kind,
                face_fen, threshold_fen, pay_percent, cap_fen, price_fen, original_price_fen, multiplier,
                max_discount_fen, quantity, per_user_limit, per_user_period, daily_cap, validity_kind,
                valid_from, valid_to, valid_days, wait_days, time_slots, mall_share, tenant_share,
                provider_share, exclusive, stackable_with, priority, provider_ref, card_bins, created_at, updated_at)
             SELECT ?1, ?2, product, provider, name, bill_name, description, kind,
                face_fen, threshold_fen, pay_percent, cap_fen, price_fen, original_price_fen, multiplier,
                max_discount_fen, quantity, per_user_limit, per_user_period, daily_cap, validity_kind,
                valid_from + ?3, valid_to + ?3, valid_days, wait_days, time_slots, mall_share, tenant_share,
                provider_share, exclusive, '[]', priority, '', card_bins, ?4, ?4
             FROM coupon WHERE id = ?5",
            params![to, new_offer, shift_seconds, now_ts(), coupon],
        )?;
        ids.insert(coupon, new_id);
        tx.execute(
            "INSERT INTO coupon_store (coupon_id, store_id) SELECT ?1, store_id FROM coupon_store WHERE coupon_id = ?2",
            params![new_id, coupon],
        )?;
    }
    Ok(())
}

/// Two campaigns that run at the same time on at least one common store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Conflict {
    pub first_id: i64,
    pub first_name: String,
    /// The first campaign's own start and end, RFC 3339 in the mall's zone: with its name,
    /// what tells it apart from a namesake of another year.
    pub first_start: String,
    pub first_end: String,
    pub second_id: i64,
    pub second_name: String,
    pub second_start: String,
    pub second_end: String,
    /// Stores both target; empty when both target the whole mall.
    pub store_ids: Vec<i64>,
    /// The overlap, RFC 3339 in the mall's zone.
    pub from: String,
    pub to: String,
}

/// The stores two target lists share; `None` if they share none. Empty means whole mall.
fn shared_stores(a: &[i64], b: &[i64]) -> Option<Vec<i64>> {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => Some(vec![]),
        (true, false) => Some(b.to_vec()),
        (false, true) => Some(a.to_vec()),
        (false, false) => {
            let common: Vec<i64> = a.iter().copied().filter(|s| b.contains(s)).collect();
            (!common.is_empty()).then_some(common)
        }
    }
}

/// Every pair of campaigns still in play (not ended or cancelled) that overlap in time on a
/// common store — the whole mall counts as every store.
pub fn conflicts(db: &Db) -> Result<Vec<Conflict>, CampaignError> {
    let zone = crate::mall::get(db)?.zone();
    let active: Vec<Campaign> = list(db, &CampaignFilter::default())?
        .into_iter()
        .filter(|c| !matches!(c.status, CampaignStatus::Ended | CampaignStatus::Cancelled))
        .collect();
    let ts = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .map(|t| t.timestamp())
            .unwrap_or(0)
    };
    let mut found = Vec::new();
    for (i, a) in active.iter().enumerate() {
        for b in &active[i + 1..] {
            let from = ts(&a.start).max(ts(&b.start));
            let to = ts(&a.end).min(ts(&b.end));
            if from > to {
                continue;
            }
            if let Some(store_ids) = shared_stores(&a.store_ids, &b.store_ids) {
                found.push(Conflict {
                    first_id: a.id,
                    first_name: a.name.clone(),
                    first_start: a.start.clone(),
                    first_end: a.end.clone(),
                    second_id: b.id,
                    second_name: b.name.clone(),
                    second_start: b.start.clone(),
                    second_end: b.end.clone(),
                    store_ids,
                    from: rfc3339(from, zone),
                    to: rfc3339(to, zone),
                });
            }
        }
    }
    Ok(found)
}

impl Conflict {
    /// The other campaign of the pair, seen from campaign `id`: its id, name, start and end.
    pub fn other(&self, id: i64) -> (i64, &str, &str, &str) {
        if self.first_id == id {
            (
                self.second_id,
                &self.second_name,
                &self.second_start,
                &self.second_end,
            )
        } else {
            (
                self.first_id,
                &self.first_name,
                &self.first_start,
                &self.first_end,
            )
        }
    }
}

/// The conflicts one campaign is part of.
pub fn conflicts_of(db: &Db, id: i64) -> Result<Vec<Conflict>, CampaignError> {
    get(db, id)?;
    Ok(conflicts(db)?
        .into_iter()
        .filter(|c| c.first_id == id || c.second_id == id)
        .collect())
}

/// The name a new campaign drafted as `name` should carry: itself, or with (2), (3)… when
/// another campaign has it. The user sees it in the form before saving.
pub(crate) fn free_name(db: &Db, name: &str) -> Result<String, CampaignError> {
    Ok(super::validate::unique_name(db.conn(), name)?)
}
