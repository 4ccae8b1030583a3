//! The SQLite store: one connection that owns every write, opened with the same pragmas
//! everywhere and brought to the current schema before anything else touches it.
//!
//! Why one connection: PromoDesk is a single-user desktop tool; serialising writers through one
//! handle (behind a mutex in the app) keeps the rules simple and the batches atomic, and WAL still
//! lets a second process (the CLI beside the app) read and wait its turn to write.

mod changes;
pub(crate) mod derive;
pub(crate) mod lean;
mod location;
pub(crate) mod migrations;
pub(crate) mod revision;
pub(crate) mod rollup;
pub(crate) mod team;

pub use changes::{watch, DataChange};
pub use location::{
    forget_password, remember, remember_plaza, remembered_file, remembered_plaza, save_password,
    saved_password, with_password, Location,
};
pub use revision::Revision;
pub use team::PG_MIGRATIONS;

use std::path::{Path, PathBuf};

use crate::sql::Connection;

pub use migrations::{Migration, MIGRATIONS};
pub use wait::{
    announce, begin_activity, on_wait, over, Activity, ActivityGuard, ActivityKind, Waiting,
};

use crate::text::Localized;

/// The environment variable that overrides the default database path.
pub const DB_ENV: &str = "PROMODESK_DB";

/// Errors of opening and migrating the database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database {path} has schema version {found}, newer than this PromoDesk understands ({supported}); update PromoDesk to open it")]
    SchemaTooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("cannot create the folder for the database {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("no data folder could be determined for this user; name the database file to use")]
    NoDataDir,
    #[error("a team database's address starts with postgres:// — enter it as IT gave it to you")]
    NotATeamUrl,
    #[error("the choice of database could not be kept on this computer: {0}")]
    Remember(String),
    #[error("the backup before the schema upgrade failed, so nothing was changed: {0}")]
    Backup(String),
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Sqlite(#[from] crate::sql::Error),
    /// No plaza of the team database could be chosen for this login.
    #[error(transparent)]
    Plaza(Box<crate::team::TeamError>),
}

impl DbError {
    /// Stable code the fronts branch on.
    pub fn code(&self) -> &'static str {
        match self {
            DbError::SchemaTooNew { .. } => "db.schema_too_new",
            DbError::CreateDir { .. } => "db.create_dir",
            DbError::NoDataDir => "db.no_data_dir",
            DbError::NotATeamUrl => "db.not_a_team_url",
            DbError::Remember(_) => "db.remember_failed",
            DbError::Backup(_) => "db.backup_failed",
            DbError::Sqlite(e) => crate::fault::db_code(e),
            DbError::Plaza(e) => e.code(),
        }
    }

    /// The message in both languages.
    pub fn localized(&self) -> Localized {
        let zh = match self {
            DbError::SchemaTooNew {
                path,
                found,
                supported,
            } => format!(
                "数据库 {path} 的结构版本为 {found}，比本程序支持的版本 {supported} 新；请升级 PromoDesk 后再打开"
            ),
            DbError::CreateDir { path, source } => {
                format!("无法创建数据库目录 {path}：{}", crate::text::io_reason(source).1)
            }
            DbError::NoDataDir => "找不到用户数据目录；请指定要使用的数据库文件".to_string(),
            DbError::NotATeamUrl => {
                "这不是团队数据库的地址；请把信息部门给你的地址原样粘贴进来".to_string()
            }
            DbError::Remember(e) => format!("无法在这台电脑上记住所选的数据库：{e}"),
            DbError::Backup(e) => format!("升级数据库结构前的备份失败，未做任何改动：{e}"),
            DbError::Sqlite(e) => crate::fault::db_message(e, crate::text::Lang::ZhCn),
            DbError::Plaza(e) => return e.localized(),
        };
        Localized::new(self.to_string(), zh)
    }
}

