//! Keeps `trade_hour`, the per-hour sums of trades the dashboard reads, equal to `trade`.
//!
//! It is stored lean in `trade_hour_row` (migration 0014: codes for provider and kind, the
//! merchant id packed, one clustered table with no covering copy), which this module writes;
//! the `trade_hour` view reads it back with the trades' own words.
//!
//! `trade_hour_total` holds the same sums without the merchant, for the queries that need no
//! store; this module writes both, in step.
//!
//! Rows are keyed by merchant, not store: the store is looked up through `merchant_account`
//! when read (the `trade_hour_with_store` view), so a mapping changes no rollup row.
//!
//! The import adds the sums of the rows it inserts ([`add`]); the hours whose trades changed
//! otherwise are marked in `trade_dirty_hour` by triggers, for deletes and changed facts. [`flush`]
//! re-sums those hours from `trade` at the end of every write transaction, before it commits,
//! so no reader ever sees a rollup that disagrees with the trades. The one exception is coupon
//! re-derivation (`db::derive`), which moves a few thousand trades between coupons across many
//! hours: it adds their differences in place ([`add`]) instead of re-summing every hour.
//!
//! The re-sum aggregates in Rust while streaming the rows in time order: letting SQLite GROUP BY
//! a million rows means sorting them all, which tripled the import time.

use std::collections::HashMap;

use crate::sql::types::Value;
use crate::sql::{params, params_from_iter, Connection};

use super::lean;

/// The first second of the UTC hour holding `ts`.
pub(crate) fn hour_of(ts: i64) -> i64 {
    ts - ts.rem_euclid(3600)
}

/// Marks hours as changed; the transaction's [`flush`] re-sums them (tests that write trades
/// by hand; the import adds its own rows' sums with [`add`]).
#[cfg(test)]
pub(crate) fn mark(
    conn: &Connection,
    hours: &std::collections::BTreeSet<i64>,
) -> crate::sql::Result<()> {
    let mut insert =
        conn.prepare("INSERT INTO trade_dirty_hour VALUES (?1) ON CONFLICT DO NOTHING")?;
    for hour in hours {
        insert.execute([hour])?;
    }
    Ok(())
}

/// One row of `trade_hour`: everything the dashboard groups or filters by.
#[derive(Hash, PartialEq, Eq, Clone)]
pub(crate) struct Key {
    pub hour: i64,
    pub provider: String,
    pub kind: String,
    pub merchant: String,
    pub coupon: Option<i64>,
    pub used: bool,
}

/// Count and the seven sums of a `trade_hour` row, in its column order.
pub(crate) type Sums = [i64; 8];

/// A `trade_hour_total` row: a rollup row without its merchant (coupon 0 = none).
type TotalKey = (i64, String, String, i64, bool);

/// The merchant-free sums of rollup rows.
fn totals_of(rows: &HashMap<Key, Sums>) -> HashMap<TotalKey, Sums> {
    let mut totals: HashMap<TotalKey, Sums> = HashMap::new();
    for (k, s) in rows {
        let key = (
            k.hour,
            k.provider.clone(),
            k.kind.clone(),
            k.coupon.unwrap_or(0),
            k.used,
        );
        let entry = totals.entry(key).or_default();
        for (t, v) in entry.iter_mut().zip(s) {
            *t += v;
        }
    }
    totals
}

/// Adds signed amounts to `trade_hour_total` rows; rows that reach zero trades go.
fn add_totals(conn: &Connection, deltas: &HashMap<TotalKey, Sums>) -> crate::sql::Result<()> {
    let mut update = conn.prepare_cached(
        "UPDATE trade_hour_total SET n = n + ?6, order_fen = order_fen + ?7,
            settlement_fen = settlement_fen + ?8, coupon_fen = coupon_fen + ?9,
            provider_discount_fen = provider_discount_fen + ?10,
            merchant_discount_fen = merchant_discount_fen + ?11, refund_fen = refund_fen + ?12,
            fee_e5 = fee_e5 + ?13
         WHERE hour_ts = ?1 AND provider = ?2 AND kind = ?3 AND coupon_key = ?4 AND used = ?5",
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO trade_hour_total VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut prune = conn.prepare_cached(
        "DELETE FROM trade_hour_total
         WHERE hour_ts = ?1 AND provider = ?2 AND kind = ?3 AND coupon_key = ?4 AND used = ?5 AND n = 0",
    )?;
    for ((hour, provider, kind, coupon, used), s) in deltas {
        if s.iter().all(|v| *v == 0) {
            continue;
        }
        let values = params![
            hour, provider, kind, coupon, used, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]
        ];
        if update.execute(values)? == 0 {
            insert.execute(values)?;
        }
        if s[0] < 0 {
            prune.execute(params![hour, provider, kind, coupon, used])?;
        }
    }
    Ok(())
}

/// Rollup rows per upsert statement: one round trip each on a team database, where a row at a
/// time was most of an import's time (14 values a row stays far below either store's limit).
const UPSERT_CHUNK: usize = 64;

