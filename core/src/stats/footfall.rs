//! Visitor counts from the mall's people counters, imported from CSV, for conversion
//! (payments ÷ visitors).
//!
//! The file has a header row naming its columns — `date` (日期), optional `hour` (小时/时段),
//! optional `entrance` (入口), `visitors` (客流/人数) — in any order, UTF-8 (± BOM) or GBK. Like a
//! bill, a file goes in whole or not at all: every row is checked before anything is written,
//! and a bad row is reported with its line and column. Rows are keyed by (date, hour,
//! entrance): importing the same file again changes nothing; a later file with another count
//! for the same key corrects it (counter vendors re-send corrected days).
//!
//! A day's visitors are its whole-day rows when it has any, else the sum of its hourly rows, over
//! all entrances.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::sql::params;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::db::Db;
use crate::text::Localized;

/// Files larger than this are not visitor counts.
const MAX_BYTES: u64 = 64 << 20;

/// Errors of a footfall import.
#[derive(Debug, thiserror::Error)]
pub enum FootfallError {
    #[error("cannot read {0}: {reason}", reason = crate::text::io_reason(.1).0)]
    Io(String, std::io::Error),
    #[error("{0} is larger than 64 MB; a visitor-count file is far smaller")]
    TooLarge(String),
    #[error("{0} has no rows")]
    Empty(String),
    #[error("{file} has no '{column}' column; the header needs date and visitors (日期, 客流)")]
    MissingColumn { file: String, column: &'static str },
    #[error("{file} line {line}, column {column}: '{value}' is not {expected}")]
    BadValue {
        file: String,
        line: u64,
        column: String,
        value: String,
        expected: &'static str,
    },
    #[error("{file} line {line} repeats the date, hour and entrance of line {first}")]
    Duplicate { file: String, line: u64, first: u64 },
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
}

impl FootfallError {
    pub fn code(&self) -> &'static str {
        match self {
            FootfallError::Io(..) => "footfall.io",
            FootfallError::TooLarge(_) => "footfall.too_large",
            FootfallError::Empty(_) => "footfall.empty",
            FootfallError::MissingColumn { .. } => "footfall.missing_column",
            FootfallError::BadValue { .. } => "footfall.bad_value",
            FootfallError::Duplicate { .. } => "footfall.duplicate",
            FootfallError::Db(e) => crate::fault::db_code(e),
        }
    }

    pub fn localized(&self) -> Localized {
        let zh = match self {
            FootfallError::Io(f, e) => format!("无法读取 {f}：{}", crate::text::io_reason(e).1),
            FootfallError::TooLarge(f) => format!("{f} 超过 64 MB，不是客流文件"),
            FootfallError::Empty(f) => format!("{f} 没有数据行"),
            FootfallError::MissingColumn { file, column } => {
                let column = match *column {
                    "date" => "日期",
                    "hour" => "小时",
                    "entrance" => "入口",
                    _ => "客流",
                };
                format!("{file} 缺少“{column}”列；表头需要“日期”和“客流”两列")
            }
            FootfallError::BadValue {
                file,
                line,
                column,
                value,
                expected,
            } => format!(
                "{file} 第 {line} 行“{column}”列：“{value}”不是{}",
                match *expected {
                    "a date (YYYY-MM-DD)" => "日期（YYYY-MM-DD）",
                    "an hour 0–23" => "0–23 的小时",
                    _ => "非负整数",
                }
            ),
            FootfallError::Duplicate { file, line, first } => {
                format!("{file} 第 {line} 行与第 {first} 行的日期、小时和入口相同")
            }
            FootfallError::Db(e) => crate::fault::db_message(e, crate::text::Lang::ZhCn),
        };
        Localized::new(self.to_string(), zh)
    }
}

/// What one import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FootfallReport {
    pub file: String,
    pub rows: u64,
    pub inserted: u64,
    /// Keys already present with another count, now corrected.
    pub updated: u64,
    pub unchanged: u64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

/// Visitors of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FootfallDay {
    pub date: String,
    pub visitors: u64,
}

struct Count {
    date: NaiveDate,
    hour: i64,
    entrance: String,
    visitors: i64,
}

fn column(headers: &csv::StringRecord, names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| {
        let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
        names.iter().any(|n| h == *n)
    })
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

/// `10`, `10:00` or `10:00-11:00` → 10.
fn parse_hour(text: &str) -> Option<i64> {
    let t = text.trim();
    let head = t.split(['-', '~', '–']).next()?.trim();
    let head = head.split(':').next()?.trim();
    let hour: i64 = head.parse().ok()?;
    (0..24).contains(&hour).then_some(hour)
}

fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    }
}

