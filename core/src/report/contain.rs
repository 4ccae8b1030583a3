//! rust_xlsxwriter writes the trades sheet (constant-memory mode) to a temporary file and
//! panics, instead of returning an error, when a write to that file fails — as it does when the
//! disk fills up. A panic would end the CLI with a stack trace and, in the desktop app, unwind
//! through a command that holds the database, so the XLSX writer runs inside [`contained`]: the
//! panic becomes a [`ReportError`] like any other write failure, and a full disk is still told
//! apart (by the `io::ErrorKind` the panic message names).

use std::cell::Cell;
use std::io::ErrorKind;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use super::ReportError;

thread_local! {
    /// Set while this thread runs a contained writer: its panic is reported as an error, so
    /// the panic hook stays quiet for it.
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `write`, turning a panic into [`ReportError::Io`] (when the message names an
/// `io::ErrorKind` of a full disk) or [`ReportError::Write`].
///
/// The first call wraps the process's panic hook once: panics of other threads, and of this one
/// outside `write`, still reach the hook that was there before.
pub(super) fn contained(
    write: impl FnOnce() -> Result<(), ReportError>,
) -> Result<(), ReportError> {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CONTAINED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    CONTAINED.with(|c| c.set(true));
    let result = catch_unwind(AssertUnwindSafe(write));
    CONTAINED.with(|c| c.set(false));
    result.unwrap_or_else(|payload| {
        let text = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "the spreadsheet writer stopped".into());
        Err(from_panic(&text))
    })
}

/// The error a panic message stands for: rust_xlsxwriter's read "Couldn't write to xml file:
/// Os { code: 28, kind: StorageFull, … }".
fn from_panic(text: &str) -> ReportError {
    for kind in [
        ErrorKind::StorageFull,
        ErrorKind::FileTooLarge,
        ErrorKind::QuotaExceeded,
    ] {
        if text.contains(&format!("kind: {kind:?}")) {
            return ReportError::Io(std::io::Error::new(kind, text.to_string()));
        }
    }
    ReportError::Write(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_of_the_writer_is_an_error_that_still_tells_a_full_disk() {
        let full = contained(|| {
            panic!("Couldn't write to xml file: Os {{ code: 28, kind: StorageFull, message: \"No space left on device\" }}")
        })
        .unwrap_err();
        assert!(
            matches!(&full, ReportError::Io(e) if e.kind() == ErrorKind::StorageFull),
            "{full:?}"
        );
        let other = contained(|| panic!("index out of bounds")).unwrap_err();
        assert!(matches!(&other, ReportError::Write(t) if t == "index out of bounds"));
        assert!(contained(|| Ok(())).is_ok());
    }
}
