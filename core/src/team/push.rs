//! Moving up: a desktop's database copied into a team database as a plaza, in one transaction
//! that commits only when every copied table's row count and money totals, the trades' and the
//! hourly sums' included, are the same on both sides.
//!
//! Ids: each table with its own ids takes a block of its identity sequence as large as the
//! source's largest id (nextval, then setval past the block — reserved at the start, so a
//! colleague's insert meanwhile takes a number after it), and every id and every reference to
//! one is moved by the block's start. Ids inside JSON (a coupon's stacking list) move too.
//! Trades go in with their whole dedupe keys as text (db/lean.rs unpacks them); what is
//! derived from the copied rows (coupon attribution, hourly sums, per-merchant counts) is
//! computed by the transaction's own flush, then compared.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use super::plaza::{self, Plaza};
use super::tables::{self, TableCheck, COPIED};
use super::TeamError;
use crate::db::Db;
use crate::sql::types::Value;
use crate::sql::{params, Connection, ErrorCode};

/// What a push did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PushSummary {
    pub plaza: Plaza,
    /// Every compared table, source → target (all equal, or nothing was committed).
    pub checks: Vec<TableCheck>,
}

/// Tables whose rows a new plaza starts with (its provider settings) or that hold one row per
/// plaza: replaced by the source's.
const REPLACED: &[&str] = &["provider_setting", "app_setting", "mall_logo"];

/// Copies the embedded database `source` into the team database `target` as the plaza named
/// `plaza` (default: the source mall's name): a new plaza, or an existing empty one.
pub fn push(
    source: &mut Db,
    target: &mut Db,
    plaza: Option<&str>,
) -> Result<PushSummary, TeamError> {
    if !target.conn().is_postgres() {
        return Err(TeamError::NotTeam);
    }
    let mall = crate::mall::get(source).map_err(mall_error)?;
    let name = plaza.map(str::trim).unwrap_or(&mall.name).to_string();
    let back = plaza::current(target).ok().map(|p| p.id);
    let existing = plaza::plazas(target)?.into_iter().find(|p| p.name == name);
    // One snapshot of the source for the copy and the comparison.
    let snapshot = source.conn_mut().transaction()?;
    let outcome = target.write(|tx| {
        let id = match &existing {
            Some(p) => {
                plaza::choose(tx, Some(p.id))?;
                if !is_empty(tx)? {
                    return Err(TeamError::NotEmpty(name.clone()));
                }
                tx.execute(
                    "UPDATE mall SET time_zone = ?1 WHERE id = ?2",
                    params![mall.time_zone, p.id],
                )?;
                p.id
            }
            None => {
                let id = add_mall(tx, &name, &mall.time_zone)?;
                plaza::choose(tx, Some(id))?;
                id
            }
        };
        copy(&snapshot, tx)?;
        crate::db::derive::flush(tx)?;
        crate::db::rollup::flush(tx)?;
        let checks = compare(&snapshot, tx)?;
        if checks.iter().any(|c| !c.equal()) {
            return Err(TeamError::Mismatch(checks));
        }
        Ok((id, checks))
    });
    drop(snapshot);
    // The session goes back to the plaza it was in (a failed push left it there already).
    if let Some(b) = back {
        plaza::use_plaza(target, b)?;
    }
    let (id, checks) = outcome?;
    let plaza = plaza::plazas(target)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| TeamError::NoSuchPlaza(name.clone()))?;
    Ok(PushSummary { plaza, checks })
}

pub(super) fn mall_error(e: crate::mall::MallError) -> TeamError {
    match e {
        crate::mall::MallError::Db(e) => TeamError::Sql(e),
        crate::mall::MallError::Invalid(p) => TeamError::Invalid(p),
    }
}