/// A value read back that this PromoDesk does not know (a product, provider, status, kind):
/// an error naming it, never a silent default that would count a trade or coupon wrongly.
pub(crate) fn unknown_value(column: usize, what: &str, value: &str) -> crate::sql::Error {
    crate::sql::Error::FromSqlConversionFailure(
        column,
        crate::sql::types::Type::Text,
        format!("unknown {what} '{value}' in the database").into(),
    )
}

/// Parses a stored key with `parse`, or fails with [`unknown_value`].
pub(crate) fn known<T>(
    column: usize,
    what: &str,
    value: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> crate::sql::Result<T> {
    parse(value).ok_or_else(|| unknown_value(column, what, value))
}

/// The database: a connection at the current schema version.
pub struct Db {
    conn: Connection,
    path: PathBuf,
    /// A connection only for reading (`PRAGMA query_only`): reads run on these beside the one
    /// writer, so a long import never holds up a screen.
    reader: bool,
    /// The team database's URL without its password, when this is one (then `path` is
    /// `:memory:`: there is no file beside which to keep backups or activity notes).
    team: Option<crate::sql::pg::Redacted>,
    /// The same URL with its password: only handed to PostgreSQL's own tools (`pg_dump`)
    /// through their environment, never shown ([`Db::team`] is what may be shown).
    team_url: Option<String>,
    /// Where and when this file was copied from a team database, when it is such a read-only
    /// copy (`promodesk team pull`): it is then opened with `PRAGMA query_only`.
    copy_of: Option<crate::team::pull::CopyMark>,
    /// Who the next writes are made by (the [`crate::api::Api`]'s actor): recorded as the
    /// `changed_by` of the campaigns and coupons they change (`revision.rs`).
    actor: String,
    /// The test's own team database, dropped after the connection (fields drop in order).
    #[cfg(test)]
    test_database: Option<team::TestDatabase>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).finish()
    }
}

/// The database path the user asked for, else `PROMODESK_DB`, else the platform data folder
/// (`~/.local/share/promodesk/promodesk.db` on Linux).
pub fn resolve_path(explicit: Option<&Path>) -> Result<PathBuf, DbError> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "promodesk").ok_or(DbError::NoDataDir)?;
    Ok(dirs.data_dir().join("promodesk.db"))
}

