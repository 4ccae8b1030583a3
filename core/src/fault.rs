//! Faults of the machine around PromoDesk rather than of what the user typed: the disk that holds
//! the database is full, the database file can only be read, or its folder has gone (a USB stick
//! pulled, a network folder unmounted, the folder renamed while PromoDesk was open).
//!
//! SQLite reports these as "database or disk is full" or "attempt to write a readonly database";
//! marketing staff cannot act on that. Each becomes a [`Fault`] with a stable code and a message
//! that says what happened, that nothing was saved, and what to do next. Every error enum that
//! carries a `crate::sql::Error` asks [`db_code`] and [`db_message`] for its code and words, so a
//! fault reads the same whichever use case hit it.
//!
//! Why a thread-local: a `crate::sql::Error` does not say which database it came from, yet the
//! messages should name the file or folder. [`Db::write`](crate::db::Db) calls [`before_write`]
//! at its start and [`connect`] runs when a database is opened; both note the path for the
//! current thread, and the error that follows on that thread is turned into words right after.
//! Where nothing was noted the message says "the database file" instead of a path.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use crate::sql::{Connection, ErrorCode};
use rusqlite::{OpenFlags, MAIN_DB};

use crate::db::Db;
use crate::text::{Lang, Localized};

/// Megabytes as the messages count them.
const MB: u64 = 1 << 20;

/// A fault of the disk or folder under the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// No room for the change: the disk is full (or a quota or file-size limit was reached).
    DiskFull { dir: Option<String> },
    /// The database file can be read but not written. `beside` names its `-wal` and `-shm`
    /// files when they exist: SQLite creates them with the database file's permissions, so
    /// after write access to the database comes back a leftover read-only `-shm` still keeps
    /// it read-only, and the person fixing permissions needs to know about them.
    ReadOnly {
        path: Option<String>,
        beside: Vec<String>,
    },
    /// The database file is no longer where it was opened; `folder_gone` when its folder went
    /// too (the usual case: a drive or network folder disconnected).
    Gone {
        path: String,
        dir: String,
        folder_gone: bool,
    },
    /// The team database's server did not answer (network, server down, wrong address).
    ServerUnreachable,
    /// The team database's server refused the user name or password.
    LoginRefused,
    /// The server answered but has no such database.
    NoSuchDatabase,
    /// The team database's server refused the change: the person's role may not make it
    /// (PostgreSQL's grants, or the status guard). `role` is their highest PromoDesk role,
    /// when they hold one.
    NotPermitted { role: Option<crate::people::Role> },
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localized().en)
    }
}

impl std::error::Error for Fault {}

/// Carried inside a `crate::sql::Error`, so the one check at the start of a write can refuse it
/// through every function whose error converts from `crate::sql::Error`.
impl From<Fault> for crate::sql::Error {
    fn from(fault: Fault) -> crate::sql::Error {
        crate::sql::Error::ToSqlConversionFailure(Box::new(fault))
    }
}

impl From<Fault> for crate::db::DbError {
    fn from(fault: Fault) -> crate::db::DbError {
        crate::db::DbError::Sqlite(fault.into())
    }
}

impl Fault {
    /// The fault behind a database error, if it is one.
    pub fn of(err: &crate::sql::Error) -> Option<Fault> {
        let failure = match err {
            crate::sql::Error::ToSqlConversionFailure(inner) => {
                return inner.downcast_ref::<Fault>().cloned()
            }
            crate::sql::Error::SqliteFailure(failure, _) => failure,
            _ => return None,
        };
        if failure.code == ErrorCode::ReadOnly {
            if let Some(role) = noted_team() {
                return Some(Fault::NotPermitted { role });
            }
        }
        let noted = noted();
        match failure.code {
            ErrorCode::DiskFull => Some(Fault::DiskFull {
                dir: noted.as_deref().map(|p| shown(&folder_of(p))),
            }),
            // SQLite noticed that the file it has open was moved or deleted.
            ErrorCode::ReadOnly
                if failure.extended_code == crate::sql::ffi::SQLITE_READONLY_DBMOVED =>
            {
                noted.map(|p| Fault::gone(&p))
            }
            ErrorCode::ReadOnly => Some(Fault::ReadOnly {
                path: noted.as_deref().map(shown),
                beside: noted.as_deref().map_or_else(Vec::new, companions),
            }),
            // A file SQLite needed (the database, its journal) could not be opened because its
            // folder is no longer there. (A file missing from a folder that is there may simply
            // not exist yet: that is not a fault of this kind.)
            ErrorCode::CannotOpen => noted
                .filter(|p| matches!(folder_of(p).try_exists(), Ok(false)))
                .map(|p| Fault::gone(&p)),
            _ => None,
        }
    }