fn add_mall(tx: &Connection, name: &str, zone: &str) -> Result<i64, TeamError> {
    let problems = crate::mall::check_patch(&crate::mall::MallPatch {
        name: Some(name.to_string()),
        time_zone: Some(zone.to_string()),
    });
    if !problems.is_empty() {
        return Err(TeamError::Invalid(problems));
    }
    tx.query_row("SELECT promodesk_add_mall(?1, ?2)", [name, zone], |r| {
        r.get(0)
    })
    .map_err(|e| match e.sqlite_error_code() {
        Some(ErrorCode::ConstraintViolation) => TeamError::NameTaken(name.to_string()),
        Some(ErrorCode::ReadOnly) => TeamError::MayNotManage,
        _ => e.into(),
    })
}

/// Whether the current plaza holds nothing a person made (its provider settings aside).
fn is_empty(tx: &Connection) -> Result<bool, TeamError> {
    for table in [
        "store",
        "campaign",
        "import_batch",
        "trade_row",
        "footfall",
        "coupon_code",
    ] {
        let any: i64 = tx.query_row(
            &format!("SELECT CASE WHEN EXISTS (SELECT 1 FROM {table}) THEN 1 ELSE 0 END"),
            [],
            |r| r.get(0),
        )?;
        if any == 1 {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A block of `table`'s ids as large as `largest`; the amount to add to the source's ids.
fn reserve(tx: &Connection, table: &str, largest: i64) -> crate::sql::Result<i64> {
    if largest <= 0 {
        return Ok(0);
    }
    let first: i64 = tx.query_row(
        "SELECT nextval(pg_get_serial_sequence(CAST(?1 AS TEXT), 'id'))",
        [table],
        |r| r.get(0),
    )?;
    tx.query_row(
        "SELECT setval(pg_get_serial_sequence(CAST(?1 AS TEXT), 'id'), CAST(?2 AS BIGINT))",
        params![table, first + largest],
        |_| Ok(()),
    )?;
    Ok(first - 1)
}

fn largest_id(source: &Connection, table: &str) -> crate::sql::Result<i64> {
    source.query_row(
        &format!("SELECT COALESCE(MAX(id), 0) FROM {table}"),
        [],
        |r| r.get(0),
    )
}

fn moved(value: &mut Value, by: i64) {
    if let Value::Integer(v) = value {
        *v += by;
    }
}

fn copy(source: &Connection, tx: &Connection) -> Result<(), TeamError> {
    let mut offsets: HashMap<&str, i64> = HashMap::new();
    for table in COPIED
        .iter()
        .filter(|c| c.id)
        .map(|c| c.name)
        .chain(["merchant_ref", "trade_row"])
    {
        offsets.insert(table, reserve(tx, table, largest_id(source, table)?)?);
    }
    for table in REPLACED {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    for c in COPIED {
        let columns = tables::columns(source, c.name)?;
        let filter = if c.name == "app_setting" {
            format!(
                " WHERE key NOT IN ({})",
                tables::LOCAL_SETTINGS
                    .iter()
                    .map(|k| format!("'{k}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            String::new()
        };
        let mut rows = tables::read_rows(
            source,
            &format!("SELECT {} FROM {}{filter}", columns.join(", "), c.name),
            columns.len(),
        )?;
        let at = |name: &str| columns.iter().position(|col| col == name);
        let mut shifts: Vec<(usize, i64)> = Vec::new();
        if c.id {
            shifts.extend(at("id").map(|i| (i, offsets[c.name])));
        }
        for (column, table) in c.refs {
            shifts.extend(at(column).map(|i| (i, offsets[table])));
        }
        let stacking = (c.name == "coupon").then(|| at("stackable_with")).flatten();
        for row in &mut rows {
            for (i, by) in &shifts {
                moved(&mut row[*i], *by);
            }
            if let Some(i) = stacking {
                row[i] = shift_json_ids(&row[i], offsets["coupon"]);
            }
        }
        tables::insert_rows(tx, c.name, &columns, &rows)?;
    }
    let refs = tables::read_rows(source, "SELECT id, merchant_id FROM merchant_ref", 2)?
        .into_iter()
        .map(|mut r| {
            moved(&mut r[0], offsets["merchant_ref"]);
            r
        })
        .collect::<Vec<_>>();
    tables::insert_rows(
        tx,
        "merchant_ref",
        &["id".into(), "merchant_id".into()],
        &refs,
    )?;
    copy_trades(source, tx, &offsets)?;
    tx.execute(
        "INSERT INTO trade_dirty_hour (hour_ts)
         SELECT DISTINCT occurred_at - ((occurred_at % 3600) + 3600) % 3600 FROM trade_row
         WHERE true -- SQLite parses an upsert from a SELECT only with a WHERE
         ON CONFLICT DO NOTHING",
        [],
    )?;
    Ok(())
}

/// The columns of the team store's `trade_row` a push writes, and how the embedded store's
/// lean row reads as them.
const TRADE_COLUMNS: [&str; 19] = [
    "id",
    "batch_id",
    "provider",
    "refund",
    "key",
    "trade_no",
    "merchant_order_no",
    "occurred_at",
    "merchant_ref",
    "order_fen",
    "settle_less",
    "coupon_fen",
    "provider_discount_fen",
    "merchant_discount_fen",
    "refund_fen",
    "fee_e5",
    "coupon_name",
    "coupon_id",
    "line",
];
const TRADE_READ: &str = "SELECT id, batch_id, provider, refund,
        pd_key(key, trade_no, merchant_order_no), pd_unpack(trade_no),
        COALESCE(pd_unpack(merchant_order_no), ''), occurred_at, merchant_ref, order_fen,
        settle_less, coupon_fen, provider_discount_fen, merchant_discount_fen, refund_fen,
        fee_e5, coupon_name, coupon_id, line
    FROM trade_row WHERE id > ?1 ORDER BY id LIMIT 20000";

fn copy_trades(
    source: &Connection,
    tx: &Connection,
    offsets: &HashMap<&str, i64>,
) -> Result<(), TeamError> {
    let columns: Vec<String> = TRADE_COLUMNS.iter().map(|c| c.to_string()).collect();
    let mut after = 0i64;
    let mut read = source.prepare(TRADE_READ)?;
    loop {
        let rows = read
            .query_map([after], |r| {
                (0..TRADE_COLUMNS.len())
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<Result<Vec<_>, _>>()
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        if let Value::Integer(id) = last[0] {
            after = id;
        }
        let rows: Vec<Vec<Value>> = rows
            .into_iter()
            .map(|mut r| {
                moved(&mut r[0], offsets["trade_row"]);
                moved(&mut r[1], offsets["import_batch"]);
                moved(&mut r[8], offsets["merchant_ref"]);
                moved(&mut r[17], offsets["coupon"]);
                r
            })
            .collect();
        tables::insert_rows(tx, "trade_row", &columns, &rows)?;
    }
}

/// A JSON list of ids with each moved by `by`; anything else as it was.
fn shift_json_ids(value: &Value, by: i64) -> Value {
    let Value::Text(text) = value else {
        return value.clone();
    };
    match serde_json::from_str::<Vec<i64>>(text) {
        Ok(ids) => Value::Text(
            serde_json::to_string(&ids.iter().map(|i| i + by).collect::<Vec<_>>())
                .unwrap_or_else(|_| text.clone()),
        ),
        Err(_) => value.clone(),
    }
}

/// Every checked table's figures in the source and in the target's current plaza.
pub(super) fn compare(
    source: &Connection,
    target: &Connection,
) -> Result<Vec<TableCheck>, TeamError> {
    let embedded = if source.is_postgres() { target } else { source };
    let mut checks = Vec::new();
    for table in tables::checked() {
        let columns = tables::columns(embedded, table)?;
        checks.push(TableCheck {
            table: table.to_string(),
            source: tables::figures(source, table, &columns)?,
            target: tables::figures(target, table, &columns)?,
        });
    }
    Ok(checks)
}
