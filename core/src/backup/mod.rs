//! Backups of the database file through SQLite's online backup API (consistent while PromoDesk
//! keeps working), kept in a `backups/` folder beside the database.
//!
//! Made automatically before every schema migration (by `Db::open`) and once a day at the first
//! start (by the CLI and the app), and by hand (`promodesk backup create`, Settings). Only the
//! newest N automatic and manual backups are kept (`backup_keep` setting, default 10). A restore
//! first backs up the current state ("before-restore"), so it can itself be undone.
//!
//! A team database is backed up with PostgreSQL's own `pg_dump` instead ([`dump`] says what
//! differs and why): the same list, names and keep rule, in a folder per team database.

pub(crate) mod dump;

use std::path::{Path, PathBuf};

use crate::sql::Connection;
use rusqlite::OpenFlags;
use serde::Serialize;
use ts_rs::TS;

use crate::db::Db;
use crate::text::Localized;

const DEFAULT_KEEP: usize = 10;
const KEEP_SETTING: &str = "backup_keep";

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupInfo {
    pub file: String,
    pub path: String,
    /// Why it was made: `manual`, `daily`, `before-migration`, `before-restore`.
    pub reason: String,
    /// The mall's local time from the file name, `YYYY-MM-DD HH:MM:SS`.
    pub created: String,
    pub bytes: u64,
}

/// Errors of backups.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("an in-memory database has no file to back up")]
    InMemory,
    #[error("a team database is restored on its server by IT, because a restore replaces what colleagues saved since: give IT the backup {0} (README, \"Team database\", says how)")]
    RestoreOnServer(String),
    #[error("PostgreSQL's backup tool (pg_dump) is not installed on this computer; ask IT to install the postgresql-client package")]
    NoDumpTool,
    #[error("this computer's PostgreSQL backup tool (pg_dump) is older than the team database's server; ask IT to install a newer postgresql-client package")]
    DumpToolTooOld,
    /// What pg_dump said is kept for the log, not shown: it is the tool's own wording.
    #[error("the team database could not be backed up; check the connection and try again, and if it keeps failing ask IT")]
    DumpFailed(String),
    #[error("backup '{0}' does not exist; choose one from the list of backups")]
    NotFound(String),
    #[error("{0} is not a PromoDesk backup (it fails SQLite's integrity check)")]
    Damaged(String),
    #[error("keep must be between 1 and 365, not {0}")]
    BadKeep(i64),
    #[error("backup folder {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
}

impl BackupError {
    pub fn code(&self) -> &'static str {
        match self {
            BackupError::InMemory => "backup.in_memory",
            BackupError::RestoreOnServer(_) => "backup.restore_on_server",
            BackupError::NoDumpTool => "backup.no_dump_tool",
            BackupError::DumpToolTooOld => "backup.dump_tool_too_old",
            BackupError::DumpFailed(_) => "backup.dump_failed",
            BackupError::NotFound(_) => "backup.not_found",
            BackupError::Damaged(_) => "backup.damaged",
            BackupError::BadKeep(_) => "backup.bad_keep",
            BackupError::Io { .. } => "backup.io",
            BackupError::Db(e) => crate::fault::db_code(e),
        }
    }

    pub fn localized(&self) -> Localized {
        let zh = match self {
            BackupError::InMemory => "内存数据库没有可备份的文件".to_string(),
            BackupError::RestoreOnServer(f) => format!(
                "团队数据库由服务器管理员在服务器上恢复，因为恢复会覆盖同事此后保存的内容：请把备份文件 {f} 交给服务器管理员"
            ),
            BackupError::NoDumpTool => {
                "这台电脑没有安装团队数据库的备份工具；请服务器管理员为这台电脑安装".to_string()
            }
            BackupError::DumpToolTooOld => {
                "这台电脑的团队数据库备份工具比服务器的版本旧；请服务器管理员为这台电脑安装较新的版本".to_string()
            }
            BackupError::DumpFailed(_) => {
                "团队数据库未能备份；请检查连接后重试，如仍失败请联系服务器管理员".to_string()
            }
            BackupError::NotFound(f) => {
                format!("备份“{f}”不存在；请从备份列表中选择")
            }
            BackupError::Damaged(f) => format!("{f} 不是有效的 PromoDesk 备份（未通过完整性检查）"),
            BackupError::BadKeep(n) => format!("保留份数须在 1 到 365 之间，而不是 {n}"),
            BackupError::Io { path, source } => {
                format!("备份文件夹 {path}：{}", crate::text::io_reason(source).1)
            }
            BackupError::Db(e) => crate::fault::db_message(e, crate::text::Lang::ZhCn),
        };
        Localized::new(self.to_string(), zh)
    }
}

