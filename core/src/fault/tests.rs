//! Faults injected into a real database file: a full disk (SQLite's page limit set just above
//! what the file holds), a folder renamed away while the database is open, a connection that
//! could only read. Each ends in its coded message, writes nothing, and recovers once the cause
//! is gone.

use std::path::{Path, PathBuf};

use crate::sql::ffi;

use super::*;
use crate::import::{import_file, ImportError, ImportOptions};
use crate::store::{StoreError, StoreInput};

fn count(db: &Db, table: &str) -> i64 {
    db.conn()
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Lets the database grow by `pages` pages at most: what a full disk looks like to SQLite.
fn room_for(db: &Db, pages: i64) {
    let used: i64 = db
        .conn()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    db.conn()
        .sqlite()
        .unwrap()
        .pragma_update(None, "max_page_count", used + pages)
        .unwrap();
}

fn store(name: &str) -> StoreInput {
    StoreInput {
        name: name.into(),
        floor: "L1".into(),
        category: String::new(),
        merchant_ids: Vec::new(),
        move_taken_ids: None,
    }
}

#[test]
fn an_import_that_fills_the_disk_says_how_much_room_it_needs_and_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("full.db")).unwrap();
    // Trades take few bytes since migration 0012: the fixture's 45 fit in pages the database
    // already has, so this bill is a larger one.
    let wechat = generated_bill(dir.path(), 2_000);
    room_for(&db, 1);

    let err = import_file(&mut db, &wechat, &ImportOptions::default(), &mut |_| true).unwrap_err();
    assert_eq!(err.code(), "import.disk_full", "{err}");
    let ImportError::DiskFull { needed_mb, .. } = &err else {
        panic!("{err:?}")
    };
    let message = err.localized();
    assert!(
        message.en.contains(&format!("about {needed_mb} MB")),
        "{}",
        message.en
    );
    assert!(message.en.contains("Free up about"), "{}", message.en);
    assert!(
        message.zh.contains(&format!("{needed_mb} MB")),
        "{}",
        message.zh
    );
    assert_eq!(count(&db, "trade"), 0);
    assert_eq!(count(&db, "import_batch"), 0);
    let wal = std::fs::metadata(dir.path().join("full.db-wal")).map_or(0, |m| m.len());
    assert_eq!(wal, 0, "the refused rows gave their room in the log back");

    // Room again: the very same file imports whole.
    room_for(&db, 100_000);
    let report = import_file(&mut db, &wechat, &ImportOptions::default(), &mut |_| true).unwrap();
    assert_eq!(report.inserted, 2_000);
    assert_eq!(count(&db, "trade"), 2_000);
}

/// A WeChat Pay trade bill of `rows` payments of ¥1.00 (the layout of tests' gen_wechat_bill).
fn generated_bill(dir: &Path, rows: u64) -> PathBuf {
    let mut text = String::from("\u{feff}交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n");
    for i in 0..rows {
        text.push_str(&format!(
            "`2027-03-08 10:{:02}:{:02},`wx8888,`1900000001,`1900012301,`,`42000{i:023},`PD{i:020},`oUser,`JSAPI,`SUCCESS,`OTHERS,`CNY,`1.00,`0.00,`0,`0,`0.00,`0.00,`,`,`咖啡,`,`0.00600,`0.60%,`1.00,`0.00,`\r\n",
            (i / 60) % 60,
            i % 60
        ));
    }
    text.push_str("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n");
    // 0.6 fen a row, in fen.
    let fee = rows * 6 / 10;
    text.push_str(&format!(
        "`{rows},`{rows}.00,`0.00,`0.00,`{}.{:02},`{rows}.00,`0.00\r\n",
        fee / 100,
        fee % 100
    ));
    let path = dir.join("bill.csv");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_room_a_bill_needs_grows_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bill.csv");
    std::fs::write(&csv, vec![b'x'; 10 << 20]).unwrap();
    assert_eq!(crate::import::room::needed_mb(&csv), 25);
    let zip = dir.path().join("bill.zip");
    std::fs::write(&zip, vec![b'x'; 2 << 20]).unwrap();
    assert_eq!(crate::import::room::needed_mb(&zip), 25);
    let tiny = dir.path().join("tiny.csv");
    std::fs::write(&tiny, b"x").unwrap();
    assert_eq!(crate::import::room::needed_mb(&tiny), 1);
}

#[test]
fn any_other_write_on_a_full_disk_is_refused_with_the_disk_full_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("full.db")).unwrap();
    room_for(&db, 0);
    // The first store that needs a new page finds the disk full.
    let mut added = 0;
    let err = loop {
        match crate::store::add(&mut db, &store(&format!("店铺 {added}"))) {
            Ok(_) => added += 1,
            Err(e) => break e,
        }
        assert!(added < 1000, "the page limit never bit");
    };
    assert_eq!(err.code(), "db.disk_full", "{err}");
    assert!(err.to_string().contains("is full"), "{err}");
    assert!(
        err.to_string().contains(&dir.path().display().to_string()),
        "names the folder: {err}"
    );
    assert!(matches!(err, StoreError::Db(_)));
    assert_eq!(count(&db, "store"), added);
}

