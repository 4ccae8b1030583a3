//! Every layout WeChat Pay and Alipay hand out: one mall day (2027-03-08) as ALL, SUCCESS and
//! REFUND bills, the 2016 service-provider bill, the legacy layout's quirks and the older
//! Alipay footer — each imported, reconciled to the cent, and keyed alike across layouts.

use super::*;

const DAY_ALL: &str = "wechatpay-tradebill-day-ALL.csv";
const DAY_SUCCESS: &str = "wechatpay-tradebill-day-SUCCESS.csv";
const DAY_REFUND: &str = "wechatpay-tradebill-day-REFUND.csv";
const PROVIDER_2016: &str = "wechatpay-provider-2016.csv";
const ALIPAY_OLDER: &str = "alipay-trade-detail-older-footer-gbk.csv";

fn text_of(name: &str) -> String {
    String::from_utf8(std::fs::read(fixture(name)).unwrap()).unwrap()
}

fn import_bytes(db: &mut Db, name: &str, bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let dir = tempfile::tempdir().unwrap();
    import(db, &temp(&dir, name, bytes))
}

/// Every stored trade, without what depends on the file it came from (id, batch, line).
pub(super) fn trades(db: &Db) -> Vec<String> {
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT provider, kind, key, trade_no, merchant_order_no, occurred_at, merchant_id,
                    order_fen, settlement_fen, coupon_fen, provider_discount_fen,
                    merchant_discount_fen, refund_fen, fee_e5, coupon_name
             FROM trade ORDER BY provider, kind, key",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            let mut fields = Vec::new();
            for i in 0..15 {
                let v: crate::sql::types::Value = r.get(i)?;
                fields.push(format!("{v:?}"));
            }
            Ok(fields.join("|"))
        })
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// (kind, count, Σorder, Σsettlement, Σcoupon, Σrefund, Σfee_e5) per kind.
type KindTotals = (String, i64, i64, i64, i64, i64, i64);

fn totals_by_kind(db: &Db) -> Vec<KindTotals> {
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT kind, COUNT(*), SUM(order_fen), SUM(settlement_fen), SUM(coupon_fen),
                    SUM(refund_fen), SUM(fee_e5)
             FROM trade GROUP BY kind ORDER BY kind",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn utc(local: &str, db: &Db) -> i64 {
    let zone = crate::mall::get(db).unwrap().zone();
    crate::import::write::local_time(local, zone).unwrap()
}

#[test]
fn each_wechat_layout_of_one_day_imports_and_reconciles_to_the_cent() {
    // (file, rows, payments, refunds, order, settlement, coupon, refund, fee)
    let expected = [
        (
            DAY_ALL, 11, 8, 3, "2784.80", "2634.80", "200.00", "388.80", "13.48",
        ),
        (
            DAY_SUCCESS,
            8,
            8,
            0,
            "2784.80",
            "2634.80",
            "200.00",
            "0.00",
            "15.81",
        ),
        (
            DAY_REFUND, 3, 0, 3, "0.00", "0.00", "0.00", "388.80", "-2.33",
        ),
    ];
    for (file, rows, payments, refunds, order, settlement, coupon, refund, fee) in expected {
        let mut db = Db::open_in_memory().unwrap();
        let r = import(&mut db, &fixture(file)).unwrap();
        assert_eq!(r.format, Format::WechatTrade, "{file}");
        assert!(r.reconciled, "{file}: {:?}", r.mismatches);
        assert_eq!((r.rows, r.payments, r.refunds), (rows, payments, refunds));
        let t = &r.totals;
        assert_eq!(
            (&*t.order, &*t.settlement, &*t.coupon, &*t.refund, &*t.fee),
            (order, settlement, coupon, refund, fee),
            "{file}"
        );
        assert_eq!(trade_count(&db), rows as i64);
    }
}

