//! Moving down: a local copy of one plaza for working offline, read-only.
//!
//! The copy is an ordinary embedded database file with the plaza's rows (ids as on the
//! server), its derived data computed by its own flush and compared like a push's, and the
//! app setting [`READ_ONLY_COPY`] saying where and when it was taken. [`Db::open`] opens such
//! a file with `PRAGMA query_only`, and the first change is refused with `db.read_only_copy`
//! (crate::fault), naming the team database changes go to.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::plaza::{self, Plaza};
use super::push::compare;
use super::tables::{self, TableCheck, COPIED};
use super::TeamError;
use crate::db::Db;
use crate::sql::types::Value;
use crate::sql::{params, Connection};

/// The app setting marking a read-only copy: JSON `{"source": URL without password,
/// "taken_at": RFC 3339}`.
pub const READ_ONLY_COPY: &str = "read_only_copy";

/// What a pull wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PullSummary {
    pub plaza: Plaza,
    pub file: String,
    pub checks: Vec<TableCheck>,
}

/// Where a read-only copy came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CopyMark {
    pub source: String,
    pub taken_at: String,
}

/// Writes the current plaza of the team database `source` into the new file `file`, marked
/// read-only. `now` is when the copy is taken (the mark shows it in the plaza's time).
pub fn pull(
    source: &mut Db,
    file: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PullSummary, TeamError> {
    let Some(url) = source.team().map(|u| u.to_string()) else {
        return Err(TeamError::NotTeam);
    };
    if file.exists() {
        return Err(TeamError::FileExists(file.display().to_string()));
    }
    let plaza = plaza::current(source)?;
    let mall = crate::mall::get(source).map_err(super::push::mall_error)?;
    let mark = CopyMark {
        source: url,
        taken_at: now
            .with_timezone(&mall.zone())
            .format("%Y-%m-%d %H:%M")
            .to_string(),
    };
    let outcome = (|| {
        let mut target = Db::open(file)?;
        // One snapshot of the plaza for the copy and the comparison.
        let snapshot = source.conn_mut().transaction()?;
        snapshot.execute_batch("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        let checks = target.write(|tx| {
            tx.execute(
                "UPDATE mall SET name = ?1, time_zone = ?2 WHERE id = 1",
                params![mall.name, mall.time_zone],
            )?;
            copy(&snapshot, tx)?;
            crate::db::derive::flush(tx)?;
            crate::db::rollup::flush(tx)?;
            let checks = compare(&snapshot, tx)?;
            if checks.iter().any(|c| !c.equal()) {
                return Err(TeamError::Mismatch(checks));
            }
            let mark = serde_json::to_string(&mark).unwrap_or_default();
            tx.execute(
                "INSERT INTO app_setting (key, value) VALUES (?1, ?2)",
                params![READ_ONLY_COPY, mark],
            )?;
            Ok(checks)
        })?;
        drop(snapshot);
        drop(target);
        Ok(checks)
    })();
    match outcome {
        Ok(checks) => Ok(PullSummary {
            plaza,
            file: file.display().to_string(),
            checks,
        }),
        Err(e) => {
            // A copy that is not whole is no copy.
            for suffix in ["", "-wal", "-shm"] {
                let mut name = file.as_os_str().to_owned();
                name.push(suffix);
                let _ = std::fs::remove_file(name);
            }
            Err(e)
        }
    }
}

fn copy(source: &Connection, tx: &Connection) -> Result<(), TeamError> {
    // A new file's own rows that the plaza's replace.
    for table in ["provider_setting", "app_setting"] {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    for c in COPIED {
        let columns = tables::columns(tx, c.name)?;
        let rows = tables::read_rows(
            source,
            &format!("SELECT {} FROM {}", columns.join(", "), c.name),
            columns.len(),
        )?;
        tables::insert_rows(tx, c.name, &columns, &rows)?;
    }
    // Trades through the `trade` view: the embedded store packs them as its importer does.
    let columns = tables::columns(tx, "trade")?;
    let mut after = 0i64;
    let read = format!(
        "SELECT {} FROM trade WHERE id > ?1 ORDER BY id LIMIT 20000",
        columns.join(", ")
    );
    let id_at = columns.iter().position(|c| c == "id").unwrap_or(0);
    let mut statement = source.prepare(&read)?;
    loop {
        let rows = statement
            .query_map([after], |r| {
                (0..columns.len())
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<Result<Vec<_>, _>>()
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let Some(last) = rows.last() else {
            break;
        };
        if let Value::Integer(id) = last[id_at] {
            after = id;
        }
        tables::insert_rows(tx, "trade", &columns, &rows)?;
    }
    tx.execute(
        "INSERT INTO trade_dirty_hour (hour_ts)
         SELECT DISTINCT occurred_at - ((occurred_at % 3600) + 3600) % 3600 FROM trade_row
         WHERE true -- SQLite parses an upsert from a SELECT only with a WHERE
         ON CONFLICT DO NOTHING",
        [],
    )?;
    Ok(())
}

/// The mark of a read-only copy, if the database at `conn` is one.
pub(crate) fn mark_of(conn: &Connection) -> crate::sql::Result<Option<CopyMark>> {
    use crate::sql::OptionalExtension;
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM app_setting WHERE key = ?1",
            [READ_ONLY_COPY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value.and_then(|v| serde_json::from_str(&v).ok()))
}
