//! Reading and writing campaigns. Every write validates inside the transaction that performs it.

use crate::sql::{params, OptionalExtension, Row, Transaction};
use chrono_tz::Tz;

use super::validate::{name_taken, validate, ValidCampaign};
use super::{
    Campaign, CampaignError, CampaignFilter, CampaignInput, CampaignPatch, CampaignStatus,
    StatusChange,
};
use crate::db::revision::{self, Claim};
use crate::db::Db;
use crate::money::from_fen;
use crate::time::{now_ts, parse_local, rfc3339, Bound};

const COLUMNS: &str =
    "id, name, description, festival, starts_at, ends_at, status, budget_fen, created_at, updated_at, revision, changed_by";

struct CampaignRow {
    id: i64,
    name: String,
    description: String,
    festival: Option<String>,
    starts_at: i64,
    ends_at: i64,
    status: CampaignStatus,
    budget_fen: i64,
    created_at: i64,
    updated_at: i64,
    revision: i64,
    changed_by: String,
}

fn from_row(r: &Row<'_>) -> crate::sql::Result<CampaignRow> {
    Ok(CampaignRow {
        id: r.get(0)?,
        name: r.get(1)?,
        description: r.get(2)?,
        festival: r.get(3)?,
        starts_at: r.get(4)?,
        ends_at: r.get(5)?,
        status: status_of(r.get_ref(6)?.as_str()?)?,
        budget_fen: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
        revision: r.get(10)?,
        changed_by: r.get(11)?,
    })
}

fn status_of(text: &str) -> crate::sql::Result<CampaignStatus> {
    crate::db::known(6, "campaign status", text, |v| v.parse().ok())
}

fn to_campaign(row: CampaignRow, store_ids: Vec<i64>, zone: Tz) -> Campaign {
    Campaign {
        id: row.id,
        name: row.name,
        description: row.description,
        festival: row.festival,
        start: rfc3339(row.starts_at, zone),
        end: rfc3339(row.ends_at, zone),
        status: row.status,
        budget: from_fen(row.budget_fen),
        store_ids,
        created_at: rfc3339(row.created_at, zone),
        updated_at: rfc3339(row.updated_at, zone),
        revision: row.revision,
        changed_by: row.changed_by,
    }
}

fn store_ids(conn: &crate::sql::Connection, id: i64) -> crate::sql::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT store_id FROM campaign_store WHERE campaign_id = ?1 ORDER BY store_id",
    )?;
    let ids = stmt.query_map([id], |r| r.get(0))?.collect();
    ids
}

fn zone(db: &Db) -> Result<Tz, CampaignError> {
    Ok(crate::mall::get(db)?.zone())
}

/// One campaign.
pub fn get(db: &Db, id: i64) -> Result<Campaign, CampaignError> {
    let zone = zone(db)?;
    let row = db
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM campaign WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or(CampaignError::NotFound(id))?;
    let stores = store_ids(db.conn(), id)?;
    Ok(to_campaign(row, stores, zone))
}

/// Campaigns matching `filter`, by start time.
pub fn list(db: &Db, filter: &CampaignFilter) -> Result<Vec<Campaign>, CampaignError> {
    let zone = zone(db)?;
    let mut problems = Vec::new();
    let mut bound = |text: &Option<String>, field: &str, b: Bound| {
        text.as_deref().and_then(|t| {
            parse_local(t, zone, b)
                .map_err(|_| {
                    problems.push(crate::problem::Problem::new(
                        field,
                        "campaign.filter_date",
                        format!("{field} '{t}' is not a date; use YYYY-MM-DD"),
                        format!("日期“{t}”无效；请使用 YYYY-MM-DD"),
                    ))
                })
                .ok()
                .map(|d| d.timestamp())
        })
    };
    let from = bound(&filter.from, "from", Bound::Start);
    let to = bound(&filter.to, "to", Bound::End);
    if !problems.is_empty() {
        return Err(CampaignError::Invalid(problems));
    }
    let search = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            format!(
                "%{}%",
                s.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )
        });
    let mut stmt = db.conn().prepare(&format!(
        "SELECT {COLUMNS} FROM campaign
         WHERE (status = ?1 OR ?1 IS NULL)
           AND (festival = ?2 OR ?2 IS NULL)
           AND (ends_at >= ?3 OR ?3 IS NULL)
           AND (starts_at <= ?4 OR ?4 IS NULL)
           AND (lower(name) LIKE lower(CAST(?5 AS TEXT)) ESCAPE '\\'
                OR lower(description) LIKE lower(CAST(?5 AS TEXT)) ESCAPE '\\' OR ?5 IS NULL)
         ORDER BY starts_at, id"
    ))?;
    let rows = stmt
        .query_map(
            params![
                filter.status.map(CampaignStatus::key),
                filter.festival.as_deref().filter(|f| !f.is_empty()),
                from,
                to,
                search
            ],
            from_row,
        )?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|row| {
            let stores = store_ids(db.conn(), row.id)?;
            Ok(to_campaign(row, stores, zone))
        })
        .collect()
}

