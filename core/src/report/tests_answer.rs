//! Page 1's answer on the demo's last 3.8 festival: headline figures against the baseline,
//! sentences that name figures of the tables, every day on the chart, and every page's content
//! inside its printable width; the Excel summary sheet and real Excel tables; the mall's logo.

use std::io::Read;
use std::path::PathBuf;

use super::*;
use crate::campaign;

/// The demo, dated as the demo test dates it, and its ended 3.8 campaign (with both wallets'
/// bills and visitor counts).
fn demo() -> (Db, i64) {
    let mut db = Db::open_in_memory().unwrap();
    crate::demo::load(
        &mut db,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        false,
    )
    .unwrap();
    let last_38 = campaign::list(&db, &Default::default())
        .unwrap()
        .into_iter()
        .filter(|c| c.festival.as_deref() == Some("womens-day"))
        .min_by_key(|c| c.start.clone())
        .unwrap();
    (db, last_38.id)
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

fn pdf_page_text(path: &std::path::Path, page: u32) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn page_one_answers_with_headline_figures_against_the_baseline_and_three_sentences() {
    let (db, id) = demo();
    let report = build(&db, id, Lang::ZhCn, 0).unwrap();
    let headlines = report.section(SectionId::Headlines).unwrap();
    assert!((4..=6).contains(&headlines.rows.len()) || headlines.rows.len() == 6);
    let gmv = &headlines.rows[0];
    assert_eq!(gmv[0], Cell::text("交易额"));
    assert!(
        matches!(gmv[1], Cell::Money(_)) && matches!(gmv[3], Cell::Change(_)),
        "{gmv:?}"
    );
    assert_eq!(report.answer.sentences.len(), 3);
    // The sentences quote the tables' own figures.
    let [first, second, third] = [0, 1, 2].map(|i| report.answer.sentences[i].clone());
    assert!(first.contains(&gmv[1].display()), "{first} / {:?}", gmv[1]);
    assert!(
        second.contains("微信支付") && second.contains("支付宝"),
        "{second}"
    );
    assert!(third.contains("商场") && third.contains("预算"), "{third}");
    let wallets = report.section(SectionId::Wallets).unwrap();
    assert_eq!(wallets.rows.len(), 2, "both wallets compared");

    let dir = tempfile::tempdir().unwrap();
    let pdf = export_to(&db, id, ReportFormat::Pdf, Lang::ZhCn, &dir);
    let page1 = squeeze(&pdf_page_text(&pdf, 1));
    for needle in [
        "核心结论",
        "交易额",
        "对比基准",
        "变化",
        "各钱包效果对比",
        "单张核销成本",
    ] {
        assert!(page1.contains(needle), "page 1 lacks {needle}: {page1}");
    }
    for sentence in &report.answer.sentences {
        assert!(
            page1.contains(&squeeze(sentence)),
            "page 1 lacks «{sentence}»: {page1}"
        );
    }
    // The details start on page 2.
    assert!(!page1.contains("已导入账单"));
}

#[test]
fn english_sentences_read_as_english() {
    let (db, id) = demo();
    let report = build(&db, id, Lang::En, 0).unwrap();
    let text = report.answer.sentences.join(" ");
    assert!(
        text.contains("GMV reached ¥") && text.contains("WeChat Pay"),
        "{text}"
    );
    assert!(
        !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{text}"
    );
}

#[test]
fn every_day_of_the_campaign_is_on_the_axis_with_the_baseline_beside_it() {
    let (db, id) = demo();
    let c = campaign::get(&db, id).unwrap();
    let report = build(&db, id, Lang::ZhCn, 0).unwrap();
    let daily = report.section(SectionId::Daily).unwrap();
    let first = chrono::NaiveDate::parse_from_str(&c.start[..10], "%Y-%m-%d").unwrap();
    let last = chrono::NaiveDate::parse_from_str(&c.end[..10], "%Y-%m-%d").unwrap();
    assert_eq!(daily.rows.len() as i64, (last - first).num_days() + 1);
    for (i, row) in daily.rows.iter().enumerate() {
        let day = first + chrono::Duration::days(i as i64);
        assert_eq!(row[0], Cell::Text(day.to_string()));
    }
    let chart = report
        .charts
        .iter()
        .find(|c| c.section == SectionId::Daily)
        .unwrap();
    let base = chart.baseline_column.unwrap();
    assert!(
        daily.rows.iter().all(|r| matches!(r[base], Cell::Money(_))),
        "baseline every day"
    );
}

#[test]
fn nothing_on_any_page_passes_the_printable_width_and_no_cell_is_cut() {
    let (db, id) = demo();
    for lang in [Lang::ZhCn, Lang::En] {
        let report = build(&db, id, lang, 0).unwrap();
        let (regular, bold) = pdf::fonts_for_tests();
        let layout = pdf::lay_out(&report, &regular, &bold);
        for (page, right, what) in pdf::right_edges(&layout) {
            let limit = layout.pages[page].w - pdf::MARGIN + 0.5;
            assert!(
                right <= limit,
                "{lang:?} page {}: '{what}' ends at {right} > {limit}",
                page + 1
            );
            assert!(!what.contains('…'), "{lang:?}: cut text {what}");
        }
    }
}

fn zip_text(path: &std::path::Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_workbook_opens_on_the_summary_and_holds_real_tables() {
    let (db, id) = demo();
    let dir = tempfile::tempdir().unwrap();
    let path = export_to(&db, id, ReportFormat::Xlsx, Lang::ZhCn, &dir);
    let report = build(&db, id, Lang::ZhCn, 0).unwrap();
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(book.sheet_names()[0], "概览");
    let summary = book.worksheet_range("概览").unwrap();
    let cells: Vec<String> = summary.cells().map(|(_, _, d)| d.to_string()).collect();
    for sentence in &report.answer.sentences {
        assert!(cells.contains(sentence), "summary lacks «{sentence}»");
    }
    assert!(cells.iter().any(|c| c == "单张核销成本"));

    let zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    let tables: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("xl/tables/"))
        .collect();
    assert_eq!(tables.len(), report.sections.len(), "{names:?}");
    // What makes Excel offer a repair: a repeated column name in a table, or a sheet filter
    // beside a table.
    for table in tables {
        let xml = zip_text(&path, table);
        let columns: Vec<&str> = xml.split("<tableColumn ").skip(1).collect();
        let mut names: Vec<&str> = columns
            .iter()
            .map(|c| {
                c.split("name=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
            })
            .collect();
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all, "repeated column in {table}");
    }
    for sheet in names
        .iter()
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
    {
        let xml = zip_text(&path, sheet);
        assert!(
            !(xml.contains("<autoFilter") && xml.contains("<tableParts")),
            "{sheet}"
        );
    }
    libreoffice_opens(&path, &dir);
}

/// Where LibreOffice is installed, it converts the workbook headless (it refuses a file that
/// needs repair); where it is not, the XML checks above are the check, and this says so.
fn libreoffice_opens(path: &std::path::Path, dir: &tempfile::TempDir) {
    let Ok(status) = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "csv", "--outdir"])
        .arg(dir.path())
        .arg(path)
        .output()
    else {
        eprintln!("LibreOffice is not installed: the workbook was checked by its XML only");
        return;
    };
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(dir.path().join("report.csv").exists());
}