/// The backup folder of a database file.
pub fn folder(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .map_or_else(|| PathBuf::from("backups"), |p| p.join("backups"))
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The mall's zone as the database at `conn` records it: backups are named and listed in the
/// mall's time, like every other time the app shows (this computer may be set to another zone).
fn mall_zone(conn: &Connection) -> chrono_tz::Tz {
    // A backup from before schema 17 has no `current_mall`: its one mall then.
    conn.query_row("SELECT time_zone FROM current_mall", [], |r| {
        r.get::<_, String>(0)
    })
    .or_else(|_| {
        conn.query_row("SELECT time_zone FROM mall WHERE id = 1", [], |r| {
            r.get::<_, String>(0)
        })
    })
    .ok()
    .and_then(|z| crate::time::parse_zone(&z))
    .unwrap_or(chrono_tz::Asia::Shanghai)
}

fn now_in(zone: chrono_tz::Tz) -> chrono::DateTime<chrono_tz::Tz> {
    chrono::Utc::now().with_timezone(&zone)
}

fn stamp(zone: chrono_tz::Tz) -> String {
    now_in(zone).format("%Y%m%d-%H%M%S").to_string()
}

/// Copies the open database at `conn` into `target` with the online backup API.
fn copy(conn: &Connection, target: &Path) -> Result<(), BackupError> {
    conn.sqlite().ok_or(BackupError::InMemory)?.backup(
        rusqlite::MAIN_DB,
        target,
        None::<fn(rusqlite::backup::Progress)>,
    )?;
    Ok(())
}

/// Backs up the database file at `db_path` from an open connection (used before migrating).
pub(crate) fn create_from(
    conn: &Connection,
    db_path: &Path,
    reason: &str,
) -> Result<PathBuf, BackupError> {
    let dir = folder(db_path);
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let target = free_name(&dir, &stamp(mall_zone(conn)), reason, "db");
    copy(conn, &target)?;
    Ok(target)
}

/// Where the backups of `db` are kept, with their files' extension; `None` for an in-memory
/// database.
fn backup_folder(db: &Db) -> Option<(PathBuf, &'static str)> {
    match db.team_url() {
        Some(url) => Some((dump::folder(url), dump::EXTENSION)),
        None => (db.path() != Path::new(":memory:")).then(|| (folder(db.path()), "db")),
    }
}

/// Makes a backup now and prunes old ones.
pub fn create(db: &Db, reason: &str) -> Result<BackupInfo, BackupError> {
    create_in(db, reason, backup_folder(db))
}

pub(crate) fn create_in(
    db: &Db,
    reason: &str,
    place: Option<(PathBuf, &'static str)>,
) -> Result<BackupInfo, BackupError> {
    let Some((dir, extension)) = place.clone() else {
        return Err(BackupError::InMemory);
    };
    let path = match db.team_url() {
        Some(url) => {
            std::fs::create_dir_all(&dir).map_err(io(&dir))?;
            let target = free_name(&dir, &stamp(mall_zone(db.conn())), reason, extension);
            dump::create(db, url, &target)?;
            target
        }
        None => create_from(db.conn(), db.path(), reason)?,
    };
    prune_in(db, place.clone())?;
    list_in(place)?
        .into_iter()
        .find(|b| Path::new(&b.path) == path)
        .ok_or_else(|| BackupError::NotFound(path.display().to_string()))
}

/// `promodesk-<stamp>-<reason>.<extension>` in `dir`, numbered after every backup made in the
/// same second whatever its reason: the list's "newest first" orders one second's backups by
/// that number, so a daily and a manual backup made together must not both be number 1.
fn free_name(dir: &Path, stamp: &str, reason: &str, extension: &str) -> PathBuf {
    let taken = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let (date, time, reason) = name_parts(&file, extension)?;
            (format!("{date}-{time}") == stamp).then(|| numbered(reason).1)
        })
        .max();
    dir.join(match taken {
        None => format!("promodesk-{stamp}-{reason}.{extension}"),
        Some(n) => format!("promodesk-{stamp}-{reason}-{}.{extension}", n + 1),
    })
}