#[test]
fn a_write_after_the_folder_went_away_is_refused_and_works_once_it_is_back() {
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("usb");
    let moved = root.path().join("usb-unplugged");
    let mut db = Db::open(&folder.join("promodesk.db")).unwrap();
    crate::store::add(&mut db, &store("优衣库")).unwrap();

    std::fs::rename(&folder, &moved).unwrap();
    let err = crate::store::add(&mut db, &store("星巴克")).unwrap_err();
    assert_eq!(err.code(), "db.gone", "{err}");
    let message = err.localized();
    assert!(
        message.en.starts_with(&format!(
            "The folder that holds the database ({}) is no longer there",
            folder.display()
        )),
        "{}",
        message.en
    );
    assert!(message.en.ends_with("Nothing was saved."), "{}", message.en);
    assert!(message.zh.contains("已不存在"), "{}", message.zh);

    std::fs::rename(&moved, &folder).unwrap();
    crate::store::add(&mut db, &store("星巴克")).unwrap();
    let names: Vec<String> = crate::store::list(&db)
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert!(names.contains(&"优衣库".to_string()) && names.contains(&"星巴克".to_string()));
    drop(db);
    // Nothing went to a file nobody could see: the reopened database has both, once.
    let db = Db::open(&folder.join("promodesk.db")).unwrap();
    assert_eq!(
        db.conn()
            .query_row(
                "SELECT COUNT(*) FROM store WHERE name = '星巴克'",
                [],
                |r| r.get::<_, i64>(0)
            )
            .unwrap(),
        1
    );
}

#[test]
fn a_deleted_database_file_is_named_as_gone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("promodesk.db");
    let mut db = Db::open(&path).unwrap();
    std::fs::rename(&path, dir.path().join("elsewhere.db")).unwrap();
    let err = crate::store::add(&mut db, &store("优衣库")).unwrap_err();
    assert_eq!(err.code(), "db.gone");
    assert!(
        err.to_string().starts_with(&format!(
            "The database file {} is no longer there",
            path.display()
        )),
        "{err}"
    );
}

#[test]
fn a_connection_that_could_only_read_writes_again_once_the_file_is_writable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("promodesk.db");
    let mut db = Db::open(&path).unwrap();
    // As SQLite leaves it after opening a file it could not write to.
    *db.conn_mut() = rusqlite::Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap()
        .into();
    assert!(db.conn().sqlite().unwrap().is_readonly(MAIN_DB).unwrap());
    crate::store::add(&mut db, &store("优衣库")).unwrap();
    assert!(!db.conn().sqlite().unwrap().is_readonly(MAIN_DB).unwrap());
    assert_eq!(count(&db, "store"), 1);
}

#[test]
fn sqlite_errors_map_to_their_faults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("promodesk.db");
    note(&path);
    let sqlite = |code: i32| crate::sql::Error::SqliteFailure(ffi::Error::new(code), None);

    let full = Fault::of(&sqlite(ffi::SQLITE_FULL)).unwrap();
    assert_eq!(full.code(), "db.disk_full");
    let read_only = Fault::of(&sqlite(ffi::SQLITE_READONLY)).unwrap();
    assert_eq!(read_only.code(), "db.read_only");
    assert_eq!(
        read_only.localized().en,
        format!("This database file can only be read: PromoDesk can show it but not save changes. Ask for write access to {}, or copy it to a folder you can write to.", path.display())
    );
    assert!(read_only.localized().zh.contains("只能读取"));
    // The file was moved away while open.
    let moved = Fault::of(&sqlite(ffi::SQLITE_READONLY_DBMOVED)).unwrap();
    assert_eq!(moved.code(), "db.gone");
    assert_eq!(Fault::of(&sqlite(ffi::SQLITE_CONSTRAINT)), None);
    // A new file that cannot be created is not a vanished one.
    assert_eq!(Fault::of(&sqlite(ffi::SQLITE_CANTOPEN)), None);
    note(&dir.path().join("unplugged/promodesk.db"));
    let unplugged = Fault::of(&sqlite(ffi::SQLITE_CANTOPEN)).unwrap();
    assert_eq!(unplugged.code(), "db.gone");
    note(&path);
    assert_eq!(db_code(&sqlite(ffi::SQLITE_CONSTRAINT)), "db.sqlite");

    // A fault carried through `?` as a crate::sql::Error keeps its kind.
    let carried: crate::sql::Error = Fault::gone(&path).into();
    assert_eq!(db_code(&carried), "db.gone");
    assert_eq!(
        crate::db::DbError::from(Fault::gone(&path)).code(),
        "db.gone"
    );
}

#[test]
fn uris_escape_what_sqlite_would_read_as_parameters() {
    assert_eq!(
        immutable_uri(Path::new("/data/50%?#.db")),
        "file:/data/50%25%3f%23.db?immutable=1"
    );
}
