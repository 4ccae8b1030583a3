//! The report as an Excel workbook: page 1's answer as the first sheet ([`summary`]), then one
//! sheet per section holding it as a real Excel table (structured references, ¥ formats, frozen
//! header), native Excel charts in the app's wallet colours, and a detail sheet of every trade
//! written in constant-memory mode (rows go to disk as they are written, so a million trades do not
//! sit in memory). The trade detail is a filtered range rather than an Excel table: the writer
//! keeps an entry per cell of a table to check overlaps, which a million rows would hold in memory.
//!
//! Excel refuses (with a "repair" prompt) a sheet that has both a table and a worksheet filter,
//! and a table whose headers repeat; sections never repeat a header and get no worksheet filter.
//!
//! Text is always written with `write_string`, so a cell such as `=HYPERLINK(…)` from a bill is a
//! string, never a formula. Money becomes an Excel number only here, at the file boundary: Excel
//! stores every number as a double, and two-decimal yuan amounts print back exactly.

use std::path::Path;

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLine, ChartPoint, ChartSolidFill, ChartType, Format, Table,
    TableColumn, TableStyle, Workbook, Worksheet, XlsxError,
};

use super::model::{Cell, ChartKind, Report, Section, SectionId};
use super::trades::{each_trade, trade_columns};
use super::ReportError;
use crate::db::Db;
use crate::stats::Window;
use crate::text::Lang;

mod summary;

const MONEY: &str = "¥#,##0.00";
const RATIO: &str = "0.00%";
const CHANGE: &str = "+0.00%;-0.00%;0.00%";
const INT: &str = "#,##0";

pub(super) struct Formats {
    header: Format,
    money: Format,
    ratio: Format,
    change: Format,
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
            change: Format::new().set_num_format(CHANGE),
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
pub(super) fn sheet_name(title: &str) -> String {
    title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

pub(super) fn write_cell(
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
        Cell::Change(r) => ws
            .write_number_with_format(row, col, number(r), &f.change)
            .map(|_| ()),
        Cell::Empty => Ok(()),
    }
}

/// A column's width in Excel units from its longest value (a CJK character counts double).
pub(super) fn width(texts: impl Iterator<Item = String>) -> f64 {
    let longest = texts
        .map(|t| {
            t.chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                .sum::<f64>()
        })
        .fold(8.0, f64::max);
    (longest + 2.0).min(60.0)
}

pub(super) fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        // Room for the thousands separators the format adds.
        Cell::Money(m) => format!("¥{m}   "),
        Cell::Int(i) => format!("{i}  "),
        Cell::Ratio(r) | Cell::Change(r) => format!("{r}%+"),
        Cell::Empty => String::new(),
    }
}

/// Writes `section` as an Excel table whose header row is `top`; returns its last row.
pub(super) fn write_table(
    ws: &mut Worksheet,
    top: u32,
    section: &Section,
    f: &Formats,
) -> Result<u32, XlsxError> {
    for (i, row) in section.rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            write_cell(ws, top + 1 + i as u32, col as u16, cell, f)?;
        }
    }
    let columns: Vec<TableColumn> = section
        .columns
        .iter()
        .map(|title| TableColumn::new().set_header(title.as_str()))
        .collect();
    // A table needs a data row; an empty section keeps one empty row.
    let last = top + (section.rows.len() as u32).max(1);
    let table = Table::new()
        .set_name(table_name(section.id))
        .set_style(TableStyle::Medium2)
        .set_columns(&columns);
    let last_col = section.columns.len().saturating_sub(1) as u16;
    ws.add_table(top, 0, last, last_col, &table)?;
    Ok(last)
}

