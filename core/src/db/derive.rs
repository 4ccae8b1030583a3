//! Keeps each trade's derived facts equal to what their inputs say, inside the write transaction
//! that changed those inputs.
//!
//! The store a trade belongs to is never stored: a trade keeps the (provider, merchant id) its
//! bill names and the store is looked up through `merchant_account` when read (the
//! `trade_with_store` views), so a mapping is right the moment it is written. The coupon a
//! payment redeemed is stored, and kept right here: triggers (migration 0010) record what a
//! change could affect — a (provider, merchant id) pair when an id is added, moved or removed
//! (its store decides store-limited coupons), and a window of time when a coupon, its stores, or
//! its campaign's dates, stores or cancellation change. [`flush`] re-derives only the trades in
//! that scope before the transaction commits, so no caller has to remember a refresh, nothing
//! rescans the whole trade table, and no reader ever sees a half-updated state. An import
//! attributes its own rows as it inserts them, with the same [`Matcher`]; the hourly rollup
//! follows each changed trade by differences.

use std::collections::HashMap;

use crate::sql::{params, Connection};

use super::rollup;

/// A trade is a payment or a refund; nothing else may be read back.
pub(crate) fn is_payment(kind: &str) -> crate::sql::Result<bool> {
    match kind {
        "payment" => Ok(true),
        "refund" => Ok(false),
        other => Err(super::unknown_value(2, "trade kind", other)),
    }
}

/// The facts of a trade that its store and coupon depend on.
pub(crate) struct TradeFacts<'a> {
    pub provider: &'a str,
    pub payment: bool,
    pub occurred_at: i64,
    pub coupon_fen: i64,
    pub coupon_name: &'a str,
}

/// Everything needed to derive a trade's store and coupon, loaded once per transaction.
pub(crate) struct Matcher {
    /// provider → merchant id → store.
    stores: HashMap<String, HashMap<String, i64>>,
    coupons: Vec<CouponWindow>,
}

struct CouponWindow {
    id: i64,
    provider: String,
    bill_name: String,
    face_fen: Option<i64>,
    from: i64,
    to: i64,
    stores: Vec<i64>,
}

