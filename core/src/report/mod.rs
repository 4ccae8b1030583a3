//! Campaign reports: the summary, KPIs, wallets side by side, days, stores, coupons and bills of
//! a campaign ([`build`]), written as XLSX, PDF or a ZIP of CSVs ([`export`]).
//!
//! A file is never half-written: each writer writes a temporary file beside the target, which is
//! renamed over it only when complete.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::db::Db;
use crate::text::{Lang, Localized};

mod answer;
#[doc(hidden)]
pub mod bench_support;
mod build;
mod contain;
mod csv_zip;
mod full;
mod model;
pub(crate) mod pdf;
mod sections;
mod trades;
mod xlsx;

pub use build::build;
pub use csv_zip::neutralise;
pub use model::{Answer, Cell, Chart, ChartKind, Report, Section, SectionId};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Xlsx,
    Pdf,
    /// A ZIP of one CSV per section.
    Csv,
}

impl ReportFormat {
    pub fn parse(text: &str) -> Option<ReportFormat> {
        match text.trim() {
            "xlsx" => Some(ReportFormat::Xlsx),
            "pdf" => Some(ReportFormat::Pdf),
            "csv" => Some(ReportFormat::Csv),
            _ => None,
        }
    }

    /// The file extension the output must carry (CSV sections travel as one ZIP).
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Pdf => "pdf",
            ReportFormat::Csv => "zip",
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportSummary {
    pub path: String,
    pub format: ReportFormat,
    pub bytes: u64,
}

/// Errors of reports.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("campaign {0} does not exist; it may have been removed — reload the campaign list")]
    CampaignNotFound(i64),
    #[error("'{0}' is not a report format; use xlsx, pdf or csv")]
    UnknownFormat(String),
    #[error("{path} must end in .{extension} for this format")]
    WrongExtension {
        path: String,
        extension: &'static str,
    },
    #[error("cannot write {path}: {reason}")]
    Unwritable { path: String, reason: String },
    #[error("writing the report failed: {0}")]
    Write(String),
    /// A write of the file failed; kept as an `io::Error` so a full disk can be told apart.
    #[error("writing the report failed: {0}")]
    Io(std::io::Error),
    #[error("{}", full::message(.path, *.needed_mb, *.kept, Lang::En))]
    DiskFull {
        path: String,
        /// What the part written before the disk filled took, rounded up: a floor.
        needed_mb: u64,
        /// A file was at `path` before, and still is, unchanged.
        kept: bool,
    },
    #[error(
        "no Chinese font found for the PDF; install fonts-noto-cjk (or set PROMODESK_PDF_FONT)"
    )]
    NoCjkFont,
    #[error("export cancelled; nothing was written")]
    Cancelled,
    #[error(transparent)]
    Stats(#[from] crate::stats::StatsError),
    #[error(transparent)]
    Mall(#[from] crate::mall::MallError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Coupon(#[from] crate::coupon::CouponError),
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    #[error(transparent)]
    Codes(#[from] crate::codes::CodesError),
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
}

impl From<rust_xlsxwriter::XlsxError> for ReportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        use rust_xlsxwriter::XlsxError;
        match e {
            XlsxError::IoError(e)
            | XlsxError::TempFileError(_, e)
            | XlsxError::ZipError(zip::result::ZipError::Io(e)) => ReportError::Io(e),
            e => ReportError::Write(e.to_string()),
        }
    }
}

impl From<zip::result::ZipError> for ReportError {
    fn from(e: zip::result::ZipError) -> Self {
        match e {
            zip::result::ZipError::Io(e) => ReportError::Io(e),
            e => ReportError::Write(e.to_string()),
        }
    }
}

impl From<csv::Error> for ReportError {
    fn from(e: csv::Error) -> Self {
        let text = e.to_string();
        match e.into_kind() {
            csv::ErrorKind::Io(e) => ReportError::Io(e),
            _ => ReportError::Write(text),
        }
    }
}

