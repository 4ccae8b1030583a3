//! Statistics by store from the rollup. The rollup is kept by merchant (a store is whichever
//! store holds the merchant's id now), so a festival at a mall's 200 tenants is tens of
//! thousands of rows; grouping them in SQL meant sorting them all (55 ms), while summing them
//! per merchant here as they stream and looking each merchant's store up once takes a few.

use std::collections::HashMap;

use crate::sql::{params_from_iter, types::Value};

use super::window::Window;
use super::{kpis_of_sums, Group, GroupKey, StatsError};
use crate::db::derive::is_payment;
use crate::db::Db;

/// The groups of `window` by store (or by merchant id, for the ids no store holds), ordered by
/// key, as the SQL grouping gives them.
pub(super) fn grouped(
    db: &Db,
    window: &Window,
    clause: &str,
    values: Vec<Value>,
) -> Result<Vec<Group>, StatsError> {
    let table = if window.needs_store() {
        "trade_hour_with_store"
    } else {
        "trade_hour"
    };
    // A team database sums per merchant itself: it groups by hashing, without the sort that
    // makes SQLite slow here, and sends a few hundred rows over the wire instead of every
    // rollup row. The loop below adds either kind of row the same way.
    let sql = if db.conn().postgres().is_some() {
        format!(
            "SELECT t.provider, t.merchant_id, t.kind, t.used, SUM(t.n), SUM(t.order_fen),
                    SUM(t.settlement_fen), SUM(t.coupon_fen), SUM(t.provider_discount_fen),
                    SUM(t.merchant_discount_fen), SUM(t.refund_fen), SUM(t.fee_e5)
             FROM {table} t WHERE {clause} GROUP BY 1, 2, 3, 4"
        )
    } else {
        format!(
            "SELECT t.provider, t.merchant_id, t.kind, t.used, t.n, t.order_fen, t.settlement_fen,
                    t.coupon_fen, t.provider_discount_fen, t.merchant_discount_fen, t.refund_fen,
                    t.fee_e5
             FROM {table} t WHERE {clause}"
        )
    };
    let mut stmt = db.conn().prepare(&sql)?;
    let mut per_merchant: HashMap<(String, String), [i64; 11]> = HashMap::new();
    let mut rows = stmt.query(params_from_iter(values))?;
    while let Some(r) = rows.next()? {
        let key = (r.get::<_, String>(0)?, r.get::<_, String>(1)?);
        let payment = is_payment(r.get_ref(2)?.as_str().map_err(crate::sql::Error::from)?)?;
        let used: bool = r.get(3)?;
        let v: [i64; 8] = [
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
            r.get(11)?,
        ];
        let [n, order, settlement, coupon, provider, merchant, refund, fee] = v;
        let s = per_merchant.entry(key).or_insert([0; 11]);
        if payment {
            s[0] += n;
            s[2] += order;
            s[3] += settlement;
            s[4] += coupon;
            s[8] += provider;
            s[9] += merchant;
            if used {
                s[7] += n;
                s[10] += order;
            }
        } else {
            s[1] += n;
        }
        s[5] += refund;
        s[6] += fee;
    }
    let mut stores = db.conn().prepare(
        "SELECT s.id, s.name FROM merchant_account m JOIN store s ON s.id = m.store_id
         WHERE m.provider = ?1 AND m.merchant_id = ?2",
    )?;
    let mut per_store: HashMap<GroupKey, [i64; 11]> = HashMap::new();
    for ((provider, merchant), sums) in per_merchant {
        let store = stores
            .query_row([&provider, &merchant], |r| {
                Ok(GroupKey::Store {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            })
            .map(Some)
            .or_else(|e| match e {
                crate::sql::Error::QueryReturnedNoRows => Ok(None),
                other => Err(other),
            })?;
        let key = store.unwrap_or_else(|| GroupKey::unmatched(merchant));
        let total = per_store.entry(key).or_insert([0; 11]);
        for (t, v) in total.iter_mut().zip(sums) {
            *t += v;
        }
    }
    let mut groups: Vec<Group> = per_store
        .into_iter()
        .map(|(key, sums)| Group {
            key,
            kpis: kpis_of_sums(sums),
        })
        .collect();
    groups.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(groups)
}
