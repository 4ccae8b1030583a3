use super::*;
use rusqlite::params;

#[test]
fn a_new_database_is_at_the_latest_version_with_the_pragmas_set() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("sub/promodesk.db")).unwrap();
    assert_eq!(db.schema_version().unwrap(), migrations::latest_version());
    let mode: String = db
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = db
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn tables_are_strict() {
    let db = Db::open_in_memory().unwrap();
    let err = db
        .conn()
        .execute(
            "INSERT INTO campaign (name, starts_at, ends_at, status, budget_fen, created_at, updated_at)
             VALUES ('x', 'soon', 1, 'draft', 0, 0, 0)",
            [],
        )
        .unwrap_err();
    assert!(err
        .to_string()
        .contains("cannot store TEXT value in INTEGER column"));
}

#[test]
fn an_older_database_is_upgraded_with_its_data_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = migrations::open_at_version(&path, 1);
        conn.execute(
            "INSERT INTO store (name, wechat_sub_mch_id) VALUES ('优衣库', '1900012301')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO campaign (name, starts_at, ends_at, status, budget_fen, created_at, updated_at)
             VALUES ('3.8 女神节', 100, 200, 'scheduled', 12345, 50, 60)",
            [],
        )
        .unwrap();
        conn.execute("INSERT INTO campaign_store VALUES (1, 1)", [])
            .unwrap();
    }
    let db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), migrations::latest_version());
    let (name, budget): (String, i64) = db
        .conn()
        .query_row("SELECT name, budget_fen FROM campaign", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((name.as_str(), budget), ("3.8 女神节", 12345));
    let linked: i64 = db
        .conn()
        .query_row("SELECT store_id FROM campaign_store", [], |r| r.get(0))
        .unwrap();
    assert_eq!(linked, 1);
    // The new history table starts with the status each campaign had.
    let (to, at): (String, i64) = db
        .conn()
        .query_row(
            "SELECT to_status, changed_at FROM campaign_status_history WHERE campaign_id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((to.as_str(), at), ("scheduled", 60));
}

#[test]
fn a_newer_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER); PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Db::open(&path).unwrap_err();
    assert_eq!(err.code(), "db.schema_too_new");
    assert!(err.to_string().contains("schema version 999"));
    assert!(err.to_string().contains("update PromoDesk"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("future.db-wal").exists());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", params![], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 999);
}

#[test]
fn explicit_path_beats_the_environment() {
    let p = resolve_path(Some(Path::new("/tmp/x.db"))).unwrap();
    assert_eq!(p, PathBuf::from("/tmp/x.db"));
}
