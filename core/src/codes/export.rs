//! A pool in the shape each recipient takes: WeChat Pay 商家券's upload requests (at most 200
//! codes each, each with its own `upload_request_no`), or a plain CSV / XLSX list for a POS
//! or a print shop. Written to a temporary file beside the target and renamed over it only
//! when complete, like the reports.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::CodesError;
use crate::db::Db;
use crate::text::Lang;

/// Codes per WeChat upload request (`coupon_code_list`: 1–200).
pub const BATCH_MAX: usize = 200;
/// `upload_request_no` is at most this long.
const REQUEST_NO_MAX: usize = 128;

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// WeChat Pay 商家券 upload requests, as JSON.
    WechatUpload,
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn parse(text: &str) -> Option<ExportFormat> {
        match text.trim() {
            "wechat" | "wechat_upload" => Some(ExportFormat::WechatUpload),
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::WechatUpload => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}

/// One WeChat upload request's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadBatch {
    pub coupon_code_list: Vec<String>,
    pub upload_request_no: String,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CodeExport {
    pub path: String,
    pub format: ExportFormat,
    pub codes: u64,
    /// WeChat upload requests written (0 for CSV and XLSX).
    pub batches: u64,
}

/// The codes cut into upload requests of at most [`BATCH_MAX`], each numbered uniquely:
/// the pool, the moment of the export and the batch's number, so a second export of the same
/// pool never reuses the first one's numbers.
pub fn upload_batches(pool_tag: &str, stamp: &str, codes: &[String]) -> Vec<UploadBatch> {
    codes
        .chunks(BATCH_MAX)
        .enumerate()
        .map(|(i, chunk)| {
            let mut no = format!("PD{pool_tag}-{stamp}-{:05}", i + 1);
            no.truncate(REQUEST_NO_MAX);
            UploadBatch {
                coupon_code_list: chunk.to_vec(),
                upload_request_no: no,
            }
        })
        .collect()
}

fn unwritable(out: &Path, e: impl ToString) -> CodesError {
    CodesError::Unwritable {
        path: out.display().to_string(),
        reason: e.to_string(),
    }
}

/// Writes `coupon`'s pool to `out` in `format`; headers in `lang`.
pub fn export(
    db: &Db,
    coupon: i64,
    format: ExportFormat,
    lang: Lang,
    out: &Path,
) -> Result<CodeExport, CodesError> {
    let has_extension = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(format.extension()));
    if !has_extension {
        return Err(CodesError::WrongExtension {
            path: out.display().to_string(),
            extension: format.extension(),
        });
    }
    let pool = super::get_pool(db, coupon)?;
    let codes = super::pool_codes(db, coupon)?;
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".promodesk-codes-")
        .suffix(&format!(".{}", format.extension()))
        .tempfile_in(&dir)
        .map_err(|e| unwritable(out, e))?;
    let zh = lang == Lang::ZhCn;
    let mut batches = 0;
    match format {
        ExportFormat::WechatUpload => {
            let stock = crate::coupon::get(db, coupon)
                .map(|c| c.spec.provider_ref)
                .unwrap_or_default();
            let zone = crate::mall::get(db)?.zone();
            let stamp = crate::time::local(crate::time::now_ts(), zone)
                .format("%Y%m%d%H%M%S")
                .to_string();
            let list = upload_batches(&coupon.to_string(), &stamp, &codes);
            batches = list.len() as u64;
            let stock_path = if stock.trim().is_empty() {
                "{stock_id}".to_string()
            } else {
                stock.trim().to_string()
            };
            let doc = serde_json::json!({
                "method": "POST",
                "path": format!("/v3/marketing/busifavor/stocks/{stock_path}/couponcodes"),
                "coupon": pool.coupon_name,
                "codes": codes.len(),
                "requests": list,
            });
            let mut w = std::io::BufWriter::new(temp.as_file());
            serde_json::to_writer_pretty(&mut w, &doc).map_err(|e| unwritable(out, e))?;
            w.flush().map_err(|e| unwritable(out, e))?;
        }
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(std::io::BufWriter::new(temp.as_file()));
            let header = if zh {
                ["券码", "优惠券"]
            } else {
                ["code", "coupon"]
            };
            w.write_record(header).map_err(|e| unwritable(out, e))?;
            for code in &codes {
                w.write_record([code.as_str(), pool.coupon_name.as_str()])
                    .map_err(|e| unwritable(out, e))?;
            }
            w.flush().map_err(|e| unwritable(out, e))?;
        }
        ExportFormat::Xlsx => {
            use rust_xlsxwriter::{Format, Workbook};
            let mut book = Workbook::new();
            let sheet = book
                .add_worksheet_with_constant_memory()
                .map_err(|e| unwritable(out, e))?;
            sheet
                .set_name(if zh { "券码" } else { "Codes" })
                .map_err(|e| unwritable(out, e))?;
            // Widths before any cell: a constant-memory sheet writes rows as they come.
            sheet
                .set_column_width(0, 24)
                .map_err(|e| unwritable(out, e))?;
            sheet
                .set_column_width(1, 30)
                .map_err(|e| unwritable(out, e))?;
            let bold = Format::new().set_bold();
            let (h1, h2) = if zh {
                ("券码", "优惠券")
            } else {
                ("Code", "Coupon")
            };
            sheet
                .write_string_with_format(0, 0, h1, &bold)
                .and_then(|s| s.write_string_with_format(0, 1, h2, &bold))
                .map_err(|e| unwritable(out, e))?;
            for (i, code) in codes.iter().enumerate() {
                let row = i as u32 + 1;
                // Text, so a code of digits keeps its leading zeros and never turns into 1E+15.
                sheet
                    .write_string(row, 0, code)
                    .and_then(|s| s.write_string(row, 1, &pool.coupon_name))
                    .map_err(|e| unwritable(out, e))?;
            }
            book.save(temp.path()).map_err(|e| unwritable(out, e))?;
        }
    }
    temp.persist(out).map_err(|e| unwritable(out, e.error))?;
    Ok(CodeExport {
        path: out.display().to_string(),
        format,
        codes: codes.len() as u64,
        batches,
    })
}
