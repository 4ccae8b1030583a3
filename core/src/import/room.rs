//! A bill that does not fit on the disk: SQLite's "database or disk is full" becomes a message
//! that says roughly how much room the bill needs and what to do. The import is one transaction,
//! so nothing of the bill was written.

use std::path::Path;

use super::ImportError;
use crate::db::Db;
use crate::fault::{free_mb, mb_up, Fault};
use crate::text::Lang;

/// How much disk a bill takes once imported, per byte of the bill, in tenths.
///
/// Measured (`gen_wechat_bill`, 12,000 and 100,000 rows): the write-ahead log grows by about
/// 1.2–1.3× the bill while the import runs, and the database file by as much again when the
/// log is copied into it afterwards, both on the same disk. 2.5× leaves room for both.
const GROWTH_TENTHS: u64 = 25;

/// Compressed files (a ZIP from Alipay, a spreadsheet) hold about this many times their size in
/// text.
const UNPACKED: u64 = 5;

/// About how many MB importing the bill at `bill` needs on the database's disk.
pub(crate) fn needed_mb(bill: &Path) -> u64 {
    let bytes = std::fs::metadata(bill).map_or(0, |m| m.len());
    let compressed = bill.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["zip", "xlsx", "xlsm", "xls", "ods"].contains(&e.to_ascii_lowercase().as_str())
    });
    let text = if compressed { bytes * UNPACKED } else { bytes };
    mb_up(text.saturating_mul(GROWTH_TENTHS) / 10)
}

/// `err`, or [`ImportError::DiskFull`] when it is the disk (or a size limit) running out.
///
/// The rolled-back rows still fill the write-ahead log, which SQLite reuses but never shrinks
/// while the database is open: it is emptied first, so the disk gets that room back at once
/// (not only when PromoDesk closes) and the free space the message reports is the real one.
pub(crate) fn when_full(err: ImportError, bill: &Path, db: &Db) -> ImportError {
    match &err {
        ImportError::Db(e) if matches!(Fault::of(e), Some(Fault::DiskFull { .. })) => {
            // Best effort: a reader still on the log keeps it, and that is all that happens.
            let _ = db
                .conn()
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
            ImportError::DiskFull {
                dir: crate::fault::folder_of(db.path()).display().to_string(),
                needed_mb: needed_mb(bill),
                free_mb: free_mb(db.path()),
            }
        }
        _ => err,
    }
}

/// The message of [`ImportError::DiskFull`]; "free up" asks for what is missing when the free
/// space is known and smaller than the need, else for the whole need.
pub(crate) fn message(dir: &str, needed_mb: u64, free_mb: Option<u64>, lang: Lang) -> String {
    let short = free_mb.filter(|free| *free < needed_mb);
    let to_free = short.map_or(needed_mb, |free| needed_mb - free);
    match lang {
        Lang::En => {
            let free = short.map_or(String::new(), |f| format!(", and only {f} MB are free"));
            format!("there is not enough room for this bill on the disk that holds the database ({dir}): importing it needs about {needed_mb} MB{free}. Free up about {to_free} MB on that disk, then import the bill again; nothing of it was saved")
        }
        Lang::ZhCn => {
            let free = short.map_or(String::new(), |f| format!("，而目前只剩 {f} MB"));
            format!("存放数据库的磁盘（{dir}）空间不足，放不下这份账单：导入它大约需要 {needed_mb} MB{free}。请在该磁盘上腾出约 {to_free} MB 后再导入；这份账单的内容一条也没有保存")
        }
    }
}