/// Adds signed amounts to rollup rows in place — for a trade moving from one store or coupon
/// to another, far cheaper than re-summing its hour. Rows that reach zero trades go.
pub(crate) fn add(conn: &Connection, deltas: &HashMap<Key, Sums>) -> crate::sql::Result<()> {
    add_totals(conn, &totals_of(deltas))?;
    let mut refs = MerchantRefs::default();
    let mut per_merchant: HashMap<(i64, i64), i64> = HashMap::new();
    let mut rows = Vec::with_capacity(deltas.len());
    for (k, s) in deltas {
        if s.iter().all(|v| *v == 0) {
            continue;
        }
        let stored = Stored::of(conn, &mut refs, k)?;
        *per_merchant
            .entry((stored.provider, stored.merchant))
            .or_default() += s[0];
        rows.push((stored.row(s), s[0] < 0));
    }
    upsert_rows(conn, &rows)?;
    let mut prune = conn.prepare_cached(
        "DELETE FROM trade_hour_row WHERE hour_ts = ?1 AND provider = ?2 AND refund = ?3
           AND merchant_ref = ?4 AND coupon_key = ?5 AND used = ?6 AND n = 0",
    )?;
    for (values, fewer) in &rows {
        if *fewer {
            prune.execute(params_from_iter(&values[..6]))?;
        }
    }
    add_merchants(conn, per_merchant)
}

/// Adds each row's count and sums to its stored row, or stores it: many rows per statement.
/// The keys are distinct (they come from one map), as one upsert statement needs.
fn upsert_rows(conn: &Connection, rows: &[([Value; 14], bool)]) -> crate::sql::Result<()> {
    // The conflict target is the table's key: a team database's starts with the plaza.
    let plaza = if conn.postgres().is_some() {
        "mall_id, "
    } else {
        ""
    };
    let statement = |n: usize| {
        let values = crate::sql::values_list(n, 14);
        format!(
            "INSERT INTO trade_hour_row (hour_ts, provider, refund, merchant_ref, coupon_key, used,
                n, order_fen, settle_less, coupon_fen, provider_discount_fen,
                merchant_discount_fen, refund_fen, fee_e5)
             VALUES {values}
             ON CONFLICT ({plaza}hour_ts, provider, refund, merchant_ref, coupon_key, used)
             DO UPDATE SET n = trade_hour_row.n + excluded.n,
                order_fen = trade_hour_row.order_fen + excluded.order_fen,
                settle_less = trade_hour_row.settle_less + excluded.settle_less,
                coupon_fen = trade_hour_row.coupon_fen + excluded.coupon_fen,
                provider_discount_fen = trade_hour_row.provider_discount_fen + excluded.provider_discount_fen,
                merchant_discount_fen = trade_hour_row.merchant_discount_fen + excluded.merchant_discount_fen,
                refund_fen = trade_hour_row.refund_fen + excluded.refund_fen,
                fee_e5 = trade_hour_row.fee_e5 + excluded.fee_e5"
        )
    };
    // Whole chunks, then the rest in halving sizes: a few prepared statements cover any count.
    let mut rest = rows;
    let mut size = UPSERT_CHUNK;
    while !rest.is_empty() {
        while size > rest.len() {
            size /= 2;
        }
        let mut upsert = conn.prepare_cached(&statement(size))?;
        while rest.len() >= size {
            let (chunk, after) = rest.split_at(size);
            upsert.execute(params_from_iter(
                chunk.iter().flat_map(|(values, _)| values),
            ))?;
            rest = after;
        }
    }
    Ok(())
}

/// Merchant ids already turned into their `merchant_ref` numbers in this write: a rollup of a
/// few thousand rows names a few hundred merchants.
#[derive(Default)]
struct MerchantRefs(HashMap<String, i64>);

impl MerchantRefs {
    fn of(&mut self, conn: &Connection, merchant_id: &str) -> crate::sql::Result<i64> {
        if let Some(id) = self.0.get(merchant_id) {
            return Ok(*id);
        }
        let id = lean::merchant_ref(conn, merchant_id)?;
        self.0.insert(merchant_id.to_string(), id);
        Ok(id)
    }
}

/// Adds signed trade counts to `trade_merchant`; accounts that reach zero trades go.
fn add_merchants(
    conn: &Connection,
    deltas: impl IntoIterator<Item = ((i64, i64), i64)>,
) -> crate::sql::Result<()> {
    let mut upsert = conn.prepare_cached(
        "INSERT INTO trade_merchant (provider, merchant_ref, n) VALUES (?1, ?2, ?3)
         ON CONFLICT (mall_id, provider, merchant_ref) DO UPDATE SET n = trade_merchant.n + excluded.n",
    )?;
    let mut prune = conn.prepare_cached(
        "DELETE FROM trade_merchant WHERE provider = ?1 AND merchant_ref = ?2 AND n = 0",
    )?;
    for ((provider, merchant), n) in deltas {
        if n == 0 {
            continue;
        }
        upsert.execute(params![provider, merchant, n])?;
        if n < 0 {
            prune.execute(params![provider, merchant])?;
        }
    }
    Ok(())
}

