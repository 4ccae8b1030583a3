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

fn provider(key: &str) -> GroupKey {
    GroupKey::provider(key).unwrap()
}

#[test]
fn per_provider_figures_equal_the_import_totals() {
    let db = loaded();
    let groups = grouped(&db, &Scope::default(), GroupBy::Provider).unwrap();
    let wechat = groups
        .iter()
        .find(|g| g.key == provider("wechat_pay"))
        .unwrap();
    assert_eq!((wechat.kpis.trades, wechat.kpis.refunds), (31, 14));
    assert_eq!(wechat.kpis.settlement.to_string(), "0.47");
    assert_eq!(wechat.kpis.refund.to_string(), "0.14");
    assert_eq!(wechat.kpis.fee.to_string(), "0.08");
    assert_eq!(wechat.kpis.net.to_string(), "0.25");
    let alipay = groups.iter().find(|g| g.key == provider("alipay")).unwrap();
    assert_eq!((alipay.kpis.trades, alipay.kpis.refunds), (6, 4));
    assert_eq!(alipay.kpis.refund.to_string(), "0.04");
}

#[test]
fn providers_add_up_to_the_total_to_the_cent() {
    let db = loaded();
    let total = kpis(&db, &Scope::default()).unwrap();
    let groups = grouped(&db, &Scope::default(), GroupBy::Provider).unwrap();
    let sum = |f: fn(&Kpis) -> Decimal| -> String {
        groups
            .iter()
            .map(|g| f(&g.kpis))
            .sum::<Decimal>()
            .to_string()
    };
    assert_eq!(sum(|k| k.order), total.order.to_string());
    assert_eq!(sum(|k| k.settlement), total.settlement.to_string());
    assert_eq!(sum(|k| k.refund), total.refund.to_string());
    assert_eq!(
        groups.iter().map(|g| g.kpis.trades).sum::<u64>(),
        total.trades
    );
    assert_eq!(total.trades, 37);
    assert_eq!(total.order.to_string(), "0.53");
}

#[test]
fn days_and_hours_are_the_malls_and_ranges_are_inclusive() {
    let db = loaded();
    let days = grouped(&db, &Scope::default(), GroupBy::Day).unwrap();
    let keys: Vec<_> = days
        .iter()
        .map(|d| d.key.date().unwrap().to_string())
        .collect();
    assert_eq!(keys, ["2019-02-19", "2019-09-16"]);
    let one_day = Scope {
        from: Some("2019-09-16".into()),
        to: Some("2019-09-16".into()),
        ..Default::default()
    };
    assert_eq!(kpis(&db, &one_day).unwrap().trades, 6);
    let hours = grouped(&db, &one_day, GroupBy::Hour).unwrap();
    assert_eq!(hours[0].key, GroupKey::Hour { hour: 10 });
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
    assert_eq!(
        k.average_ticket.map(|d| d.to_string()).as_deref(),
        Some("0.01")
    );
    assert_eq!(
        k.refund_rate.map(|d| d.to_string()).as_deref(),
        Some("0.6667")
    );
    assert_eq!(k.gmv_per_discount_yuan, None, "no discount, no ratio");
}

#[test]
fn campaign_cost_splits_the_discount_by_each_coupons_funding() {
    use crate::campaign::{self, CampaignInput};
    use crate::coupon::{self, Product};
    let mut db = Db::open_in_memory().unwrap();
    let c = campaign::add(
        &mut db,
        &CampaignInput {
            name: "3.8".into(),
            start: "2027-03-06".into(),
            end: "2027-03-09".into(),
            budget: "1000".into(),
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    let spec = coupon::test_support::fixed_spec("满200减30", "30", "200", 20);
    coupon::add(&mut db, c.id, Product::AlipayVoucher, &spec).unwrap();
    let bill = "#支付宝业务明细查询\n支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\n\
T1\t,o1\t,交易\t,x,2027-03-07 10:00:00,2027-03-07 10:00:05,\t,\t,,\t,*x\t,230.00,200.00,0.00,0.00,0.00,30.00,30.00,满200减30,0.00\t,0.00,\t,0.00,0.00,\n\
T2\t,o2\t,交易\t,x,2027-03-08 10:00:00,2027-03-08 10:00:05,\t,\t,,\t,*y\t,201.00,171.00,0.00,0.00,0.00,30.00,30.00,满200减30,0.00\t,0.00,\t,0.00,0.00,\n\
#交易合计：2笔，商家实收共371.00元，商家优惠共60.00元\n#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.csv");
    std::fs::write(&path, encoding_rs::GBK.encode(bill).0.as_ref()).unwrap();
    import_file(&mut db, &path, &ImportOptions::default(), &mut |_| true).unwrap();
    let cost = campaign_cost(&db, c.id).unwrap();
    assert_eq!((cost.issued, cost.redemptions), (20, 2));
    assert_eq!(
        cost.redemption_rate.map(|d| d.to_string()).as_deref(),
        Some("0.1")
    );
    assert_eq!(
        [cost.mall, cost.tenant, cost.provider].map(|d| d.to_string()),
        ["42.00", "18.00", "0.00"]
    );
    assert_eq!(cost.spent.to_string(), "60.00");
    assert_eq!(
        cost.budget_used.map(|d| d.to_string()).as_deref(),
        Some("0.06")
    );
}
