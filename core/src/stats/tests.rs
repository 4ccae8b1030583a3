//! Statistics checked against hand-computed figures and against the import totals.

use std::path::Path;

use super::*;
use crate::import::{import_file, ImportOptions};

fn bill(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/bills")
        .join(name)
}

fn loaded() -> Db {
    let mut db = Db::open_in_memory().unwrap();
    for name in ["wechatpay-tradebill-ALL.csv", "alipay-trade-detail-gbk.csv"] {
        import_file(&mut db, &bill(name), &ImportOptions::default(), &mut |_| {
            true
        })
        .unwrap();
    }
    db
}

#[test]
fn per_provider_figures_equal_the_import_totals() {
    let db = loaded();
    let groups = grouped(&db, &Scope::default(), GroupBy::Provider).unwrap();
    let wechat = groups.iter().find(|g| g.key == "wechat_pay").unwrap();
    assert_eq!((wechat.kpis.trades, wechat.kpis.refunds), (31, 14));
    assert_eq!(wechat.kpis.settlement, "0.47");
    assert_eq!(wechat.kpis.refund, "0.14");
    assert_eq!(wechat.kpis.fee, "0.08");
    assert_eq!(wechat.kpis.net, "0.25");
    let alipay = groups.iter().find(|g| g.key == "alipay").unwrap();
    assert_eq!((alipay.kpis.trades, alipay.kpis.refunds), (6, 4));
    assert_eq!(alipay.kpis.refund, "0.04");
}

#[test]
fn providers_add_up_to_the_total_to_the_cent() {
    let db = loaded();
    let total = kpis(&db, &Scope::default()).unwrap();
    let groups = grouped(&db, &Scope::default(), GroupBy::Provider).unwrap();
    let sum = |f: fn(&Kpis) -> &String| -> rust_decimal::Decimal {
        groups
            .iter()
            .map(|g| f(&g.kpis).parse::<rust_decimal::Decimal>().unwrap())
            .sum()
    };
    assert_eq!(sum(|k| &k.order).to_string(), total.order);
    assert_eq!(sum(|k| &k.settlement).to_string(), total.settlement);
    assert_eq!(sum(|k| &k.refund).to_string(), total.refund);
    assert_eq!(
        groups.iter().map(|g| g.kpis.trades).sum::<u64>(),
        total.trades
    );
    assert_eq!(total.trades, 37);
    assert_eq!(total.order, "0.53");
}

#[test]
fn days_and_hours_are_the_malls_and_ranges_are_inclusive() {
    let db = loaded();
    let days = grouped(&db, &Scope::default(), GroupBy::Day).unwrap();
    let keys: Vec<_> = days.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(keys, ["2019-02-19", "2019-09-16"]);
    let one_day = Scope {
        from: Some("2019-09-16".into()),
        to: Some("2019-09-16".into()),
        ..Default::default()
    };
    assert_eq!(kpis(&db, &one_day).unwrap().trades, 6);
    let hours = grouped(&db, &one_day, GroupBy::Hour).unwrap();
    assert_eq!(hours[0].key, "10");
    assert!(matches!(
        kpis(
            &db,
            &Scope {
                from: Some("soon".into()),
                ..Default::default()
            }
        ),
        Err(StatsError::BadDate(..))
    ));
}

#[test]
fn averages_and_rates_are_exact() {
    let db = loaded();
    let k = kpis(
        &db,
        &Scope {
            from: Some("2019-09-16".into()),
            to: Some("2019-09-16".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(k.average_ticket.as_deref(), Some("0.01"));
    assert_eq!(k.refund_rate.as_deref(), Some("0.6667"));
    assert_eq!(k.gmv_per_discount_yuan, None, "no discount, no ratio");
}
