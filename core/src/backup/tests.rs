//! Backups: made, listed, pruned, restored (and refused when damaged), automatic before a
//! migration and once a day.

use super::*;
use crate::store::StoreInput;

fn file_db(dir: &tempfile::TempDir) -> Db {
    Db::open(&dir.path().join("promodesk.db")).unwrap()
}

fn add_store(db: &mut Db, name: &str) {
    crate::store::add(
        db,
        &StoreInput {
            name: name.into(),
            ..Default::default()
        },
    )
    .unwrap();
}

#[test]
fn backups_are_listed_newest_first_and_pruned_to_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = file_db(&dir);
    set_keep(&mut db, 2).unwrap();
    let made: Vec<String> = (0..3)
        .map(|_| create(&db, "manual").unwrap().file)
        .collect();
    let all = list(&db).unwrap();
    assert!(all.iter().all(|b| b.reason == "manual" && b.bytes > 0));
    // The two made last, newest first (the names alone do not sort: `…-manual-2.db` comes
    // before `…-manual.db` as text).
    let files: Vec<&str> = all.iter().map(|b| b.file.as_str()).collect();
    assert_eq!(files, [made[2].as_str(), made[1].as_str()], "{all:?}");
    assert_eq!(set_keep(&mut db, 0).unwrap_err().code(), "backup.bad_keep");
    assert!(integrity_problems(db.conn()).unwrap().is_empty());
}

#[test]
fn backups_made_in_the_same_second_list_the_later_first_whatever_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    let stamp = "20270307-100000";
    for reason in ["daily", "manual", "before-restore", "manual"] {
        let target = free_name(&folder, stamp, reason, "db");
        assert!(!target.exists(), "{target:?}");
        std::fs::write(&target, b"x").unwrap();
    }
    let order: Vec<String> = list_in(Some((folder, "db")))
        .unwrap()
        .into_iter()
        .map(|b| b.file)
        .collect();
    assert_eq!(
        order,
        [
            "promodesk-20270307-100000-manual-4.db",
            "promodesk-20270307-100000-before-restore-3.db",
            "promodesk-20270307-100000-manual-2.db",
            "promodesk-20270307-100000-daily.db",
        ]
    );
}

#[test]
fn a_restore_brings_the_data_back_and_can_itself_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = file_db(&dir);
    add_store(&mut db, "优衣库");
    let saved = create(&db, "manual").unwrap();
    add_store(&mut db, "丝芙兰");
    assert_eq!(crate::store::list(&db).unwrap().len(), 2);
    restore(&mut db, &saved.file).unwrap();
    let names: Vec<String> = crate::store::list(&db)
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["优衣库"]);
    let before = list(&db).unwrap();
    assert!(
        before.iter().any(|b| b.reason == "before-restore"),
        "{before:?}"
    );
    // The database still works after the restore.
    add_store(&mut db, "Apple");
    assert_eq!(
        restore(&mut db, "promodesk-nope.db").unwrap_err().code(),
        "backup.not_found"
    );
}

#[test]
fn a_damaged_backup_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = file_db(&dir);
    add_store(&mut db, "优衣库");
    let folder = folder(db.path());
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("promodesk-20260101-000000-manual.db"),
        b"not a database at all",
    )
    .unwrap();
    let err = restore(&mut db, "promodesk-20260101-000000-manual.db").unwrap_err();
    assert!(
        matches!(err, BackupError::Damaged(_) | BackupError::Db(_)),
        "{err:?}"
    );
    assert_eq!(crate::store::list(&db).unwrap().len(), 1);
}

#[test]
fn an_older_schema_is_backed_up_before_it_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("promodesk.db");
    let old = crate::db::migrations::open_at_version(&path, 7);
    old.execute("INSERT INTO store (name) VALUES ('老店')", [])
        .unwrap();
    drop(old);
    let db = Db::open(&path).unwrap();
    let backups = list(&db).unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].reason, "before-migration");
    let copy = rusqlite::Connection::open(&backups[0].path).unwrap();
    let version: i64 = copy
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 7, "the backup keeps the old schema");
    let name: String = copy
        .query_row("SELECT name FROM store", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "老店");
    // Opening an up-to-date database makes no backup.
    drop(db);
    let again = Db::open(&path).unwrap();
    assert_eq!(list(&again).unwrap().len(), 1);
}

#[test]
fn the_daily_backup_is_made_once_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(&dir);
    assert!(daily(&db).unwrap().is_some());
    assert!(daily(&db).unwrap().is_none());
    assert_eq!(list(&db).unwrap().len(), 1);
    // Neither an in-memory database nor a team database (the tests' team run) makes a daily
    // backup: the one has no file, the other is dumped daily on its server.
    let memory = Db::open_in_memory().unwrap();
    assert!(daily(&memory).unwrap().is_none());
    if memory.team().is_none() {
        assert_eq!(
            create(&memory, "manual").unwrap_err().code(),
            "backup.in_memory"
        );
    }
}

/// On a team database "back up now" is PostgreSQL's own dump of the open plaza, listed and
/// pruned like the file's backups, and it restores with `pg_restore` into a database that
/// holds the same rows; PromoDesk itself refuses to restore over colleagues' work and names
/// the file for IT. On the embedded store the same calls copy and restore the file.
#[test]
fn a_team_database_is_backed_up_with_its_own_dump_and_restored_by_it() {
    let folder = tempfile::tempdir().unwrap();
    let file_dir = tempfile::tempdir().unwrap();
    let mut db = match crate::db::team::test_server() {
        Some(_) => Db::open_in_memory().unwrap(),
        None => file_db(&file_dir),
    };
    add_store(&mut db, "一号店");
    add_store(&mut db, "二号店");
    let extension = if db.team().is_some() { "dump" } else { "db" };
    let place = Some(match db.team() {
        Some(_) => (folder.path().to_path_buf(), extension),
        None => (super::folder(db.path()), extension),
    });
    set_keep(&mut db, 2).unwrap();
    let first = create_in(&db, "manual", place.clone()).unwrap();
    for _ in 0..2 {
        create_in(&db, "manual", place.clone()).unwrap();
    }
    let made = list_in(place.clone()).unwrap();
    assert_eq!(made.len(), 2, "pruned to the setting: {made:?}");
    // Made within a second or two: the oldest went, whatever number the same second gave.
    assert!(made.iter().all(|b| b.file != first.file), "{made:?}");
    assert!(made[0].file.ends_with(&format!(".{extension}")), "{made:?}");
    assert!(made.iter().all(|b| b.reason == "manual"), "{made:?}");
    assert!(made[0].bytes > 0);
    add_store(&mut db, "三号店");
    let restored = restore_in(&mut db, &made[0].file, place.clone());
    let Some(server) = crate::db::team::test_server() else {
        restored.unwrap();
        assert_eq!(
            crate::store::list(&db).unwrap().len(),
            2,
            "the file came back"
        );
        return;
    };
    let refused = restored.unwrap_err();
    assert_eq!(refused.code(), "backup.restore_on_server");
    assert!(refused.to_string().contains(&made[0].path), "{refused}");
    assert_eq!(
        crate::store::list(&db).unwrap().len(),
        3,
        "nothing was replaced"
    );

    // The dump is real: IT's pg_restore brings back the two stores it was made with.
    let mut copy = dump::RestoredCopy::of(&server, &made[0].path);
    let names: Vec<String> = copy
        .client
        .query("SELECT name FROM store ORDER BY name", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(names, ["一号店", "二号店"]);
}
