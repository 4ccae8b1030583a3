//! Reports read back: the XLSX through calamine against the statistics, the PDF's text through
//! pdftotext, the CSV ZIP's bytes; formula injection; atomic writes.

use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};

use super::*;
use crate::import::{import_file, ImportOptions};
use crate::stats::{self, Scope};

/// Both sample bills, a store named like a formula that matches the Alipay merchant, and a
/// campaign over both bill days.
fn loaded() -> (Db, i64) {
    let mut db = Db::open_in_memory().unwrap();
    crate::store::add(
        &mut db,
        &crate::store::StoreInput {
            name: "=1+1 女装".into(),
            merchant_ids: vec![crate::store::MerchantAccount::alipay("alipay_store")],
            ..Default::default()
        },
    )
    .unwrap();
    let bills = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/bills");
    for name in ["wechatpay-tradebill-ALL.csv", "alipay-trade-detail-gbk.csv"] {
        import_file(
            &mut db,
            &bills.join(name),
            &ImportOptions::default(),
            &mut |_| true,
        )
        .unwrap();
    }
    let id = crate::campaign::add(
        &mut db,
        &crate::campaign::CampaignInput {
            name: "2019 女神节特惠".into(),
            start: "2019-02-19".into(),
            end: "2019-09-16".into(),
            budget: "5000".into(),
            ..Default::default()
        },
        "t",
    )
    .unwrap()
    .id;
    (db, id)
}

fn export_to(
    db: &Db,
    id: i64,
    format: ReportFormat,
    lang: Lang,
    dir: &tempfile::TempDir,
) -> PathBuf {
    let path = dir.path().join(format!("report.{}", format.extension()));
    export(db, id, format, lang, &path, &mut |_| true).unwrap();
    path
}

fn number(data: &Data) -> f64 {
    match data {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn the_xlsx_reads_back_with_the_statistics_figures() {
    let (db, id) = loaded();
    let dir = tempfile::tempdir().unwrap();
    let path = export_to(&db, id, ReportFormat::Xlsx, Lang::ZhCn, &dir);
    let mut book = open_workbook_auto(&path).unwrap();
    let names = book.sheet_names();
    assert_eq!(
        names,
        [
            "概览",
            "活动概况",
            "核心指标",
            "钱包对比",
            "每日",
            "门店",
            "优惠券",
            "已导入账单",
            "交易明细"
        ]
    );
    let kpis = stats::kpis(
        &db,
        &Scope {
            campaign: Some(id),
            ..Default::default()
        },
    )
    .unwrap();
    let sheet = book.worksheet_range("核心指标").unwrap();
    let find = |label: &str| -> f64 {
        let row = sheet
            .rows()
            .find(|r| r[0] == Data::String(label.into()))
            .unwrap_or_else(|| panic!("no row {label}"));
        number(&row[1])
    };
    assert_eq!(find("支付笔数"), kpis.trades as f64);
    assert_eq!(
        find("交易额（订单金额）"),
        kpis.order.to_string().parse::<f64>().unwrap()
    );
    assert_eq!(
        find("商家实收"),
        kpis.settlement.to_string().parse::<f64>().unwrap()
    );
    assert_eq!(
        find("退款金额"),
        kpis.refund.to_string().parse::<f64>().unwrap()
    );

    // Wallets: the GMV column adds up to the campaign's GMV to the cent.
    let wallets = book.worksheet_range("钱包对比").unwrap();
    let gmv: f64 = wallets.rows().skip(1).map(|r| number(&r[3])).sum();
    assert!((gmv - kpis.order.to_string().parse::<f64>().unwrap()).abs() < 0.005);

    // Every trade and refund of the window, one row each, below the header.
    let detail = book.worksheet_range("交易明细").unwrap();
    assert_eq!(detail.height() as u64, 1 + kpis.trades + kpis.refunds);

    // A store named like a formula is a string, and no cell anywhere holds a formula.
    let stores = book.worksheet_range("门店").unwrap();
    assert!(stores
        .rows()
        .any(|r| r[0] == Data::String("=1+1 女装".into())));
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "formula in {name}"
        );
    }
}

#[test]
fn english_reports_have_english_sheets() {
    let (db, id) = loaded();
    let dir = tempfile::tempdir().unwrap();
    let path = export_to(&db, id, ReportFormat::Xlsx, Lang::En, &dir);
    let book = open_workbook_auto(&path).unwrap();
    assert_eq!(book.sheet_names()[0], "Summary");
    assert_eq!(book.sheet_names()[1], "Campaign");
    assert_eq!(book.sheet_names()[8], "Trades");
}

#[test]
fn the_pdf_embeds_a_font_subset_and_its_text_has_the_chinese_name() {
    let (db, id) = loaded();
    let dir = tempfile::tempdir().unwrap();
    let path = export_to(&db, id, ReportFormat::Pdf, Lang::ZhCn, &dir);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        bytes.len() < 400_000,
        "a subset, not a 19 MB font: {} bytes",
        bytes.len()
    );
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2019 女神节特惠"), "{text}");
    assert!(
        text.contains("钱包对比") && text.contains("支付宝"),
        "{text}"
    );
    let compact = text.replace(' ', "");
    assert!(
        compact.contains("第1/") && compact.contains("页"),
        "page numbers: {text}"
    );
}