    fn gone(path: &Path) -> Fault {
        let dir = folder_of(path);
        Fault::Gone {
            path: shown(path),
            folder_gone: matches!(dir.try_exists(), Ok(false)),
            dir: shown(&dir),
        }
    }

    /// Stable code the fronts branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Fault::DiskFull { .. } => "db.disk_full",
            Fault::ReadOnly { .. } => "db.read_only",
            Fault::Gone { .. } => "db.gone",
            Fault::ServerUnreachable => "db.server_unreachable",
            Fault::LoginRefused => "db.login_refused",
            Fault::NoSuchDatabase => "db.no_such_database",
            Fault::NotPermitted { .. } => "db.not_permitted",
        }
    }

    /// What happened and what to do, in both languages.
    pub fn localized(&self) -> Localized {
        match self {
            Fault::DiskFull { dir } => {
                let (en, zh) = match dir {
                    Some(d) => (format!(" ({d})"), format!("（{d}）")),
                    None => (String::new(), String::new()),
                };
                Localized::new(
                    format!("The disk that holds the database{en} is full, so this change was not saved. Free up some space on that disk, then try again."),
                    format!("存放数据库的磁盘{zh}已满，这次的修改没有保存。请在该磁盘上腾出一些空间后再试。"),
                )
            }
            Fault::ReadOnly { path, beside } => {
                let (mut en, mut zh) = match path {
                    Some(p) => (p.clone(), p.clone()),
                    None => ("the database file".into(), "数据库文件".into()),
                };
                if beside.is_empty() {
                    // A space after a path, none after Chinese.
                    if path.is_some() {
                        zh.push(' ');
                    }
                } else {
                    en.push_str(&format!(" and to the files beside it, {}", beside.join(" and ")));
                    zh.push_str(&format!(" 及旁边的 {} 文件", beside.join("、")));
                }
                Localized::new(
                    format!("This database file can only be read: PromoDesk can show it but not save changes. Ask for write access to {en}, or copy it to a folder you can write to."),
                    format!("这个数据库文件只能读取：PromoDesk 可以显示其中的内容，但无法保存修改。请申请 {zh}的写入权限，或把它复制到你可以写入的文件夹。"),
                )
            }
            Fault::Gone {
                dir,
                folder_gone: true,
                ..
            } => Localized::new(
                format!("The folder that holds the database ({dir}) is no longer there — reconnect the drive or network folder, then try again. Nothing was saved."),
                format!("存放数据库的文件夹（{dir}）已不存在——请重新连接该磁盘或网络文件夹后再试。没有保存任何内容。"),
            ),
            Fault::ServerUnreachable => Localized::new(
                "The team database's server did not answer. Check this computer's network connection and the address IT gave you; if both are right, ask IT whether the server is running.",
                "团队数据库的服务器没有响应。请检查这台电脑的网络连接和信息部门给你的地址；如果都没有问题，请询问信息部门服务器是否在运行。",
            ),
            Fault::LoginRefused => Localized::new(
                "The team database did not accept this user name and password. Enter them again as IT gave them to you.",
                "团队数据库不接受这个用户名和密码。请按信息部门给你的重新输入。",
            ),
            Fault::NoSuchDatabase => Localized::new(
                "The server answered, but it has no database of that name. Check the address IT gave you.",
                "服务器有响应，但没有这个名字的数据库。请核对信息部门给你的地址。",
            ),
            Fault::NotPermitted { role } => {
                let (en, zh) = match role {
                    Some(r) => {
                        let n = r.name();
                        (format!("your role ({})", n.en), format!("你的角色（{}）", n.zh))
                    }
                    None => ("your role".to_string(), "你的角色".to_string()),
                };
                Localized::new(
                    format!("Not saved: {en} cannot change this on the team database. Ask your administrator if you need to."),
                    format!("没有保存：{zh}不能修改这项内容。如确需修改，请联系管理员。"),
                )
            }
            Fault::Gone { path, .. } => Localized::new(
                format!("The database file {path} is no longer there — it was moved, renamed or deleted. Put it back where it was, then try again. Nothing was saved."),
                format!("数据库文件 {path} 已不存在——它被移动、改名或删除了。请把它放回原处后再试。没有保存任何内容。"),
            ),
        }
    }
}

