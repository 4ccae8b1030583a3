//! Faults of the machine, through the real binary: the disk fills while a report is written, and
//! the database file can only be read. Each ends in a clear message and an exit status of 1
//! (never a crash), loses nothing, and works again once the cause is gone.
//!
//! The faults are real, not simulated: the export runs under a file-size limit (`ulimit -f`,
//! with SIGXFSZ ignored so a write past it fails with EFBIG as on a full or FAT32 disk), and the
//! read-only database is a folder and file without write permission — for an unprivileged user
//! when the tests run as root, since root ignores permission bits.
//! (The workspace forbids `unsafe`, so the limit is set by `sh` rather than a `pre_exec` hook.)

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use promodesk_tests::{cli_binary, fixture_bill, Cli};

/// The file-size limit of the export, in `ulimit -f` blocks (512 bytes for a POSIX `sh`): above
/// the 32 KB SQLite's shared-memory file takes, far below the report's temporary sheet file.
const LIMIT_BLOCKS: &str = "80";

/// Who runs the CLI on the read-only database when the tests run as root: `nobody`.
const NOBODY: u32 = 65534;

/// `promodesk --db DB ARGS` as `Cli::run` does it, shaped by `tune` first.
fn promodesk(db: &Path, args: &[&str], tune: impl FnOnce(&mut Command)) -> Output {
    let mut command = Command::new(cli_binary());
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PROMODESK_DB")
        .env("PROMODESK_LANG", "en");
    tune(&mut command);
    command.output().expect("run promodesk")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The demo, the two sample bills, and a generated bill of 20,000 WeChat Pay trades in the
/// 2027 3.8 campaign's days, so its report's trades sheet is far larger than the limit.
fn loaded(dir: &Path) -> (Cli, String) {
    let cli = Cli::embedded();
    cli.ok(&["demo"]);
    let big = dir.join("big.csv");
    let generated = Command::new(env!("CARGO_BIN_EXE_gen_wechat_bill"))
        .arg("20000")
        .arg(&big)
        .status()
        .expect("run gen_wechat_bill");
    assert!(generated.success());
    cli.ok(&[
        "import",
        &fixture_bill("wechatpay-tradebill-ALL.csv"),
        &fixture_bill("alipay-trade-detail-gbk.csv"),
        big.to_str().unwrap(),
    ]);
    let campaigns = cli.json(&["campaign", "list", "--json"]);
    let id = campaigns
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "2027 3.8 女神节")
        .expect("the demo's 2027 3.8 campaign")["id"]
        .to_string();
    (cli, id)
}

#[test]
fn an_export_that_runs_out_of_room_keeps_the_old_report_and_leaves_no_temporary_file() {
    let work = tempfile::tempdir().unwrap();
    let (cli, campaign) = loaded(work.path());
    let folder = work.path().join("reports");
    std::fs::create_dir(&folder).unwrap();
    let report = folder.join("X.xlsx");
    std::fs::write(&report, b"last week's report").unwrap();
    let args = [
        "export",
        "--campaign",
        &campaign,
        "--format",
        "xlsx",
        "--out",
        report.to_str().unwrap(),
    ];

    // `trap '' XFSZ` ignores the signal, and an ignored signal stays ignored across exec.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {LIMIT_BLOCKS} && exec \"$@\""
        ))
        .arg("sh")
        .arg(cli_binary())
        .arg("--db")
        .arg(cli.db_path())
        .args(args)
        .env_remove("PROMODESK_DB")
        .env("PROMODESK_LANG", "en")
        .output()
        .expect("run promodesk under a file-size limit");

    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "a refusal, not a crash: {text}");
    assert!(
        text.starts_with(&format!(
            "export: the report could not be saved to {}: the disk ran out of room",
            report.display()
        )),
        "{text}"
    );
    assert!(
        text.contains("It needs at least 1 MB free. Free up space on that disk, or save the report to another folder or drive, then export again."),
        "{text}"
    );
    assert!(
        text.contains("The report that was already saved under that name is unchanged."),
        "{text}"
    );
    assert!(!text.contains("panicked"), "{text}");
    assert_eq!(std::fs::read(&report).unwrap(), b"last week's report");
    let left: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(left, vec![report.clone()], "no temporary file left behind");

    // With room again the same export replaces the old report with a whole workbook.
    cli.ok(&args);
    let bytes = std::fs::read(&report).unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX (a ZIP) now");
    assert!(bytes.len() > 40 * 1024, "larger than the limit was");
}

fn running_as_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// Sets the permission bits of the database's folder and of every file in it.
fn set_modes(folder: &Path, folder_mode: u32, file_mode: u32) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(file_mode)).unwrap();
        }
    }
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(folder_mode)).unwrap();
}

#[test]
fn a_read_only_database_can_be_read_refuses_changes_clearly_and_takes_them_once_writable() {
    let cli = Cli::embedded();
    cli.ok(&["demo"]);
    // Bring the campaigns' statuses up to date while the file is still writable.
    cli.ok(&["campaign", "list"]);
    let db = cli.db_path();
    let folder = db.parent().unwrap().to_path_buf();
    let root = running_as_root();
    let as_user = |c: &mut Command| {
        if root {
            c.uid(NOBODY).gid(NOBODY);
        }
    };
    let before = cli.snapshot();

    // Readable but not writable, the folder too: as on a CD or a share mounted read-only.
    set_modes(&folder, 0o555, 0o444);

    let list = promodesk(&db, &["campaign", "list"], as_user);
    assert!(list.status.success(), "reading works: {}", stderr(&list));
    assert!(String::from_utf8_lossy(&list.stdout).contains("2027 3.8 女神节"));

    let add = [
        "campaign",
        "add",
        "--name",
        "2027 七夕",
        "--start",
        "2027-08-06",
        "--end",
        "2027-08-08",
        "--budget",
        "20000",
    ];
    let refused = promodesk(&db, &add, as_user);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert_eq!(
        stderr(&refused).trim_end(),
        format!(
            "campaign add: This database file can only be read: PromoDesk can show it but not save changes. Ask for write access to {}, or copy it to a folder you can write to.",
            db.display()
        )
    );
    assert_eq!(
        cli.snapshot(),
        before,
        "the database is byte for byte as it was"
    );
    let files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("promodesk.db"))
        .collect();
    assert_eq!(files, vec!["promodesk.db"], "nothing was created beside it");

    // Write access is back: the same change goes in.
    set_modes(&folder, 0o755, 0o644);
    if root {
        for path in [&folder, &db] {
            std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY)).unwrap();
        }
    }
    let added = promodesk(&db, &add, as_user);
    assert!(added.status.success(), "{}", stderr(&added));
    let list = promodesk(&db, &["campaign", "list"], as_user);
    assert!(String::from_utf8_lossy(&list.stdout).contains("2027 七夕"));
}