impl Matcher {
    pub(crate) fn load(conn: &Connection) -> crate::sql::Result<Matcher> {
        let mut stmt =
            conn.prepare("SELECT provider, merchant_id, store_id FROM merchant_account")?;
        let mut stores: HashMap<String, HashMap<String, i64>> = HashMap::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            stores
                .entry(r.get(0)?)
                .or_default()
                .insert(r.get(1)?, r.get(2)?);
        }
        let mut stmt = conn.prepare(
            "SELECT id, provider, bill_name, face_fen, from_ts, to_ts FROM coupon_window
             WHERE campaign_status <> 'cancelled'",
        )?;
        let mut coupons: Vec<CouponWindow> = stmt
            .query_map([], |r| {
                Ok(CouponWindow {
                    id: r.get(0)?,
                    provider: r.get(1)?,
                    bill_name: r.get(2)?,
                    face_fen: r.get(3)?,
                    from: r.get(4)?,
                    to: r.get(5)?,
                    stores: vec![],
                })
            })?
            .collect::<Result<_, _>>()?;
        // A coupon's own stores, else its campaign's; none means the whole mall.
        let mut scope = conn.prepare(
            "SELECT store_id FROM coupon_store WHERE coupon_id = ?1
             UNION SELECT cs.store_id FROM campaign_store cs JOIN coupon c ON c.campaign_id = cs.campaign_id
             WHERE c.id = ?1 AND NOT EXISTS (SELECT 1 FROM coupon_store WHERE coupon_id = ?1)",
        )?;
        for c in &mut coupons {
            c.stores = scope
                .query_map([c.id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
        }
        Ok(Matcher { stores, coupons })
    }

    /// Whether any coupon is limited to some stores (else a trade's store decides nothing).
    pub(crate) fn any_store_scoped(&self) -> bool {
        self.coupons.iter().any(|c| !c.stores.is_empty())
    }

    /// Whether a payment of `provider` at `at` falls in the window of a coupon limited to some
    /// stores (so its store can decide its coupon).
    pub(crate) fn store_limited_at(&self, provider: &str, at: i64) -> bool {
        self.coupons.iter().any(|c| {
            !c.stores.is_empty() && c.provider == provider && (c.from..=c.to).contains(&at)
        })
    }

    /// The store whose merchant account the bill row names.
    pub(crate) fn store(&self, provider: &str, merchant_id: &str) -> Option<i64> {
        if merchant_id.is_empty() {
            return None;
        }
        self.stores.get(provider)?.get(merchant_id).copied()
    }

    /// Which coupon a payment redeemed: Alipay names it (券名称); WeChat only says how much, so
    /// a coupon of that face value, valid then, at that store, is taken when it is the only one.
    /// Coupons of cancelled campaigns count for nothing.
    pub(crate) fn coupon(&self, t: &TradeFacts<'_>, store: Option<i64>) -> Option<i64> {
        if !t.payment || (t.coupon_fen == 0 && t.coupon_name.is_empty()) {
            return None;
        }
        let mut found = self.coupons.iter().filter(|c| {
            c.provider == t.provider
                && (c.from..=c.to).contains(&t.occurred_at)
                && (c.stores.is_empty() || store.is_some_and(|s| c.stores.contains(&s)))
                && if t.coupon_name.is_empty() {
                    c.face_fen == Some(t.coupon_fen)
                } else {
                    c.bill_name == t.coupon_name
                }
        });
        let first = found.next()?;
        found.next().is_none().then_some(first.id)
    }
}

/// Re-derives the trades in the recorded scope and clears it. Cheap when nothing is recorded.
pub(crate) fn flush(conn: &Connection) -> crate::sql::Result<()> {
    let merchants: Vec<(String, String)> = conn
        .prepare("SELECT provider, merchant_id FROM derive_dirty_merchant")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let windows = merged_windows(conn)?;
    if merchants.is_empty() && windows.is_empty() {
        return Ok(());
    }
    let matcher = Matcher::load(conn)?;
    let mut changes = Vec::new();
    // A merchant's store matters only to coupons limited to some stores, so a mapping
    // re-derives the merchant's coupon payments inside such coupons' windows: the ones listed
    // in `merchant_coupon_payment` (see [`StoreLimited`]).
    if matcher.any_store_scoped() {
        let mut listed = conn.prepare(&format!(
            "SELECT {FACTS} FROM merchant_coupon_payment m JOIN trade t ON t.id = m.trade_id
             WHERE m.provider = ?1 AND m.merchant_id = ?2"
        ))?;
        for (provider, merchant) in &merchants {
            let mut rows = listed.query(params![provider, merchant])?;
            rederive(&mut rows, &matcher, &mut changes, None)?;
        }
    }
    let mut in_window = conn.prepare(&format!(
        "SELECT {FACTS} FROM trade t WHERE t.occurred_at BETWEEN ?1 AND ?2 AND t.kind = 'payment'
           AND (t.coupon_fen <> 0 OR t.coupon_name <> '' OR t.coupon_id IS NOT NULL)"
    ))?;
    let mut limited = StoreLimited::default();
    for (from, to) in windows {
        let mut rows = in_window.query([from, to])?;
        rederive(&mut rows, &matcher, &mut changes, Some(&mut limited))?;
    }
    limited.write(conn)?;
    // Written after reading, so no cursor walks rows that are being changed under it. The
    // rollup follows by differences: a trade leaves its old row and joins its new one.
    let mut update = conn.prepare("UPDATE trade_row SET coupon_id = ?1 WHERE id = ?2")?;
    let mut deltas: HashMap<rollup::Key, rollup::Sums> = HashMap::new();
    for c in changes {
        update.execute(params![c.coupon, c.id])?;
        let mut key = c.key;
        for (coupon, sign) in [(c.old_coupon, -1), (c.coupon, 1)] {
            key.coupon = coupon;
            let entry = deltas.entry(key.clone()).or_default();
            entry[0] += sign;
            for (slot, v) in entry[1..].iter_mut().zip(c.sums) {
                *slot += sign * v;
            }
        }
    }
    rollup::add(conn, &deltas)?;
    conn.execute("DELETE FROM derive_dirty_merchant", [])?;
    conn.execute("DELETE FROM derive_dirty_window", [])?;
    Ok(())
}

/// The columns [`derive_row`] and [`rederive`] read, in their order.
const FACTS: &str = "t.id, t.provider, t.kind, t.merchant_id, t.occurred_at, t.coupon_fen,
    t.coupon_name, t.coupon_id, t.order_fen, t.settlement_fen, t.provider_discount_fen,
    t.merchant_discount_fen, t.refund_fen, t.fee_e5";

/// A trade's id and the coupon its inputs give it now.
type Derived = (i64, Option<i64>);

/// A trade whose coupon changes, with what its rollup row needs.
struct Change {
    id: i64,
    coupon: Option<i64>,
    old_coupon: Option<i64>,
    key: rollup::Key,
    /// order, settlement, coupon, provider discount, merchant discount, refund, fee.
    sums: [i64; 7],
}

fn derive_row(r: &crate::sql::Row<'_>, matcher: &Matcher) -> crate::sql::Result<Derived> {
    let provider = r.get_ref(1)?.as_str()?;
    let store = matcher.store(provider, r.get_ref(3)?.as_str()?);
    let facts = TradeFacts {
        provider,
        payment: is_payment(r.get_ref(2)?.as_str()?)?,
        occurred_at: r.get(4)?,
        coupon_fen: r.get(5)?,
        coupon_name: r.get_ref(6)?.as_str()?,
    };
    Ok((r.get(0)?, matcher.coupon(&facts, store)))
}

fn rederive(
    rows: &mut crate::sql::Rows<'_>,
    matcher: &Matcher,
    changes: &mut Vec<Change>,
    mut limited: Option<&mut StoreLimited>,
) -> crate::sql::Result<()> {
    while let Some(r) = rows.next()? {
        let (id, coupon) = derive_row(&r, matcher)?;
        if let Some(list) = limited.as_deref_mut() {
            let provider = r.get_ref(1)?.as_str()?;
            if matcher.store_limited_at(provider, r.get(4)?) {
                list.push(provider, r.get_ref(3)?.as_str()?, id);
            }
        }
        let old_coupon: Option<i64> = r.get(7)?;
        if coupon == old_coupon {
            continue;
        }
        let coupon_fen: i64 = r.get(5)?;
        let coupon_name = r.get_ref(6)?.as_str()?;
        changes.push(Change {
            id,
            coupon,
            old_coupon,
            key: rollup::Key {
                hour: rollup::hour_of(r.get(4)?),
                provider: r.get(1)?,
                kind: r.get(2)?,
                merchant: r.get(3)?,
                coupon: None,
                used: coupon_fen > 0 || !coupon_name.is_empty(),
            },
            sums: [
                r.get(8)?,
                r.get(9)?,
                coupon_fen,
                r.get(10)?,
                r.get(11)?,
                r.get(12)?,
                r.get(13)?,
            ],
        });
    }
    Ok(())
}

/// The coupon payments whose coupon a store can decide — those inside the window of a coupon
/// limited to some stores — listed by merchant in `merchant_coupon_payment`, so a mapping finds
/// its merchant's without an index on every trade (one cost the import a fifth of its time).
/// The import lists its own rows; re-deriving a window lists the rows in it, which covers a
/// coupon that becomes store-limited or moves its dates. An entry left behind only makes a
/// trade be derived once more.
#[derive(Default)]
pub(crate) struct StoreLimited {
    rows: Vec<(String, String, i64)>,
}

impl StoreLimited {
    pub(crate) fn push(&mut self, provider: &str, merchant: &str, trade_id: i64) {
        if !merchant.is_empty() {
            self.rows
                .push((provider.to_string(), merchant.to_string(), trade_id));
        }
    }

