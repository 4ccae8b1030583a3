//! The writer's half on a team database (PostgreSQL): trades keep their identifiers as text
//! (the server compresses them itself) and their whole dedupe key, so a stored trade is found
//! by the unique (provider, kind, key) constraint — `ON CONFLICT DO NOTHING` — instead of the
//! embedded store's hash slots.

use std::sync::mpsc::Receiver;

use crate::sql::types::{ToSqlOutput, ValueRef};
use crate::sql::{params_from_iter, Transaction};

use super::{add, values, Batch, Lean, Written, INSERT};

/// Rows per statement: a round trip to the server costs more than SQLite's call, so more rows
/// share one (19 parameters a row stays far below PostgreSQL's 65,535).
const CHUNK: usize = 200;
use crate::db::lean;
use crate::import::ImportError;

pub(super) fn write(
    tx: &Transaction<'_>,
    batch: i64,
    batches: Receiver<Batch>,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<Written, ImportError> {
    let columns = &INSERT[..INSERT.find("VALUES").unwrap_or(INSERT.len())];
    let statement = |n: usize| {
        let rows = crate::sql::values_list(n, 19);
        format!(
            "INSERT {columns} VALUES {rows}
             ON CONFLICT (mall_id, provider, refund, key) DO NOTHING RETURNING id, line"
        )
    };
    // By size: whole chunks, then each batch's rest in halving sizes, so a batch's last rows
    // share a few statements instead of going one by one.
    let mut statements = std::collections::HashMap::new();
    let mut w = Written {
        inserted: 0,
        skipped: Default::default(),
        limited: Vec::new(),
    };
    let mut rows = 0u64;
    let mut refs: Vec<i64> = Vec::new();
    for b in batches {
        for name in &b.new_merchants {
            refs.push(lean::merchant_ref(tx, name)?);
        }
        let mut rest = &b.rows[..];
        let mut size = CHUNK;
        while !rest.is_empty() {
            while size > rest.len() {
                size /= 2;
            }
            let insert_rows = match statements.entry(size) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(tx.prepare(&statement(size))?)
                }
            };
            let (chunk, after) = rest.split_at(size);
            insert(insert_rows, &mut w, &b, &refs, batch, chunk)?;
            rest = after;
        }
        rows += b.rows.len() as u64;
        if !progress(rows) {
            return Err(ImportError::Cancelled);
        }
    }
    Ok(w)
}

/// Inserts `rows`; those the server skipped as already stored count as skipped, the rest as
/// new (their ids come back with their bill line, which is unique within a file).
fn insert(
    statement: &mut crate::sql::Statement<'_>,
    w: &mut Written,
    b: &Batch,
    refs: &[i64],
    batch: i64,
    rows: &[Lean],
) -> Result<(), ImportError> {
    let all = rows
        .iter()
        .flat_map(|r| as_text(b, r, values(b, refs, batch, r, 0)));
    let new: std::collections::HashMap<i64, i64> = statement
        .query_map(params_from_iter(all), |row| Ok((row.get(1)?, row.get(0)?)))?
        .collect::<crate::sql::Result<_>>()?;
    for r in rows {
        match new.get(&r.line) {
            Some(id) => {
                w.inserted += 1;
                if r.limited {
                    w.limited.push((r.provider, r.merchant_idx, *id));
                }
            }
            None => add(&mut w.skipped, r.sums(), 1),
        }
    }
    Ok(())
}

/// The embedded store's values as the team store keeps them: no key hash, the whole key, and
/// identifiers as text.
fn as_text<'b>(b: &'b Batch, r: &Lean, mut v: [ToSqlOutput<'b>; 19]) -> [ToSqlOutput<'b>; 19] {
    v[3] = ToSqlOutput::Borrowed(ValueRef::Null);
    v[4] = ToSqlOutput::Borrowed(ValueRef::Text(b.str(r.key_text).as_bytes()));
    for i in [5, 6] {
        v[i] = match &v[i] {
            ToSqlOutput::Borrowed(ValueRef::Blob(packed)) => {
                ToSqlOutput::from(lean::unpack_ref(ValueRef::Blob(packed)).unwrap_or_default())
            }
            ToSqlOutput::Borrowed(ValueRef::Null) => ToSqlOutput::from(""),
            other => other.clone(),
        };
    }
    v
}