/// The code of a database error: its fault's, else `db.sqlite`.
pub(crate) fn db_code(err: &crate::sql::Error) -> &'static str {
    Fault::of(err).map_or("db.sqlite", |f| f.code())
}

/// The words for a database error: its fault's, else SQLite's own behind "database error".
pub(crate) fn db_message(err: &crate::sql::Error, lang: Lang) -> String {
    match Fault::of(err) {
        Some(fault) => fault.localized().get(lang).to_string(),
        // SQLite's own words are English: Chinese shows its error number, which the log and
        // support can read.
        None if lang == Lang::ZhCn => match err.sqlite_error() {
            Some(e) => format!(
                "数据库出错（SQLite 错误码 {}）；请重试，如仍出错请联系技术支持",
                e.extended_code
            ),
            None => "数据库出错；请重试，如仍出错请联系技术支持".to_string(),
        },
        None => format!("database error: {err}"),
    }
}

/// Refuses with [`Fault::Gone`] when the database file is no longer at `path`, so a write
/// never goes into a file nobody can see any more (SQLite keeps writing to an open file whose
/// folder was renamed or whose drive is half gone). Opening another connection to an existing
/// database should call it first too: SQLite would otherwise create a new, empty file.
pub fn ensure_present(path: &Path) -> Result<(), Fault> {
    if in_memory(path) {
        return Ok(());
    }
    // An answer of "cannot tell" (a folder we may not list) is left to SQLite.
    match path.try_exists() {
        Ok(false) => Err(Fault::gone(path)),
        _ => Ok(()),
    }
}

/// The check at the start of every write: the database is still there, and a connection that
/// could only read gets a fresh chance to write (write access may have come back since it was
/// opened: SQLite decides once, at open).
///
/// It does not refuse a read-only database itself: a write that changes nothing (bringing
/// statuses up to date before a list) must still work there; SQLite refuses the first real
/// change and [`Fault::of`] names the file.
pub(crate) fn before_write(conn: &mut Connection, path: &Path) -> crate::sql::Result<()> {
    TEAM.with(|t| *t.borrow_mut() = None);
    if in_memory(path) {
        return Ok(());
    }
    note(path);
    ensure_present(path)?;
    let read_only = |c: &Connection| c.sqlite().map_or(Ok(false), |c| c.is_readonly(MAIN_DB));
    if read_only(conn)? {
        if let Ok(mut fresh) = Db::open(path) {
            if !read_only(fresh.conn())? {
                std::mem::swap(conn, fresh.conn_mut());
            }
        }
    }
    Ok(())
}