fn read(path: &Path, file: &str) -> Result<Vec<Count>, FootfallError> {
    let io = |e| FootfallError::Io(file.to_string(), e);
    if std::fs::metadata(path).map_err(io)?.len() > MAX_BYTES {
        return Err(FootfallError::TooLarge(file.to_string()));
    }
    let text = decode(&std::fs::read(path).map_err(io)?);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| FootfallError::Empty(file.to_string()))?
        .clone();
    let missing = |column| FootfallError::MissingColumn {
        file: file.to_string(),
        column,
    };
    let date_col = column(&headers, &["date", "日期"]).ok_or_else(|| missing("date"))?;
    let visitors_col = column(
        &headers,
        &["visitors", "客流", "客流量", "人数", "进店人数"],
    )
    .ok_or_else(|| missing("visitors"))?;
    let hour_col = column(&headers, &["hour", "小时", "时段"]);
    let entrance_col = column(&headers, &["entrance", "入口", "出入口"]);
    let mut counts = Vec::new();
    let mut seen: HashMap<(NaiveDate, i64, String), u64> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| FootfallError::Io(file.to_string(), e.into()))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        let cell = |i: usize| record.get(i).unwrap_or("").to_string();
        let bad = |i: usize, expected| FootfallError::BadValue {
            file: file.to_string(),
            line,
            column: headers
                .get(i)
                .unwrap_or("")
                .trim_start_matches('\u{feff}')
                .to_string(),
            value: cell(i),
            expected,
        };
        let date =
            parse_date(&cell(date_col)).ok_or_else(|| bad(date_col, "a date (YYYY-MM-DD)"))?;
        let hour = match hour_col {
            Some(i) if !cell(i).is_empty() => {
                parse_hour(&cell(i)).ok_or_else(|| bad(i, "an hour 0–23"))?
            }
            _ => -1,
        };
        let entrance = entrance_col.map(cell).unwrap_or_default();
        let visitors: i64 = cell(visitors_col)
            .replace(',', "")
            .parse()
            .ok()
            .filter(|v| *v >= 0)
            .ok_or_else(|| bad(visitors_col, "a whole number ≥ 0"))?;
        if let Some(&first) = seen.get(&(date, hour, entrance.clone())) {
            return Err(FootfallError::Duplicate {
                file: file.to_string(),
                line,
                first,
            });
        }
        seen.insert((date, hour, entrance.clone()), line);
        counts.push(Count {
            date,
            hour,
            entrance,
            visitors,
        });
    }
    if counts.is_empty() {
        return Err(FootfallError::Empty(file.to_string()));
    }
    Ok(counts)
}

/// Imports one visitor-count file: all of it or, on any bad row, nothing.
pub fn import_footfall(db: &mut Db, path: &Path) -> Result<FootfallReport, FootfallError> {
    let file = path.display().to_string();
    let file_name = path
        .file_name()
        .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
    let counts = read(path, &file)?;
    let now = crate::time::now_ts();
    let (inserted, updated, unchanged) = db.write(|tx| {
        let mut current = tx.prepare(
            "SELECT visitors FROM footfall WHERE date = ?1 AND hour = ?2 AND entrance = ?3",
        )?;
        let mut upsert = tx.prepare(
            "INSERT INTO footfall (date, hour, entrance, visitors, file_name, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (mall_id, date, hour, entrance) DO UPDATE SET visitors = excluded.visitors,
                file_name = excluded.file_name, imported_at = excluded.imported_at",
        )?;
        let (mut inserted, mut updated, mut unchanged) = (0u64, 0u64, 0u64);
        for c in &counts {
            let date = c.date.to_string();
            let existing: Option<i64> = current
                .query_row(params![date, c.hour, c.entrance], |r| r.get(0))
                .ok();
            match existing {
                Some(v) if v == c.visitors => {
                    unchanged += 1;
                    continue;
                }
                Some(_) => updated += 1,
                None => inserted += 1,
            }
            upsert.execute(params![
                date, c.hour, c.entrance, c.visitors, file_name, now
            ])?;
        }
        Ok::<_, FootfallError>((inserted, updated, unchanged))
    })?;
    Ok(FootfallReport {
        file,
        rows: counts.len() as u64,
        inserted,
        updated,
        unchanged,
        first_day: counts.iter().map(|c| c.date).min().map(|d| d.to_string()),
        last_day: counts.iter().map(|c| c.date).max().map(|d| d.to_string()),
    })
}

/// Visitors per local date (`YYYY-MM-DD`) in `first..=last` (either open).
pub(crate) fn daily_visitors(
    db: &Db,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
) -> crate::sql::Result<BTreeMap<String, u64>> {
    let first = first.map_or_else(|| "0000-00-00".to_string(), |d| d.to_string());
    let last = last.map_or_else(|| "9999-99-99".to_string(), |d| d.to_string());
    let mut stmt = db.conn().prepare(
        "SELECT date, CASE WHEN SUM(CASE WHEN hour = -1 THEN 1 ELSE 0 END) > 0 THEN SUM(CASE WHEN hour = -1 THEN visitors END)
                          ELSE SUM(visitors) END
         FROM footfall WHERE date BETWEEN ?1 AND ?2 GROUP BY date",
    )?;
    let rows = stmt
        .query_map(params![first, last], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })?
        .collect();
    rows
}

/// Visitors per day, oldest first.
pub fn list_footfall(
    db: &Db,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<FootfallDay>, FootfallError> {
    Ok(daily_visitors(db, from, to)?
        .into_iter()
        .map(|(date, visitors)| FootfallDay { date, visitors })
        .collect())
}