impl Db {
    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    ///
    /// A database from a newer PromoDesk is refused before any pragma or write touches it.
    pub fn open(path: &Path) -> Result<Db, DbError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| DbError::CreateDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let mut conn = crate::fault::connect(path)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let supported = migrations::latest_version();
        if found > supported {
            return Err(DbError::SchemaTooNew {
                path: path.display().to_string(),
                found,
                supported,
            });
        }
        if found > 0 && found < supported {
            // Schema changes are one-way: keep the data as it was before touching it.
            crate::backup::create_from(&conn, path, "before-migration")
                .map_err(|e| DbError::Backup(e.to_string()))?;
        }
        configure(&mut conn)?;
        let mut db = Db {
            conn,
            path: path.to_path_buf(),
            reader: false,
            team: None,
            team_url: None,
            copy_of: None,
            actor: String::new(),
            #[cfg(test)]
            test_database: None,
        };
        migrations::apply(&mut db.conn, supported)?;
        if let Some(mark) = crate::team::pull::mark_of(&db.conn)? {
            db.conn.execute_batch("PRAGMA query_only = 1")?;
            crate::fault::note_read_only_copy(path, &mark);
            db.copy_of = Some(mark);
        }
        Ok(db)
    }

    /// Where and when this file was copied from a team database, if it is a read-only copy.
    pub fn read_only_copy(&self) -> Option<&crate::team::pull::CopyMark> {
        self.copy_of.as_ref()
    }

    /// A read-only connection to a database the writer (`open`) has already brought to the
    /// current schema. In WAL mode it reads the last committed state while a write runs.
    pub fn open_reader(path: &Path) -> Result<Db, DbError> {
        crate::fault::ensure_present(path)?;
        let mut conn = crate::fault::connect(path)?;
        configure(&mut conn)?;
        conn.execute_batch("PRAGMA query_only = 1")?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let supported = migrations::latest_version();
        if found != supported {
            return Err(DbError::SchemaTooNew {
                path: path.display().to_string(),
                found,
                supported,
            });
        }
        Ok(Db {
            conn,
            path: path.to_path_buf(),
            reader: true,
            team: None,
            team_url: None,
            copy_of: None,
            actor: String::new(),
            #[cfg(test)]
            test_database: None,
        })
    }

    /// Makes the following writes on behalf of `actor` (see [`Db::write`]).
    pub fn set_actor(&mut self, actor: &str) {
        actor.clone_into(&mut self.actor);
    }

    /// Who the following writes are made by.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Whether this is a read-only connection from [`Db::open_reader`].
    pub fn is_reader(&self) -> bool {
        self.reader
    }

    /// Runs any migration the database still needs (after a restore from an older backup).
    pub(crate) fn migrate_now(&mut self) -> Result<(), crate::sql::Error> {
        migrations::apply(&mut self.conn, migrations::latest_version())
    }

    /// An in-memory database for tests and benchmarks.
    pub fn open_in_memory() -> Result<Db, DbError> {
        #[cfg(test)]
        if let Some(server) = team::test_server() {
            return team::open_test_database(&server);
        }
        Db::open_embedded_in_memory()
    }

    /// An in-memory SQLite database whatever store the tests run on: for the tests of what only
    /// the embedded store has (its lean trade encoding, its file).
    pub(crate) fn open_embedded_in_memory() -> Result<Db, DbError> {
        let conn = rusqlite::Connection::open_in_memory()?;
        lean::register(&conn)?;
        let mut conn = Connection::from(conn);
        configure(&mut conn)?;
        migrations::apply(&mut conn, migrations::latest_version())?;
        Ok(Db {
            conn,
            path: PathBuf::from(":memory:"),
            reader: false,
            team: None,
            team_url: None,
            copy_of: None,
            actor: String::new(),
            #[cfg(test)]
            test_database: None,
        })
    }

    /// The team database's URL (without password), when this is one.
    pub fn team(&self) -> Option<&crate::sql::pg::Redacted> {
        self.team.as_ref()
    }

    /// The team database's URL with its password, for PostgreSQL's own tools.
    pub(crate) fn team_url(&self) -> Option<&str> {
        self.team_url.as_deref()
    }

    /// Where the database is, as a person may read it: the file's path, or the team database's
    /// URL without its password.
    pub fn shown(&self) -> String {
        match &self.team {
            Some(url) => url.to_string(),
            None => self.path.display().to_string(),
        }
    }

    /// Where the database lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, DbError> {
        let sql = if self.conn.is_postgres() {
            "SELECT version FROM schema_version"
        } else {
            "PRAGMA user_version"
        };
        Ok(self.conn.query_row(sql, [], |r| r.get(0))?)
    }

    /// SQLite's `PRAGMA data_version`: it changes when another connection (of this process or
    /// another) commits, and only then — a result read earlier on this connection is still
    /// what a fresh read would give while it stays the same.
    pub fn data_version(&self) -> Result<i64, DbError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `f` inside one IMMEDIATE transaction: it commits when `f` succeeds and rolls back
    /// otherwise, so a refused change writes nothing. Before the commit, the trades whose store
    /// or coupon the change could affect are re-derived, then the hourly rollup is re-summed:
    /// derived data is never stale, whichever function wrote. First of all, each campaign and
    /// coupon whose editor would show something new gets its next revision, by this Db's actor.
    ///
    /// Behind another write (this process's or another's) it waits as long as that takes and,
    /// after a second, says what it is waiting for (`wait::on_wait`).
    pub(crate) fn write<T, E>(
        &mut self,
        f: impl FnOnce(&crate::sql::Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<crate::sql::Error>,
    {
        crate::fault::before_write(&mut self.conn, &self.path)?;
        let team = self.conn.is_postgres();
        if team {
            crate::fault::note_team();
        }
        let path = self.path.clone();
        let outcome = wait::writing(&path, || {
            let tx = self
                .conn
                .transaction_with_behavior(crate::sql::TransactionBehavior::Immediate)?;
            name_writer(&tx)?;
            let value = f(&tx)?;
            revision::flush(&tx, &self.actor)?;
            derive::flush(&tx)?;
            rollup::flush(&tx)?;
            unname_writer(&tx)?;
            tx.commit()?;
            Ok(value)
        });
        if team && outcome.is_err() {
            // A refusal by the server names the person's role (fault::Fault::NotPermitted).
            crate::fault::note_team_refusal(&self.conn);
        }
        outcome
    }

    /// [`Db::write`] if no other write is running now, else `Ok(None)` at once: for upkeep a
    /// read may do on the side (statuses the clock made due) without ever waiting for it.
    pub(crate) fn write_if_free<T, E>(
        &mut self,
        f: impl FnOnce(&crate::sql::Transaction<'_>) -> Result<T, E>,
    ) -> Result<Option<T>, E>
    where
        E: From<crate::sql::Error>,
    {
        if self.reader || self.copy_of.is_some() {
            return Ok(None);
        }
        if let Some(c) = self.conn.sqlite_mut() {
            c.busy_handler(None::<fn(i32) -> bool>)?;
        }
        let outcome = attempt_write(&mut self.conn, &self.actor, f);
        if let Some(c) = self.conn.sqlite_mut() {
            c.busy_handler(Some(wait::busy))?;
        }
        outcome
    }
}

/// One write that gives up at once when another holds the lock (the busy handler is off).
fn attempt_write<T, E>(
    conn: &mut Connection,
    actor: &str,
    f: impl FnOnce(&crate::sql::Transaction<'_>) -> Result<T, E>,
) -> Result<Option<T>, E>
where
    E: From<crate::sql::Error>,
{
    let tx = match conn.transaction_with_behavior(crate::sql::TransactionBehavior::Immediate) {
        Ok(tx) => tx,
        Err(e) if e.sqlite_error_code() == Some(crate::sql::ErrorCode::DatabaseBusy) => {
            return Ok(None)
        }
        Err(e) => return Err(e.into()),
    };
    name_writer(&tx)?;
    let value = f(&tx)?;
    revision::flush(&tx, actor)?;
    derive::flush(&tx)?;
    rollup::flush(&tx)?;
    unname_writer(&tx)?;
    tx.commit()?;
    Ok(Some(value))
}

/// On the embedded store, names the person this transaction writes for, for the history's
/// triggers (migration 0015); a team database knows its `current_user` itself.
fn name_writer(tx: &crate::sql::Transaction<'_>) -> Result<(), crate::sql::Error> {
    if tx.sqlite().is_some() {
        tx.execute(
            "INSERT INTO write_actor (name) VALUES (?1)",
            [crate::local_user()],
        )?;
    }
    Ok(())
}

/// Empties `write_actor` before the commit, so another program's change is never named after
/// PromoDesk's person.
fn unname_writer(tx: &crate::sql::Transaction<'_>) -> Result<(), crate::sql::Error> {
    if tx.sqlite().is_some() {
        tx.execute("DELETE FROM write_actor", [])?;
    }
    Ok(())
}

fn configure(conn: &mut Connection) -> Result<(), crate::sql::Error> {
    let Some(conn) = conn.sqlite_mut() else {
        return Ok(());
    };
    // Wait for another writer as long as it takes, instead of failing after a fixed time.
    conn.busy_handler(Some(wait::busy))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // In-memory databases answer "memory"; that is fine.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // A checkpoint copies the WAL back into the database file and syncs it. At SQLite's default
    // of 1,000 pages, an edit that re-derives a few thousand scattered trades paid for one
    // inside the user's click (3× its own time, `make bench-edit`); 10,000 pages (about 40 MB
    // of WAL) lets such edits commit and leaves the copy to a later, rarer commit.
    conn.pragma_update(None, "wal_autocheckpoint", 10_000)?;
    Ok(())
}

mod wait;

#[cfg(test)]
mod derive_tests;
#[cfg(test)]
mod lean_tests;
#[cfg(test)]
mod tests;