/// A rollup key as `trade_hour_row` stores it (migration 0014): provider and kind as codes, the
/// merchant packed, no coupon as 0.
struct Stored {
    hour: i64,
    provider: i64,
    refund: bool,
    merchant: i64,
    coupon: i64,
    used: bool,
}

impl Stored {
    fn of(conn: &Connection, refs: &mut MerchantRefs, k: &Key) -> crate::sql::Result<Stored> {
        let provider = lean::provider_code(&k.provider).ok_or_else(|| {
            crate::sql::Error::ToSqlConversionFailure(
                format!("unknown provider {}", k.provider).into(),
            )
        })?;
        Ok(Stored {
            hour: k.hour,
            provider,
            refund: k.kind == "refund",
            merchant: refs.of(conn, &k.merchant)?,
            coupon: k.coupon.unwrap_or(0),
            used: k.used,
        })
    }

    /// The row's fourteen values: the key, then the count and sums with 应结 as its shortfall.
    fn row(self, s: &Sums) -> [Value; 14] {
        [
            Value::Integer(self.hour),
            Value::Integer(self.provider),
            Value::Integer(i64::from(self.refund)),
            Value::Integer(self.merchant),
            Value::Integer(self.coupon),
            Value::Integer(i64::from(self.used)),
            Value::Integer(s[0]),
            Value::Integer(s[1]),
            Value::Integer(s[1] - s[2]),
            Value::Integer(s[3]),
            Value::Integer(s[4]),
            Value::Integer(s[5]),
            Value::Integer(s[6]),
            Value::Integer(s[7]),
        ]
    }
}

/// Re-sums every dirty hour and clears the marks. Cheap when nothing is dirty.
pub(crate) fn flush(conn: &Connection) -> crate::sql::Result<()> {
    let mut stmt = conn.prepare("SELECT hour_ts FROM trade_dirty_hour ORDER BY hour_ts")?;
    let hours: Vec<i64> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if hours.is_empty() {
        return Ok(());
    }
    // Contiguous dirty hours are read as one range.
    let mut ranges: Vec<(i64, i64)> = Vec::new();
    for hour in hours {
        match ranges.last_mut() {
            Some((_, end)) if *end == hour => *end = hour + 3600,
            _ => ranges.push((hour, hour + 3600)),
        }
    }
    let mut read = conn.prepare(
        "SELECT occurred_at, provider, kind, merchant_id, coupon_id,
                coupon_fen > 0 OR coupon_name <> '', order_fen, settlement_fen, coupon_fen,
                provider_discount_fen, merchant_discount_fen, refund_fen, fee_e5
         FROM trade WHERE occurred_at >= ?1 AND occurred_at < ?2",
    )?;
    let mut delete =
        conn.prepare("DELETE FROM trade_hour_row WHERE hour_ts >= ?1 AND hour_ts < ?2")?;
    let mut delete_totals =
        conn.prepare("DELETE FROM trade_hour_total WHERE hour_ts >= ?1 AND hour_ts < ?2")?;
    let mut insert_total = conn.prepare(
        "INSERT INTO trade_hour_total VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut old_counts = conn.prepare(
        "SELECT provider, merchant_ref, SUM(n)
         FROM trade_hour_row WHERE hour_ts >= ?1 AND hour_ts < ?2 GROUP BY provider, merchant_ref",
    )?;
    let mut refs = MerchantRefs::default();
    for (start, end) in ranges {
        let mut per_merchant: HashMap<(i64, i64), i64> = HashMap::new();
        let mut old = old_counts.query([start, end])?;
        while let Some(r) = old.next()? {
            *per_merchant.entry((r.get(0)?, r.get(1)?)).or_default() -= r.get::<_, i64>(2)?;
        }
        delete.execute([start, end])?;
        delete_totals.execute([start, end])?;
        let mut sums: HashMap<Key, [i64; 8]> = HashMap::new();
        let mut rows = read.query([start, end])?;
        while let Some(r) = rows.next()? {
            let key = Key {
                hour: hour_of(r.get(0)?),
                provider: r.get(1)?,
                kind: r.get(2)?,
                merchant: r.get(3)?,
                coupon: r.get(4)?,
                used: r.get(5)?,
            };
            let entry = sums.entry(key).or_default();
            entry[0] += 1;
            for (i, slot) in entry.iter_mut().enumerate().skip(1) {
                *slot += r.get::<_, i64>(5 + i)?;
            }
        }
        for ((hour, provider, kind, coupon, used), s) in totals_of(&sums) {
            insert_total.execute(params![
                hour, provider, kind, coupon, used, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]
            ])?;
        }
        let mut stored_rows = Vec::with_capacity(sums.len());
        for (k, s) in sums {
            let stored = Stored::of(conn, &mut refs, &k)?;
            *per_merchant
                .entry((stored.provider, stored.merchant))
                .or_default() += s[0];
            stored_rows.push((stored.row(&s), false));
        }
        upsert_rows(conn, &stored_rows)?;
        add_merchants(conn, per_merchant)?;
    }
    conn.execute("DELETE FROM trade_dirty_hour", [])?;
    Ok(())
}
