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

/// A temporary database and a way to run `promodesk --db <it>` on it.
pub struct Cli {
    dir: tempfile::TempDir,
}

impl Default for Cli {
    fn default() -> Self {
        Self::new()
    }
}

impl Cli {
    pub fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("promodesk.db")
    }

    /// Runs the CLI with English messages and no inherited database override.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(cli_binary())
            .arg("--db")
            .arg(self.db_path())
            .args(args)
            .env_remove("PROMODESK_DB")
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

    /// A byte-exact copy of the database file, to prove a refusal wrote nothing.
    pub fn snapshot(&self) -> Vec<u8> {
        // The CLI checkpoints on exit; any WAL left over is part of the state too.
        let wal = self.dir.path().join("promodesk.db-wal");
        let mut bytes = std::fs::read(self.db_path()).unwrap_or_default();
        bytes.extend(std::fs::read(wal).unwrap_or_default());
        bytes
    }
}

pub mod app;
