//! Home's overview read while the window is still being made.
//!
//! The window (WebKit's processes, the page, its script) takes ~0.3 s before the home screen
//! can ask for its data, and at ten million trades the overview takes about as long to read.
//! So the app starts that read on a thread of its own as soon as the database is open, and the
//! home screen's first `home_overview` takes its result instead of starting the same read again.
//!
//! The result is used only if it is still what a read now would give: it was read on one
//! connection whose `PRAGMA data_version` is unchanged since the read began (no connection of
//! this or another process committed meanwhile), and within [`FRESH`] of the start. Otherwise —
//! and for every later call — the overview is read as usual.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use promodesk_core::api::{Api, NoParams};
use promodesk_core::overview::HomeOverview;
use promodesk_core::{Db, Error};

/// How long after start an early overview may still be shown: well inside the 30 s of the
/// status clock, so it is never staler than what the clock lets a screen show.
const FRESH: Duration = Duration::from_secs(10);

/// What the early read hands over: its connection (to check, then to reuse), the connection's
/// data version before the read, and the overview.
type Done = (Db, i64, Result<HomeOverview, Error>);

/// The early read of Home's overview, until the first `home_overview` takes it.
#[derive(Default)]
pub struct EarlyHome {
    pending: Mutex<Option<(Instant, Receiver<Done>)>>,
}

impl EarlyHome {
    /// Starts reading the overview of the database at `path` (already at the current schema).
    pub fn start(path: PathBuf) -> EarlyHome {
        let (send, receive) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("early-home".into())
            .spawn(move || {
                let Ok(mut db) = Db::open_reader(&path) else {
                    return;
                };
                let Ok(version) = db.data_version() else {
                    return;
                };
                let overview = Api::local(&mut db)
                    .logging_failures(crate::error::log_failure)
                    .home_overview(NoParams {});
                let _ = send.send((db, version, overview));
            });
        EarlyHome {
            pending: Mutex::new(spawned.ok().map(|_| (Instant::now(), receive))),
        }
    }

    /// The early overview, once, if it is still current (waiting for it if it is under way);
    /// `None` when it must be read afresh. Blocks: call it on a worker thread.
    pub fn take(&self) -> Option<(Db, Result<HomeOverview, Error>)> {
        let (started, receive) = self
            .pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()?;
        let (db, version, overview) = receive.recv().ok()?;
        let unchanged = db.data_version().is_ok_and(|now| now == version);
        (unchanged && started.elapsed() < FRESH).then_some((db, overview))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use promodesk_core::store::{self, StoreInput};

    impl EarlyHome {
        /// Waits until the early read is done, leaving its result to be taken.
        fn finish(&self) {
            let mut pending = self.pending.lock().unwrap();
            let (started, receive) = pending.take().unwrap();
            let done = receive.recv().unwrap();
            let (send, again) = mpsc::channel();
            send.send(done).unwrap();
            *pending = Some((started, again));
        }
    }

    fn fresh(path: &std::path::Path) -> HomeOverview {
        let mut db = Db::open_reader(path).unwrap();
        Api::local(&mut db).home_overview(NoParams {}).unwrap()
    }

    fn database() -> (tempfile::TempDir, PathBuf, Db) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("early.db");
        let writer = Db::open(&path).unwrap();
        (dir, path, writer)
    }

    #[test]
    fn the_first_call_gets_the_early_overview_once_when_nothing_changed() {
        let (_dir, path, _writer) = database();
        let early = EarlyHome::start(path.clone());
        early.finish();
        let (_, overview) = early.take().expect("the early overview");
        let overview = overview.unwrap();
        assert!(overview.empty);
        assert_eq!(
            serde_json::to_value(&overview).unwrap(),
            serde_json::to_value(fresh(&path)).unwrap()
        );
        assert!(early.take().is_none(), "only the first call");
    }

    #[test]
    fn a_commit_after_the_early_read_makes_the_first_call_read_afresh() {
        let (_dir, path, mut writer) = database();
        let early = EarlyHome::start(path.clone());
        early.finish();
        let input = StoreInput {
            name: "一号店".into(),
            ..Default::default()
        };
        store::add(&mut writer, &input).unwrap();
        assert!(
            early.take().is_none(),
            "the early overview still says empty"
        );
        assert!(!fresh(&path).empty);
    }
}
