//! Waiting for the database instead of failing. SQLite lets one writer at a time; a write that
//! arrives while another is running (a long import in this process or another) waits for it
//! as long as it takes — never a fixed timeout ending in "database is locked" — and after a
//! second tells the person what it is waiting for, through a hook each front installs.
//!
//! What is running comes from an activity file beside the database (`<db>.activity`) that a
//! long write (an import, a restore) keeps while it runs, so a second process can name it.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::Localized;

/// A long write that others may have to wait for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Import,
    Restore,
    Undo,
}

/// What is keeping the database busy, as the activity file records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Activity {
    pub kind: ActivityKind,
    /// The file being imported or restored, by name.
    pub detail: String,
    /// The process running it.
    pub pid: u32,
    /// Local wall-clock time it began, `HH:MM`.
    pub since: String,
}

/// A write that has waited for more than a second.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Waiting {
    /// What it waits for, when the running write said.
    pub activity: Option<Activity>,
    /// The message for people, in both languages.
    pub message: Localized,
}

impl Waiting {
    fn new(activity: Option<Activity>) -> Waiting {
        let message = match &activity {
            Some(a) => {
                let (en, zh) = match a.kind {
                    ActivityKind::Import => ("the import of", "导入"),
                    ActivityKind::Restore => ("the restore of", "恢复"),
                    ActivityKind::Undo => ("undoing", "撤销"),
                };
                Localized::new(
                    format!(
                        "Waiting for {en} {} (started {}) to finish; your change is saved right after it.",
                        a.detail, a.since
                    ),
                    format!(
                        "正在等待{zh}“{}”完成（开始于 {}）；完成后会立即保存您的修改。",
                        a.detail, a.since
                    ),
                )
            }
            None => Localized::new(
                "Waiting for another PromoDesk window or command to finish saving; your change is saved right after it.",
                "正在等待另一个 PromoDesk 窗口或命令完成保存；完成后会立即保存您的修改。",
            ),
        };
        Waiting { activity, message }
    }
}

type Hook = fn(Option<&Waiting>);

static HOOK: OnceLock<Hook> = OnceLock::new();

/// Installs how this front tells people about waits: called with the wait after a second, and
/// with `None` when that write got its turn. The first call wins.
pub fn on_wait(hook: Hook) {
    let _ = HOOK.set(hook);
}

fn tell(waiting: Option<&Waiting>) {
    if let Some(hook) = HOOK.get() {
        hook(waiting);
    }
}

/// Tells the front that a write on `db` is waiting (for a lock a front keeps itself, such as
/// the app's one writer connection), naming what runs if it can.
pub fn announce(db: &Path) {
    tell(Some(&Waiting::new(current_activity(db))));
}

/// Tells the front that the wait it was told about is over.
pub fn over() {
    tell(None);
}

fn activity_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".activity");
    PathBuf::from(name)
}

/// The long write running on `db` now, if one recorded itself and its process is alive.
pub fn current_activity(db: &Path) -> Option<Activity> {
    let text = std::fs::read_to_string(activity_path(db)).ok()?;
    let activity: Activity = serde_json::from_str(&text).ok()?;
    // A process that died mid-import leaves the file behind; it no longer holds anything.
    let alive = activity.pid == std::process::id()
        || Path::new(&format!("/proc/{}", activity.pid)).exists()
        || !Path::new("/proc/self").exists();
    alive.then_some(activity)
}

/// Records a long write for as long as the guard lives.
pub struct ActivityGuard(Option<PathBuf>);

impl Drop for ActivityGuard {
    fn drop(&mut self) {
        if let Some(path) = &self.0 {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Says "this process is importing `detail`" to anyone who has to wait. Best effort: a folder
/// that cannot take the small file only loses the explanation, not the import.
pub fn begin_activity(db: &Path, kind: ActivityKind, detail: &str) -> ActivityGuard {
    if db == Path::new(":memory:") {
        return ActivityGuard(None);
    }
    let activity = Activity {
        kind,
        detail: detail.to_string(),
        pid: std::process::id(),
        since: chrono::Local::now().format("%H:%M").to_string(),
    };
    let path = activity_path(db);
    let written = serde_json::to_string(&activity)
        .ok()
        .and_then(|text| std::fs::write(&path, text).ok());
    ActivityGuard(written.map(|()| path))
}

/// Waits made by this thread: when the current one began and whether it was told.
struct Pending {
    db: PathBuf,
    since: Instant,
    told: bool,
}

thread_local! {
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
}

/// How long a waiting write stays quiet before it explains itself.
const QUIET: Duration = Duration::from_secs(1);

/// Runs `f` (which may block on the database) knowing it is a write on `db`, so a wait inside
/// it can name what it waits for; tells the front when a wait it announced is over.
pub(crate) fn writing<T>(db: &Path, f: impl FnOnce() -> T) -> T {
    PENDING.with(|p| {
        *p.borrow_mut() = Some(Pending {
            db: db.to_path_buf(),
            since: Instant::now(),
            told: false,
        })
    });
    let value = f();
    let told = PENDING.with(|p| p.borrow_mut().take().is_some_and(|p| p.told));
    if told {
        tell(None);
    }
    value
}

/// Announces a wait of this thread's write once it has lasted a second.
pub fn waited(started: Instant) {
    PENDING.with(|p| {
        let mut pending = p.borrow_mut();
        let Some(pending) = pending.as_mut() else {
            return;
        };
        if !pending.told && started.elapsed() >= QUIET {
            pending.told = true;
            tell(Some(&Waiting::new(current_activity(&pending.db))));
        }
    });
}

/// SQLite's busy handler: sleep a little longer each time (5 ms up to 80 ms) and never give up.
pub(crate) fn busy(count: i32) -> bool {
    let since = PENDING.with(|p| p.borrow().as_ref().map(|p| p.since));
    std::thread::sleep(Duration::from_millis((5 << count.clamp(0, 4)) as u64));
    if let Some(since) = since {
        waited(since);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_activity_is_named_while_it_runs_and_gone_after() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.db");
        {
            let _guard = begin_activity(&db, ActivityKind::Import, "wechat.csv");
            let a = current_activity(&db).expect("recorded");
            assert_eq!(
                (&a.kind, a.detail.as_str()),
                (&ActivityKind::Import, "wechat.csv")
            );
            let w = Waiting::new(Some(a));
            assert!(w.message.en.contains("import of wechat.csv"));
            assert!(w.message.zh.contains("导入“wechat.csv”"));
        }
        assert_eq!(current_activity(&db), None);
    }

    #[test]
    fn a_dead_process_holds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.db");
        let stale = Activity {
            kind: ActivityKind::Import,
            detail: "old.csv".into(),
            pid: u32::MAX - 1,
            since: "09:00".into(),
        };
        std::fs::write(activity_path(&db), serde_json::to_string(&stale).unwrap()).unwrap();
        assert_eq!(current_activity(&db), None);
    }
}
