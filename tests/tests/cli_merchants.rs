//! Black-box tests of merchant ids: a store added after its bill, a UnionPay merchant mapped
//! without touching the Alipay id, a taken id moved only with --move, a cancelled campaign's
//! redemptions leaving its coupon.

use promodesk_tests::{fixture_bill as bill, Cli};

fn trades_of(cli: &Cli, store: &str) -> u64 {
    let stats = cli.json(&["stats", "--store", store, "--json"]);
    stats["trades"].as_u64().unwrap() + stats["refunds"].as_u64().unwrap()
}

#[test]
fn a_store_added_after_its_bill_gets_its_trades() {
    let cli = Cli::new();
    cli.json(&["import", &bill("alipay-trade-detail-gbk.csv"), "--json"]);
    let unmatched = cli.json(&["import", "unmatched", "--json"]);
    assert_eq!(unmatched[0]["merchant_id"], "alipay_store");
    let store = cli.json(&[
        "store",
        "add",
        "--name",
        "优衣库",
        "--alipay-store-id",
        "alipay_store",
        "--json",
    ]);
    let id = store["id"].to_string();
    assert_eq!(trades_of(&cli, &id), 9, "the 9 rows that name alipay_store");
    assert_eq!(
        cli.json(&["import", "unmatched", "--json"]),
        serde_json::json!([])
    );
}

#[test]
fn mapping_a_unionpay_merchant_leaves_the_alipay_id_alone_and_a_taken_id_moves_only_when_asked() {
    let cli = Cli::new();
    let a = cli.json(&[
        "store",
        "add",
        "--name",
        "星巴克",
        "--alipay-store-id",
        "102110058120001",
        "--json",
    ])["id"]
        .to_string();
    let b = cli.json(&["store", "add", "--name", "无印良品", "--json"])["id"].to_string();
    let mapped = cli.json(&["import", "map", "unionpay", "102110058120001", &b, "--json"]);
    assert_eq!(mapped["moved_from"], serde_json::Value::Null);
    assert_eq!(mapped["account"]["kind"], "merchant_no");
    let first = cli.json(&["store", "show", &a, "--json"]);
    assert_eq!(
        first["merchant_ids"],
        serde_json::json!([{"provider": "alipay", "kind": "store_id", "merchant_id": "102110058120001"}])
    );
    // The Alipay id is 星巴克's: giving it to 无印良品 is refused, naming the holder.
    let out = cli.run(&["store", "id", "add", &b, "alipay", "102110058120001"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("already belongs to '星巴克'"), "{stderr}");
    let moved = cli.json(&[
        "store",
        "id",
        "add",
        &b,
        "alipay",
        "102110058120001",
        "--move",
        "--json",
    ]);
    assert_eq!(moved["moved_from"]["name"], "星巴克");
    let first = cli.json(&["store", "show", &a, "--json"]);
    assert_eq!(first["merchant_ids"], serde_json::json!([]));
    let line = cli.ok(&["store", "list"]);
    assert!(
        line.contains("alipay:102110058120001 unionpay:102110058120001"),
        "{line}"
    );
}

#[test]
fn a_cancelled_campaign_keeps_no_redemptions() {
    let cli = Cli::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alipay.csv");
    let text = "#支付宝业务明细查询\n支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\n\
2027030722001\t,o1\t,交易\t,衣服,2027-03-07 10:00:00,2027-03-07 10:00:05,S1\t,店\t,,\t,*x\t,230.00,200.00,0.00,0.00,0.00,30.00,30.00,女神节满200减30,0.00\t,0.00,\t,1.20,0.00,\n\
#-----业务明细列表结束-----\n#交易合计：1笔，商家实收共200.00元，商家优惠共30.00元\n#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元\n";
    std::fs::write(&path, encoding_rs::GBK.encode(text).0).unwrap();
    let campaign = cli.json(&[
        "campaign",
        "add",
        "--name",
        "女神节",
        "--start",
        "2027-03-06",
        "--end",
        "2027-03-09",
        "--budget",
        "100000",
        "--json",
    ])["id"]
        .to_string();
    cli.ok(&[
        "coupon",
        "add",
        "--campaign",
        &campaign,
        "--product",
        "alipay_voucher",
        "--name",
        "女神节满200减30",
        "--face",
        "30",
        "--threshold",
        "200",
        "--quantity",
        "100",
    ]);
    cli.json(&["import", path.to_str().unwrap(), "--json"]);
    let by_coupon = |cli: &Cli| -> u64 {
        cli.json(&["stats", "--by", "coupon", "--json"])["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["key"] == serde_json::json!({"kind": "coupon", "name": "女神节满200减30"}))
            .map_or(0, |g| g["redemptions"].as_u64().unwrap())
    };
    assert_eq!(by_coupon(&cli), 1);
    cli.ok(&["campaign", "set-status", &campaign, "cancelled"]);
    assert_eq!(by_coupon(&cli), 0);
}
