//! The approver's sign-off: a campaign goes from draft to scheduled on a team database only
//! when an approver signed its launch checklist *as it stands now*.
//!
//! What is signed is a SHA-256 over a canonical serialization of what the checklist checked:
//! the campaign's fields (not its status or timestamps), its coupons as stored, and each
//! item's verdict (id and pass/warn/fail; not the wording, which may say "in 3 days"). Any
//! change to the campaign or a coupon changes the hash, so a sign-off is void without anybody
//! voiding it.
//!
//! Two checks, one in core and one in the server (docs/TEAM-DATABASE.md):
//! - core compares hashes (the checklist now against the signed one) and also the campaign's
//!   content version (below), and says who signed and what changed since;
//! - the team database's trigger `campaign_status_guard` refuses draft → scheduled unless a
//!   sign-off exists with the hash stored in the same UPDATE *and* the campaign's current
//!   content version. The content version is kept by owner-only triggers on the campaign, its
//!   coupons and stores, and stamped on the sign-off by the server, so psql cannot schedule
//!   with an old sign-off: storing an old hash does not bring an old content version back.
//!
//! On the embedded store signing off is optional (one desktop, one person who holds every
//! role): the sign-off can be made and is shown, but launching does not wait for it.

use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::{CheckStatus, Checklist, LaunchError};
use crate::campaign::Campaign;
use crate::coupon::Coupon;
use crate::db::Db;
use crate::sql::{params, OptionalExtension};
use crate::text::Localized;

/// The hash of `checklist` for `campaign` with its coupons: lower-case hex.
pub fn checklist_sha256(campaign: &Campaign, coupons: &[Coupon], checklist: &Checklist) -> String {
    #[derive(Serialize)]
    struct Signed<'a> {
        name: &'a str,
        description: &'a str,
        festival: &'a Option<String>,
        start: &'a str,
        end: &'a str,
        budget: String,
        store_ids: &'a [i64],
        coupons: Vec<&'a Coupon>,
        verdicts: Vec<(&'a str, CheckStatus)>,
    }
    let mut coupons: Vec<&Coupon> = coupons.iter().collect();
    coupons.sort_by_key(|c| c.id);
    let signed = Signed {
        name: &campaign.name,
        description: &campaign.description,
        festival: &campaign.festival,
        start: &campaign.start,
        end: &campaign.end,
        budget: campaign.budget.normalize().to_string(),
        store_ids: &campaign.store_ids,
        coupons,
        verdicts: checklist
            .items
            .iter()
            .map(|i| (i.id.as_str(), i.status))
            .collect(),
    };
    // serde_json writes struct fields in declaration order and no whitespace: canonical.
    let bytes = serde_json::to_vec(&signed).expect("a checklist serializes");
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The hash of `campaign`'s checklist at `now`.
pub fn current_hash(db: &Db, campaign: i64, now: i64) -> Result<(String, Checklist), LaunchError> {
    let list = super::check(db, campaign, now)?;
    let c = crate::campaign::get(db, campaign)?;
    let coupons = crate::coupon::list(db, Some(campaign))?;
    Ok((checklist_sha256(&c, &coupons, &list), list))
}

/// Whether a launch waits for a sign-off: on a team database whose roles IT has set up
/// (`promodesk_roles_in_force()`, the same test the server's status guard makes). Before
/// that, everyone connects as the database's owner and nobody is there to approve; on the
/// embedded store never.
pub fn required(db: &Db) -> Result<bool, crate::sql::Error> {
    if !db.conn().is_postgres() {
        return Ok(false);
    }
    db.conn()
        .query_row("SELECT promodesk_roles_in_force()", [], |r| r.get(0))
}

/// Where a campaign's sign-off stands, as the launch screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignoffState {
    /// Whether launching waits for a sign-off (a team database with its roles set up) or not
    /// (the embedded store).
    pub required: bool,
    /// Whether the connected person may sign (an approver).
    pub can_sign: bool,
    /// The latest sign-off and whether it still holds.
    pub latest: Option<Signoff>,
}

/// One sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Signoff {
    /// The approver's chosen name, else their login.
    pub by: String,
    /// `YYYY-MM-DD HH:MM` in the mall's zone.
    pub at: String,
    /// It still holds: nothing it covered has changed since.
    pub valid: bool,
    /// What changed since, newest first (empty when it holds, or when the change was only in
    /// a verdict, such as a date coming closer).
    pub changes: Vec<Localized>,
}

