//! A report that does not fit where it is saved: the disk fills up (or refuses a file this
//! large, as FAT32 drives do past 4 GB) halfway through. The report is written to a temporary
//! file beside the target, so the temporary file is dropped (and with it the part written) and
//! whatever was at the target before stays as it was; the message says so, how much room is
//! needed at least, and where else to go.

use std::io::ErrorKind;
use std::path::Path;

use super::ReportError;
use crate::fault::mb_up;
use crate::text::Lang;

/// Whether `err` is the disk, a quota or a file-size limit running out.
pub(super) fn no_room(err: &std::io::Error) -> bool {
    matches!(
        err.kind(),
        ErrorKind::StorageFull | ErrorKind::FileTooLarge | ErrorKind::QuotaExceeded
    )
}

/// `err`, or [`ReportError::DiskFull`] when the write ran out of room; `written` is the
/// temporary file (its size is a floor for what the report needs), `kept` whether a file was
/// at the target already.
pub(super) fn when_full(err: ReportError, out: &Path, written: &Path, kept: bool) -> ReportError {
    match &err {
        ReportError::Io(e) if no_room(e) => {
            let bytes = std::fs::metadata(written).map_or(0, |m| m.len());
            ReportError::DiskFull {
                path: out.display().to_string(),
                needed_mb: mb_up(bytes + 1),
                kept,
            }
        }
        _ => err,
    }
}

/// The message of [`ReportError::DiskFull`].
pub(super) fn message(path: &str, needed_mb: u64, kept: bool, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "the report could not be saved to {path}: the disk ran out of room (or does not take files this large). It needs at least {needed_mb} MB free. Free up space on that disk, or save the report to another folder or drive, then export again.{}",
            if kept { " The report that was already saved under that name is unchanged." } else { "" }
        ),
        Lang::ZhCn => format!(
            "报告无法保存到 {path}：磁盘空间不足（或该磁盘不支持这么大的文件）。至少需要 {needed_mb} MB 可用空间。请在该磁盘上腾出空间，或把报告保存到其他文件夹或磁盘，然后重新导出。{}",
            if kept { "原来同名的报告没有改动。" } else { "" }
        ),
    }
}
