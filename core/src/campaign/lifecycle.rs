//! Statuses that change by time: a scheduled campaign goes live at its start and a live one
//! ends after its last second. Called whenever the app or the CLI reads campaigns, so what
//! people see is always current without a background job.

use crate::sql::params;
use chrono::{DateTime, Utc};

use super::{CampaignError, CampaignStatus};
use crate::db::Db;

/// Who the history names for moves made by the clock.
pub const CLOCK: &str = "system";

/// A status the clock changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockMove {
    pub id: i64,
    pub from: CampaignStatus,
    pub to: CampaignStatus,
}

/// Applies every status change due at `now`. Paused, draft and cancelled campaigns stay as
/// they are: pausing is a person's decision, and so is launching a draft.
pub fn refresh_statuses(db: &mut Db, now: DateTime<Utc>) -> Result<Vec<ClockMove>, CampaignError> {
    let now = now.timestamp();
    as_clock(db, |db| db.write(|tx| apply_due(tx, now)))
}

/// Runs `f` with the clock as the actor, so the revisions its moves make name the clock, not
/// whoever's read happened to apply them.
fn as_clock<T>(db: &mut Db, f: impl FnOnce(&mut Db) -> T) -> T {
    let actor = db.actor().to_string();
    db.set_actor(CLOCK);
    let out = f(db);
    db.set_actor(&actor);
    out
}

/// Like [`refresh_statuses`], for a read that shows statuses: nothing when no change is due
/// (the common case, one indexed query), and when one is, only if no other write is running —
/// a read never waits for a long import to bring a status up to date. What it skips is
/// applied by the next write that looks, recorded at the moment it was due.
pub fn refresh_statuses_if_free(
    db: &mut Db,
    now: DateTime<Utc>,
) -> Result<Vec<ClockMove>, CampaignError> {
    let now = now.timestamp();
    let due: i64 = db.conn().query_row(
        &format!("SELECT count(*) FROM campaign WHERE {DUE}"),
        [now],
        |r| r.get(0),
    )?;
    if due == 0 {
        return Ok(vec![]);
    }
    Ok(as_clock(db, |db| db.write_if_free(|tx| apply_due(tx, now)))?.unwrap_or_default())
}

/// Campaigns with a status change due at `?1`.
const DUE: &str = "(status = 'scheduled' AND starts_at <= ?1)
                OR (status IN ('scheduled', 'live') AND ends_at < ?1)";

fn apply_due(tx: &crate::sql::Transaction<'_>, now: i64) -> Result<Vec<ClockMove>, CampaignError> {
    {
        let mut moves = Vec::new();
        let mut stmt = tx.prepare(&format!(
            "SELECT id, status, starts_at, ends_at FROM campaign WHERE {DUE}"
        ))?;
        let due: Vec<(i64, String, i64, i64)> = stmt
            .query_map([now], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        for (id, status, starts, ends) in due {
            let mut from: CampaignStatus =
                crate::db::known(1, "campaign status", &status, |v| v.parse().ok())?;
            // A scheduled campaign whose whole window passed unseen went live and then ended.
            let mut steps = Vec::new();
            // Each move is recorded at the moment it was due (the start; the second after the
            // inclusive end), not when someone happened to look.
            if from == CampaignStatus::Scheduled {
                steps.push((CampaignStatus::Live, "start time reached", starts));
            }
            if ends < now {
                steps.push((CampaignStatus::Ended, "end time passed", ends + 1));
            }
            for (to, reason, at) in steps {
                tx.execute(
                    "UPDATE campaign SET status = ?1, updated_at = ?2 WHERE id = ?3",
                    params![to.key(), now, id],
                )?;
                tx.execute(
                    "INSERT INTO campaign_status_history (campaign_id, from_status, to_status, changed_at, changed_by, reason)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, from.key(), to.key(), at, CLOCK, reason],
                )?;
                moves.push(ClockMove { id, from, to });
                from = to;
            }
        }
        Ok(moves)
    }
}
