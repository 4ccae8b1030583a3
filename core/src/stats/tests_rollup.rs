//! The hourly rollup against the trades themselves, and footfall, filters and uplift.

use proptest::prelude::*;

use super::*;
use crate::db::Db;

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

/// Every figure of every grouping, read from the rollup and from the trades, as the JSON shows
/// them (decimals compare by value; their text must agree too).
fn both_sources_agree(db: &Db, scope: &Scope) {
    let window = Window::resolve(db, scope).unwrap();
    assert_eq!(window.source(), Source::Rollup, "whole days use the rollup");
    assert_eq!(
        json(&kpis_from_source(db, &window, Source::Rollup).unwrap()),
        json(&kpis_from_source(db, &window, Source::Trades).unwrap())
    );
    for by in [
        GroupBy::Provider,
        GroupBy::Store,
        GroupBy::Day,
        GroupBy::Hour,
        GroupBy::Coupon,
    ] {
        assert_eq!(
            json(&grouped_from_source(db, &window, by, Source::Rollup).unwrap()),
            json(&grouped_from_source(db, &window, by, Source::Trades).unwrap()),
            "{by:?}"
        );
    }
}

fn insert_trades(db: &mut Db, trades: &[(u8, bool, i64, i64, i64, i64, u8)]) {
    db.write(|tx| {
        tx.execute(
            "INSERT INTO import_batch (file_name, format, sha256, imported_at, rows, payments, refunds, inserted,
                duplicates, reconciled, order_fen, settlement_fen, coupon_fen, refund_fen, fee_e5)
             VALUES ('t', 'csv', '', 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0)",
            [],
        )?;
        let batch = tx.last_insert_rowid()?;
        for (i, (provider, refund, at, amount, coupon, fee, merchant)) in trades.iter().enumerate() {
            let provider = ["wechat_pay", "alipay", "unionpay"][*provider as usize % 3];
            let kind = if *refund { "refund" } else { "payment" };
            let (order, refund_fen) = if *refund { (0, *amount) } else { (*amount, 0) };
            tx.execute(
                "INSERT INTO trade (batch_id, provider, kind, key, trade_no, occurred_at, merchant_id,
                    order_fen, settlement_fen, coupon_fen, refund_fen, fee_e5, line)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, 1)",
                crate::sql::params![batch, provider, kind, format!("k{batch}-{i}"), at, format!("m{merchant}"), order, coupon, refund_fen, fee],
            )?;
        }
        // Only the import inserts trades in the product; it marks the hours for the rollup.
        let hours: std::collections::BTreeSet<i64> = tx
            .prepare("SELECT DISTINCT occurred_at - occurred_at % 3600 FROM trade")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        crate::db::rollup::mark(tx, &hours)?;
        Ok::<_, crate::sql::Error>(())
    })
    .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any trades: the providers add up to the total to the cent, and the rollup says exactly
    /// what the trades say.
    #[test]
    fn providers_sum_to_the_total_and_the_rollup_equals_the_trades(
        trades in proptest::collection::vec(
            (0u8..3, any::<bool>(), 1_800_000_000i64..1_800_400_000, 0i64..10_000_000, 0i64..5_000, -50_000i64..500_000, 0u8..4),
            0..120,
        ),
        from_day in 0u32..5,
    ) {
        let mut db = Db::open_in_memory().unwrap();
        insert_trades(&mut db, &trades);
        let scope = Scope { from: Some(format!("2027-01-{:02}", 15 + from_day)), ..Default::default() };
        both_sources_agree(&db, &Scope::default());
        both_sources_agree(&db, &scope);
        let total = kpis(&db, &Scope::default()).unwrap();
        let groups = grouped(&db, &Scope::default(), GroupBy::Provider).unwrap();
        let sum = |f: fn(&Kpis) -> Decimal| -> Decimal { groups.iter().map(|g| f(&g.kpis)).sum() };
        for (field, f) in [("order", (|k| k.order) as fn(&Kpis) -> Decimal), ("settlement", |k| k.settlement),
                           ("coupon", |k| k.coupon), ("refund", |k| k.refund), ("fee", |k| k.fee), ("net", |k| k.net)] {
            prop_assert_eq!(sum(f), f(&total), "{}", field);
        }
        prop_assert_eq!(groups.iter().map(|g| g.kpis.trades).sum::<u64>(), total.trades);
        prop_assert_eq!(groups.iter().map(|g| g.kpis.refunds).sum::<u64>(), total.refunds);
        let payments = trades.iter().filter(|t| !t.1).count() as u64;
        prop_assert_eq!(total.trades, payments);
    }
}

