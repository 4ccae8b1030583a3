//! Derived data against a recomputation from scratch: random sequences of everything a user
//! does (import and undo bills, add, edit, map and remove stores and their merchant ids, plan,
//! edit, cancel and delete campaigns, add, edit and remove coupons), checked after every step.

use crate::sql::params;
use proptest::prelude::*;

mod bills;
mod concurrent;

use bills::{bill, BillRow, ALIPAY_COUPONS, ALIPAY_IDS, FACES, WECHAT_IDS};

use super::{derive, Db};
use crate::campaign::{self, CampaignInput, CampaignPatch, CampaignStatus};
use crate::coupon::{self, test_support::fixed_spec, Product, Validity};
use crate::import::{self, ImportOptions};
use crate::provider::Provider;
use crate::stats::{self, GroupBy, Scope};
use crate::store::{self, MerchantAccount, StoreInput};

/// One of the six merchant ids the bills use.
fn account(i: u8) -> MerchantAccount {
    let i = usize::from(i % 6);
    if i < 3 {
        MerchantAccount::wechat(WECHAT_IDS[i])
    } else {
        MerchantAccount::alipay(ALIPAY_IDS[i - 3])
    }
}

#[derive(Debug, Clone)]
enum Op {
    Import {
        alipay: bool,
        rows: Vec<BillRow>,
    },
    Undo(u8),
    AddStore(Vec<u8>),
    EditStore(u8, Vec<u8>),
    RemoveStore(u8),
    Assign {
        store: u8,
        merchant: u8,
        allow_move: bool,
    },
    Unassign(u8),
    AddCampaign {
        start: u8,
        days: u8,
        stores: Vec<u8>,
    },
    EditCampaign {
        campaign: u8,
        start: u8,
        days: u8,
        stores: Vec<u8>,
    },
    Cancel(u8),
    RemoveCampaign(u8),
    AddCoupon {
        campaign: u8,
        alipay: bool,
        choice: u8,
        stores: Vec<u8>,
    },
    EditCoupon {
        coupon: u8,
        choice: u8,
        days: u8,
    },
    RemoveCoupon(u8),
}

fn op() -> impl Strategy<Value = Op> {
    let small = || proptest::collection::vec(any::<u8>(), 0..3);
    let row = (
        0u8..6,
        1u8..13,
        8u8..22,
        0u8..3,
        proptest::bool::weighted(0.2),
        1u16..500,
    );
    prop_oneof![
        3 => (any::<bool>(), proptest::collection::vec(row.clone(), 1..6))
            .prop_map(|(alipay, rows)| Op::Import { alipay, rows }),
        // Big enough for more rollup rows than one upsert statement takes.
        1 => (any::<bool>(), proptest::collection::vec(row, 70..160))
            .prop_map(|(alipay, rows)| Op::Import { alipay, rows }),
        1 => any::<u8>().prop_map(Op::Undo),
        2 => small().prop_map(Op::AddStore),
        1 => (any::<u8>(), small()).prop_map(|(s, ids)| Op::EditStore(s, ids)),
        1 => any::<u8>().prop_map(Op::RemoveStore),
        4 => (any::<u8>(), any::<u8>(), any::<bool>())
            .prop_map(|(store, merchant, allow_move)| Op::Assign { store, merchant, allow_move }),
        2 => any::<u8>().prop_map(Op::Unassign),
        2 => (1u8..12, 0u8..5, small())
            .prop_map(|(start, days, stores)| Op::AddCampaign { start, days, stores }),
        1 => (any::<u8>(), 1u8..12, 0u8..5, small())
            .prop_map(|(campaign, start, days, stores)| Op::EditCampaign { campaign, start, days, stores }),
        1 => any::<u8>().prop_map(Op::Cancel),
        1 => any::<u8>().prop_map(Op::RemoveCampaign),
        3 => (any::<u8>(), any::<bool>(), any::<u8>(), small())
            .prop_map(|(campaign, alipay, choice, stores)| Op::AddCoupon { campaign, alipay, choice, stores }),
        1 => (any::<u8>(), any::<u8>(), 0u8..4)
            .prop_map(|(coupon, choice, days)| Op::EditCoupon { coupon, choice, days }),
        1 => any::<u8>().prop_map(Op::RemoveCoupon),
    ]
}

fn pick(ids: &[i64], i: u8) -> Option<i64> {
    (!ids.is_empty()).then(|| ids[usize::from(i) % ids.len()])
}

