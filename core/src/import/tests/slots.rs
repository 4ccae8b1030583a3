//! Keys that share a hash: the second takes the next slot and both are kept; a re-import
//! still finds each as a duplicate (`db::lean::key_hash`). Real collisions are rare (a few in
//! ten million trades), so one is made by storing a stranger in a key's first slot.
//! The slots are the embedded store's encoding, so these run on SQLite in both test runs; a
//! team database keeps whole keys under a unique constraint.

use super::*;

fn slots(db: &Db) -> Vec<(i64, String)> {
    db.conn()
        .prepare(
            "SELECT r.key_hash, t.key FROM trade_row r JOIN trade t ON t.id = r.id ORDER BY r.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn keys_that_share_a_hash_are_both_stored_and_both_recognised_again() {
    let mut first = Db::open_embedded_in_memory().unwrap();
    import(&mut first, &fixture(WECHAT)).unwrap();
    let stored = slots(&first);
    assert_eq!(stored.len(), 45);
    let (hash, key) = stored[7].clone();
    assert_eq!(hash % 8, 0, "a lone key sits in its first slot");

    let mut db = Db::open_embedded_in_memory().unwrap();
    // A stranger with another key in that key's first slot, as a collision would leave it.
    db.conn()
        .execute_batch(&format!(
            "INSERT INTO import_batch (id, file_name, format, sha256, imported_at, rows, payments, refunds,
                 inserted, duplicates, reconciled, order_fen, settlement_fen, coupon_fen, refund_fen, fee_e5)
                 VALUES (99, 'x.csv', 'csv', '', 0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0);
             INSERT OR IGNORE INTO merchant_ref (merchant_id) VALUES ('');
             INSERT INTO trade_row (batch_id, provider, refund, key_hash, key, trade_no, merchant_order_no,
                 occurred_at, merchant_ref, order_fen, settle_less, coupon_fen, provider_discount_fen,
                 merchant_discount_fen, refund_fen, fee_e5, coupon_name, coupon_id, line)
                 VALUES (99, 0, 0, {hash}, 0, 'STRANGER', '', 1804000000,
                         (SELECT id FROM merchant_ref WHERE merchant_id = ''), 100, 0, 0, 0, 0, 0, 0, '', NULL, 2);"
        ))
        .unwrap();
    let report = import(&mut db, &fixture(WECHAT)).unwrap();
    assert_eq!(
        report.inserted, 45,
        "the colliding key was taken for the stranger"
    );
    let now = slots(&db);
    assert!(now.contains(&(hash, "STRANGER".to_string())));
    assert!(now.contains(&(hash + 1, key.clone())), "{now:?}");

    let again = import(&mut db, &fixture(WECHAT)).unwrap();
    assert_eq!(again.inserted, 0);
    assert_eq!(trade_count(&db), 46);
    // Through the view (the way tests and tools write) the same holds.
    let (provider, kind, trade_no): (String, String, String) = db
        .conn()
        .query_row(
            "SELECT provider, kind, trade_no FROM trade WHERE key = ?1",
            [&key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    db.conn()
        .execute(
            "INSERT INTO trade (batch_id, provider, kind, key, trade_no, occurred_at, line)
             VALUES (99, ?1, ?2, ?3, ?4, 1804000000, 1)",
            crate::sql::params![provider, kind, key, trade_no],
        )
        .unwrap();
    assert_eq!(trade_count(&db), 46);
}