#[test]
fn the_mall_logo_is_on_the_pdf_and_the_workbook() {
    let (mut db, id) = demo();
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30"><rect width="90" height="30" fill="#c2185b"/></svg>"##;
    let logo = crate::mall::Logo::from_bytes("logo.svg".into(), svg.to_vec()).unwrap();
    crate::mall::set_logo(&mut db, &logo).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let xlsx = export_to(&db, id, ReportFormat::Xlsx, Lang::ZhCn, &dir);
    let zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    assert!(
        zip.file_names()
            .any(|n| n.unwrap().starts_with("xl/media/image")),
        "logo in the workbook"
    );
    // A PNG logo is an image on every page of the PDF.
    let png = crate::mall::Logo::from_bytes("logo.png".into(), logo.raster().unwrap()).unwrap();
    crate::mall::set_logo(&mut db, &png).unwrap();
    let pdf = export_to(&db, id, ReportFormat::Pdf, Lang::ZhCn, &dir);
    let bytes = std::fs::read(&pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("/Subtype /Image") || text.contains("/Subtype/Image"),
        "an image XObject"
    );
    let page1 = pdf_page_text(&pdf, 1);
    assert!(
        page1.contains("北京望京汇购物中心"),
        "the mall's name beside the logo"
    );
}

#[test]
fn a_campaign_with_a_code_pool_reports_its_codes() {
    let (mut db, id) = demo();
    let without = build(&db, id, Lang::ZhCn, 0).unwrap();
    assert!(
        without.section(SectionId::Codes).is_none(),
        "no pool, no section"
    );
    let spec = crate::codes::GenerateSpec {
        count: 25,
        prefix: "MX".into(),
        length: 12,
    };
    // The first of the campaign's coupons whose product takes the mall's own codes.
    let tries: Vec<String> = crate::coupon::list(&db, Some(id))
        .unwrap()
        .iter()
        .map(
            |c| match crate::codes::generate(&mut db, c.id, &spec, false) {
                Ok(_) => "ok".to_string(),
                Err(e) => e.to_string(),
            },
        )
        .collect();
    assert!(tries.iter().any(|t| t == "ok"), "{tries:?}");
    let report = build(&db, id, Lang::ZhCn, 0).unwrap();
    let codes = report.section(SectionId::Codes).unwrap();
    assert_eq!(codes.rows.len(), 1);
    assert_eq!(codes.rows[0][1], Cell::Int(25), "issued");
    assert_eq!(codes.rows[0][3], Cell::Int(25), "all unused");
}
