//! Opening a team database (PostgreSQL) as a [`Db`]: connect, bring the schema up to date under
//! an advisory lock (two desktops starting at once must not both migrate), and, for the test
//! suite, a fresh database per test made from a migrated template.

use crate::sql::pg::{self, Redacted};
use crate::sql::{Connection, OptionalExtension};

use super::{Db, DbError, Migration};

/// The team database's migrations. A team database starts at version 14 (the schema the
/// embedded store had when the team store was added), so this list begins there; from then
/// on every version exists in both lists (a test compares them).
pub const PG_MIGRATIONS: &[Migration] = &[
    Migration {
        version: 14,
        name: "team_baseline",
        sql: include_str!("../../migrations/postgres/0014_team_baseline.sql"),
    },
    Migration {
        version: 15,
        name: "people_signoff",
        sql: include_str!("../../migrations/postgres/0015_people_signoff.sql"),
    },
    Migration {
        version: 16,
        name: "concurrent_edits",
        sql: include_str!("../../migrations/postgres/0016_concurrent_edits.sql"),
    },
    Migration {
        version: 17,
        name: "plazas",
        sql: include_str!("../../migrations/postgres/0017_plazas.sql"),
    },
];

/// The lock key every PromoDesk migrating a team database takes (any fixed number works; this
/// one spells "PD").
const MIGRATION_LOCK: i64 = 0x5044;

impl Db {
    /// Connects to the team database at `url` and migrates it to the current schema.
    pub fn open_team(url: &str) -> Result<Db, DbError> {
        let conn: Connection = pg::connect(url)?.into();
        Db::from_team(conn, url)
    }

    pub(super) fn from_team(mut conn: Connection, url: &str) -> Result<Db, DbError> {
        migrate(&mut conn)?;
        // Every query runs inside a plaza (postgres/0017_plazas.sql): the first this login may
        // use until the front chooses another.
        crate::team::plaza::choose(&conn, None).map_err(|e| DbError::Plaza(Box::new(e)))?;
        Ok(Db {
            conn,
            path: std::path::PathBuf::from(":memory:"),
            reader: false,
            team: Some(Redacted::new(url)),
            team_url: Some(url.to_string()),
            copy_of: None,
            actor: String::new(),
            #[cfg(test)]
            test_database: None,
        })
    }
}

fn migrate(conn: &mut Connection) -> Result<(), DbError> {
    let supported = super::migrations::latest_version();
    let tx = conn.transaction()?;
    tx.query_row("SELECT pg_advisory_xact_lock(?1)", [MIGRATION_LOCK], |_| {
        Ok(())
    })?;
    let exists: Option<String> =
        tx.query_row("SELECT to_regclass('schema_version')::text", [], |r| {
            r.get(0)
        })?;
    let found: i64 = match exists {
        Some(_) => tx
            .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
            .optional()?
            .unwrap_or(0),
        None => 0,
    };
    if found > supported {
        return Err(DbError::SchemaTooNew {
            path: "team database".to_string(),
            found,
            supported,
        });
    }
    let mut migrated = false;
    for migration in PG_MIGRATIONS.iter().filter(|m| m.version > found) {
        tx.execute_batch(migration.sql)?;
        tx.execute(
            "UPDATE schema_version SET version = ?1",
            [migration.version],
        )?;
        migrated = true;
    }
    if migrated {
        // As on the embedded store: what the migrations marked is brought up to date by
        // today's code, in their transaction.
        super::revision::flush(&tx, "")?;
        super::derive::flush(&tx)?;
        super::rollup::flush(&tx)?;
    }
    tx.commit()?;
    Ok(())
}

/// The test suite's team server: `PROMODESK_TEST_STORE=postgres://…` (set by `make test`'s
/// second run, against a throwaway cluster) makes every test that asks for an in-memory
/// database get a fresh team database instead, so the whole suite runs on both stores.
#[cfg(test)]
pub(crate) fn test_server() -> Option<String> {
    std::env::var("PROMODESK_TEST_STORE")
        .ok()
        .filter(|s| pg::is_url(s))
}

/// A test's own database on the test server, dropped with the [`Db`].
#[cfg(test)]
pub(crate) struct TestDatabase {
    admin: postgres::Config,
    name: String,
    /// The URL that opens this database (the server's with the database's name).
    pub(crate) url: String,
}

#[cfg(test)]
impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(admin) = pg::connect_with(&self.admin) {
            let _ = admin.client().batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// The template's name carries a hash of the migrations, so a changed schema gets a new one
/// on a cluster kept between runs.
#[cfg(test)]
fn template_name() -> String {
    let sql: String = PG_MIGRATIONS.iter().map(|m| m.sql).collect();
    format!(
        "promodesk_test_template_{:x}",
        xxhash_rust::xxh3::xxh3_64(sql.as_bytes()) >> 16
    )
}

impl Db {
    /// Where a test's database is, to open more connections to it: its team URL, or the file.
    #[cfg(test)]
    pub(crate) fn test_location(&self) -> Option<super::Location> {
        match &self.test_database {
            Some(t) => Some(super::Location::Team(t.url.clone())),
            None => (self.path() != std::path::Path::new(":memory:"))
                .then(|| super::Location::File(self.path().to_path_buf())),
        }
    }
}

/// The URL of database `name` on the server at `server` (`postgresql://postgres@/postgres?host=…`).
#[cfg(test)]
pub(crate) fn database_url(server: &str, name: &str) -> String {
    match server.split_once('?') {
        Some((base, query)) => format!(
            "{}/{name}?{query}",
            base.rsplit_once('/').map_or(base, |b| b.0)
        ),
        None => format!("{}/{name}", server.rsplit_once('/').map_or(server, |b| b.0)),
    }
}

/// A fresh, migrated team database for one test.
#[cfg(test)]
pub(crate) fn open_test_database(server: &str) -> Result<Db, DbError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let admin = pg::config(server)?;
    let template = template_name();
    let admin_conn = pg::connect_with(&admin)?;
    {
        let mut client = admin_conn.client();
        let e = pg::error;
        client
            .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
            .map_err(e)?;
        let ready = client
            .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&template])
            .map_err(e)?
            .is_some();
        if !ready {
            // A half-built template of a run that failed goes first.
            client
                .batch_execute(&format!("DROP DATABASE IF EXISTS {template}_new"))
                .map_err(e)?;
            client
                .batch_execute(&format!("CREATE DATABASE {template}_new"))
                .map_err(e)?;
            let mut build = admin.clone();
            build.dbname(&format!("{template}_new"));
            let mut conn: Connection = pg::connect_with(&build)?.into();
            migrate(&mut conn)?;
            drop(conn);
            client
                .batch_execute(&format!(
                    "ALTER DATABASE {template}_new RENAME TO {template}"
                ))
                .map_err(e)?;
        }
        client
            .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
            .map_err(e)?;
    }
    let name = format!(
        "promodesk_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    admin_conn
        .client()
        .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .map_err(pg::error)?;
    let mut config = admin.clone();
    config.dbname(&name);
    let conn: Connection = pg::connect_with(&config)?.into();
    let url = database_url(server, &name);
    let mut db = Db::from_team(conn, &url)?;
    db.test_database = Some(TestDatabase { admin, name, url });
    Ok(db)
}