/// Makes the campaign's stores exactly `ids`, touching only rows that change (each change
/// re-derives the trades of the campaign's coupons).
fn write_stores(tx: &Transaction<'_>, id: i64, ids: &[i64]) -> crate::sql::Result<()> {
    let current = store_ids(tx, id)?;
    for gone in current.iter().filter(|s| !ids.contains(s)) {
        tx.execute(
            "DELETE FROM campaign_store WHERE campaign_id = ?1 AND store_id = ?2",
            [id, *gone],
        )?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO campaign_store (campaign_id, store_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    )?;
    for store in ids.iter().filter(|s| !current.contains(s)) {
        stmt.execute([id, *store])?;
    }
    Ok(())
}

fn record_status(
    tx: &Transaction<'_>,
    id: i64,
    from: Option<CampaignStatus>,
    to: CampaignStatus,
    by: &str,
    reason: &str,
) -> crate::sql::Result<()> {
    tx.execute(
        "INSERT INTO campaign_status_history (campaign_id, from_status, to_status, changed_at, changed_by, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, from.map(CampaignStatus::key), to.key(), now_ts(), by, reason],
    )?;
    Ok(())
}

/// Creates a campaign as a draft.
pub fn add(db: &mut Db, input: &CampaignInput, by: &str) -> Result<Campaign, CampaignError> {
    let zone = zone(db)?;
    let id = db.write(|tx| {
        let v: ValidCampaign = validate(tx, input, zone).map_err(CampaignError::Invalid)?;
        if let Some(taken) = name_taken(tx, &v.name, None)? {
            return Err(CampaignError::Invalid(vec![taken]));
        }
        let now = now_ts();
        let id = tx.insert(
            "INSERT INTO campaign (name, description, festival, starts_at, ends_at, status, budget_fen, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'draft', ?6, ?7, ?7)",
            params![v.name, v.description, v.festival, v.starts_at, v.ends_at, v.budget_fen, now],
        )?;
        write_stores(tx, id, &v.store_ids)?;
        record_status(tx, id, None, CampaignStatus::Draft, by, "created")?;
        Ok::<_, CampaignError>(id)
    })?;
    get(db, id)
}

/// Changes the given fields of a campaign; the result is checked as a whole. The last writer
/// wins: see [`edit_at`] for a save that must not overwrite someone else's change.
pub fn edit(db: &mut Db, id: i64, patch: &CampaignPatch) -> Result<Campaign, CampaignError> {
    edit_at(db, id, patch, None)
}

/// [`edit`] of the campaign as it was at revision `expected` (what the editor loaded): refused
/// with what changed since when someone else saved in between. `None` expects nothing.
pub fn edit_at(
    db: &mut Db,
    id: i64,
    patch: &CampaignPatch,
    expected: Option<i64>,
) -> Result<Campaign, CampaignError> {
    let current = get(db, id)?;
    let zone = zone(db)?;
    let me = db.actor().to_string();
    let input = CampaignInput {
        name: patch.name.clone().unwrap_or(current.name),
        description: patch.description.clone().unwrap_or(current.description),
        festival: patch.festival.clone().or(current.festival),
        start: patch.start.clone().unwrap_or(current.start),
        end: patch.end.clone().unwrap_or(current.end),
        budget: patch
            .budget
            .clone()
            .unwrap_or_else(|| current.budget.to_string()),
        store_ids: patch.store_ids.clone().unwrap_or(current.store_ids),
    };
    db.write(|tx| {
        claim(tx, id, expected, zone, &me)?;
        let v = validate(tx, &input, zone).map_err(CampaignError::Invalid)?;
        if let Some(taken) = name_taken(tx, &v.name, Some(id))? {
            return Err(CampaignError::Invalid(vec![taken]));
        }
        let allocated: i64 = tx.query_row(
            "SELECT COALESCE(SUM(budget_fen), 0) FROM campaign_provider_budget WHERE campaign_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        let coupons_worst: Option<i64> = tx.query_row(
            "SELECT CASE WHEN SUM(CASE WHEN max_discount_fen IS NULL THEN 1 ELSE 0 END) > 0 THEN NULL
                    ELSE COALESCE(SUM(quantity * max_discount_fen), 0) END
             FROM coupon WHERE campaign_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if let Some(worst) = coupons_worst.filter(|w| *w > v.budget_fen) {
            let (w, b) = (from_fen(worst), from_fen(v.budget_fen));
            return Err(CampaignError::Invalid(vec![crate::problem::Problem::new(
                "budget",
                "campaign.budget_below_coupons",
                format!("budget {b} is less than the {w} its coupons can cost at full redemption; lower the coupons first"),
                format!("预算 {b} 低于优惠券全部核销的最高成本 {w}；请先调整优惠券"),
            )]));
        }
        if allocated > v.budget_fen {
            let (a, b) = (from_fen(allocated), from_fen(v.budget_fen));
            return Err(CampaignError::Invalid(vec![crate::problem::Problem::new(
                "budget",
                "campaign.budget_below_allocation",
                format!("budget {b} is less than the {a} already split among providers; lower the provider budgets first"),
                format!("预算 {b} 低于已分配给各渠道的 {a}；请先调低渠道预算"),
            )]));
        }
        tx.execute(
            "UPDATE campaign SET name = ?1, description = ?2, festival = ?3, starts_at = ?4,
             ends_at = ?5, budget_fen = ?6, updated_at = ?7 WHERE id = ?8",
            params![
                v.name,
                v.description,
                v.festival,
                v.starts_at,
                v.ends_at,
                v.budget_fen,
                now_ts(),
                id
            ],
        )?;
        write_stores(tx, id, &v.store_ids)?;
        Ok::<_, CampaignError>(())
    })?;
    get(db, id)
}

/// Starts a save of campaign `id` made on revision `expected` ([`revision::claim`]): refused
/// with what changed since, in the user's words, when it is no longer the current one.
pub(crate) fn claim(
    tx: &Transaction<'_>,
    id: i64,
    expected: Option<i64>,
    zone: Tz,
    me: &str,
) -> Result<(), CampaignError> {
    match revision::claim(tx, revision::Kind::Campaign, id, expected, me)? {
        Claim::Current => Ok(()),
        Claim::Missing => Err(CampaignError::NotFound(id)),
        Claim::Stale(stale) => {
            let name: String =
                tx.query_row("SELECT name FROM campaign WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            Err(CampaignError::ChangedElsewhere {
                id,
                name,
                revision: stale.revision,
                by: stale.changed_by,
                yours: stale.yours,
                changes: super::elsewhere::changes(tx, stale.then.as_deref(), &stale.now, zone)?,
            })
        }
    }
}

/// Moves a campaign to another status if the lifecycle allows it, and records who did it.
/// Draft → scheduled is a launch: it happens only when the launch checklist has no failure
/// (see `crate::launch`).
pub fn set_status(
    db: &mut Db,
    id: i64,
    to: CampaignStatus,
    by: &str,
    reason: &str,
) -> Result<Campaign, CampaignError> {
    if to == CampaignStatus::Scheduled && get(db, id)?.status == CampaignStatus::Draft {
        return crate::launch::launch_with_reason(db, id, by, reason, now_ts()).map_err(
            |e| match e {
                crate::launch::LaunchError::NotReady {
                    id,
                    failing,
                    failing_zh,
                } => CampaignError::NotReady {
                    id,
                    failing,
                    failing_zh,
                },
                crate::launch::LaunchError::Campaign(e) => e,
                crate::launch::LaunchError::Db(e) => CampaignError::Db(e),
                e @ (crate::launch::LaunchError::NotSignedOff { .. }
                | crate::launch::LaunchError::SignoffVoid { .. }) => CampaignError::LaunchRefused {
                    code: e.code(),
                    message: e.localized(),
                },
                other => CampaignError::Launch(other.to_string()),
            },
        );
    }
    lifecycle_move(db, id, to, by, reason)
}

/// The lifecycle move without the launch checklist: for the launch itself and for demo data,
/// whose campaigns are placed in the past and present on purpose.
pub(crate) fn lifecycle_move(
    db: &mut Db,
    id: i64,
    to: CampaignStatus,
    by: &str,
    reason: &str,
) -> Result<Campaign, CampaignError> {
    db.write(|tx| {
        let from: String = tx
            .query_row("SELECT status FROM campaign WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(CampaignError::NotFound(id))?;
        let from = status_of(&from)?;
        if !from.can_move_to(to) {
            return Err(CampaignError::IllegalTransition { id, from, to });
        }
        tx.execute(
            "UPDATE campaign SET status = ?1, updated_at = ?2 WHERE id = ?3",
            params![to.key(), now_ts(), id],
        )?;
        record_status(tx, id, Some(from), to, by, reason)?;
        Ok(())
    })?;
    get(db, id)
}

/// Deletes a campaign that is not live, with its store links and history.
pub fn remove(db: &mut Db, id: i64) -> Result<(), CampaignError> {
    db.write(|tx| {
        let status: String = tx
            .query_row("SELECT status FROM campaign WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(CampaignError::NotFound(id))?;
        if status_of(&status)? == CampaignStatus::Live {
            return Err(CampaignError::RemoveLive(id));
        }
        tx.execute("DELETE FROM campaign WHERE id = ?1", [id])?;
        Ok(())
    })
}

/// The status history of a campaign, oldest first.
pub fn history(db: &Db, id: i64) -> Result<Vec<StatusChange>, CampaignError> {
    let zone = zone(db)?;
    get(db, id)?;
    let mut stmt = db.conn().prepare(
        "SELECT from_status, to_status, changed_at, changed_by, reason
         FROM campaign_status_history WHERE campaign_id = ?1 ORDER BY id",
    )?;
    let changes = stmt
        .query_map([id], |r| {
            Ok(StatusChange {
                from: r
                    .get::<_, Option<String>>(0)?
                    .map(|s| status_of(&s))
                    .transpose()?,
                to: status_of(&r.get::<_, String>(1)?)?,
                at: rfc3339(r.get(2)?, zone),
                by: r.get(3)?,
                reason: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(changes)
}
