//! Imports of the two real samples (copied into fixtures/bills) and of every kind of bad file.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::*;
use crate::db::Db;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/bills")
        .join(name)
}

const WECHAT: &str = "wechatpay-tradebill-ALL.csv";
const ALIPAY: &str = "alipay-trade-detail-gbk.csv";

fn import(db: &mut Db, path: &Path) -> Result<ImportReport, ImportError> {
    import_file(db, path, &ImportOptions::default(), &mut |_| true)
}

fn trade_count(db: &Db) -> i64 {
    db.conn()
        .query_row("SELECT COUNT(*) FROM trade", [], |r| r.get(0))
        .unwrap()
}

fn batch_count(db: &Db) -> i64 {
    db.conn()
        .query_row("SELECT COUNT(*) FROM import_batch", [], |r| r.get(0))
        .unwrap()
}

/// Writes `bytes` to a temporary file named `name`.
fn temp(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    path
}

#[test]
fn the_wechat_sample_imports_and_reconciles() {
    let mut db = Db::open_in_memory().unwrap();
    let r = import(&mut db, &fixture(WECHAT)).unwrap();
    assert_eq!(r.format, Format::WechatTrade);
    assert_eq!((r.rows, r.payments, r.refunds), (45, 31, 14));
    assert_eq!((r.inserted, r.duplicates), (45, 0));
    assert!(r.reconciled, "{:?}", r.mismatches);
    assert_eq!(r.totals.settlement, "0.47");
    assert_eq!(r.totals.order, "0.47");
    assert_eq!(r.totals.refund, "0.14");
    assert_eq!(r.totals.fee, "0.08");
    assert_eq!(trade_count(&db), 45);
}

#[test]
fn importing_the_same_bill_again_inserts_nothing() {
    let mut db = Db::open_in_memory().unwrap();
    let first = import(&mut db, &fixture(WECHAT)).unwrap();
    let again = import(&mut db, &fixture(WECHAT)).unwrap();
    assert_eq!((again.inserted, again.duplicates), (0, 45));
    assert_eq!(again.batch_id, first.batch_id);
    assert_eq!(batch_count(&db), 1);
    assert_eq!(trade_count(&db), 45);
}

