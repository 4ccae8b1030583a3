//! Test support for the other crates (feature `test-support`): a fresh team database on the
//! throwaway server a test run names in `PROMODESK_TEST_STORE` (`scripts/test-team-store.sh`),
//! so the CLI's and the app's tests run on both stores like core's own.

use std::sync::atomic::{AtomicU64, Ordering};

/// A test's own, empty database on the test server, dropped with this value. PromoDesk builds
/// its schema on first open, as it does for IT's new database.
pub struct TestTeamDatabase {
    server: String,
    name: String,
    /// The URL that opens it.
    pub url: String,
}

impl TestTeamDatabase {
    /// A fresh database when this run is the team store's, else `None` (the run's store is a file).
    pub fn for_this_run() -> Option<TestTeamDatabase> {
        std::env::var("PROMODESK_TEST_STORE")
            .ok()
            .filter(|s| crate::sql::pg::is_url(s))
            .map(|server| TestTeamDatabase::create(&server))
    }

    /// A fresh database on the server at `server`.
    pub fn create(server: &str) -> TestTeamDatabase {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "front_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = postgres::Client::connect(server, postgres::NoTls).expect("test server");
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create the test database");
        let url = match server.split_once('?') {
            Some((base, query)) => format!("{}/{name}?{query}", base.rsplit_once('/').unwrap().0),
            None => format!("{}/{name}", server.rsplit_once('/').unwrap().0),
        };
        TestTeamDatabase {
            server: server.to_string(),
            name,
            url,
        }
    }

    /// Runs `sql` on it as the server's superuser (to set up what a test needs).
    pub fn execute(&self, sql: &str) {
        postgres::Client::connect(&self.url, postgres::NoTls)
            .expect("connect")
            .batch_execute(sql)
            .expect("test set-up SQL");
    }

    /// Every table's rows as text, sorted: equal exactly when nothing was written.
    pub fn contents(&self) -> Vec<u8> {
        let mut client = postgres::Client::connect(&self.url, postgres::NoTls).expect("connect");
        let tables: Vec<String> = client
            .query(
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
                &[],
            )
            .expect("tables")
            .iter()
            .map(|r| r.get(0))
            .collect();
        let mut out = Vec::new();
        for table in tables {
            let mut rows: Vec<String> = client
                .query(&format!("SELECT t::text FROM {table} t"), &[])
                .expect("rows")
                .iter()
                .map(|r| r.get(0))
                .collect();
            rows.sort();
            out.extend(format!("{table}\n{}\n", rows.join("\n")).into_bytes());
        }
        out
    }
}

impl Drop for TestTeamDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(&self.server, postgres::NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