/// An ASCII table name per section (each appears once), for structured references such as
/// `Wallets[交易额]`.
fn table_name(id: SectionId) -> &'static str {
    match id {
        SectionId::Headlines => "Headlines",
        SectionId::Wallets => "Wallets",
        SectionId::Summary => "Campaign",
        SectionId::Kpis => "KeyFigures",
        SectionId::Providers => "Providers",
        SectionId::Daily => "Days",
        SectionId::Stores => "Stores",
        SectionId::Coupons => "Coupons",
        SectionId::Codes => "CodePools",
        SectionId::Bills => "Bills",
    }
}

/// Column widths from the longest value of each column of `sections`.
pub(super) fn set_widths(ws: &mut Worksheet, sections: &[&Section]) -> Result<(), XlsxError> {
    let columns = sections.iter().map(|s| s.columns.len()).max().unwrap_or(0);
    for col in 0..columns {
        let texts = sections.iter().flat_map(|s| {
            s.columns
                .get(col)
                .cloned()
                .into_iter()
                .chain(s.rows.iter().filter_map(|r| r.get(col)).map(cell_text))
        });
        ws.set_column_width(col as u16, width(texts))?;
    }
    Ok(())
}

fn write_section(ws: &mut Worksheet, section: &Section, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(sheet_name(&section.title))?;
    set_widths(ws, &[section])?;
    write_table(ws, 0, section, f)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A native chart of `spec` over a section written as a table at `top` of sheet `sheet`.
pub(super) fn chart_of(
    spec: &super::model::Chart,
    section: &Section,
    sheet: &str,
    top: u32,
) -> Chart {
    let kind = match spec.kind {
        ChartKind::Line => ChartType::Line,
        ChartKind::Column => ChartType::Column,
        ChartKind::Bar => ChartType::Bar,
    };
    let rows = section.rows.len() as u32;
    let range = |col: usize| (sheet, top + 1, col as u16, top + rows, col as u16);
    let mut chart = Chart::new(kind);
    // Wallets in their own colours, as in the app.
    let points: Vec<ChartPoint> = spec
        .colors
        .iter()
        .map(|hex| {
            ChartPoint::new().set_format(
                ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(hex.as_str())),
            )
        })
        .collect();
    let series = chart
        .add_series()
        .set_name(section.columns[spec.value_column].as_str())
        .set_categories(range(spec.category_column))
        .set_values(range(spec.value_column));
    if points.is_empty() {
        series.set_format(ChartFormat::new().set_line(ChartLine::new().set_color("#C2185B")));
    } else {
        series.set_points(&points);
    }
    if let Some(base) = spec.baseline_column {
        chart
            .add_series()
            .set_name(section.columns[base].as_str())
            .set_categories(range(spec.category_column))
            .set_values(range(base))
            .set_format(
                ChartFormat::new().set_line(
                    ChartLine::new()
                        .set_color("#9E9E9E")
                        .set_dash_type(rust_xlsxwriter::ChartLineDashType::Dash),
                ),
            );
    } else {
        chart.legend().set_hidden();
    }
    chart.title().set_name(spec.title.as_str());
    match spec.kind {
        ChartKind::Bar => chart.x_axis().set_num_format(MONEY_AXIS),
        _ => chart.y_axis().set_num_format(MONEY_AXIS),
    };
    chart
}

const MONEY_AXIS: &str = "¥#,##0";

/// Rows an Excel sheet holds, its header included: a longer trade detail goes on over as many
/// sheets as it needs ("交易明细", "交易明细 (2)", …), and the summary sheet says so.
const SHEET_ROWS: u32 = 1_048_576;