#[test]
fn a_refund_is_its_own_row_beside_its_payment() {
    let mut db = Db::open_in_memory().unwrap();
    import(&mut db, &fixture(ALIPAY)).unwrap();
    let (payments, refunds): (i64, i64) = db
        .conn()
        .query_row(
            "SELECT SUM(kind = 'payment'), SUM(kind = 'refund') FROM trade WHERE trade_no = '2019091622001458860515315453'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((payments, refunds), (1, 1));
}

#[test]
fn the_alipay_gbk_sample_imports_and_reconciles() {
    let mut db = Db::open_in_memory().unwrap();
    let r = import(&mut db, &fixture(ALIPAY)).unwrap();
    assert_eq!(r.format, Format::AlipayTrade);
    assert_eq!((r.rows, r.payments, r.refunds), (10, 6, 4));
    assert!(r.reconciled, "{:?}", r.mismatches);
    assert_eq!(r.totals.order, "0.06");
    assert_eq!(r.totals.settlement, "0.06");
    assert_eq!(r.totals.refund, "0.04");
    assert_eq!(r.totals.fee, "0.00");
}

/// Builds a ZIP the way Alipay ships it: stored entries whose names are raw bytes (GBK) with
/// the UTF-8 flag unset, which the zip crate's writer cannot produce.
fn raw_zip(entries: &[(&[u8], &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let u16le = |v: usize| (v as u16).to_le_bytes();
    let u32le = |v: usize| (v as u32).to_le_bytes();
    for (name, body) in entries {
        let crc = crc32fast::hash(body);
        let offset = out.len();
        out.extend(0x0403_4b50_u32.to_le_bytes());
        out.extend(u16le(20));
        out.extend(u16le(0)); // flags: no UTF-8 bit
        out.extend(u16le(0)); // stored
        out.extend([0u8; 4]); // time, date
        out.extend(crc.to_le_bytes());
        out.extend(u32le(body.len()));
        out.extend(u32le(body.len()));
        out.extend(u16le(name.len()));
        out.extend(u16le(0));
        out.extend(*name);
        out.extend(*body);
        central.extend(0x0201_4b50_u32.to_le_bytes());
        central.extend(u16le(20));
        central.extend(u16le(20));
        central.extend(u16le(0));
        central.extend(u16le(0));
        central.extend([0u8; 4]);
        central.extend(crc.to_le_bytes());
        central.extend(u32le(body.len()));
        central.extend(u32le(body.len()));
        central.extend(u16le(name.len()));
        central.extend([0u8; 12]); // extra, comment, disk, internal, external attributes
        central.extend(u32le(offset));
        central.extend(*name);
    }
    let cd_offset = out.len();
    out.extend(&central);
    out.extend(0x0605_4b50_u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(u16le(entries.len()));
    out.extend(u16le(entries.len()));
    out.extend(u32le(central.len()));
    out.extend(u32le(cd_offset));
    out.extend(u16le(0));
    out
}

fn alipay_zip(dir: &tempfile::TempDir, entries: &[(&[u8], &[u8])]) -> PathBuf {
    temp(
        dir,
        "20880211096256330156_20190916.csv.zip",
        &raw_zip(entries),
    )
}

#[test]
fn the_alipay_zip_picks_the_detail_bill_not_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let bill = std::fs::read(fixture(ALIPAY)).unwrap();
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let detail = gbk("20880211096256330156_20190916_业务明细.csv");
    let summary = gbk("20880211096256330156_20190916_业务明细(汇总).csv");
    let path = alipay_zip(&dir, &[(&summary, b"#x"), (&detail, &bill)]);
    let mut db = Db::open_in_memory().unwrap();
    let r = import(&mut db, &path).unwrap();
    assert_eq!((r.rows, r.refunds), (10, 4));
    // The same bill as CSV afterwards is the same content: nothing new.
    let again = import(&mut db, &fixture(ALIPAY)).unwrap();
    assert_eq!(again.inserted, 0);
}

fn refused(bytes: &[u8], name: &str) -> ImportError {
    let dir = tempfile::tempdir().unwrap();
    let path = temp(&dir, name, bytes);
    let mut db = Db::open_in_memory().unwrap();
    let err = import(&mut db, &path).unwrap_err();
    assert_eq!(trade_count(&db), 0, "nothing written for {name}");
    assert_eq!(batch_count(&db), 0, "no batch for {name}");
    err
}

fn wechat_text() -> String {
    String::from_utf8(std::fs::read(fixture(WECHAT)).unwrap()).unwrap()
}

#[test]
fn bad_files_are_refused_with_line_and_column_and_nothing_written() {
    assert_eq!(refused(b"", "empty.csv").code(), "import.empty");
    assert_eq!(
        refused(b"\x00\x01\x02binary", "x.bin").code(),
        "import.binary"
    );
    assert_eq!(
        refused("hello,world\n1,2\n".as_bytes(), "other.csv").code(),
        "import.unknown_format"
    );

    let text = wechat_text();
    let lines: Vec<&str> = text.lines().collect();

    // Truncated: the summary is gone.
    let cut = lines[..40].join("\n");
    assert_eq!(
        refused(cut.as_bytes(), "cut.csv").code(),
        "import.truncated"
    );

    // Cut in the middle of a row.
    let mut mid = lines[..10].join("\n");
    mid.push_str("\n`2019-02-19 05:01:46,`wx,`19");
    let err = refused(mid.as_bytes(), "mid.csv");
    assert_eq!(err.code(), "import.column_count");
    assert_eq!(err.line(), Some(11));

    // A missing column.
    let no_fee = text.replacen("手续费,", "费用,", 1);
    let err = refused(no_fee.as_bytes(), "nofee.csv");
    assert_eq!(err.code(), "import.missing_column");
    assert!(err.to_string().contains("手续费"));

    let replace_line = |n: usize, from: &str, to: &str| {
        let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        l[n - 1] = l[n - 1].replacen(from, to, 1);
        l.join("\n")
    };
    // Non-numeric amount on line 5 (a payment row).
    let err = refused(
        replace_line(5, "`0.01,`0.00,`0,`0", "`abc,`0.00,`0,`0").as_bytes(),
        "nan.csv",
    );
    assert_eq!((err.code(), err.line()), ("import.bad_value", Some(5)));
    assert!(err.to_string().contains("应结订单金额"), "{err}");
    // Impossible date.
    let err = refused(
        replace_line(3, "2019-02-19 05:01:46", "2019-02-30 05:01:46").as_bytes(),
        "date.csv",
    );
    assert_eq!((err.code(), err.line()), ("import.bad_value", Some(3)));
    assert!(err.to_string().contains("交易时间"));
    // A negative amount on a payment row.
    let err = refused(
        replace_line(4, "`CNY,`0.03,`0.00,", "`CNY,`0.03,`-0.50,").as_bytes(),
        "neg.csv",
    );
    assert_eq!(err.code(), "import.bad_value");
    assert!(err.to_string().contains("negative"), "{err}");
    // A huge field.
    let huge = replace_line(6, "autotest", &"x".repeat(200_000));
    assert_eq!(
        refused(huge.as_bytes(), "huge.csv").code(),
        "import.line_too_long"
    );

    // Personal bills.
    let personal =
        "微信支付账单明细\n微信昵称：[x]\n交易时间,交易类型,交易对方,商品,收/支,金额(元)\n";
    assert_eq!(
        refused(personal.as_bytes(), "wx-personal.csv").code(),
        "import.personal_bill"
    );
    let ali_personal = encoding_rs::GBK
        .encode("支付宝交易记录明细查询\n账号:[x]\n交易号,商家订单号,交易创建时间,收/支\n")
        .0
        .into_owned();
    let err = refused(&ali_personal, "ali-personal.csv");
    assert_eq!(err.code(), "import.personal_bill");
    assert!(err.to_string().contains("personal Alipay bill"));
}

#[test]
fn zip_traversal_and_missing_detail_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "../../etc/业务明细.csv".as_bytes().to_vec();
    let path = alipay_zip(&dir, &[(&evil, b"x")]);
    let mut db = Db::open_in_memory().unwrap();
    let err = import(&mut db, &path).unwrap_err();
    assert_eq!(err.code(), "import.zip_traversal", "{err}");
    let dir2 = tempfile::tempdir().unwrap();
    let path = alipay_zip(&dir2, &[(b"readme.txt", b"hello")]);
    assert_eq!(
        import(&mut db, &path).unwrap_err().code(),
        "import.zip_no_detail"
    );
    assert_eq!(trade_count(&db), 0);
}

#[test]
fn a_summary_mismatch_is_refused_unless_accepted() {
    let text = wechat_text().replace("`45.0,`0.47,", "`45.0,`0.48,");
    let dir = tempfile::tempdir().unwrap();
    let path = temp(&dir, "mismatch.csv", text.as_bytes());
    let mut db = Db::open_in_memory().unwrap();
    let err = import(&mut db, &path).unwrap_err();
    assert_eq!(err.code(), "import.mismatch");
    assert!(
        err.to_string()
            .contains("应结订单总金额 is 0.48 in the summary but 0.47 in the rows"),
        "{err}"
    );
    assert_eq!(trade_count(&db), 0);
    let options = ImportOptions {
        accept_mismatch: true,
        ..Default::default()
    };
    let r = import_file(&mut db, &path, &options, &mut |_| true).unwrap();
    assert!(!r.reconciled);
    assert_eq!(r.mismatches.len(), 1);
    assert!(!history(&db).unwrap()[0].reconciled);
}

#[test]
fn overlapping_bills_insert_only_new_rows_and_undo_removes_a_batch() {
    let text = wechat_text();
    let lines: Vec<&str> = text.lines().collect();
    // The first 20 detail rows with a matching summary, as another export.
    let header = lines[0];
    let rows = &lines[1..21];
    let mut partial = vec![header.to_string()];
    partial.extend(rows.iter().map(|s| s.to_string()));
    let dir = tempfile::tempdir().unwrap();
    let path = temp(&dir, "first20.csv", partial.join("\n").as_bytes());
    let mut db = Db::open_in_memory().unwrap();
    // No summary: refused as truncated, so add one by accepting nothing; instead import full first.
    assert_eq!(
        import(&mut db, &path).unwrap_err().code(),
        "import.truncated"
    );
    let full = import(&mut db, &fixture(WECHAT)).unwrap();
    let removed = undo(&mut db, full.batch_id).unwrap();
    assert_eq!(removed, 45);
    assert_eq!(trade_count(&db), 0);
    assert!(history(&db).unwrap().is_empty());
    assert_eq!(
        undo(&mut db, full.batch_id).unwrap_err().code(),
        "import.batch_not_found"
    );
    // Alipay then WeChat: two batches; WeChat again in a renamed copy is all duplicates.
    import(&mut db, &fixture(ALIPAY)).unwrap();
    import(&mut db, &fixture(WECHAT)).unwrap();
    let copy = temp(&dir, "copy.csv", text.as_bytes());
    let again = import(&mut db, &copy).unwrap();
    assert_eq!((again.inserted, again.duplicates), (0, 45));
    assert_eq!(history(&db).unwrap().len(), 2);
}

#[test]
fn cancelling_writes_nothing() {
    let text = wechat_text();
    let lines: Vec<&str> = text.lines().collect();
    // Make a bill big enough to reach a progress report: repeat rows with new keys.
    let mut big = vec![lines[0].to_string()];
    for i in 0..9000 {
        big.push(lines[3].replace("4200000263201902167700134902", &format!("42{i:026}")));
    }
    big.push(lines[46].to_string());
    big.push(lines[47].to_string());
    let dir = tempfile::tempdir().unwrap();
    let path = temp(&dir, "big.csv", big.join("\n").as_bytes());
    let mut db = Db::open_in_memory().unwrap();
    let err = import_file(&mut db, &path, &ImportOptions::default(), &mut |_| false).unwrap_err();
    assert_eq!(err.code(), "import.cancelled");
    assert_eq!(trade_count(&db), 0);
    assert_eq!(batch_count(&db), 0);
}

#[test]
fn stores_are_matched_by_merchant_id_and_unmatched_ones_listed() {
    let mut db = Db::open_in_memory().unwrap();
    import(&mut db, &fixture(ALIPAY)).unwrap();
    let unmatched = unmatched_merchants(&db).unwrap();
    assert_eq!(unmatched[0].merchant_id, "alipay_store");
    assert_eq!(unmatched[0].trades, 9);
    let store = crate::store::add(
        &mut db,
        &crate::store::StoreInput {
            name: "测试门店".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let changed = map_merchant(&mut db, "alipay", "alipay_store", store.id).unwrap();
    assert_eq!(changed, 9);
    assert!(unmatched_merchants(&db).unwrap().is_empty());
}

/// An Alipay bill with one payment that redeemed `coupon_name` on 2027-03-07 at `store`.
fn alipay_bill_with_coupon(coupon_name: &str, store: &str) -> Vec<u8> {
    let text = format!(
        "#支付宝业务明细查询\n#账号：[2088]\n支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\n\
2027030722001\t,o1\t,交易\t,衣服,2027-03-07 10:00:00,2027-03-07 10:00:05,{store}\t,店\t,,\t,*x\t,230.00,200.00,0.00,0.00,0.00,30.00,30.00,{coupon_name},0.00\t,0.00,\t,1.20,0.00,\n\
2027030722002\t,o2\t,交易\t,衣服,2027-03-07 11:00:00,2027-03-07 11:00:05,{store}\t,店\t,,\t,*y\t,100.00,100.00,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,0.60,0.00,\n\
#-----业务明细列表结束-----\n#交易合计：2笔，商家实收共300.00元，商家优惠共30.00元\n#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元\n"
    );
    encoding_rs::GBK.encode(&text).0.into_owned()
}

#[test]
fn coupon_redemptions_are_attributed_and_re_attributed_when_coupons_change() {
    use crate::campaign::{self, CampaignInput};
    use crate::coupon::{self, CouponKind, CouponSpec, Product, Validity};
    let mut db = Db::open_in_memory().unwrap();
    let store = crate::store::add(
        &mut db,
        &crate::store::StoreInput {
            name: "优衣库".into(),
            alipay_store_id: Some("BJ_001".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let c = campaign::add(
        &mut db,
        &CampaignInput {
            name: "3.8".into(),
            start: "2027-03-06".into(),
            end: "2027-03-09".into(),
            budget: "100000".into(),
            store_ids: vec![store.id],
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    let spec = CouponSpec {
        name: "女神节满200减30".into(),
        bill_name: String::new(),
        description: String::new(),
        kind: CouponKind::Fixed,
        face_value: "30".into(),
        threshold: "200".into(),
        pay_percent: String::new(),
        cap: String::new(),
        price: String::new(),
        original_price: String::new(),
        multiplier: String::new(),
        quantity: 100,
        per_user_limit: 1,
        per_user_period: Default::default(),
        daily_cap: 0,
        validity: Validity::Absolute {
            start: "2027-03-06".into(),
            end: "2027-03-09".into(),
        },
        time_slots: vec![],
        store_ids: vec![],
        funding: Default::default(),
        stacking: Default::default(),
        provider_ref: String::new(),
        card_bins: vec![],
    };
    let coupons = coupon::add_offer(&mut db, c.id, &[Product::AlipayVoucher], &spec).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = temp(
        &dir,
        "a.csv",
        &alipay_bill_with_coupon("女神节满200减30", "BJ_001"),
    );
    let r = import(&mut db, &path).unwrap();
    assert!(r.reconciled, "{:?}", r.mismatches);
    assert_eq!(r.totals.coupon, "30.00");
    assert_eq!(r.totals.fee, "1.80");
    let (coupon_id, store_id): (Option<i64>, Option<i64>) = db
        .conn()
        .query_row(
            "SELECT coupon_id, store_id FROM trade WHERE key = '2027030722001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((coupon_id, store_id), (Some(coupons[0].id), Some(store.id)));
    assert!(unattributed(&db).unwrap().is_empty());

    // A second coupon with the same bill name makes the redemption ambiguous…
    let mut twin = spec.clone();
    twin.name = "女神节满200减30B".into();
    twin.bill_name = "女神节满200减30".into();
    coupon::add(&mut db, c.id, Product::AlipayOrderVoucher, &twin).unwrap();
    let list = unattributed(&db).unwrap();
    assert_eq!(list.len(), 1, "re-attribution ran after the coupon change");
    assert_eq!(list[0].coupon_name, "女神节满200减30");
}

#[test]
fn line_numbers_count_from_the_header() {
    let text = wechat_text();
    let lines: Vec<&str> = text.lines().collect();
    for n in [2usize, 3, 10] {
        let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        l[n - 1] = l[n - 1].replacen("`2019-02-19", "`2019-13-19", 1);
        for eol in ["\n", "\r\n"] {
            let err = refused(l.join(eol).as_bytes(), "l.csv");
            assert_eq!(err.line(), Some(n as u64), "{eol:?}: {err}");
        }
    }
}

#[test]
fn a_generic_csv_imports_through_a_saved_mapping() {
    let mut db = Db::open_in_memory().unwrap();
    let mapping = Mapping {
        name: "POS".into(),
        provider: "unionpay".into(),
        columns: MappingColumns {
            time: "交易时间".into(),
            trade_no: "流水号".into(),
            amount: "金额".into(),
            fee: "手续费".into(),
            merchant_id: "商户编号".into(),
            ..Default::default()
        },
    };
    save_mapping(&mut db, &mapping).unwrap();
    assert_eq!(list_mappings(&db).unwrap(), vec![mapping]);
    let text = "流水号,交易时间,金额,手续费,商户编号\nP001,2027-03-07 10:00:00,300.00,1.65,U1\nP002,2027-03-07 11:00:00,-300.00,-1.65,U1\nP003,2027-03-08 12:30:00,88.80,0.49,U2\n";
    let dir = tempfile::tempdir().unwrap();
    let path = temp(&dir, "pos.csv", encoding_rs::GBK.encode(text).0.as_ref());
    let options = ImportOptions {
        mapping: Some("POS".into()),
        ..Default::default()
    };
    let r = import_file(&mut db, &path, &options, &mut |_| true).unwrap();
    assert_eq!(r.format, Format::Csv);
    assert_eq!((r.rows, r.payments, r.refunds), (3, 2, 1));
    assert_eq!(r.totals.order, "388.80");
    assert_eq!(r.totals.refund, "300.00");
    assert_eq!(r.totals.fee, "0.49");
    let provider: String = db
        .conn()
        .query_row("SELECT provider FROM trade LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(provider, "unionpay");
    let again = import_file(&mut db, &path, &options, &mut |_| true).unwrap();
    assert_eq!(again.inserted, 0);
    // Without the mapping, a generic file is refused; a bad mapping too.
    let plain = ImportOptions {
        format: FormatChoice::Only(Format::Csv),
        ..Default::default()
    };
    assert_eq!(
        import_file(&mut db, &path, &plain, &mut |_| true)
            .unwrap_err()
            .code(),
        "import.mapping_required"
    );
    let missing = ImportOptions {
        mapping: Some("nope".into()),
        ..Default::default()
    };
    assert_eq!(
        import_file(&mut db, &path, &missing, &mut |_| true)
            .unwrap_err()
            .code(),
        "import.mapping_not_found"
    );
    let bad = "流水号,交易时间,金额\nP9,2027-03-07 10:00:00,abc\n";
    let bad_path = temp(&dir, "bad.csv", bad.as_bytes());
    let mut other = list_mappings(&db).unwrap()[0].clone();
    other.name = "POS2".into();
    other.columns.fee = String::new();
    other.columns.merchant_id = String::new();
    save_mapping(&mut db, &other).unwrap();
    let err = import_file(
        &mut db,
        &bad_path,
        &ImportOptions {
            mapping: Some("POS2".into()),
            ..Default::default()
        },
        &mut |_| true,
    )
    .unwrap_err();
    assert_eq!((err.code(), err.line()), ("import.bad_value", Some(2)));
    remove_mapping(&mut db, "POS2").unwrap();
    assert_eq!(list_mappings(&db).unwrap().len(), 1);
}

#[test]
fn an_xlsx_export_imports_through_a_mapping() {
    use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("member.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in ["单号", "时间", "金额"].iter().enumerate() {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    let date = CellFormat::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    sheet.write_string(1, 0, "M1").unwrap();
    sheet
        .write_datetime_with_format(
            1,
            1,
            ExcelDateTime::parse_from_str("2027-03-07 10:00:00").unwrap(),
            &date,
        )
        .unwrap();
    sheet.write_number(1, 2, 199.9).unwrap();
    sheet.write_string(2, 0, "M2").unwrap();
    sheet.write_string(2, 1, "2027-03-08 09:30:00").unwrap();
    sheet.write_number(2, 2, -50.0).unwrap();
    book.save(&path).unwrap();

    let mut db = Db::open_in_memory().unwrap();
    let mapping = Mapping {
        name: "会员".into(),
        provider: "member_card".into(),
        columns: MappingColumns {
            time: "时间".into(),
            trade_no: "单号".into(),
            amount: "金额".into(),
            ..Default::default()
        },
    };
    save_mapping(&mut db, &mapping).unwrap();
    assert_eq!(
        import(&mut db, &path).unwrap_err().code(),
        "import.mapping_required"
    );
    let options = ImportOptions {
        mapping: Some("会员".into()),
        ..Default::default()
    };
    let r = import_file(&mut db, &path, &options, &mut |_| true).unwrap();
    assert_eq!((r.payments, r.refunds), (1, 1));
    assert_eq!(r.totals.order, "199.90");
    assert_eq!(r.totals.refund, "50.00");
    let at: i64 = db
        .conn()
        .query_row("SELECT occurred_at FROM trade WHERE key = 'M1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        crate::time::rfc3339(at, chrono_tz::Asia::Shanghai),
        "2027-03-07T10:00:00+08:00"
    );
}

#[test]
fn the_legacy_24_column_wechat_bill_imports() {
    let text = "\u{feff}交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率\r\n\
`2017-03-08 10:00:00,`wx1,`1900000001,`1900012301,`,`4001,`O1,`u1,`JSAPI,`SUCCESS,`CMB,`CNY,`230.00,`30.00,`0,`0,`0,`0,`,`,`衣服,`,`1.38000,`0.60%\r\n\
`2017-03-09 10:00:00,`wx1,`1900000001,`1900012301,`,`4001,`O1,`u1,`JSAPI,`REFUND,`CMB,`CNY,`0,`0,`5001,`R1,`230.00,`0,`ORIGINAL,`SUCCESS,`衣服,`,`-1.38000,`0.60%\r\n\
总交易单数,总交易额,总退款金额,总企业红包退款金额,手续费总金额\r\n\
`2,`230.00,`230.00,`0.00,`0.00\r\n";
    let dir = tempfile::tempdir().unwrap();
    let path = temp(&dir, "legacy.csv", text.as_bytes());
    let mut db = Db::open_in_memory().unwrap();
    let r = import(&mut db, &path).unwrap();
    assert!(r.reconciled, "{:?}", r.mismatches);
    assert_eq!((r.payments, r.refunds), (1, 1));
    assert_eq!(r.totals.order, "230.00");
    assert_eq!(r.totals.coupon, "30.00");
    assert_eq!(r.totals.refund, "230.00");
    assert_eq!(r.totals.fee, "0.00");
}

#[test]
fn a_zip_entry_claiming_to_be_huge_is_refused_before_decompressing() {
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let mut bytes = raw_zip(&[(&gbk("2088_20190916_业务明细.csv"), b"#x")]);
    // Make both headers claim a 4 GiB uncompressed size (a ZIP bomb's promise).
    let local_size = 22; // offset of "uncompressed size" in the local header
    bytes[local_size..local_size + 4].copy_from_slice(&0xFFFF_FFF0_u32.to_le_bytes());
    let central = bytes
        .windows(4)
        .position(|w| w == 0x0201_4b50_u32.to_le_bytes())
        .unwrap();
    bytes[central + 24..central + 28].copy_from_slice(&0xFFFF_FFF0_u32.to_le_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = temp(&dir, "bomb.zip", &bytes);
    let mut db = Db::open_in_memory().unwrap();
    let err = import(&mut db, &path).unwrap_err();
    assert_eq!(err.code(), "import.zip_too_large", "{err}");
    assert_eq!(trade_count(&db), 0);
}
