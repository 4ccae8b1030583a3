//! Helpers shared by the black-box tests: where the built binaries are and how to run them on a
//! throw-away database.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace's target profile folder (`target/debug`), found from this test executable.
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    // target/debug/deps/<test-binary>
    exe.parent()
        .and_then(Path::parent)
        .expect("target dir")
        .to_path_buf()
}

/// The path of a bill in the repository's `fixtures/bills`.
pub fn fixture_bill(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/bills")
        .join(name)
        .display()
        .to_string()
}

/// The `promodesk` binary: `PROMODESK_BIN`, else the one built beside these tests.
pub fn cli_binary() -> PathBuf {
    let path = std::env::var_os("PROMODESK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("promodesk"));
    assert!(
        path.exists(),
        "{} is missing: build it first with `cargo build -p promodesk-cli` (make test does)",
        path.display()
    );
    path
}

/// A temporary database and a way to run `promodesk --db <it>` on it: a file, or — when
/// `PROMODESK_TEST_STORE` names the throwaway PostgreSQL server (`scripts/test-team-store.sh`)
/// — a fresh team database on it, dropped afterwards.
pub struct Cli {
    dir: tempfile::TempDir,
    team: Option<TeamDatabase>,
}

/// A test's own database on the test server.
struct TeamDatabase {
    server: String,
    name: String,
    url: String,
}

impl TeamDatabase {
    fn create(server: &str) -> TeamDatabase {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "cli_test_{}_{}",
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
        TeamDatabase {
            server: server.to_string(),
            name,
            url,
        }
    }

    /// Every table's rows as text, sorted: equal exactly when nothing was written.
    fn contents(&self) -> Vec<u8> {
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

impl Drop for TeamDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(&self.server, postgres::NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

impl Default for Cli {
    fn default() -> Self {
        Self::new()
    }
}

impl Cli {
    /// On the store the run tests (a team database under `PROMODESK_TEST_STORE`, else a file).
    pub fn new() -> Cli {
        let team = std::env::var("PROMODESK_TEST_STORE")
            .ok()
            .filter(|s| s.starts_with("postgres"))
            .map(|server| TeamDatabase::create(&server));
        Cli {
            dir: tempfile::tempdir().expect("temp dir"),
            team,
        }
    }

    /// On a database file whatever the run: for tests of the file itself (faults, backups,
    /// reading it with SQLite).
    pub fn embedded() -> Cli {
        Cli {
            dir: tempfile::tempdir().expect("temp dir"),
            team: None,
        }
    }

    /// The database file (of [`Cli::embedded`], or the one a file run uses).
    pub fn db_path(&self) -> PathBuf {
        assert!(
            self.team.is_none(),
            "a team database has no file: use Cli::embedded()"
        );
        self.dir.path().join("promodesk.db")
    }

    /// What `--db` is given: the file, or the team database's URL.
    pub fn location(&self) -> std::ffi::OsString {
        match &self.team {
            Some(t) => t.url.clone().into(),
            None => self.db_path().into_os_string(),
        }
    }

    /// Runs the CLI with English messages, no inherited database override, and this test's
    /// own data and config folders (a team database's backups go to the data folder).
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(cli_binary())
            .arg("--db")
            .arg(self.location())
            .args(args)
            .env_remove("PROMODESK_DB")
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("PROMODESK_LANG", "en")
            .output()
            .expect("run promodesk")
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "promodesk {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs and parses stdout as JSON.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let text = self.ok(args);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    }

    /// A byte-exact copy of the database file (of a team database, every row), to prove a
    /// refusal wrote nothing.
    pub fn snapshot(&self) -> Vec<u8> {
        if let Some(team) = &self.team {
            return team.contents();
        }
        // The CLI checkpoints on exit; any WAL left over is part of the state too.
        let wal = self.dir.path().join("promodesk.db-wal");
        let mut bytes = std::fs::read(self.db_path()).unwrap_or_default();
        bytes.extend(std::fs::read(wal).unwrap_or_default());
        bytes
    }
}

pub mod app;