/// Writes the workbook to `path`; `progress` gets the number of trade rows written so far.
pub fn write(
    db: &Db,
    report: &Report,
    window: &Window,
    lang: Lang,
    logo: Option<&crate::mall::Logo>,
    path: &Path,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<(), ReportError> {
    write_with(db, report, window, lang, logo, path, progress, SHEET_ROWS)
}

/// [`write`] with trade sheets of at most `sheet_rows` rows (tests use a few).
#[allow(clippy::too_many_arguments)]
fn write_with(
    db: &Db,
    report: &Report,
    window: &Window,
    lang: Lang,
    logo: Option<&crate::mall::Logo>,
    path: &Path,
    progress: &mut dyn FnMut(u64) -> bool,
    sheet_rows: u32,
) -> Result<(), ReportError> {
    let f = Formats::new();
    let mut workbook = Workbook::new();
    // The trades sheet's rows wait in a temporary file until the workbook is zipped: keep it on
    // the disk the report goes to, so a disk too small for the report is the one the message
    // names, and a small system temp folder never is.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        workbook.set_tempdir(dir)?;
    }
    let free_row = summary::write(&mut workbook, report, logo, lang, &f)?;
    for section in report.sections.iter().filter(|s| !s.id.on_first_page()) {
        let ws = workbook.add_worksheet();
        write_section(ws, section, &f)?;
        let name = sheet_name(&section.title);
        let mut below = section.rows.len().max(1) as u32 + 3;
        for spec in report.charts.iter().filter(|c| c.section == section.id) {
            if section.rows.is_empty() {
                continue;
            }
            let chart = chart_of(spec, section, &name, 0);
            let ws = workbook.worksheet_from_name(&name)?;
            ws.insert_chart(below, 0, &chart)?;
            below += 20;
        }
    }

    // The detail of every trade: constant memory, rows streamed from SQLite in time order, a
    // new sheet (with its own header) each time one is full.
    let columns = trade_columns(lang);
    let base = match lang {
        Lang::En => "Trades",
        Lang::ZhCn => "交易明细",
    };
    let new_sheet = |workbook: &mut Workbook, number: usize| -> Result<Worksheet, XlsxError> {
        let mut ws = workbook.new_worksheet_with_constant_memory()?;
        ws.set_name(if number == 1 {
            base.to_string()
        } else {
            format!("{base} ({number})")
        })?;
        for (col, (title, width)) in columns.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, *title, &f.header)?;
            ws.set_column_width(col as u16, *width)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(ws)
    };
    let last_column = columns.len().saturating_sub(1) as u16;
    let mut sheets: Vec<Worksheet> = Vec::new();
    let mut ws = new_sheet(&mut workbook, 1)?;
    let mut row = 0u32;
    let mut total = 0u64;
    let mut failed: Option<XlsxError> = None;
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let fee = Format::new().set_num_format("¥#,##0.00###");
    let finished = each_trade(db, window, lang, &mut |t| {
        let written = (|| -> Result<(), XlsxError> {
            if row + 1 >= sheet_rows.max(2) {
                ws.autofilter(0, 0, row, last_column)?;
                let next = new_sheet(&mut workbook, sheets.len() + 2)?;
                sheets.push(std::mem::replace(&mut ws, next));
                row = 0;
            }
            row += 1;
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
        total += 1;
        total % 8192 != 0 || progress(total)
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    if !finished {
        return Err(ReportError::Cancelled);
    }
    ws.autofilter(0, 0, row, last_column)?;
    sheets.push(ws);
    if sheets.len() > 1 {
        let note = match lang {
            Lang::En => format!(
                "The {total} trades are on {} sheets ({base}, {base} (2) …): an Excel sheet holds {} rows at most.",
                sheets.len(),
                sheet_rows
            ),
            Lang::ZhCn => format!(
                "交易明细共 {total} 笔，分在 {} 张工作表（{base}、{base} (2) …）：Excel 每张工作表最多 {} 行。",
                sheets.len(),
                sheet_rows
            ),
        };
        let bold = Format::new().set_bold().set_font_color("C2185B");
        workbook
            .worksheet_from_index(0)?
            .write_string_with_format(free_row, 0, note, &bold)?;
    }
    for sheet in sheets {
        workbook.push_worksheet(sheet);
    }
    if !progress(total) {
        return Err(ReportError::Cancelled);
    }
    workbook.save(path)?;
    Ok(())
}

#[cfg(test)]
mod tests;
