//! Backups of a team database through PostgreSQL's own `pg_dump` (issue 21: "backups, through
//! PostgreSQL's own dump, work the same on both stores").
//!
//! Decisions, for the next engineer:
//! - **What is dumped:** the plaza this person has open, exactly as they see it: `pg_dump` runs as
//!   their login with the plaza chosen for its session (`PGOPTIONS=-c promodesk.mall=ID`) and
//!   `--enable-row-security`, so row-level security gives it the same rows PromoDesk shows. A
//!   staff login may not read the grant table (`mall_grant`), so it is left out unless the login
//!   owns the database.
//! - **Where:** on this computer, in the data folder beside the embedded database, one folder per
//!   team database (`team-backups/<host>-<database>/`), with the embedded store's file names and
//!   `.dump` for the extension; the list, "keep the newest N" and the reasons are the same.
//! - **No daily or before-upgrade dump from every desktop:** a team database is backed up on its
//!   server by IT's scheduled `pg_dump` (README); eight desktops dumping the same data each
//!   morning would only load the server.
//! - **Restore is IT's:** restoring replaces what colleagues saved since, and PromoDesk never
//!   connects as a login that may replace everyone's data. The refusal names the file and the
//!   `pg_restore` line IT runs (README, "Team database").
//! - **Secrets:** the password goes to `pg_dump` through its environment (`PGPASSWORD`), never on
//!   its command line (which other users of the computer can read) nor in a message.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::BackupError;
use crate::db::Db;

/// The extension of a team database's backup files (`pg_dump --format=custom`).
pub(super) const EXTENSION: &str = "dump";

/// Where the backups of the team database at `url` are kept on this computer.
pub(super) fn folder(url: &str) -> PathBuf {
    let base = crate::db::resolve_path(None)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("team-backups").join(slug(url))
}

/// `postgres://anna@db.mall.cn:5432/promodesk?sslmode=require` → `db.mall.cn-5432-promodesk`: one
/// folder per server and database, whoever logs in.
fn slug(url: &str) -> String {
    let config = crate::sql::pg::config(url).ok();
    let host = config
        .as_ref()
        .and_then(|c| c.get_hosts().first().cloned())
        .map(|h| match h {
            postgres::config::Host::Tcp(name) => name,
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .unwrap_or_default();
    let port = config
        .as_ref()
        .and_then(|c| c.get_ports().first().copied())
        .unwrap_or(5432);
    let db = config
        .as_ref()
        .and_then(|c| c.get_dbname().map(str::to_string))
        .unwrap_or_default();
    format!("{host}-{port}-{db}")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect::<String>()
        .trim_matches('_')
        .to_string()
}

/// PostgreSQL's tool `name` (`pg_dump`, `pg_restore`) on PATH (Debian's wrapper picks the
/// newest client), else the newest under `/usr/lib/postgresql/*/bin` (Debian's server package
/// without the wrapper on PATH).
pub(super) fn pg_tool(name: &str) -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    on_path.or_else(|| {
        let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|e| {
                let version = e.file_name().to_str()?.parse().ok()?;
                let tool = e.path().join("bin").join(name);
                tool.is_file().then_some((version, tool))
            })
            .collect();
        found.sort();
        found.pop().map(|(_, tool)| tool)
    })
}

/// Dumps the open plaza of the team database `db` into `target`.
pub(super) fn create(db: &Db, url: &str, target: &Path) -> Result<(), BackupError> {
    let tool = pg_tool("pg_dump").ok_or(BackupError::NoDumpTool)?;
    let conn = db.conn();
    let plaza: i64 = conn.query_row("SELECT id FROM current_mall", [], |r| r.get(0))?;
    let owns_database: i64 = conn.query_row(
        "SELECT CASE WHEN pg_has_role(session_user,
                (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER')
         THEN 1 ELSE 0 END",
        [],
        |r| r.get(0),
    )?;
    let config = crate::sql::pg::config(url).map_err(BackupError::Db)?;
    let password = config
        .get_password()
        .map(|p| String::from_utf8_lossy(p).into_owned());
    let mut command = Command::new(tool);
    command
        .arg("--format=custom")
        .arg("--enable-row-security")
        .arg("--no-password")
        .arg(format!("--file={}", target.display()))
        .arg(format!("--dbname={}", crate::sql::pg::redact(url)))
        .env("PGOPTIONS", format!("-c promodesk.mall={plaza}"))
        .env_remove("PGPASSWORD");
    if owns_database == 0 {
        command.arg("--exclude-table=mall_grant");
    }
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let output = command.output().map_err(|_| BackupError::NoDumpTool)?;
    if output.status.success() {
        return Ok(());
    }
    let _ = std::fs::remove_file(target);
    let said = crate::sql::pg::redact(&String::from_utf8_lossy(&output.stderr));
    Err(if said.contains("server version mismatch") {
        BackupError::DumpToolTooOld
    } else {
        BackupError::DumpFailed(
            said.lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("pg_dump: error: ")
                .to_string(),
        )
    })
}

/// A test's database restored from a dump with IT's `pg_restore`, dropped afterwards.
#[cfg(test)]
pub(crate) struct RestoredCopy {
    server: String,
    name: String,
    pub(crate) client: postgres::Client,
}

#[cfg(test)]
impl RestoredCopy {
    /// Restores `file` into a new database on the test server at `server`.
    pub(crate) fn of(server: &str, file: &str) -> RestoredCopy {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "promodesk_restored_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = postgres::Client::connect(server, postgres::NoTls).unwrap();
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let target = crate::db::team::database_url(server, &name);
        // As README's "Team database" tells IT, into an empty database.
        let status = Command::new(pg_tool("pg_restore").unwrap())
            .args([
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
            ])
            .arg(format!("--dbname={target}"))
            .arg(file)
            .status()
            .unwrap();
        assert!(status.success(), "pg_restore {file}");
        RestoredCopy {
            server: server.to_string(),
            client: postgres::Client::connect(&target, postgres::NoTls).unwrap(),
            name,
        }
    }

    pub(crate) fn count(&mut self, sql: &str) -> i64 {
        self.client.query_one(sql, &[]).unwrap().get(0)
    }
}

#[cfg(test)]
impl Drop for RestoredCopy {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(&self.server, postgres::NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