#[test]
fn a_refund_in_a_refund_bill_is_dated_when_the_refund_succeeded() {
    let mut db = Db::open_in_memory().unwrap();
    import(&mut db, &fixture(DAY_REFUND)).unwrap();
    let at = |key: &str| -> i64 {
        db.conn()
            .query_row("SELECT occurred_at FROM trade WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .unwrap()
    };
    // The payment was on 03-06 (交易时间); the refund succeeded on 03-08 (退款成功时间).
    assert_eq!(
        at("50300509102027030812345678902"),
        utc("2027-03-08 17:05:33", &db)
    );
    assert_eq!(
        at("50300509102027030812345678901"),
        utc("2027-03-08 10:30:12", &db)
    );
    // Still processing: no success time yet, so the time it was asked for.
    let processing = text_of(DAY_REFUND).replace(
        "`2027-03-08 17:05:20,`2027-03-08 17:05:33,",
        "`2027-03-08 17:05:20,`,",
    );
    let mut db = Db::open_in_memory().unwrap();
    import_bytes(&mut db, "processing.csv", processing.as_bytes()).unwrap();
    assert_eq!(
        db.conn()
            .query_row(
                "SELECT occurred_at FROM trade WHERE key = '50300509102027030812345678902'",
                [],
                |r| r.get::<_, i64>(0)
            )
            .unwrap(),
        utc("2027-03-08 17:05:20", &db)
    );
}

#[test]
fn all_success_and_refund_bills_of_one_day_in_any_order_store_what_the_all_bill_stores() {
    let mut alone = Db::open_in_memory().unwrap();
    import(&mut alone, &fixture(DAY_ALL)).unwrap();
    let (want_trades, want_totals) = (trades(&alone), totals_by_kind(&alone));
    assert_eq!(want_trades.len(), 11);
    let orders = [
        [DAY_ALL, DAY_SUCCESS, DAY_REFUND],
        [DAY_ALL, DAY_REFUND, DAY_SUCCESS],
        [DAY_SUCCESS, DAY_ALL, DAY_REFUND],
        [DAY_SUCCESS, DAY_REFUND, DAY_ALL],
        [DAY_REFUND, DAY_ALL, DAY_SUCCESS],
        [DAY_REFUND, DAY_SUCCESS, DAY_ALL],
    ];
    for order in orders {
        let mut db = Db::open_in_memory().unwrap();
        let mut inserted = 0;
        for file in order {
            let r = import(&mut db, &fixture(file)).unwrap();
            assert!(r.reconciled, "{file}: {:?}", r.mismatches);
            inserted += r.inserted;
        }
        assert_eq!(inserted, 11, "{order:?}");
        assert_eq!(trades(&db), want_trades, "{order:?}");
        assert_eq!(totals_by_kind(&db), want_totals, "{order:?}");
    }
    // The SUCCESS and REFUND bills together are the ALL bill.
    let mut pair = Db::open_in_memory().unwrap();
    import(&mut pair, &fixture(DAY_SUCCESS)).unwrap();
    import(&mut pair, &fixture(DAY_REFUND)).unwrap();
    assert_eq!(trades(&pair), want_trades);
}

/// The bill re-written with other line ends, with or without BOM, with or without backticks
/// on the summary row, and with the count printed as `N` or `N.0`.
fn reshaped(text: &str, eol: &str, bom: bool, summary_backticks: bool, dot_zero: bool) -> String {
    let body = text.trim_start_matches('\u{feff}');
    let mut lines: Vec<String> = body.lines().map(str::to_string).collect();
    let last = lines.pop().unwrap();
    let mut values: Vec<String> = last
        .split(',')
        .map(|v| v.trim_start_matches('`').to_string())
        .collect();
    let count = values[0].trim_end_matches(".0").to_string();
    values[0] = if dot_zero {
        format!("{count}.0")
    } else {
        count
    };
    let tick = if summary_backticks { "`" } else { "" };
    lines.push(
        values
            .iter()
            .map(|v| format!("{tick}{v}"))
            .collect::<Vec<_>>()
            .join(","),
    );
    let mut out = if bom {
        "\u{feff}".to_string()
    } else {
        String::new()
    };
    out.push_str(&lines.join(eol));
    out.push_str(eol);
    out
}

#[test]
fn line_ends_bom_and_summary_shapes_do_not_matter() {
    for file in [DAY_ALL, DAY_SUCCESS, DAY_REFUND, PROVIDER_2016, WECHAT] {
        let text = text_of(file);
        let mut want = None;
        for eol in ["\n", "\r\n"] {
            for bom in [true, false] {
                for ticks in [true, false] {
                    for dot_zero in [true, false] {
                        let bytes = reshaped(&text, eol, bom, ticks, dot_zero);
                        let mut db = Db::open_in_memory().unwrap();
                        let r = import_bytes(&mut db, "bill.csv", bytes.as_bytes()).unwrap();
                        assert!(
                            r.reconciled,
                            "{file} {eol:?} {bom} {ticks}: {:?}",
                            r.mismatches
                        );
                        let got = (r.rows, r.totals.clone(), trades(&db));
                        assert_eq!(want.get_or_insert(got.clone()), &got, "{file}");
                    }
                }
            }
        }
    }
}

#[test]
fn the_2016_service_provider_bill_imports_with_either_coupon_column_name() {
    let text = text_of(PROVIDER_2016);
    let older = text.replacen("企业红包金额", "代金券或立减优惠金额", 1);
    for bytes in [text, older] {
        let mut db = Db::open_in_memory().unwrap();
        let r = import_bytes(&mut db, "sp.csv", bytes.as_bytes()).unwrap();
        assert!(r.reconciled, "{:?}", r.mismatches);
        assert_eq!((r.rows, r.payments, r.refunds), (6, 6, 0));
        assert_eq!(r.totals.order, "1014.50");
        assert_eq!(r.totals.settlement, "1014.50");
        assert_eq!(r.totals.coupon, "15.00");
        assert_eq!(r.totals.fee, "6.08");
        // The tenant is the 子商户号, so stores can be matched.
        let unmatched = unmatched_merchants(&db).unwrap();
        assert_eq!(unmatched.len(), 4);
        assert!(unmatched
            .iter()
            .any(|m| m.merchant_id == "1251234502" && m.trades == 2));
    }
}

#[test]
fn a_header_whose_bom_was_mis_decoded_as_a_question_mark_still_reads() {
    let text = text_of(DAY_ALL).replacen("\u{feff}交易时间", "?交易时间", 1);
    let mut db = Db::open_in_memory().unwrap();
    let r = import_bytes(&mut db, "v2.csv", text.as_bytes()).unwrap();
    assert!(r.reconciled, "{:?}", r.mismatches);
    assert_eq!(r.rows, 11);
}

#[test]
fn new_layouts_whose_rows_disagree_with_their_summary_are_refused_unless_accepted() {
    let cases = [
        (
            DAY_SUCCESS,
            "`8.0,`2634.80,",
            "`8.0,`2634.81,",
            "应结订单总金额",
        ),
        // A REFUND bill's 应结订单总金额 totals the payments' amounts its rows print.
        (DAY_REFUND, "3.0,1576.80,", "3.0,1576.70,", "应结订单总金额"),
        (DAY_REFUND, ",-2.33,", ",-2.34,", "手续费总金额"),
        (DAY_ALL, "`11.0,", "`12.0,", "总交易单数"),
        (PROVIDER_2016, "`6,`1014.50,", "`6,`1014.00,", "总交易额"),
    ];
    for (file, from, to, figure) in cases {
        let text = text_of(file);
        assert!(text.contains(from), "{file}");
        let changed = text.replacen(from, to, 1);
        let dir = tempfile::tempdir().unwrap();
        let path = temp(&dir, "m.csv", changed.as_bytes());
        let mut db = Db::open_in_memory().unwrap();
        let err = import(&mut db, &path).unwrap_err();
        assert_eq!(err.code(), "import.mismatch", "{file}");
        assert!(err.to_string().contains(figure), "{file}: {err}");
        assert_eq!((trade_count(&db), batch_count(&db)), (0, 0), "{file}");
        let accept = ImportOptions {
            accept_mismatch: true,
            ..Default::default()
        };
        let r = import_file(&mut db, &path, &accept, &mut |_| true).unwrap();
        assert!(!r.reconciled);
    }
}

#[test]
fn a_refund_row_in_a_bill_without_refund_columns_is_refused_at_its_line() {
    let text = text_of(DAY_SUCCESS);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[3] = lines[3].replacen("`SUCCESS", "`REFUND", 1);
    let mut db = Db::open_in_memory().unwrap();
    let err = import_bytes(&mut db, "s.csv", lines.join("\n").as_bytes()).unwrap_err();
    assert_eq!((err.code(), err.line()), ("import.missing_column", Some(4)));
    assert!(err.to_string().contains("微信退款单号"), "{err}");
    assert_eq!((trade_count(&db), batch_count(&db)), (0, 0));
}

#[test]
fn the_older_alipay_footer_reconciles_and_is_checked() {
    let mut db = Db::open_in_memory().unwrap();
    let r = import(&mut db, &fixture(ALIPAY_OLDER)).unwrap();
    assert_eq!(r.format, Format::AlipayTrade);
    assert!(r.reconciled, "{:?}", r.mismatches);
    assert_eq!((r.rows, r.payments, r.refunds), (4, 3, 1));
    assert_eq!(r.totals.order, "921.00");
    assert_eq!(r.totals.settlement, "891.00");
    assert_eq!(r.totals.coupon, "30.00");
    assert_eq!(r.totals.refund, "269.00");
    assert_eq!(r.totals.fee, "3.73");
    let gbk = std::fs::read(fixture(ALIPAY_OLDER)).unwrap();
    let text = encoding_rs::GBK.decode(&gbk).0.into_owned();
    for (from, to, figure) in [
        (
            "交易金额共921.00元",
            "交易金额共920.00元",
            "交易合计交易金额",
        ),
        ("#交易合计：3笔", "#交易合计：4笔", "交易合计笔数"),
        ("#退款合计：1笔", "#退款合计：2笔", "退款合计笔数"),
    ] {
        let changed = encoding_rs::GBK
            .encode(&text.replacen(from, to, 1))
            .0
            .into_owned();
        let mut db = Db::open_in_memory().unwrap();
        let err = import_bytes(&mut db, "old.csv", &changed).unwrap_err();
        assert_eq!(err.code(), "import.mismatch");
        assert!(err.to_string().contains(figure), "{err}");
        assert_eq!((trade_count(&db), batch_count(&db)), (0, 0));
    }
}

#[test]
fn an_alipay_refund_is_dated_by_its_completion_not_its_payment() {
    let mut db = Db::open_in_memory().unwrap();
    import(&mut db, &fixture(ALIPAY)).unwrap();
    let (payment, refund): (i64, i64) = db
        .conn()
        .query_row(
            "SELECT MAX(CASE kind WHEN 'payment' THEN occurred_at END),
                    MAX(CASE kind WHEN 'refund' THEN occurred_at END)
             FROM trade WHERE trade_no = '2019091622001458860515315453'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // 创建时间 10:55:16 is the payment's on both rows; 完成时间 tells them apart.
    assert_eq!(payment, utc("2019-09-16 10:55:23", &db));
    assert_eq!(refund, utc("2019-09-16 10:56:48", &db));
    let mut db = Db::open_in_memory().unwrap();
    import(&mut db, &fixture(ALIPAY_OLDER)).unwrap();
    let refund: i64 = db
        .conn()
        .query_row(
            "SELECT occurred_at FROM trade WHERE kind = 'refund'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(refund, utc("2017-06-14 18:42:07", &db));
}

#[test]
fn an_alipay_zip_with_the_detail_and_its_summary_file_takes_the_detail_in_either_order() {
    let bill = std::fs::read(fixture(ALIPAY_OLDER)).unwrap();
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let detail = gbk("20881021234567890156_20170614_业务明细.csv");
    let summary_name = gbk("20881021234567890156_20170614_业务明细(汇总).csv");
    let summary = gbk("#支付宝业务明细查询\r\n#账号：[20881021234567890156]\r\n门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）\r\nHZ_2F_018,H&M 杭州湖滨店,1,1,0.00,0.00\r\n#导出时间：[2017年06月15日 08:12:44]\r\n");
    let both: [[(&[u8], &[u8]); 2]; 2] = [
        [(&detail, &bill), (&summary_name, &summary)],
        [(&summary_name, &summary), (&detail, &bill)],
    ];
    for entries in both {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open_in_memory().unwrap();
        let r = import(&mut db, &alipay_zip(&dir, &entries)).unwrap();
        assert!(r.reconciled, "{:?}", r.mismatches);
        assert_eq!((r.rows, r.payments, r.refunds), (4, 3, 1));
        assert_eq!(r.totals.order, "921.00");
    }
}
