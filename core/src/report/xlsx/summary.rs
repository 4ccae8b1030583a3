//! The workbook's first sheet: the same answer as the PDF's page 1 — the mall and its logo, the
//! campaign's facts, the three sentences, the headline figures and the wallets as Excel tables,
//! and the wallet chart in the app's colours.

use rust_xlsxwriter::{Format, FormatAlign, Image, Workbook, XlsxError};

use super::{chart_of, set_widths, sheet_name, write_table, Formats};
use crate::report::model::{Report, SectionId};
use crate::text::Lang;

/// The first sheet's name in the report's language.
fn name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Summary",
        Lang::ZhCn => "概览",
    }
}

/// Characters a line of `width` Excel units holds (a CJK character is two).
fn lines(text: &str, width: f64) -> u32 {
    let units: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum();
    (units / width.max(1.0)).ceil().max(1.0) as u32
}

/// Writes the sheet; returns the first row below everything on it.
pub(super) fn write(
    workbook: &mut Workbook,
    report: &Report,
    logo: Option<&crate::mall::Logo>,
    lang: Lang,
    f: &Formats,
) -> Result<u32, XlsxError> {
    let sheet = name(lang);
    let headlines = report.section(SectionId::Headlines);
    let wallets = report.section(SectionId::Wallets);
    let ws = workbook.add_worksheet();
    ws.set_name(sheet)?;
    let shown: Vec<_> = headlines.into_iter().chain(wallets).collect();
    set_widths(ws, &shown)?;
    let columns = shown.iter().map(|s| s.columns.len()).max().unwrap_or(1) as u16;
    // Excel column widths in character units, for the sentences' row heights: not money.
    let total_width: f64 = shown
        .iter()
        .flat_map(|s| s.columns.iter())
        .map(|c| c.chars().count() as f64)
        .sum::<f64>()
        .max(60.0);

    let accent = Format::new().set_bold().set_font_color("C2185B");
    let title = Format::new().set_bold().set_font_size(16);
    let muted = Format::new().set_font_color("6E6E6E");
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_font_size(11);
    ws.write_string_with_format(0, 0, &report.mall, &accent)?;
    ws.write_string_with_format(1, 0, &report.title, &title)?;
    ws.set_row_height(1, 24)?;
    ws.write_string_with_format(2, 0, &report.generated, &muted)?;
    let mut row = 3;
    for fact in &report.answer.facts {
        ws.write_string(row, 0, fact)?;
        row += 1;
    }
    row += 1;
    for sentence in &report.answer.sentences {
        ws.merge_range(row, 0, row, columns.saturating_sub(1), sentence, &wrap)?;
        ws.set_row_height(row, 16 * lines(sentence, total_width))?;
        row += 1;
    }
    row += 1;
    if let Some(section) = headlines {
        ws.write_string_with_format(row, 0, &section.title, &accent)?;
        row = write_table(ws, row + 1, section, f)? + 2;
    }
    if let Some(section) = wallets {
        ws.write_string_with_format(row, 0, &section.title, &accent)?;
        let top = row + 1;
        row = write_table(ws, top, section, f)? + 2;
        for spec in report.charts.iter().filter(|c| c.section == section.id) {
            if !section.rows.is_empty() {
                ws.insert_chart(row, 0, &chart_of(spec, section, &sheet_name(sheet), top))?;
                // A chart covers about 20 rows.
                row += 21;
            }
        }
    }
    if let Some(png) = logo.and_then(|l| l.raster().ok()) {
        let image = Image::new_from_buffer(&png)?;
        let scale = 48.0 / image.height().max(1.0);
        let image = image.set_scale_height(scale).set_scale_width(scale);
        ws.insert_image(0, columns.saturating_sub(1), &image)?;
    }
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_sentence_takes_several_lines() {
        assert_eq!(lines("short", 80.0), 1);
        assert_eq!(lines(&"支".repeat(60), 80.0), 2);
    }
}
