//! The report as an Excel workbook: one sheet per section with ¥ formats, frozen headers and
//! autofilters, native Excel charts, and a detail sheet of every trade written in constant-memory
//! mode (rows go to disk as they are written, so a million trades do not sit in memory).
//!
//! Text is always written with `write_string`, so a cell such as `=HYPERLINK(…)` from a bill is a
//! string, never a formula. Money becomes an Excel number only here, at the file boundary: Excel
//! stores every number as a double, and two-decimal yuan amounts print back exactly.

use std::path::Path;

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartPoint, ChartSolidFill, ChartType, Format, Workbook, Worksheet,
    XlsxError,
};

use super::model::{Cell, ChartKind, Report, Section};
use super::trades::{each_trade, trade_columns};
use super::ReportError;
use crate::db::Db;
use crate::stats::Window;
use crate::text::Lang;

const MONEY: &str = "¥#,##0.00";
const RATIO: &str = "0.00%";
const INT: &str = "#,##0";

struct Formats {
    header: Format,
    money: Format,
    ratio: Format,
    int: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color("F3E5EC")
                .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin),
            money: Format::new().set_num_format(MONEY),
            ratio: Format::new().set_num_format(RATIO),
            int: Format::new().set_num_format(INT),
        }
    }
}

/// An exact decimal as an Excel cell value. Excel stores every number as a double, so this is
/// the one place money leaves `Decimal`: converted from the exact value, once, when written.
fn excel_number(value: rust_decimal::Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    value.to_f64().unwrap_or(0.0)
}

fn number(text: &str) -> f64 {
    excel_number(text.parse().unwrap_or_default())
}

/// Sheet names: Excel allows 31 characters and no `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(t) => ws.write_string(row, col, t).map(|_| ()),
        Cell::Money(m) => ws
            .write_number_with_format(row, col, number(m), &f.money)
            .map(|_| ()),
        Cell::Int(i) => ws
            .write_number_with_format(row, col, *i as f64, &f.int)
            .map(|_| ()),
        Cell::Ratio(r) => ws
            .write_number_with_format(row, col, number(r), &f.ratio)
            .map(|_| ()),
        Cell::Empty => Ok(()),
    }
}

/// A column's width in Excel units from its longest value (a CJK character counts double).
fn width(texts: impl Iterator<Item = String>) -> f64 {
    let longest = texts
        .map(|t| {
            t.chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                .sum::<f64>()
        })
        .fold(8.0, f64::max);
    (longest + 2.0).min(60.0)
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        // Room for the thousands separators the format adds.
        Cell::Money(m) => format!("¥{m}   "),
        Cell::Int(i) => format!("{i}  "),
        Cell::Ratio(r) => format!("{r}%"),
        Cell::Empty => String::new(),
    }
}

fn write_section(ws: &mut Worksheet, section: &Section, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(sheet_name(&section.title))?;
    for (col, title) in section.columns.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, title, &f.header)?;
        let texts = std::iter::once(title.clone()).chain(
            section
                .rows
                .iter()
                .filter_map(|r| r.get(col))
                .map(cell_text),
        );
        ws.set_column_width(col as u16, width(texts))?;
    }
    for (i, row) in section.rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            write_cell(ws, i as u32 + 1, col as u16, cell, f)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = section.columns.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, section.rows.len() as u32, last_col)?;
    Ok(())
}

/// Writes the workbook to `path`; `progress` gets the number of trade rows written so far.
pub fn write(
    db: &Db,
    report: &Report,
    window: &Window,
    lang: Lang,
    path: &Path,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<(), ReportError> {
    let f = Formats::new();
    let mut workbook = Workbook::new();
    // The trades sheet's rows wait in a temporary file until the workbook is zipped: keep it on
    // the disk the report goes to, so a disk too small for the report is the one the message
    // names, and a small system temp folder never is.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        workbook.set_tempdir(dir)?;
    }
    let mut names = Vec::new();
    for section in &report.sections {
        let ws = workbook.add_worksheet();
        write_section(ws, section, &f)?;
        names.push((
            section.id,
            sheet_name(&section.title),
            section.rows.len() as u32,
        ));
    }
    for spec in &report.charts {
        let Some(index) = report.sections.iter().position(|s| s.id == spec.section) else {
            continue;
        };
        let (_, name, rows) = &names[index];
        if *rows == 0 {
            continue;
        }
        let kind = match spec.kind {
            ChartKind::Line => ChartType::Line,
            ChartKind::Column => ChartType::Column,
            ChartKind::Bar => ChartType::Bar,
        };
        let mut chart = Chart::new(kind);
        // Wallets in their own colours, as in the app.
        let points: Vec<ChartPoint> = spec
            .colors
            .iter()
            .map(|hex| {
                ChartPoint::new().set_format(
                    ChartFormat::new()
                        .set_solid_fill(ChartSolidFill::new().set_color(hex.as_str())),
                )
            })
            .collect();
        chart
            .add_series()
            .set_points(&points)
            .set_name(report.sections[index].columns[spec.value_column].as_str())
            .set_categories((
                name.as_str(),
                1,
                spec.category_column as u16,
                *rows,
                spec.category_column as u16,
            ))
            .set_values((
                name.as_str(),
                1,
                spec.value_column as u16,
                *rows,
                spec.value_column as u16,
            ));
        chart.title().set_name(spec.title.as_str());
        chart.legend().set_hidden();
        let ws = workbook.worksheet_from_index(index)?;
        let below = *rows + 3;
        ws.insert_chart(below, 0, &chart)?;
    }

    // The detail of every trade: constant memory, rows streamed from SQLite in time order.
    let columns = trade_columns(lang);
    let ws = workbook.add_worksheet_with_constant_memory()?;
    ws.set_name(match lang {
        Lang::En => "Trades",
        Lang::ZhCn => "交易明细",
    })?;
    for (col, (title, width)) in columns.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *title, &f.header)?;
        ws.set_column_width(col as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let mut row = 0u32;
    let mut failed: Option<XlsxError> = None;
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let fee = Format::new().set_num_format("¥#,##0.00###");
    let finished = each_trade(db, window, lang, &mut |t| {
        row += 1;
        let written = (|| -> Result<(), XlsxError> {
            ws.write_number_with_format(row, 0, t.excel_time(), &time)?;
            // Text goes in as strings, never formulas, whatever it starts with.
            ws.write_string(row, 1, &t.provider)?;
            ws.write_string(row, 2, t.kind)?;
            ws.write_string(row, 3, &t.trade_no)?;
            ws.write_string(row, 4, &t.merchant_order_no)?;
            ws.write_string(row, 5, &t.store)?;
            for (col, fen) in [
                (6, t.order_fen),
                (7, t.settlement_fen),
                (8, t.coupon_fen),
                (10, t.refund_fen),
            ] {
                ws.write_number_with_format(
                    row,
                    col,
                    excel_number(crate::money::from_fen(fen)),
                    &f.money,
                )?;
            }
            ws.write_string(row, 9, &t.coupon_name)?;
            ws.write_number_with_format(
                row,
                11,
                excel_number(rust_decimal::Decimal::new(t.fee_e5, 5)),
                &fee,
            )?;
            Ok(())
        })();
        if let Err(e) = written {
            failed = Some(e);
            return false;
        }
        row % 8192 != 0 || progress(u64::from(row))
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    if !finished {
        return Err(ReportError::Cancelled);
    }
    ws.autofilter(0, 0, row, columns.len().saturating_sub(1) as u16)?;
    if !progress(u64::from(row)) {
        return Err(ReportError::Cancelled);
    }
    workbook.save(path)?;
    Ok(())
}
