//! The report as CSV: one UTF-8 file with a byte-order mark per section (Excel then shows
//! Chinese correctly), plus the trade detail, in one ZIP.
//!
//! Formula injection: a text cell starting with `=`, `+`, `-`, `@`, TAB or CR would be run as a
//! formula by a spreadsheet, so it gets a leading `'`. Number cells are written as numbers and
//! never touched — a refund of `-5.00` stays a number.

use std::io::Write;
use std::path::Path;

use rust_decimal::Decimal;
use zip::write::SimpleFileOptions;

use super::model::{Cell, Report};
use super::trades::{each_trade, trade_columns};
use super::ReportError;
use crate::db::Db;
use crate::stats::Window;
use crate::text::Lang;

const BOM: &[u8] = b"\xef\xbb\xbf";

/// Text as a spreadsheet may safely open it.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

pub(super) fn field(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => neutralise(t).into_owned(),
        Cell::Money(m) => m.clone(),
        Cell::Int(i) => i.to_string(),
        Cell::Ratio(r) => r
            .parse::<Decimal>()
            .map(|d| format!("{:.2}%", d * Decimal::ONE_HUNDRED))
            .unwrap_or_default(),
        Cell::Change(_) => cell.display(),
        Cell::Empty => String::new(),
    }
}

/// Writes the ZIP to `path`.
pub fn write(
    db: &Db,
    report: &Report,
    window: &Window,
    lang: Lang,
    path: &Path,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<(), ReportError> {
    let file = std::fs::File::create(path).map_err(ReportError::Io)?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let io = ReportError::Io;
    // Page 1's words: what the campaign was and what its figures say, for a reader of the ZIP.
    zip.start_file("00-answer.txt", options)
        .map_err(ReportError::from)?;
    zip.write_all(BOM).map_err(io)?;
    let answer = [report.mall.as_str(), report.title.as_str()]
        .into_iter()
        .chain(report.answer.facts.iter().map(String::as_str))
        .chain(std::iter::once(""))
        .chain(report.answer.sentences.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\r\n");
    zip.write_all(answer.as_bytes()).map_err(io)?;
    for (i, section) in report.sections.iter().enumerate() {
        zip.start_file(format!("{:02}-{}.csv", i + 1, section.id.key()), options)
            .map_err(ReportError::from)?;
        zip.write_all(BOM).map_err(io)?;
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut zip);
        let header: Vec<String> = section
            .columns
            .iter()
            .map(|c| neutralise(c).into_owned())
            .collect();
        out.write_record(&header).map_err(ReportError::from)?;
        for row in &section.rows {
            out.write_record(row.iter().map(field))
                .map_err(ReportError::from)?;
        }
        out.flush().map_err(io)?;
    }
    zip.start_file(
        format!("{:02}-trades.csv", report.sections.len() + 1),
        options,
    )
    .map_err(ReportError::from)?;
    zip.write_all(BOM).map_err(io)?;
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut zip);
    out.write_record(trade_columns(lang).iter().map(|(t, _)| *t))
        .map_err(ReportError::from)?;
    let mut rows = 0u64;
    let mut failed = None;
    let finished = each_trade(db, window, lang, &mut |t| {
        rows += 1;
        let [order, settlement, coupon, refund, fee] = t.money_texts();
        let record = [
            t.time_text(),
            neutralise(&t.provider).into_owned(),
            t.kind.to_string(),
            neutralise(&t.trade_no).into_owned(),
            neutralise(&t.merchant_order_no).into_owned(),
            neutralise(&t.store).into_owned(),
            order,
            settlement,
            coupon,
            neutralise(&t.coupon_name).into_owned(),
            refund,
            fee,
        ];
        if let Err(e) = out.write_record(&record) {
            failed = Some(ReportError::from(e));
            return false;
        }
        rows % 8192 != 0 || progress(rows)
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    if !finished {
        return Err(ReportError::Cancelled);
    }
    out.flush().map_err(io)?;
    drop(out);
    zip.finish()
        .map_err(ReportError::from)?
        .flush()
        .map_err(io)?;
    if !progress(rows) {
        return Err(ReportError::Cancelled);
    }
    Ok(())
}
