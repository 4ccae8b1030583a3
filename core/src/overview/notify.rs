//! Desktop notifications of deadlines: on the day a deadline falls, once. The decision is made
//! here and remembered in the database (`app_setting`), so a restart on the same day does not
//! repeat it and the app's part is only to show what this answers.

use std::collections::BTreeSet;

use crate::sql::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::Deadline;
use crate::db::Db;
use crate::text::Localized;

/// The `app_setting` key holding today's notified deadlines.
const NOTIFIED: &str = "notified_deadlines";

/// What one notification says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub key: String,
    pub title: Localized,
    pub body: Localized,
}

/// Which deadlines raise a notification now: those falling on `today` that were not notified
/// yet. Overdue ones were due on their own day (or never, if the app was not running then);
/// future ones wait for theirs.
pub fn due<'a>(
    deadlines: &'a [Deadline],
    today: &str,
    notified: &BTreeSet<String>,
) -> Vec<&'a Deadline> {
    deadlines
        .iter()
        .filter(|d| d.date == today && !notified.contains(&d.key))
        .collect()
}

/// The notification of a deadline.
pub fn notice(d: &Deadline) -> Notice {
    Notice {
        key: d.key.clone(),
        title: Localized::new("PromoDesk: due today", "PromoDesk：今日事项"),
        body: d.message.clone(),
    }
}

/// Only one day is kept: a key carries its deadline's date, so a key of another day can never
/// be due again and is dropped.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    day: String,
    keys: BTreeSet<String>,
}

fn read(conn: &crate::sql::Connection, today: &str) -> crate::sql::Result<BTreeSet<String>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT value FROM app_setting WHERE key = ?1",
            [NOTIFIED],
            |r| r.get(0),
        )
        .optional()?;
    // An unreadable value counts as nothing notified: at worst one notification again.
    let stored: Stored = text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    Ok(if stored.day == today {
        stored.keys
    } else {
        BTreeSet::new()
    })
}

/// The deadlines notified today.
pub fn notified(db: &Db, today: &str) -> crate::sql::Result<BTreeSet<String>> {
    read(db.conn(), today)
}

/// Picks the deadlines due for a notification and records them as notified, in one write —
/// only if no other write is running (`None` then: the next tick tries again). What it answers
/// is to be shown now; it will not be answered again.
pub fn take_due(
    db: &mut Db,
    deadlines: &[Deadline],
    today: &str,
) -> crate::sql::Result<Option<Vec<Notice>>> {
    // Nothing falls today (the common case): no write at all.
    if !deadlines.iter().any(|d| d.date == today) {
        return Ok(Some(vec![]));
    }
    if due(deadlines, today, &notified(db, today)?).is_empty() {
        return Ok(Some(vec![]));
    }
    db.write_if_free(|tx| {
        let mut keys = read(tx, today)?;
        let notices: Vec<Notice> = due(deadlines, today, &keys)
            .into_iter()
            .map(notice)
            .collect();
        keys.extend(notices.iter().map(|n| n.key.clone()));
        let stored = Stored {
            day: today.to_string(),
            keys,
        };
        let text = serde_json::to_string(&stored).unwrap_or_default();
        tx.execute(
            "INSERT INTO app_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (mall_id, key) DO UPDATE SET value = excluded.value",
            params![NOTIFIED, text],
        )?;
        Ok(notices)
    })
}
