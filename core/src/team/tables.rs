//! Which tables a push or pull copies, in what order, and how their ids move; and the
//! counts and fen totals both compare before committing.
//!
//! A table of the team schema is one of: copied (rows of the mall), the trades (copied with
//! their whole keys), derived (re-computed by the transaction's flush from what was copied, so
//! they are checked rather than trusted), or global (not a plaza's). A test holds every table
//! of the team schema to that list, so a table a later migration adds is not silently left out
//! of a push.

use std::fmt;

use serde::Serialize;
use ts_rs::TS;

use crate::sql::types::Value;
use crate::sql::{params_from_iter, Connection};

/// A copied table: `id` when its rows have their own identity number, and the columns that
/// hold another copied table's id.
pub(super) struct Copied {
    pub name: &'static str,
    pub id: bool,
    pub refs: &'static [(&'static str, &'static str)],
}

/// In an order where every referenced row is copied before the rows referring to it.
pub(super) const COPIED: &[Copied] = &[
    t("store", true, &[]),
    t("campaign", true, &[]),
    t(
        "campaign_store",
        false,
        &[("campaign_id", "campaign"), ("store_id", "store")],
    ),
    t("provider_setting", false, &[]),
    t(
        "campaign_status_history",
        true,
        &[("campaign_id", "campaign")],
    ),
    t("app_setting", false, &[]),
    t(
        "campaign_provider_budget",
        false,
        &[("campaign_id", "campaign")],
    ),
    t("coupon_offer", true, &[("campaign_id", "campaign")]),
    t(
        "coupon",
        true,
        &[("campaign_id", "campaign"), ("offer_id", "coupon_offer")],
    ),
    t(
        "coupon_store",
        false,
        &[("coupon_id", "coupon"), ("store_id", "store")],
    ),
    t("import_batch", true, &[]),
    t("import_mapping", false, &[]),
    t("footfall", false, &[]),
    t("merchant_account", false, &[("store_id", "store")]),
    t("mall_logo", false, &[]),
    t("code_pool", true, &[("coupon_id", "coupon")]),
    t("coupon_code", true, &[("pool_id", "code_pool")]),
    t("code_redemption_file", true, &[]),
    t(
        "code_redemption",
        true,
        &[("file_id", "code_redemption_file")],
    ),
];

const fn t(name: &'static str, id: bool, refs: &'static [(&'static str, &'static str)]) -> Copied {
    Copied { name, id, refs }
}

/// Re-computed by the flush at the end of the copy's transaction.
#[cfg(test)]
pub(super) const DERIVED: &[&str] = &[
    "trade_dirty_hour",
    "derive_dirty_merchant",
    "derive_dirty_window",
    "merchant_coupon_payment",
    "trade_hour_total",
    "trade_hour_row",
    "trade_merchant",
    "revision_mark",
];

/// A campaign's history, its change count and its sign-offs: written by the team database's
/// own triggers as a push writes the campaigns, so a pushed plaza's history starts with the
/// push; a local sign-off is not carried (the team's approver signs on the team database).
#[cfg(test)]
pub(super) const HISTORY: &[&str] = &[
    "audit",
    "campaign_content",
    "launch_signoff",
    "campaign_revision",
    "coupon_revision",
];

/// The trades and the merchant ids they name, copied by their own code.
#[cfg(test)]
pub(super) const TRADES: &[&str] = &["trade_row", "merchant_ref"];

/// The team database's own tables, not a plaza's.
#[cfg(test)]
pub(super) const GLOBAL: &[&str] = &["mall", "mall_grant", "schema_version", "person"];

/// Settings of the machine a database was on, not of the mall: not carried along.
pub(super) const LOCAL_SETTINGS: &[&str] = &[
    super::pull::READ_ONLY_COPY,
    // Deadlines this desktop already announced, and how many backup files it keeps.
    "notified_deadlines",
    "backup_keep",
];