impl ReportError {
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::CampaignNotFound(_) => "campaign.not_found",
            ReportError::UnknownFormat(_) => "report.unknown_format",
            ReportError::WrongExtension { .. } => "report.wrong_extension",
            ReportError::Unwritable { .. } => "report.unwritable",
            ReportError::Write(_) | ReportError::Io(_) => "report.write",
            ReportError::DiskFull { .. } => "report.disk_full",
            ReportError::NoCjkFont => "report.no_cjk_font",
            ReportError::Cancelled => "report.cancelled",
            ReportError::Stats(e) => e.code(),
            ReportError::Mall(e) => e.code(),
            ReportError::Store(e) => e.code(),
            ReportError::Coupon(e) => e.code(),
            ReportError::Import(e) => e.code(),
            ReportError::Codes(e) => e.code(),
            ReportError::Db(e) => crate::fault::db_code(e),
        }
    }

    pub fn localized(&self) -> Localized {
        let zh = match self {
            ReportError::CampaignNotFound(id) => format!("活动 {id} 不存在"),
            ReportError::UnknownFormat(f) => format!("“{f}”不是报告格式；可选 Excel、PDF 或 CSV"),
            ReportError::WrongExtension { path, extension } => {
                format!("{path} 的扩展名须为 .{extension}")
            }
            // The system's own words stay in the English text and the log, not in Chinese.
            ReportError::Unwritable { path, .. } => {
                format!("无法写入 {path}：请确认文件夹存在且有写入权限，或换个位置保存")
            }
            ReportError::Write(_) => "写报告失败；请重试，或换个位置保存".to_string(),
            ReportError::Io(e) => format!("写报告失败：{}", crate::text::io_reason(e).1),
            ReportError::DiskFull {
                path,
                needed_mb,
                kept,
            } => full::message(path, *needed_mb, *kept, Lang::ZhCn),
            ReportError::NoCjkFont => {
                "找不到用于 PDF 的中文字体；请安装 fonts-noto-cjk（或设置 PROMODESK_PDF_FONT）"
                    .into()
            }
            ReportError::Cancelled => "已取消导出，未写入任何文件".into(),
            ReportError::Stats(e) => return e.localized(),
            ReportError::Mall(e) => return e.localized(),
            ReportError::Store(e) => return e.localized(),
            ReportError::Coupon(e) => return e.localized(),
            ReportError::Import(e) => return e.localized(),
            ReportError::Codes(e) => return e.localized(),
            ReportError::Db(e) => crate::fault::db_message(e, crate::text::Lang::ZhCn),
        };
        Localized::new(self.to_string(), zh)
    }
}

/// Writes the campaign's report to `out` in `format` and `lang`. `progress` gets trade rows
/// written so far and may return false to cancel. `out` is replaced only by a complete file.
pub fn export(
    db: &Db,
    campaign: i64,
    format: ReportFormat,
    lang: Lang,
    out: &Path,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<ExportSummary, ReportError> {
    let shown = out.display().to_string();
    let has_extension = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(format.extension()));
    if !has_extension {
        return Err(ReportError::WrongExtension {
            path: shown,
            extension: format.extension(),
        });
    }
    let subject = build::Subject::load(db, campaign)?;
    let report = build::build_for(db, &subject, lang, crate::time::now_ts())?;
    let unwritable = |reason: String| ReportError::Unwritable {
        path: shown.clone(),
        reason,
    };
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if out.is_dir() {
        return Err(unwritable("it is a folder".into()));
    }
    if !progress(0) {
        return Err(ReportError::Cancelled);
    }
    let kept = out.exists();
    let temp = tempfile::Builder::new()
        .prefix(".promodesk-report-")
        .suffix(&format!(".{}", format.extension()))
        .tempfile_in(&dir)
        .map_err(|e| {
            if full::no_room(&e) {
                full::when_full(ReportError::Io(e), out, Path::new(""), kept)
            } else {
                unwritable(e.to_string())
            }
        })?;
    let logo = crate::mall::logo(db)?;
    let written = match format {
        ReportFormat::Xlsx => contain::contained(|| {
            let window = &subject.window;
            xlsx::write(
                db,
                &report,
                window,
                lang,
                logo.as_ref(),
                temp.path(),
                progress,
            )
        }),
        ReportFormat::Csv => {
            csv_zip::write(db, &report, &subject.window, lang, temp.path(), progress)
        }
        ReportFormat::Pdf => pdf::write(&report, lang, logo.as_ref(), temp.path()),
    };
    // On any failure the temporary file goes when `temp` drops; `out` was never touched.
    written.map_err(|e| full::when_full(e, out, temp.path(), kept))?;
    temp.persist(out)
        .map_err(|e| unwritable(e.error.to_string()))?;
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(ExportSummary {
        path: shown,
        format,
        bytes,
    })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_answer;
