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
    for _ in 0..3 {
        create(&db, "manual").unwrap();
    }
    let all = list(&db).unwrap();
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all
        .iter()
        .all(|b| b.reason.starts_with("manual") && b.bytes > 0));
    assert!(all[0].file > all[1].file);
    assert_eq!(set_keep(&mut db, 0).unwrap_err().code(), "backup.bad_keep");
    assert!(integrity_problems(db.conn()).unwrap().is_empty());
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
    let memory = Db::open_in_memory().unwrap();
    assert!(daily(&memory).unwrap().is_none());
    // An in-memory database has no file; a team database (the tests' team run) is backed up
    // on its server.
    let expected = if memory.team().is_some() {
        "backup.on_server"
    } else {
        "backup.in_memory"
    };
    assert_eq!(create(&memory, "manual").unwrap_err().code(), expected);
}

#[test]
fn a_damaged_file_is_found_and_a_backup_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("promodesk.db");
    let mut db = Db::open(&path).unwrap();
    db.write(|tx| {
        let mut insert = tx.prepare("INSERT INTO store (name) VALUES (?1)")?;
        for i in 0..20_000 {
            insert.execute([format!("店铺{i:05}")])?;
        }
        Ok::<_, crate::sql::Error>(())
    })
    .unwrap();
    let good = create(&db, "manual").unwrap();
    db.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    drop(db);
    // Overwrite part of a page near the end of the file, as a failing disk would.
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    let at = (bytes.len() / page - 3) * page + 200;
    bytes[at..at + 300].fill(0xff);
    std::fs::write(&path, &bytes).unwrap();
    let mut db = Db::open(&path).unwrap();
    assert!(
        !integrity_problems_of(&db).unwrap().is_empty(),
        "the damage is found"
    );
    restore(&mut db, &good.file).unwrap();
    assert!(integrity_problems_of(&db).unwrap().is_empty());
    assert_eq!(crate::store::list(&db).unwrap().len(), 20_000);
}