/// A copied table's columns as the embedded schema has them (both stores name them alike),
/// without the plaza.
pub(super) fn columns(sqlite: &Connection, table: &str) -> crate::sql::Result<Vec<String>> {
    let mut statement = sqlite.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = statement
        .query_map([table], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(names.into_iter().filter(|n| n != "mall_id").collect())
}

/// Inserts `rows` into `table (columns)`, many rows a statement.
pub(super) fn insert_rows(
    conn: &Connection,
    table: &str,
    columns: &[String],
    rows: &[Vec<Value>],
) -> crate::sql::Result<()> {
    if columns.is_empty() {
        return Ok(());
    }
    let per = (20_000 / columns.len()).clamp(1, 500);
    let statement = |n: usize| {
        let values = (0..n)
            .map(|i| {
                let row = (1..=columns.len()).map(|c| format!("?{}", i * columns.len() + c));
                format!("({})", row.collect::<Vec<_>>().join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "INSERT INTO {table} ({}) VALUES {values}",
            columns.join(", ")
        )
    };
    for chunk in rows.chunks(per) {
        let mut insert = conn.prepare_cached(&statement(chunk.len()))?;
        insert.execute(params_from_iter(chunk.iter().flatten()))?;
    }
    Ok(())
}

/// Reads every row of `sql`, `n` columns each, as values.
pub(super) fn read_rows(
    conn: &Connection,
    sql: &str,
    n: usize,
) -> crate::sql::Result<Vec<Vec<Value>>> {
    let mut statement = conn.prepare(sql)?;
    let rows = statement.query_map([], |r| {
        (0..n)
            .map(|i| r.get::<_, Value>(i))
            .collect::<Result<Vec<_>, _>>()
    })?;
    rows.collect()
}

/// One table's figures on both sides: its row count and the total of each money column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TableCheck {
    pub table: String,
    /// (figure, value) pairs: `rows`, then `Σ column` for each fen column.
    pub source: Vec<(String, i64)>,
    pub target: Vec<(String, i64)>,
}

impl TableCheck {
    pub fn equal(&self) -> bool {
        self.source == self.target
    }
}

impl fmt::Display for TableCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let figures = |v: &[(String, i64)]| {
            v.iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if self.equal() {
            write!(f, "{}: {}  (equal)", self.table, figures(&self.source))
        } else {
            write!(
                f,
                "{}: {} ≠ {}",
                self.table,
                figures(&self.source),
                figures(&self.target)
            )
        }
    }
}

/// The tables and views whose figures are compared: every copied table, the trades and the
/// hourly sums the dashboard reads.
pub(super) fn checked() -> Vec<&'static str> {
    let mut names: Vec<&str> = COPIED.iter().map(|c| c.name).collect();
    names.extend(["trade", "trade_hour"]);
    names
}

/// The figures of `table` on `conn`: rows, and Σ of every money column (`*_fen`, `fee_e5`,
/// `n`, `visitors`). `columns` comes from the embedded schema; settings of the machine (not
/// carried along) are not counted.
pub(super) fn figures(
    conn: &Connection,
    table: &str,
    columns: &[String],
) -> crate::sql::Result<Vec<(String, i64)>> {
    let summed: Vec<&String> = columns
        .iter()
        .filter(|c| {
            c.ends_with("_fen")
                || c.as_str() == "fee_e5"
                || c.as_str() == "n"
                || c.as_str() == "visitors"
        })
        .collect();
    let mut select = vec!["COUNT(*)".to_string()];
    // CAST: PostgreSQL sums BIGINT as NUMERIC.
    select.extend(
        summed
            .iter()
            .map(|c| format!("CAST(COALESCE(SUM({c}), 0) AS BIGINT)")),
    );
    let filter = if table == "app_setting" {
        let keys = LOCAL_SETTINGS
            .iter()
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ");
        format!(" WHERE key NOT IN ({keys})")
    } else {
        String::new()
    };
    let sql = format!("SELECT {} FROM {table}{filter}", select.join(", "));
    conn.query_row(&sql, [], |r| {
        let mut out = vec![("rows".to_string(), r.get::<_, i64>(0)?)];
        for (i, c) in summed.iter().enumerate() {
            out.push((format!("Σ {c}"), r.get::<_, i64>(i + 1)?));
        }
        Ok(out)
    })
}