#[test]
fn the_csv_zip_has_a_bom_per_file_and_neutralised_text() {
    let (db, id) = loaded();
    let dir = tempfile::tempdir().unwrap();
    let path = export_to(&db, id, ReportFormat::Csv, Lang::ZhCn, &dir);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    assert!(
        names.contains(&"01-headlines.csv".to_string())
            && names.contains(&"03-summary.csv".to_string())
            && names.contains(&"10-trades.csv".to_string()),
        "{names:?}"
    );
    let mut read = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let stores = read("07-stores.csv");
    assert!(stores.starts_with('\u{feff}'), "BOM");
    assert!(stores.contains("'=1+1 女装"), "{stores}");
    let trades = read("10-trades.csv");
    assert!(trades.contains("'=1+1 女装"));
    let kpis = read("04-kpis.csv");
    let kpi = stats::kpis(
        &db,
        &Scope {
            campaign: Some(id),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        kpis.contains(&format!("交易额（订单金额）,{}", kpi.order)),
        "{kpis}"
    );
}

#[test]
fn formula_prefixes_are_neutralised_and_numbers_are_not() {
    for text in ["=SUM(A1)", "+1", "-1+2", "@cmd", "\tx", "\rx"] {
        assert_eq!(neutralise(text), format!("'{text}"));
    }
    assert_eq!(neutralise("女装 A"), "女装 A");
    assert_eq!(csv_zip::field(&Cell::Money("-5.00".into())), "-5.00");
    assert_eq!(csv_zip::field(&Cell::Ratio("0.5".into())), "50.00%");
}

#[test]
fn a_failed_export_leaves_the_target_untouched() {
    let (db, id) = loaded();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.xlsx");
    std::fs::write(&target, b"the previous report").unwrap();
    let err = export(&db, 999, ReportFormat::Xlsx, Lang::En, &target, &mut |_| {
        true
    })
    .unwrap_err();
    assert_eq!(err.code(), "campaign.not_found");
    let cancelled = export(&db, id, ReportFormat::Xlsx, Lang::En, &target, &mut |_| {
        false
    })
    .unwrap_err();
    assert_eq!(cancelled.code(), "report.cancelled");
    assert_eq!(std::fs::read(&target).unwrap(), b"the previous report");
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file left behind");
    let missing = dir.path().join("no/such/folder/report.pdf");
    assert_eq!(
        export(&db, id, ReportFormat::Pdf, Lang::En, &missing, &mut |_| {
            true
        })
        .unwrap_err()
        .code(),
        "report.unwritable"
    );
    let wrong = dir.path().join("report.txt");
    assert_eq!(
        export(&db, id, ReportFormat::Csv, Lang::En, &wrong, &mut |_| true)
            .unwrap_err()
            .code(),
        "report.wrong_extension"
    );
}

#[test]
fn a_write_that_runs_out_of_room_says_how_much_is_needed_and_what_was_kept() {
    use std::io::{Error, ErrorKind};
    let dir = tempfile::tempdir().unwrap();
    let part = dir.path().join(".promodesk-report-x.xlsx");
    std::fs::write(&part, vec![0u8; (3 << 20) + 5]).unwrap();
    let out = dir.path().join("report.xlsx");
    for kind in [ErrorKind::StorageFull, ErrorKind::FileTooLarge] {
        // As the writers hand it over: rust_xlsxwriter's and zip's I/O errors keep their kind.
        let from_xlsx = ReportError::from(rust_xlsxwriter::XlsxError::IoError(Error::from(kind)));
        let err = full::when_full(from_xlsx, &out, &part, true);
        assert_eq!(err.code(), "report.disk_full");
        let message = err.localized();
        assert!(
            message.en.contains("needs at least 4 MB free"),
            "{}",
            message.en
        );
        assert!(message
            .en
            .contains("save the report to another folder or drive"));
        assert!(message.en.ends_with("is unchanged."), "{}", message.en);
        assert!(message.zh.contains("至少需要 4 MB"), "{}", message.zh);
    }
    let other = full::when_full(
        ReportError::from(zip::result::ZipError::Io(Error::from(
            ErrorKind::PermissionDenied,
        ))),
        &out,
        &part,
        false,
    );
    assert_eq!(other.code(), "report.write");
}

#[test]
fn each_wallet_is_drawn_in_its_own_colour() {
    let (db, id) = loaded();
    let report = super::build(&db, id, Lang::En, 0).unwrap();
    let chart = report
        .charts
        .iter()
        .find(|c| c.section == super::SectionId::Wallets)
        .unwrap();
    let wallets = report.section(super::SectionId::Wallets).unwrap();
    let names: Vec<String> = wallets.rows.iter().map(|r| format!("{:?}", r[0])).collect();
    assert_eq!(chart.colors.len(), names.len());
    for (name, color) in names.iter().zip(&chart.colors) {
        let expected = if name.contains("WeChat") {
            crate::provider::Provider::WechatPay.color()
        } else {
            crate::provider::Provider::Alipay.color()
        };
        assert_eq!(color, expected, "{name}");
    }
    assert_ne!(chart.colors[0], chart.colors[1]);
}
