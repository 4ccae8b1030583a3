//! Keeps `trade_hour`, the per-hour sums of trades the dashboard reads, equal to `trade`.
//!
//! Triggers record each hour whose trades changed in `trade_dirty_hour`; [`flush`] re-sums those
//! hours from `trade` and runs at the end of every write transaction, before it commits, so no
//! reader ever sees a rollup that disagrees with the trades. Marking hours (rather than adding
//! deltas) keeps every path honest — imports, undo, re-attribution and the foreign keys' ON
//! DELETE SET NULL all go through the same triggers.

use rusqlite::Connection;

/// Re-sums every dirty hour and clears the marks. Cheap when nothing is dirty.
pub(crate) fn flush(conn: &Connection) -> rusqlite::Result<()> {
    let dirty: bool = conn.query_row("SELECT EXISTS(SELECT 1 FROM trade_dirty_hour)", [], |r| {
        r.get(0)
    })?;
    if !dirty {
        return Ok(());
    }
    conn.execute_batch(
        "DELETE FROM trade_hour WHERE hour_ts IN (SELECT hour_ts FROM trade_dirty_hour);
         INSERT INTO trade_hour
         SELECT d.hour_ts, t.provider, t.kind, t.store_id, t.merchant_id, t.coupon_id,
                (t.coupon_fen > 0 OR t.coupon_name <> '') AS used, COUNT(*),
                SUM(t.order_fen), SUM(t.settlement_fen), SUM(t.coupon_fen),
                SUM(t.provider_discount_fen), SUM(t.merchant_discount_fen), SUM(t.refund_fen),
                SUM(t.fee_e5)
         FROM trade_dirty_hour d
         JOIN trade t ON t.occurred_at >= d.hour_ts AND t.occurred_at < d.hour_ts + 3600
         GROUP BY d.hour_ts, t.provider, t.kind, t.store_id, t.merchant_id, t.coupon_id, used;
         DELETE FROM trade_dirty_hour;",
    )
}
