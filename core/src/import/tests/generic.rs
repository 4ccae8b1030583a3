//! Generic exports through saved column mappings: CSV and spreadsheets.

use super::*;

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
