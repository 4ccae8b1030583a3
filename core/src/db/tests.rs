use super::*;
use crate::sql::params;

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
    // SQLite's STRICT tables and PostgreSQL's BIGINT columns refuse it alike.
    let message = err.to_string();
    assert!(
        message.contains("cannot store TEXT value in INTEGER column")
            || message.contains("invalid input syntax for type bigint"),
        "{message}"
    );
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

/// A version-9 database, as the previous release left it after the one-click mapping had
/// written a UnionPay number into a store's Alipay field: every mapping survives the upgrade,
/// each under its own provider, and the trades are matched by the new accounts.
#[test]
fn the_merchant_id_columns_become_accounts_without_losing_a_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v9.db");
    {
        let conn = migrations::open_at_version(&path, 9);
        conn.execute_batch(
            "INSERT INTO store (id, name, wechat_sub_mch_id, alipay_store_id) VALUES
                 (1, '优衣库', '1900012301', 'BJ_001'),
                 (2, '星巴克', NULL, '102110058120001'),
                 (3, '无印良品', '1900012303', NULL);
             INSERT INTO import_batch (id, file_name, format, sha256, imported_at, rows, payments, refunds,
                 inserted, duplicates, reconciled, order_fen, settlement_fen, coupon_fen, refund_fen, fee_e5)
                 VALUES (1, 'b.csv', 'csv', '', 0, 3, 3, 0, 3, 0, 1, 0, 0, 0, 0, 0);
             INSERT INTO trade (batch_id, provider, kind, key, trade_no, occurred_at, merchant_id, store_id, order_fen, line) VALUES
                 (1, 'wechat_pay', 'payment', 'w1', 'w1', 1800000000, '1900012301', 1, 1000, 1),
                 (1, 'alipay', 'payment', 'a1', 'a1', 1800000000, 'BJ_001', 1, 2000, 2),
                 (1, 'unionpay', 'payment', 'u1', 'u1', 1800000000, '102110058120001', NULL, 3000, 3);",
        )
        .unwrap();
    }
    let db = Db::open(&path).unwrap();
    let accounts: Vec<(String, String, String, i64)> = db
        .conn()
        .prepare("SELECT provider, merchant_id, kind, store_id FROM merchant_account ORDER BY store_id, provider")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let expect =
        |p: &str, m: &str, k: &str, s: i64| (p.to_string(), m.to_string(), k.to_string(), s);
    assert_eq!(
        accounts,
        [
            expect("alipay", "BJ_001", "store_id", 1),
            expect("wechat_pay", "1900012301", "sub_mch_id", 1),
            expect("unionpay", "102110058120001", "merchant_no", 2),
            expect("wechat_pay", "1900012303", "sub_mch_id", 3),
        ]
    );
    // The UnionPay trade the old columns could not match now counts for its store.
    let stores: Vec<Option<i64>> = db
        .conn()
        .prepare("SELECT store_id FROM trade_with_store ORDER BY line")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(stores, [Some(1), Some(1), Some(2)]);
    let rollup: i64 = db
        .conn()
        .query_row(
            "SELECT SUM(order_fen) FROM trade_hour_with_store WHERE store_id = 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rollup, 3000);
    let negative: i64 = db
        .conn()
        .query_row("SELECT COUNT(*) FROM trade_hour WHERE n <= 0", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(negative, 0);
    // A backup of the version-9 file was kept before the upgrade.
    assert!(
        std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .count()
            >= 1
    );
}

#[test]
fn a_reader_reads_the_committed_state_and_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let mut writer = Db::open(&path).unwrap();
    let mut reader = Db::open_reader(&path).unwrap();
    assert!(reader.is_reader() && !writer.is_reader());
    crate::mall::update(
        &mut writer,
        &crate::mall::MallPatch {
            name: Some("望京汇".into()),
            time_zone: None,
        },
    )
    .unwrap();
    assert_eq!(crate::mall::get(&reader).unwrap().name, "望京汇");
    let refused = crate::mall::update(
        &mut reader,
        &crate::mall::MallPatch {
            name: Some("x".into()),
            time_zone: None,
        },
    );
    assert!(refused.is_err(), "a read connection wrote");
    assert_eq!(crate::mall::get(&writer).unwrap().name, "望京汇");
}