#[test]
fn the_rollup_follows_undo_store_removal_and_reattribution() {
    use crate::import::{import_file, undo, ImportOptions};
    let mut db = Db::open_in_memory().unwrap();
    let bills = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/bills");
    let store = crate::store::add(
        &mut db,
        &crate::store::StoreInput {
            name: "A".into(),
            merchant_ids: vec![crate::store::MerchantAccount::alipay("NJ001")],
            ..Default::default()
        },
    )
    .unwrap();
    let mut batches = vec![];
    for name in ["wechatpay-tradebill-ALL.csv", "alipay-trade-detail-gbk.csv"] {
        let r = import_file(
            &mut db,
            &bills.join(name),
            &ImportOptions::default(),
            &mut |_| true,
        )
        .unwrap();
        batches.push(r.batch_id);
        both_sources_agree(&db, &Scope::default());
    }
    crate::store::remove(&mut db, store.id).unwrap();
    both_sources_agree(&db, &Scope::default());
    undo(&mut db, batches[0]).unwrap();
    both_sources_agree(&db, &Scope::default());
    let k = kpis(&db, &Scope::default()).unwrap();
    assert_eq!(
        (k.trades, k.refunds),
        (6, 4),
        "only the Alipay bill is left"
    );
    let rollup_rows: i64 = db
        .conn()
        .query_row("SELECT COALESCE(SUM(n), 0) FROM trade_hour", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(rollup_rows, 10);
    let dirty: i64 = db
        .conn()
        .query_row("SELECT COUNT(*) FROM trade_dirty_hour", [], |r| r.get(0))
        .unwrap();
    assert_eq!(dirty, 0, "every write leaves the rollup flushed");
}

#[test]
fn a_range_off_the_hour_reads_the_trades_and_agrees() {
    let mut db = Db::open_in_memory().unwrap();
    insert_trades(
        &mut db,
        &[
            (0, false, 1_800_000_100, 1000, 0, 0, 0),
            (0, false, 1_800_000_500, 2000, 0, 0, 0),
        ],
    );
    let window = Window {
        start: Some(1_800_000_200),
        ..Window::default()
    };
    assert_eq!(window.source(), Source::Trades);
    assert_eq!(kpis_of(&db, &window).unwrap().order.to_string(), "20.00");
}

#[test]
fn provider_and_store_filters_narrow_the_figures() {
    let mut db = Db::open_in_memory().unwrap();
    let base = 1_804_003_200; // 2027-03-01 00:00 Shanghai is 1_804_003_200 − 8 h; any instant works
    insert_trades(
        &mut db,
        &[
            (0, false, base, 1000, 0, 0, 0),
            (1, false, base + 60, 2000, 0, 0, 1),
            (1, true, base + 120, 500, 0, 0, 1),
        ],
    );
    let only = |provider: &str| Scope {
        provider: Some(provider.into()),
        ..Default::default()
    };
    assert_eq!(
        kpis(&db, &only("alipay")).unwrap().order.to_string(),
        "20.00"
    );
    assert_eq!(
        kpis(&db, &only("alipay")).unwrap().refund.to_string(),
        "5.00"
    );
    assert_eq!(
        kpis(&db, &only("wechat_pay")).unwrap().order.to_string(),
        "10.00"
    );
    let store = crate::store::add(
        &mut db,
        &crate::store::StoreInput {
            name: "B".into(),
            merchant_ids: vec![crate::store::MerchantAccount::alipay("m1")],
            ..Default::default()
        },
    )
    .unwrap();
    let one_store = Scope {
        store: Some(store.id),
        ..Default::default()
    };
    let k = kpis(&db, &one_store).unwrap();
    assert_eq!(
        (k.trades, k.refunds, k.order.to_string().as_str()),
        (1, 1, "20.00")
    );
    assert_eq!(k.visitors, None, "mall visitors are not one store's");
}
