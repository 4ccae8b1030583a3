//! Reading a table of text from a file a person brings: CSV (UTF-8, with or without BOM, or
//! GBK as Chinese Excel saves it), a plain text list (one code a line) or a spreadsheet's
//! first sheet (XLSX/XLS/ODS). Each row keeps its line number, so a problem says where it is.

use std::path::Path;

use super::CodesError;

/// One row: its line in the file (1-based) and its cells, trimmed.
pub(crate) struct Line {
    pub line: u64,
    pub cells: Vec<String>,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn unreadable(path: &Path, en: &str, zh: &str) -> CodesError {
    CodesError::Unreadable {
        file: file_name(path),
        reason: en.into(),
        zh: zh.into(),
    }
}

/// The rows of `path`, empty ones left out.
pub(crate) fn rows(path: &Path) -> Result<Vec<Line>, CodesError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let rows = match ext.as_str() {
        "xlsx" | "xls" | "xlsm" | "ods" => spreadsheet(path)?,
        _ => {
            let bytes = std::fs::read(path).map_err(|e| {
                let (en, zh) = crate::text::io_reason(&e);
                unreadable(path, en, zh)
            })?;
            let text = decode(&bytes);
            if ext == "txt" {
                text.lines()
                    .enumerate()
                    .map(|(i, l)| Line {
                        line: i as u64 + 1,
                        cells: vec![l.trim().to_string()],
                    })
                    .collect()
            } else {
                csv_rows(path, &text)?
            }
        }
    };
    Ok(rows
        .into_iter()
        .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
        .collect())
}

/// UTF-8 (a BOM dropped) when it is, else GBK, which Chinese Excel and POS exports use.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    }
}

fn csv_rows(path: &Path, text: &str) -> Result<Vec<Line>, CodesError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| {
            unreadable(
                path,
                "it is not a CSV file PromoDesk can read (a quote is not closed)",
                "不是可读取的 CSV 文件（有未闭合的引号）",
            )
        })?;
        let line = record.position().map_or(0, |p| p.line());
        out.push(Line {
            line,
            cells: record.iter().map(|c| c.trim().to_string()).collect(),
        });
    }
    Ok(out)
}

fn spreadsheet(path: &Path) -> Result<Vec<Line>, CodesError> {
    use calamine::{open_workbook_auto, Data, DataType, Reader};
    let not_sheet = || {
        unreadable(
            path,
            "it is not a spreadsheet PromoDesk can read; save it again as XLSX or CSV",
            "不是可读取的表格文件；请另存为 XLSX 或 CSV",
        )
    };
    let mut workbook = open_workbook_auto(path).map_err(|_| not_sheet())?;
    let sheet = workbook
        .worksheet_range_at(0)
        .ok_or_else(not_sheet)?
        .map_err(|_| not_sheet())?;
    let first_row = sheet.start().map_or(0, |(r, _)| u64::from(r));
    Ok(sheet
        .rows()
        .enumerate()
        .map(|(i, row)| Line {
            line: first_row + i as u64 + 1,
            cells: row
                .iter()
                .map(|cell| match cell {
                    Data::DateTime(_) | Data::DateTimeIso(_) => cell
                        .as_datetime()
                        .map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string())
                        .unwrap_or_default(),
                    // A numeric code typed into Excel comes back as a float: 12345.0.
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                        format!("{}", *f as i64)
                    }
                    other => other.to_string().trim().to_string(),
                })
                .collect(),
        })
        .collect())
}

/// The index of the first column whose header is one of `names` (case and spaces ignored).
pub(crate) fn column(header: &[String], names: &[&str]) -> Option<usize> {
    let norm = |s: &str| s.trim().to_lowercase().replace([' ', '_'], "");
    header
        .iter()
        .position(|h| names.iter().any(|n| norm(h) == norm(n)))
}
