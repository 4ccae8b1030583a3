//! Helpers shared by the black-box tests: where the built binaries are and how to run them on a
//! throw-away database.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use promodesk_core::testing::TestTeamDatabase;

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
    team: Option<TestTeamDatabase>,
}

impl Default for Cli {
    fn default() -> Self {
        Self::new()
    }
}

impl Cli {
    /// On the store the run tests (a team database under `PROMODESK_TEST_STORE`, else a file).
    pub fn new() -> Cli {
        let team = TestTeamDatabase::for_this_run();
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