/// `promodesk-20270307-100000-manual-2.db` → (`20270307`, `100000`, `manual-2`); `None` for a file
/// that is not a backup.
fn name_parts<'a>(file: &'a str, extension: &str) -> Option<(&'a str, &'a str, &'a str)> {
    let rest = file
        .strip_prefix("promodesk-")?
        .strip_suffix(extension)?
        .strip_suffix('.')?;
    let (date, rest) = rest.split_once('-')?;
    let (time, reason) = rest.split_once('-')?;
    (date.len() == 8 && time.len() == 6).then_some((date, time, reason))
}

/// `manual-3` → (`manual`, 3); `before-restore` → (`before-restore`, 1).
fn numbered(text: &str) -> (&str, u32) {
    text.rsplit_once('-')
        .and_then(|(head, n)| Some((head, n.parse().ok()?)))
        .unwrap_or((text, 1))
}

/// Every backup, newest first.
pub fn list(db: &Db) -> Result<Vec<BackupInfo>, BackupError> {
    list_in(backup_folder(db))
}

pub(crate) fn list_in(
    place: Option<(PathBuf, &'static str)>,
) -> Result<Vec<BackupInfo>, BackupError> {
    let Some((dir, extension)) = place else {
        return Ok(Vec::new());
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<BackupInfo> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let (date, time, reason) = name_parts(&file, extension)?;
            let created = format!(
                "{}-{}-{} {}:{}:{}",
                &date[..4],
                &date[4..6],
                &date[6..],
                &time[..2],
                &time[2..4],
                &time[4..]
            );
            // `free_name`'s number for a second backup within one second.
            let (reason, _) = numbered(reason);
            Some(BackupInfo {
                path: e.path().display().to_string(),
                reason: reason.to_string(),
                created,
                bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                file,
            })
        })
        .collect();
    // Newest first: by the time in the name, then by the number of one made in the same second.
    out.sort_by_cached_key(|b| {
        let stem = b.file.rsplit_once('.').map_or(b.file.as_str(), |s| s.0);
        std::cmp::Reverse((b.created.clone(), numbered(stem).1))
    });
    Ok(out)
}

/// How many backups are kept.
pub fn keep(db: &Db) -> usize {
    db.conn()
        .query_row(
            "SELECT value FROM app_setting WHERE key = ?1",
            [KEEP_SETTING],
            |r| r.get::<_, String>(0),
        )
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_KEEP)
}

pub fn set_keep(db: &mut Db, n: i64) -> Result<(), BackupError> {
    if !(1..=365).contains(&n) {
        return Err(BackupError::BadKeep(n));
    }
    db.write(|tx| {
        tx.execute(
            "INSERT INTO app_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (mall_id, key) DO UPDATE SET value = excluded.value",
            crate::sql::params![KEEP_SETTING, n.to_string()],
        )?;
        Ok::<_, BackupError>(())
    })?;
    prune(db)
}