fn ids(db: &Db, sql: &str) -> Vec<i64> {
    db.conn()
        .prepare(sql)
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

pub(super) fn march(day: u8) -> String {
    format!("2027-03-{:02}", day.clamp(1, 28))
}

/// A refusal is part of ordinary use; a database failure never is.
fn refused_or_done<T, E: Into<crate::Error>>(result: Result<T, E>) {
    if let Err(e) = result {
        let e: crate::Error = e.into();
        assert_ne!(e.code(), "db.sqlite", "{e}");
    }
}

fn apply(db: &mut Db, dir: &tempfile::TempDir, step: usize, op: &Op) {
    let stores = ids(db, "SELECT id FROM store ORDER BY id");
    let campaigns = ids(db, "SELECT id FROM campaign ORDER BY id");
    let coupons = ids(db, "SELECT id FROM coupon ORDER BY id");
    let batches = ids(db, "SELECT id FROM import_batch ORDER BY id");
    let store_set = |picks: &[u8]| -> Vec<i64> {
        let mut s: Vec<i64> = picks.iter().filter_map(|p| pick(&stores, *p)).collect();
        s.sort_unstable();
        s.dedup();
        s
    };
    // Refusals are part of ordinary use: whatever is refused must leave the state consistent.
    match op {
        Op::Import { alipay, rows } => {
            let path = bill(dir, step, *alipay, rows);
            let options = ImportOptions {
                accept_mismatch: true,
                ..Default::default()
            };
            import::import_file(db, &path, &options, &mut |_| true).unwrap();
        }
        Op::Undo(b) => {
            if let Some(b) = pick(&batches, *b) {
                import::undo(db, b).unwrap();
            }
        }
        Op::AddStore(accounts) => {
            let input = StoreInput {
                name: format!("店{step}"),
                merchant_ids: accounts.iter().map(|a| account(*a)).collect(),
                ..Default::default()
            };
            refused_or_done(store::add(db, &input));
        }
        Op::EditStore(s, accounts) => {
            if let Some(s) = pick(&stores, *s) {
                let input = StoreInput {
                    name: format!("店{s}改"),
                    merchant_ids: accounts.iter().map(|a| account(*a)).collect(),
                    move_taken_ids: Some(step % 2 == 0),
                    ..Default::default()
                };
                refused_or_done(store::edit(db, s, &input));
            }
        }
        Op::RemoveStore(s) => {
            if let Some(s) = pick(&stores, *s) {
                refused_or_done(store::remove(db, s));
            }
        }
        Op::Assign {
            store,
            merchant,
            allow_move,
        } => {
            if let Some(s) = pick(&stores, *store) {
                refused_or_done(store::assign_merchant_id(
                    db,
                    s,
                    &account(*merchant),
                    *allow_move,
                ));
            }
        }
        Op::Unassign(m) => {
            let a = account(*m);
            refused_or_done(store::unassign_merchant_id(db, a.provider, &a.merchant_id));
        }
        Op::AddCampaign {
            start,
            days,
            stores: picks,
        } => {
            let input = CampaignInput {
                name: format!("活动{step}"),
                start: march(*start),
                end: march(start + days),
                budget: "1000000".into(),
                store_ids: store_set(picks),
                ..Default::default()
            };
            campaign::add(db, &input, "test").unwrap();
        }
        Op::EditCampaign {
            campaign: c,
            start,
            days,
            stores: picks,
        } => {
            if let Some(c) = pick(&campaigns, *c) {
                let patch = CampaignPatch {
                    start: Some(march(*start)),
                    end: Some(march(start + days)),
                    store_ids: Some(store_set(picks)),
                    ..Default::default()
                };
                refused_or_done(campaign::edit(db, c, &patch));
            }
        }
        Op::Cancel(c) => {
            if let Some(c) = pick(&campaigns, *c) {
                refused_or_done(campaign::set_status(
                    db,
                    c,
                    CampaignStatus::Cancelled,
                    "test",
                    "",
                ));
            }
        }
        Op::RemoveCampaign(c) => {
            if let Some(c) = pick(&campaigns, *c) {
                refused_or_done(campaign::remove(db, c));
            }
        }
        Op::AddCoupon {
            campaign: c,
            alipay,
            choice,
            stores: picks,
        } => {
            if let Some(c) = pick(&campaigns, *c) {
                let k = campaign::get(db, c).unwrap();
                let mut spec = coupon_spec(step, *alipay, *choice);
                spec.validity = Validity::Absolute {
                    start: k.start[..10].to_string(),
                    end: k.end[..10].to_string(),
                };
                spec.store_ids = store_set(picks);
                let product = if *alipay {
                    Product::AlipayVoucher
                } else {
                    Product::WechatCash
                };
                refused_or_done(coupon::add(db, c, product, &spec));
            }
        }
        Op::EditCoupon {
            coupon: k,
            choice,
            days,
        } => {
            if let Some(k) = pick(&coupons, *k) {
                let current = coupon::get(db, k).unwrap();
                let alipay = current.provider == Provider::Alipay;
                let mut spec = coupon_spec(step, alipay, *choice);
                spec.store_ids = current.spec.store_ids.clone();
                if let Validity::Absolute { start, .. } = &current.spec.validity {
                    let day: u8 = start[8..10].parse().unwrap();
                    spec.validity = Validity::Absolute {
                        start: start.clone(),
                        end: march(day + days),
                    };
                }
                refused_or_done(coupon::edit(db, k, &spec));
            }
        }
        Op::RemoveCoupon(k) => {
            if let Some(k) = pick(&coupons, *k) {
                coupon::remove(db, k).unwrap();
            }
        }
    }
}

/// A WeChat coupon is recognised by its face value, an Alipay one by the name on the bill.
fn coupon_spec(step: usize, alipay: bool, choice: u8) -> coupon::CouponSpec {
    let face = FACES[usize::from(choice) % 2] / 100;
    let mut spec = fixed_spec(&format!("券{step}"), &face.to_string(), "100", 10);
    if alipay {
        spec.face_value = "30".into();
        spec.bill_name = ALIPAY_COUPONS[usize::from(choice) % 2].into();
    }
    spec
}

/// Every row of a query, each column as SQLite holds it, for comparing two queries.
fn rows(db: &Db, sql: &str) -> Vec<Vec<crate::sql::types::Value>> {
    let mut stmt = db.conn().prepare(sql).unwrap();
    let width = stmt.column_count();
    stmt.query_map([], |r| (0..width).map(|i| r.get(i)).collect())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The state every step must end in: derived facts equal a recomputation, the rollup equals
/// the trades, and the figures on screen equal the sums of their trades.
fn check(db: &Db) {
    let stored: Vec<(i64, Option<i64>)> = db
        .conn()
        .prepare("SELECT id, coupon_id FROM trade ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(stored, derive::recompute_all(db.conn()).unwrap());
    let dirty: i64 = db
        .conn()
        .query_row(
            "SELECT (SELECT COUNT(*) FROM derive_dirty_merchant) + (SELECT COUNT(*) FROM derive_dirty_window)
                  + (SELECT COUNT(*) FROM trade_dirty_hour)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dirty, 0, "every write leaves nothing to derive");
    assert_eq!(
        rows(db,
            "SELECT hour_ts, kind, store_id, coupon_id, SUM(n), SUM(order_fen + refund_fen + fee_e5)
             FROM trade_hour_with_store GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
        ),
        rows(db,
            "SELECT occurred_at - occurred_at % 3600, kind, store_id, coupon_id, COUNT(*),
                    SUM(order_fen + refund_fen + fee_e5)
             FROM trade_with_store GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
        )
    );
    // The merchant-free rollup equals the rollup summed over merchants.
    assert_eq!(
        rows(db,
            "SELECT hour_ts, provider, kind, coupon_id, used, n, order_fen + coupon_fen + refund_fen + fee_e5
             FROM trade_hour_totals ORDER BY 1, 2, 3, 4, 5"
        ),
        rows(db,
            "SELECT hour_ts, provider, kind, coupon_id, used, SUM(n), SUM(order_fen + coupon_fen + refund_fen + fee_e5)
             FROM trade_hour GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"
        )
    );
    // Trades per merchant account equal a count of the trades (no account left at zero).
    assert_eq!(
        rows(
            db,
            "SELECT provider, merchant_id, n FROM trade_merchant_count ORDER BY 1, 2"
        ),
        rows(
            db,
            "SELECT provider, merchant_id, COUNT(*) FROM trade GROUP BY 1, 2 ORDER BY 1, 2"
        )
    );
    let march = Scope {
        from: Some("2027-03-01".into()),
        to: Some("2027-03-31".into()),
        ..Default::default()
    };
    for store_id in ids(db, "SELECT id FROM store") {
        let k = stats::kpis(
            db,
            &Scope {
                store: Some(store_id),
                ..march.clone()
            },
        )
        .unwrap();
        let (n, order): (i64, i64) = db
            .conn()
            .query_row(
                "SELECT COUNT(*), COALESCE(SUM(order_fen), 0) FROM trade_with_store WHERE store_id = ?1 AND kind = 'payment'",
                [store_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(k.trades, n as u64, "payments of store {store_id}");
        assert_eq!(k.order.to_string(), crate::import::format_scaled(order, 2));
    }
    let by_coupon = stats::grouped(db, &march, GroupBy::Coupon).unwrap();
    for (id, name) in db
        .conn()
        .prepare("SELECT id, name FROM coupon")
        .unwrap()
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .map(Result::unwrap)
    {
        let n: i64 = db
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM trade WHERE coupon_id = ?1 AND kind = 'payment'",
                params![id],
                |r| r.get(0),
            )
            .unwrap();
        let shown = by_coupon
            .iter()
            .find(|g| g.key == stats::GroupKey::Coupon { name: name.clone() })
            .map_or(0, |g| g.kpis.trades);
        assert_eq!(shown, n as u64, "redemptions of coupon {name}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROMODESK_DERIVE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(40)
    ))]

    #[test]
    fn derived_data_always_equals_a_recomputation(ops in proptest::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open_in_memory().unwrap();
        for (step, op) in ops.iter().enumerate() {
            apply(&mut db, &dir, step, op);
            check(&db);
        }
    }
}

fn named(name: &str) -> StoreInput {
    StoreInput {
        name: name.into(),
        ..Default::default()
    }
}

/// A 3.8 campaign over 2027-03-06…09, the days the generated bills fall on.
fn womens_day(db: &mut Db) -> campaign::Campaign {
    let input = CampaignInput {
        name: "女神节".into(),
        start: "2027-03-06".into(),
        end: "2027-03-09".into(),
        budget: "100000".into(),
        ..Default::default()
    };
    campaign::add(db, &input, "test").unwrap()
}

/// The three cases a new user met: a store added after its bill, a UnionPay merchant mapped,
/// a campaign cancelled after its bills were in.
#[test]
fn the_order_people_work_in_does_not_matter() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open_in_memory().unwrap();
    let rows = [(0, 7, 10, 1, false, 200), (1, 7, 11, 0, false, 90)];
    import::import_file(
        &mut db,
        &bill(&dir, 0, false, &rows),
        &ImportOptions {
            accept_mismatch: true,
            ..Default::default()
        },
        &mut |_| true,
    )
    .unwrap();
    assert_eq!(import::unmatched_merchants(&db).unwrap().len(), 2);
    // A store added afterwards with the bill's merchant id gets its trades at once.
    let s = store::add(
        &mut db,
        &StoreInput {
            name: "优衣库".into(),
            merchant_ids: vec![MerchantAccount::wechat(WECHAT_IDS[0])],
            ..Default::default()
        },
    )
    .unwrap();
    let matched: i64 = db
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM trade_with_store WHERE store_id = ?1",
            [s.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(matched, 1);
    // A coupon planned afterwards explains the redemption; cancelling its campaign takes it back.
    let c = womens_day(&mut db);
    let k = coupon::add(
        &mut db,
        c.id,
        Product::WechatCash,
        &coupon_spec(1, false, 0),
    )
    .unwrap();
    let redeemed = |db: &Db| -> i64 {
        db.conn()
            .query_row(
                "SELECT COUNT(*) FROM trade WHERE coupon_id = ?1",
                [k.id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(redeemed(&db), 1);
    campaign::set_status(&mut db, c.id, CampaignStatus::Cancelled, "test", "").unwrap();
    assert_eq!(
        redeemed(&db),
        0,
        "a cancelled campaign's coupon counts nothing"
    );
    check(&db);
}

/// A coupon limited to one store explains a payment only once the payment's merchant id
/// belongs to that store — and stops when the id moves away.
#[test]
fn mapping_a_merchant_decides_a_store_limited_coupon() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open_in_memory().unwrap();
    let a = store::add(&mut db, &named("A")).unwrap();
    let b = store::add(&mut db, &named("B")).unwrap();
    let c = womens_day(&mut db);
    let mut spec = coupon_spec(1, false, 0);
    spec.store_ids = vec![a.id];
    let k = coupon::add(&mut db, c.id, Product::WechatCash, &spec).unwrap();
    import::import_file(
        &mut db,
        &bill(
            &dir,
            0,
            false,
            &[(0, 7, 10, 1, false, 200), (0, 7, 12, 1, false, 120)],
        ),
        &ImportOptions {
            accept_mismatch: true,
            ..Default::default()
        },
        &mut |_| true,
    )
    .unwrap();
    let redeemed = |db: &Db| -> i64 {
        db.conn()
            .query_row(
                "SELECT COUNT(*) FROM trade WHERE coupon_id = ?1",
                [k.id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(redeemed(&db), 0, "no store has the merchant yet");
    let id = MerchantAccount::wechat(WECHAT_IDS[0]);
    store::assign_merchant_id(&mut db, b.id, &id, false).unwrap();
    assert_eq!(redeemed(&db), 0, "B is not in the coupon's scope");
    store::assign_merchant_id(&mut db, a.id, &id, true).unwrap();
    assert_eq!(redeemed(&db), 2);
    check(&db);
    store::unassign_merchant_id(&mut db, Provider::WechatPay, WECHAT_IDS[0]).unwrap();
    assert_eq!(redeemed(&db), 0);
    check(&db);
}
