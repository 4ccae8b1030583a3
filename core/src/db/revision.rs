//! Revisions: two people editing the same campaign (or coupon) do not overwrite each other.
//!
//! A campaign and a coupon carry a `revision` and the `changed_by` of its last change. An
//! editor saves with the revision it loaded; the save first claims the row with a
//! compare-and-set (`UPDATE … WHERE id = ?1 AND revision = ?2`, [`claim`]) — on a team database
//! that also locks the row until the save commits, so a second save waits and then finds the
//! revision moved on. A stale save is refused with what changed since its revision, field by
//! field, from the states kept here.
//!
//! No caller bumps anything: triggers (migration 0016) mark each campaign or coupon a statement
//! touched — the row, its stores, a campaign's provider budgets — and [`flush`], which
//! [`super::Db::write`] runs before every commit, gives each one whose editor would now show
//! something different its next revision, records who made it, and keeps the new state. A
//! write that changes nothing an editor shows (a save of an unchanged form, an updated
//! timestamp alone) keeps the revision, so it does not refuse anyone else's save.

use crate::sql::{params, Connection, OptionalExtension};
use crate::time::now_ts;

/// How many past states of each campaign or coupon are kept: an editor opened before that many
/// changes is still refused, with who changed it but no list of what.
const KEPT: i64 = 50;

/// What carries a revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Campaign,
    Coupon,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Campaign => "campaign",
            Kind::Coupon => "coupon",
        }
    }

    fn parse(key: &str) -> Option<Kind> {
        [Kind::Campaign, Kind::Coupon]
            .into_iter()
            .find(|k| k.key() == key)
    }

    /// The table of its past states and the column naming the row there.
    fn states(self) -> (&'static str, &'static str) {
        match self {
            Kind::Campaign => ("campaign_revision", "campaign_id"),
            Kind::Coupon => ("coupon_revision", "coupon_id"),
        }
    }

    /// What its editor shows, as JSON text; `None` once the row is gone.
    fn state(self, conn: &Connection, id: i64) -> crate::sql::Result<Option<String>> {
        match self {
            Kind::Campaign => crate::campaign::state_json(conn, id),
            Kind::Coupon => crate::coupon::state_json(conn, id),
        }
    }
}

/// Gives every campaign and coupon this transaction changed its next revision, made by `actor`.
pub(crate) fn flush(conn: &Connection, actor: &str) -> crate::sql::Result<()> {
    let marked: Vec<(String, i64)> = {
        let mut stmt =
            conn.prepare_cached("SELECT DISTINCT kind, id FROM revision_mark ORDER BY kind, id")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        rows
    };
    if marked.is_empty() {
        return Ok(());
    }
    conn.execute("DELETE FROM revision_mark", [])?;
    for (key, id) in marked {
        let kind =
            Kind::parse(&key).ok_or_else(|| super::unknown_value(0, "revision mark", &key))?;
        // Removed in this transaction: its states went with it.
        let Some(state) = kind.state(conn, id)? else {
            continue;
        };
        let (states, column) = kind.states();
        let table = kind.key();
        let (revision, changed_by): (i64, String) = conn.query_row(
            &format!("SELECT revision, changed_by FROM {table} WHERE id = ?1"),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let kept: Option<String> = conn
            .query_row(
                &format!("SELECT state FROM {states} WHERE {column} = ?1 AND revision = ?2"),
                [id, revision],
                |r| r.get(0),
            )
            .optional()?;
        match kept {
            // Unchanged for its editor: the same revision.
            Some(kept) if kept == state => {}
            // New (or from before migration 0016): its first state, at the revision it has.
            None => {
                conn.execute(
                    &format!(
                        "INSERT INTO {states} ({column}, revision, state, changed_by, changed_at)
                         VALUES (?1, ?2, ?3, ?4, ?5)"
                    ),
                    params![id, revision, state, changed_by, now_ts()],
                )?;
            }
            Some(_) => {
                let next = revision + 1;
                conn.execute(
                    &format!("UPDATE {table} SET revision = ?1, changed_by = ?2 WHERE id = ?3"),
                    params![next, actor, id],
                )?;
                conn.execute(
                    &format!(
                        "INSERT INTO {states} ({column}, revision, state, changed_by, changed_at)
                         VALUES (?1, ?2, ?3, ?4, ?5)"
                    ),
                    params![id, next, state, actor, now_ts()],
                )?;
                conn.execute(
                    &format!("DELETE FROM {states} WHERE {column} = ?1 AND revision <= ?2"),
                    [id, next - KEPT],
                )?;
            }
        }
    }
    Ok(())
}

/// What [`claim`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Claim {
    /// At the expected revision (or none was expected): the save goes on.
    Current,
    /// No such row.
    Missing,
    /// Someone else changed it since `expected`.
    Stale(Stale),
}

/// A revision that is no longer the current one, and what it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stale {
    pub revision: i64,
    pub changed_by: String,
    /// The change was made by the same actor as this save (another window, the CLI).
    pub yours: bool,
    /// The state at the expected revision, when it is still kept.
    pub then: Option<String>,
    /// The state now.
    pub now: String,
}