    pub(crate) fn write(mut self, conn: &Connection) -> crate::sql::Result<()> {
        // Sorted, so each merchant's entries go in as one run.
        self.rows.sort_unstable();
        let mut insert = conn.prepare_cached(
            "INSERT INTO merchant_coupon_payment (provider, merchant_id, trade_id) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
        )?;
        for (provider, merchant, id) in &self.rows {
            insert.execute(params![provider, merchant, id])?;
        }
        Ok(())
    }
}

/// The recorded windows, overlapping ones merged so no trade is read twice.
fn merged_windows(conn: &Connection) -> crate::sql::Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT from_ts, to_ts FROM derive_dirty_window WHERE from_ts <= to_ts ORDER BY from_ts",
    )?;
    let mut merged: Vec<(i64, i64)> = Vec::new();
    for w in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
        let (from, to) = w?;
        match merged.last_mut() {
            Some((_, end)) if from <= end.saturating_add(1) => *end = (*end).max(to),
            _ => merged.push((from, to)),
        }
    }
    Ok(merged)
}

/// Each trade's store and coupon as a full recomputation from the inputs would give them, for
/// the property tests that hold [`flush`] to it: `(trade id, store, coupon)` by id.
#[cfg(test)]
pub(crate) fn recompute_all(conn: &Connection) -> crate::sql::Result<Vec<Derived>> {
    let matcher = Matcher::load(conn)?;
    let mut stmt = conn.prepare(&format!("SELECT {FACTS} FROM trade t ORDER BY t.id"))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(derive_row(&r, &matcher)?);
    }
    Ok(out)
}