fn prune(db: &Db) -> Result<(), BackupError> {
    prune_in(db, backup_folder(db))
}

fn prune_in(db: &Db, place: Option<(PathBuf, &'static str)>) -> Result<(), BackupError> {
    for old in list_in(place)?.into_iter().skip(keep(db)) {
        std::fs::remove_file(&old.path).map_err(io(Path::new(&old.path)))?;
    }
    Ok(())
}

/// The once-a-day backup: made when no backup exists from today (local date). Not on a team
/// database: its server's scheduled dump is its daily backup ([`dump`]).
pub fn daily(db: &Db) -> Result<Option<BackupInfo>, BackupError> {
    if db.path() == Path::new(":memory:") || !db.path().exists() {
        return Ok(None);
    }
    let today = now_in(mall_zone(db.conn())).format("%Y-%m-%d").to_string();
    if list(db)?.iter().any(|b| b.created.starts_with(&today)) {
        return Ok(None);
    }
    create(db, "daily").map(Some)
}

/// `PRAGMA integrity_check` of a database file or connection: empty when healthy, else SQLite's
/// findings.
pub fn integrity_problems(conn: &Connection) -> Result<Vec<String>, BackupError> {
    // A team database's server keeps its own storage whole (checksums, WAL); there is no file
    // here to check.
    if conn.is_postgres() {
        return Ok(Vec::new());
    }
    // A badly damaged file makes the check itself fail ("database disk image is malformed"):
    // that is a finding too, not an error of the check.
    let rows: crate::sql::Result<Vec<String>> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect());
    Ok(match rows {
        Ok(rows) if rows == ["ok"] => Vec::new(),
        Ok(rows) => rows,
        Err(e) => vec![e.to_string()],
    })
}

/// [`integrity_problems`] of the open database.
pub fn integrity_problems_of(db: &Db) -> Result<Vec<String>, BackupError> {
    integrity_problems(db.conn())
}

/// Replaces the database's content with backup `file` (a name from [`list`]), after backing up
/// the current state. The backup is checked first; a damaged one is refused.
pub fn restore(db: &mut Db, file: &str) -> Result<BackupInfo, BackupError> {
    let place = backup_folder(db);
    restore_in(db, file, place)
}

fn restore_in(
    db: &mut Db,
    file: &str,
    place: Option<(PathBuf, &'static str)>,
) -> Result<BackupInfo, BackupError> {
    let chosen = list_in(place)?
        .into_iter()
        .find(|b| b.file == file)
        .ok_or_else(|| BackupError::NotFound(file.to_string()))?;
    if db.team().is_some() {
        return Err(BackupError::RestoreOnServer(chosen.path));
    }
    let source: Connection =
        rusqlite::Connection::open_with_flags(&chosen.path, OpenFlags::SQLITE_OPEN_READ_ONLY)?
            .into();
    let version: i64 = source
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap_or(i64::MAX);
    let healthy = integrity_problems(&source).is_ok_and(|p| p.is_empty());
    // The newest migration's version, not their count: versions may skip a number while two
    // branches each add one (the code pool's is 13 beside an import migration's 12).
    let newest = crate::db::MIGRATIONS.last().map_or(0, |m| m.version);
    if !healthy || version > newest || version < 1 {
        return Err(BackupError::Damaged(file.to_string()));
    }
    drop(source);
    if let Err(e) = create_from(db.conn(), db.path(), "before-restore") {
        // A damaged file may not copy; then the restore is the way out, not the obstacle.
        if integrity_problems(db.conn())?.is_empty() {
            return Err(e);
        }
    }
    db.conn_mut()
        .sqlite_mut()
        .ok_or(BackupError::InMemory)?
        .restore(
            rusqlite::MAIN_DB,
            &chosen.path,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
    // A backup from before a migration comes back at its old schema: bring it up to date.
    db.migrate_now()?;
    Ok(chosen)
}

#[cfg(test)]
mod tests;
