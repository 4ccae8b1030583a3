//! The trade detail goes on over several sheets when it outgrows one: tested with sheets of a
//! few rows (the real limit, 1,048,576, is Excel's and takes a million trades to reach).

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use super::write_with;
use crate::db::Db;
use crate::import::{import_file, ImportOptions};
use crate::report::build;
use crate::text::Lang;

fn loaded() -> (Db, i64) {
    let mut db = Db::open_in_memory().unwrap();
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

/// Writes the XLSX with trade sheets of `sheet_rows` rows; returns each sheet's name and rows.
fn sheets(db: &Db, id: i64, lang: Lang, sheet_rows: u32) -> Vec<(String, Vec<Vec<Data>>)> {
    let subject = build::Subject::load(db, id).unwrap();
    let report = build::build_for(db, &subject, lang, crate::time::now_ts()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    write_with(
        db,
        &report,
        &subject.window,
        lang,
        None,
        &path,
        &mut |_| true,
        sheet_rows,
    )
    .unwrap();
    let mut book = open_workbook_auto(&path).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (name, rows)
        })
        .collect()
}

fn text(rows: &[Vec<Data>]) -> String {
    rows.iter()
        .flatten()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_trade_detail_longer_than_a_sheet_goes_on_over_numbered_sheets_and_the_summary_says_so() {
    let (db, id) = loaded();
    let whole = sheets(&db, id, Lang::ZhCn, super::SHEET_ROWS);
    let (name, detail) = whole.last().unwrap();
    assert_eq!(name, "交易明细");
    let header = detail[0].clone();
    let trades: Vec<Vec<Data>> = detail[1..].to_vec();
    assert!(trades.len() > 20, "{}", trades.len());
    assert!(
        !text(&whole[0].1).contains("分在"),
        "one sheet needs no note"
    );

    // Sheets of 11 rows: a header and 10 trades each.
    let split = sheets(&db, id, Lang::ZhCn, 11);
    let parts: Vec<_> = split
        .iter()
        .filter(|(n, _)| n.starts_with("交易明细"))
        .collect();
    let expected = trades.len().div_ceil(10);
    assert_eq!(parts.len(), expected);
    let mut again = Vec::new();
    for (i, (name, rows)) in parts.iter().enumerate() {
        let want = if i == 0 {
            "交易明细".to_string()
        } else {
            format!("交易明细 ({})", i + 1)
        };
        assert_eq!(name, &want);
        assert_eq!(rows[0], header, "every sheet has the header");
        assert!(
            rows.len() <= 11 && rows.len() > 1,
            "{name}: {} rows",
            rows.len()
        );
        again.extend(rows[1..].iter().cloned());
    }
    assert_eq!(again, trades, "the sheets hold every trade once, in order");
    let summary = text(&split[0].1);
    assert!(
        summary.contains(&format!(
            "交易明细共 {} 笔，分在 {expected} 张工作表",
            trades.len()
        )),
        "{summary}"
    );

    let english = sheets(&db, id, Lang::En, 11);
    assert!(english.iter().any(|(n, _)| n == "Trades (2)"));
    assert!(text(&english[0].1).contains(&format!("are on {expected} sheets")));
}