struct Stored {
    id: i64,
    hash: String,
    by: String,
    at: i64,
    version: i64,
}

fn latest(db: &Db, campaign: i64) -> Result<Option<Stored>, crate::sql::Error> {
    db.conn()
        .query_row(
            "SELECT s.id, s.checklist_sha256, COALESCE(p.display_name, s.signed_by), s.signed_at, s.content_version
             FROM launch_signoff s LEFT JOIN person p ON p.role_name = s.signed_by
             WHERE s.campaign_id = ?1 ORDER BY s.id DESC LIMIT 1",
            [campaign],
            |r| {
                Ok(Stored {
                    id: r.get(0)?,
                    hash: r.get(1)?,
                    by: r.get(2)?,
                    at: r.get(3)?,
                    version: r.get(4)?,
                })
            },
        )
        .optional()
}

fn content_version(db: &Db, campaign: i64) -> Result<i64, crate::sql::Error> {
    Ok(db
        .conn()
        .query_row(
            "SELECT version FROM campaign_content WHERE campaign_id = ?1",
            [campaign],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// The sign-off state of `campaign` at `now`.
pub fn state(db: &Db, campaign: i64, now: i64) -> Result<SignoffState, LaunchError> {
    let (hash, _) = current_hash(db, campaign, now)?;
    let me = crate::people::held_roles(db.conn())?;
    let latest = match latest(db, campaign)? {
        Some(s) => Some(describe(db, campaign, s, &hash)?),
        None => None,
    };
    Ok(SignoffState {
        required: required(db)?,
        can_sign: me.contains(&crate::people::Role::Approver),
        latest,
    })
}

fn describe(db: &Db, campaign: i64, s: Stored, hash: &str) -> Result<Signoff, LaunchError> {
    let valid = s.hash == hash && s.version == content_version(db, campaign)?;
    let changes = if valid {
        Vec::new()
    } else {
        changes_since(db, campaign, s.id)?
    };
    let zone = crate::mall::get(db)?.zone();
    Ok(Signoff {
        by: s.by,
        at: crate::time::local(s.at, zone)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        valid,
        changes,
    })
}

/// The history entries after sign-off `signoff` (its own entry and later sign-offs aside).
fn changes_since(db: &Db, campaign: i64, signoff: i64) -> Result<Vec<Localized>, LaunchError> {
    let mark: i64 = db.conn().query_row(
        "SELECT COALESCE(MAX(id), 0) FROM audit
             WHERE campaign_id = ?1 AND table_name = 'launch_signoff' AND row_id = ?2",
        params![campaign, signoff],
        |r| r.get(0),
    )?;
    let rows = crate::people::history::audit_rows(db, campaign, mark)?
        .into_iter()
        .filter(|r| r.table != "launch_signoff")
        .collect();
    Ok(crate::people::history::summarize(db, rows)?
        .into_iter()
        .map(|e| e.summary)
        .collect())
}

/// Signs `campaign`'s checklist as it stands at `now`, as `by` (the embedded store's user; the
/// team database records the login role itself). Only a checklist that passes can be signed.
pub fn sign(db: &mut Db, campaign: i64, by: &str, now: i64) -> Result<SignoffState, LaunchError> {
    let (hash, list) = current_hash(db, campaign, now)?;
    super::refuse_failing(campaign, &list)?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO launch_signoff (campaign_id, checklist_sha256, signed_by, signed_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![campaign, hash, by, now],
        )?;
        Ok::<_, LaunchError>(())
    })?;
    state(db, campaign, now)
}

/// Before draft → scheduled on a team database: the checklist now must be the one an approver
/// signed. Answers the hash to store with the move.
pub(super) fn require(db: &Db, campaign: i64, hash: &str) -> Result<(), LaunchError> {
    if !required(db)? {
        return Ok(());
    }
    let Some(s) = latest(db, campaign)? else {
        return Err(LaunchError::NotSignedOff { id: campaign });
    };
    let d = describe(db, campaign, s, hash)?;
    if d.valid {
        return Ok(());
    }
    Err(LaunchError::SignoffVoid {
        id: campaign,
        by: d.by,
        at: d.at,
        changes: d.changes,
    })
}

#[cfg(test)]
#[path = "signoff_tests.rs"]
mod tests;