/// Opens the database at `path` for reading and writing, or for reading only when that is all
/// the file allows.
///
/// A database in WAL mode needs its `-shm` file even to be read. When the file and its folder
/// are read-only (copied from a CD, permissions changed) and no `-shm` is beside it, SQLite
/// cannot create one and refuses every read. Then the file is opened immutable: read as it is,
/// without the shared-memory file. That is right while nobody else changes the file — nobody
/// can on a CD or a read-only share; should its owner write to it meanwhile, this connection
/// sees the change only once it is reopened (as [`before_write`] does when it can write).
/// Not when a `-wal` file still holds changes: reading without it would show old data, so that
/// case stays an error (the message says to copy the database somewhere writable, where
/// SQLite takes the changes in).
pub(crate) fn connect(path: &Path) -> crate::sql::Result<Connection> {
    let conn = open_connection(path)?;
    // The `trade` view reads stored identifiers back through these (db/lean.rs).
    crate::db::lean::register(&conn)?;
    Ok(conn.into())
}

fn open_connection(path: &Path) -> crate::sql::Result<rusqlite::Connection> {
    note(path);
    let conn = rusqlite::Connection::open(path)?;
    if in_memory(path) || !conn.is_readonly(MAIN_DB)? {
        return Ok(conn);
    }
    match conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(conn),
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::ReadOnly) && wal_is_empty(path) => {
            rusqlite::Connection::open_with_flags(
                immutable_uri(path),
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_URI
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
        }
        Err(e) => Err(e),
    }
}

/// The names of the database's `-wal` and `-shm` files that exist.
fn companions(path: &Path) -> Vec<String> {
    ["-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
        .filter(|p| p.exists())
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect()
}

fn wal_is_empty(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).map_or(true, |m| m.len() == 0)
}

/// `file:<path>?immutable=1`, with the characters a URI gives meaning to escaped.
fn immutable_uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut uri = String::from("file:");
    if cfg!(windows) && text.as_bytes().get(1) == Some(&b':') {
        uri.push('/'); // file:/C:/…
    }
    for c in text.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            '\\' if cfg!(windows) => uri.push('/'),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// How many MB `bytes` takes, rounded up, at least 1.
pub(crate) fn mb_up(bytes: u64) -> u64 {
    bytes.div_ceil(MB).max(1)
}

/// Free MB on the disk that holds `path` (for the user, not root's reserve), when the system
/// tells.
pub(crate) fn free_mb(path: &Path) -> Option<u64> {
    fs4::available_space(folder_of(path)).ok().map(|b| b / MB)
}

/// The folder that holds `path`, absolute so a message points somewhere a person can find.
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn shown(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

fn in_memory(path: &Path) -> bool {
    path.as_os_str().is_empty() || path == Path::new(":memory:")
}

thread_local! {
    /// The database this thread last opened or began writing to (see the module's docs).
    static NOTED: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
}

fn note(path: &Path) {
    NOTED.with(|n| *n.borrow_mut() = Some(path.to_path_buf()));
    TEAM.with(|t| *t.borrow_mut() = None);
}

thread_local! {
    /// Set while this thread writes to a team database: its refusals are the server's
    /// ([`Fault::NotPermitted`]), not a read-only file's. The role is filled in after a failed
    /// write ([`note_team_refusal`]).
    static TEAM: RefCell<Option<Option<crate::people::Role>>> = const { RefCell::new(None) };
}

/// Notes that this thread now writes to a team database.
pub(crate) fn note_team() {
    NOTED.with(|n| *n.borrow_mut() = None);
    TEAM.with(|t| *t.borrow_mut() = Some(None));
}

/// After a failed write to a team database: notes the person's role for the message (one
/// query, only on failure; a connection that cannot answer leaves it unnamed).
pub(crate) fn note_team_refusal(conn: &Connection) {
    let role = crate::people::held_roles(conn)
        .ok()
        .and_then(|roles| crate::people::main_role(&roles));
    TEAM.with(|t| *t.borrow_mut() = Some(role));
}

fn noted_team() -> Option<Option<crate::people::Role>> {
    TEAM.with(|t| *t.borrow())
}

fn noted() -> Option<PathBuf> {
    NOTED.with(|n| n.borrow().clone())
}

#[cfg(test)]
mod tests;
