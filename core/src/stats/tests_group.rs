//! Group keys are data: a store or coupon whose name looks like a special group stays itself.

use super::*;
use crate::import::{import_file, ImportOptions};

/// A 3.8 campaign with a coupon literally named "(no coupon)", stores literally named
/// "(unmatched) BJ2" (holding BJ1) and "(no coupon)" (holding BJ3), and an Alipay bill with a
/// payment at each of BJ1, BJ2 (held by no store), no store id, and BJ3.
fn confusing_names() -> Db {
    use crate::store::{self, MerchantAccount, StoreInput};
    let mut db = Db::open_in_memory().unwrap();
    let c = crate::campaign::add(
        &mut db,
        &crate::campaign::CampaignInput {
            name: "3.8".into(),
            start: "2027-03-06".into(),
            end: "2027-03-09".into(),
            budget: "1000".into(),
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    let spec = crate::coupon::test_support::fixed_spec("(no coupon)", "30", "200", 20);
    crate::coupon::add(&mut db, c.id, crate::coupon::Product::AlipayVoucher, &spec).unwrap();
    for (name, id) in [("(unmatched) BJ2", "BJ1"), ("(no coupon)", "BJ3")] {
        let input = StoreInput {
            name: name.into(),
            merchant_ids: vec![MerchantAccount::alipay(id)],
            ..Default::default()
        };
        store::add(&mut db, &input).unwrap();
    }
    let head = "#支付宝业务明细查询\n支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\n";
    let row = |n: u32, store: &str, order: &str, paid: &str, off: &str, coupon: &str| {
        format!("T{n}\t,o{n}\t,交易\t,x,2027-03-07 1{n}:00:00,2027-03-07 1{n}:00:05,{store}\t,\t,,\t,*x\t,{order},{paid},0.00,0.00,0.00,{off},{off},{coupon},0.00\t,0.00,\t,0.00,0.00,\n")
    };
    let bill = [
        head.to_string(),
        row(1, "BJ1", "230.00", "200.00", "30.00", "(no coupon)"),
        row(2, "BJ2", "100.00", "90.00", "10.00", "别的券"),
        row(3, "", "50.00", "50.00", "0.00", ""),
        row(4, "BJ3", "80.00", "80.00", "0.00", ""),
        "#交易合计：4笔，商家实收共420.00元，商家优惠共40.00元\n#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元\n".into(),
    ]
    .concat();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.csv");
    std::fs::write(&path, encoding_rs::GBK.encode(&bill).0.as_ref()).unwrap();
    import_file(&mut db, &path, &ImportOptions::default(), &mut |_| true).unwrap();
    db
}

fn trades_by_key(db: &Db, by: GroupBy) -> Vec<(serde_json::Value, u64)> {
    let groups = grouped(db, &Scope::default(), by).unwrap();
    let window = Window::resolve(db, &Scope::default()).unwrap();
    assert_eq!(
        serde_json::to_string(&groups).unwrap(),
        serde_json::to_string(&grouped_from_source(db, &window, by, Source::Trades).unwrap())
            .unwrap(),
        "the rollup and the trades agree"
    );
    groups
        .iter()
        .map(|g| {
            let mut key = serde_json::to_value(&g.key).unwrap();
            key.as_object_mut().unwrap().remove("id");
            (key, g.kpis.trades)
        })
        .collect()
}

#[test]
fn a_store_named_like_a_special_group_is_still_a_store() {
    use serde_json::json;
    let db = confusing_names();
    assert_eq!(
        trades_by_key(&db, GroupBy::Store),
        [
            (json!({"kind": "store", "name": "(no coupon)"}), 1),
            (json!({"kind": "store", "name": "(unmatched) BJ2"}), 1),
            (json!({"kind": "unmatched", "merchant_id": "BJ2"}), 1),
            (json!({"kind": "no_merchant"}), 1),
        ]
    );
}

#[test]
fn a_coupon_named_like_a_special_group_is_still_a_coupon() {
    use serde_json::json;
    let db = confusing_names();
    assert_eq!(
        trades_by_key(&db, GroupBy::Coupon),
        [
            (json!({"kind": "coupon", "name": "(no coupon)"}), 1),
            (json!({"kind": "unattributed"}), 1),
            (json!({"kind": "no_coupon"}), 2),
        ]
    );
}

#[test]
fn a_group_serialises_its_key_tagged_beside_the_figures() {
    let db = confusing_names();
    let by_day = grouped(&db, &Scope::default(), GroupBy::Day).unwrap();
    let by_hour = grouped(&db, &Scope::default(), GroupBy::Hour).unwrap();
    let by_provider = grouped(&db, &Scope::default(), GroupBy::Provider).unwrap();
    let json = |g: &Group| serde_json::to_value(g).unwrap();
    assert_eq!(
        json(&by_day[0])["key"],
        serde_json::json!({"kind": "day", "date": "2027-03-07"})
    );
    assert_eq!(json(&by_day[0])["order"], "460.00");
    assert_eq!(
        by_hour
            .iter()
            .map(|g| json(g)["key"]["hour"].clone())
            .collect::<Vec<_>>(),
        [11, 12, 13, 14]
    );
    assert_eq!(
        json(&by_provider[0])["key"],
        serde_json::json!({"kind": "provider", "provider": "alipay"})
    );
}
