//! The demo as its own database, opened from Settings: a file in a `demo/` folder beside the
//! user's database, never the user's own, so trying the demo cannot mix into real figures. The
//! folder is its own so that the demo's backups (kept in `backups/` beside a database) never
//! join the list the user restores real data from.

use std::path::{Path, PathBuf};

use crate::sql::{params, OptionalExtension};
use chrono::NaiveDate;

use super::{is_empty, load, DemoError};
use crate::db::Db;

/// The `app_setting` key marking a demo database: `loading` while the demo goes in, `ready`
/// once it is complete.
const FLAG: &str = "demo_database";

/// Where the demo database of the user's database at `db_path` lives.
pub fn path_beside(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("demo")
        .join("promodesk-demo.db")
}

fn flag(db: &Db) -> Result<Option<String>, crate::sql::Error> {
    db.conn()
        .query_row(
            "SELECT value FROM app_setting WHERE key = ?1",
            [FLAG],
            |r| r.get(0),
        )
        .optional()
}

fn set_flag(db: &mut Db, value: &str) -> Result<(), crate::sql::Error> {
    db.write(|tx| {
        tx.execute(
            "INSERT INTO app_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (mall_id, key) DO UPDATE SET value = excluded.value",
            params![FLAG, value],
        )
        .map(drop)
    })
}

/// Whether `db` is a complete demo database made by [`open_database`] (the app then says so
/// on every screen).
pub fn is_demo_database(db: &Db) -> Result<bool, crate::sql::Error> {
    Ok(flag(db)?.as_deref() == Some("ready"))
}

/// Makes the demo database beside `current` (the user's database), or finds the one made
/// before, and answers its path. A new one gets the demo dated around `today`. A file there
/// that holds anything else is refused, never overwritten; a demo that stopped half-way (the
/// app closed while loading) is made again from scratch.
pub fn open_database(current: &Path, today: NaiveDate) -> Result<PathBuf, DemoError> {
    let path = path_beside(current);
    for _ in 0..2 {
        let mut db = Db::open(&path)?;
        match flag(&db)?.as_deref() {
            Some("ready") => return Ok(path),
            Some(_) => {
                drop(db);
                for suffix in ["", "-wal", "-shm"] {
                    let file = PathBuf::from(format!("{}{suffix}", path.display()));
                    if file.exists() {
                        std::fs::remove_file(&file).map_err(DemoError::Files)?;
                    }
                }
            }
            None => {
                let batches: i64 =
                    db.conn()
                        .query_row("SELECT count(*) FROM import_batch", [], |r| r.get(0))?;
                if !is_empty(&db)? || batches > 0 {
                    return Err(DemoError::NotDemo {
                        path: path.display().to_string(),
                    });
                }
                set_flag(&mut db, "loading")?;
                load(&mut db, today, false)?;
                set_flag(&mut db, "ready")?;
                return Ok(path);
            }
        }
    }
    Err(DemoError::NotDemo {
        path: path.display().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    #[test]
    fn the_demo_gets_its_own_file_in_its_own_folder_and_is_reused() {
        let dir = tempfile::tempdir().unwrap();
        let user = dir.path().join("promodesk.db");
        let mine = Db::open(&user).unwrap();
        let demo = open_database(&user, today()).unwrap();
        assert_eq!(demo, dir.path().join("demo").join("promodesk-demo.db"));
        let opened = Db::open(&demo).unwrap();
        assert!(is_demo_database(&opened).unwrap());
        assert!(!is_empty(&opened).unwrap());
        // The user's database is untouched and not a demo.
        assert!(is_empty(&mine).unwrap());
        assert!(!is_demo_database(&mine).unwrap());
        // Opened again: the same file, not loaded twice.
        let campaigns = |db: &Db| -> i64 {
            db.conn()
                .query_row("SELECT count(*) FROM campaign", [], |r| r.get(0))
                .unwrap()
        };
        let before = campaigns(&opened);
        assert_eq!(open_database(&user, today()).unwrap(), demo);
        assert_eq!(campaigns(&Db::open(&demo).unwrap()), before);
    }

    #[test]
    fn a_file_with_other_data_at_the_demo_path_is_refused_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let user = dir.path().join("promodesk.db");
        let mut other = Db::open(&path_beside(&user)).unwrap();
        crate::mall::update(
            &mut other,
            &crate::mall::MallPatch {
                name: Some("Real".into()),
                time_zone: None,
            },
        )
        .unwrap();
        crate::store::add(
            &mut other,
            &crate::store::StoreInput {
                name: "Real store".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let err = open_database(&user, today()).unwrap_err();
        assert_eq!(err.code(), "demo.not_demo");
        assert!(!is_empty(&other).unwrap());
    }

    #[test]
    fn a_demo_that_stopped_half_way_is_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let user = dir.path().join("promodesk.db");
        let mut half = Db::open(&path_beside(&user)).unwrap();
        set_flag(&mut half, "loading").unwrap();
        crate::store::add(
            &mut half,
            &crate::store::StoreInput {
                name: "half".into(),
                ..Default::default()
            },
        )
        .unwrap();
        drop(half);
        let demo = open_database(&user, today()).unwrap();
        let db = Db::open(&demo).unwrap();
        assert!(is_demo_database(&db).unwrap());
        let stores: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM store", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stores, 8);
    }
}