/// The compare-and-set every save with an expected revision starts its transaction with: it
/// succeeds only while the row is at `expected`, and holds the row (a team database's row lock)
/// until the transaction ends, so the check and the write are one step. `None` expects nothing:
/// the last writer wins, as a CLI edit without `--revision` does.
pub(crate) fn claim(
    conn: &Connection,
    kind: Kind,
    id: i64,
    expected: Option<i64>,
    me: &str,
) -> crate::sql::Result<Claim> {
    let table = kind.key();
    let Some(expected) = expected else {
        return Ok(Claim::Current);
    };
    let claimed = conn.execute(
        &format!("UPDATE {table} SET revision = revision WHERE id = ?1 AND revision = ?2"),
        [id, expected],
    )?;
    if claimed == 1 {
        return Ok(Claim::Current);
    }
    let current: Option<(i64, String)> = conn
        .query_row(
            &format!("SELECT revision, changed_by FROM {table} WHERE id = ?1"),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((revision, changed_by)) = current else {
        return Ok(Claim::Missing);
    };
    let (states, column) = kind.states();
    let then = conn
        .query_row(
            &format!("SELECT state FROM {states} WHERE {column} = ?1 AND revision = ?2"),
            [id, expected],
            |r| r.get(0),
        )
        .optional()?;
    let now = kind.state(conn, id)?.unwrap_or_default();
    Ok(Claim::Stale(Stale {
        revision,
        yours: !me.trim().is_empty() && changed_by == me,
        changed_by,
        then,
        now,
    }))
}

/// Who changed something, as a person reads it: the name recorded, the clock for the status
/// moves it makes, "someone else" when no one was recorded (or only the fallback of
/// [`crate::local_user`]), "you" when it was the same person elsewhere.
pub(crate) fn who(changed_by: &str, yours: bool) -> crate::Localized {
    if yours {
        return crate::Localized::new("you", "你");
    }
    match changed_by.trim() {
        "" | "unknown" => crate::Localized::new("someone else", "其他人"),
        crate::campaign::CLOCK => crate::Localized::new(
            "PromoDesk itself (a start or end time passed)",
            "系统自动（到了开始或结束时间）",
        ),
        name => crate::Localized::new(name, name),
    }
}

/// One line of "what changed": `label before → after`, in both languages, on the form's field.
pub(crate) fn change(
    rule: &str,
    field: &str,
    label: (&str, &str),
    before: &crate::Localized,
    after: &crate::Localized,
) -> crate::Problem {
    crate::Problem::new(
        field,
        rule,
        format!("{} {} → {}", label.0, before.en, after.en),
        format!("{} {} → {}", label.1, before.zh, after.zh),
    )
}

/// One line for a change whose values do not read well in a sentence (a list of hours).
pub(crate) fn changed(rule: &str, field: &str, label: (&str, &str)) -> crate::Problem {
    crate::Problem::new(
        field,
        rule,
        format!("{} changed", label.0),
        format!("{}已修改", label.1),
    )
}

/// A text value as a person reads it in a change line: quoted, shortened when long, "(empty)"
/// when empty.
pub(crate) fn quoted(text: &str) -> crate::Localized {
    let text = text.trim();
    if text.is_empty() {
        return crate::Localized::new("(empty)", "（空）");
    }
    let short: String = text.chars().take(30).collect();
    let more = if text.chars().count() > 30 { "…" } else { "" };
    crate::Localized::new(format!("“{short}{more}”"), format!("“{short}{more}”"))
}

/// The same value in both languages.
pub(crate) fn same(text: impl Into<String>) -> crate::Localized {
    let text = text.into();
    crate::Localized::new(text.clone(), text)
}

/// The message of a refused save: who changed it, then each change.
pub(crate) fn refused(
    what: &crate::Localized,
    by: &crate::Localized,
    yours: bool,
    changes: &[crate::Problem],
) -> crate::Localized {
    let list = |lang: crate::Lang, sep: &str| {
        changes
            .iter()
            .map(|c| match lang {
                crate::Lang::En => c.message.en.clone(),
                _ => c.message.zh.clone(),
            })
            .collect::<Vec<_>>()
            .join(sep)
    };
    let (en_list, zh_list) = if changes.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!(": {}", list(crate::Lang::En, "; ")),
            format!("：{}", list(crate::Lang::ZhCn, "；")),
        )
    };
    if yours {
        return crate::Localized::new(
            format!(
                "you changed {} elsewhere (another window or the command line) after opening it here{en_list}. Load it again to see those changes, or save once more to replace them with this",
                what.en
            ),
            format!(
                "你在别处（另一个窗口或命令行）修改了{}{zh_list}。请重新载入查看，或再保存一次，用这里的内容覆盖",
                what.zh
            ),
        );
    }
    crate::Localized::new(
        format!(
            "{} was changed by {} after you opened it{en_list}. Load it again to see the changes, or save once more to replace them with yours",
            what.en, by.en
        ),
        format!(
            "{}在你打开后被{}修改了{zh_list}。请重新载入查看，或再保存一次，用你的内容覆盖",
            what.zh, by.zh
        ),
    )
}

/// A campaign's or coupon's revision: what an editor loaded, or what a refusal says is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    pub id: i64,
    pub revision: i64,
}
