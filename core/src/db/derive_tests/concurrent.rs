//! Several desktops on one database at once (issue 21, "a concurrency test runs two clients
//! editing and importing at once"): two connections import — one bill each, and the same bill
//! both — while a third edits the campaign and the stores. Every write succeeds (or waits), no
//! trade is stored twice, and the derived data and roll-ups equal a recomputation and the same
//! bills imported one after another. On the team run the connections are PostgreSQL sessions;
//! on the embedded run they are connections to one file (SQLite serialises them).

use std::sync::{Arc, Barrier};

use super::*;
use crate::db::Location;

/// The run's store with room for more connections: a team database, or a file.
fn shared(dir: &tempfile::TempDir) -> (Db, Location) {
    let db = match crate::db::team::test_server() {
        Some(_) => Db::open_in_memory().unwrap(),
        None => Db::open(&dir.path().join("shared.db")).unwrap(),
    };
    let location = db.test_location().expect("a database others can open");
    (db, location)
}

fn rows_of(seed: u8) -> Vec<BillRow> {
    (0..120u16)
        .map(|i| {
            let i8 = u8::try_from(i % 250).unwrap();
            (
                i8.wrapping_add(seed) % 3,
                6 + i8 % 4,
                9 + i8 % 12,
                i8 % 3,
                i % 17 == 0,
                50 + i * 7,
            )
        })
        .collect()
}

fn set_up(db: &mut Db) {
    for (i, name) in ["一号店", "二号店"].iter().enumerate() {
        let input = StoreInput {
            name: (*name).into(),
            merchant_ids: vec![account(u8::try_from(i).unwrap()), account(3)],
            ..Default::default()
        };
        if i == 1 {
            // Merchant ids are one store's each: the second store takes the third WeChat id.
            let input = StoreInput {
                merchant_ids: vec![account(2)],
                ..input
            };
            store::add(db, &input).unwrap();
        } else {
            store::add(db, &input).unwrap();
        }
    }
    womens_day(db);
}

fn options() -> ImportOptions {
    ImportOptions {
        accept_mismatch: true,
        ..Default::default()
    }
}

#[test]
fn two_desktops_importing_while_a_third_edits_end_as_if_one_after_another() {
    let dir = tempfile::tempdir().unwrap();
    let wechat = bill(&dir, 1, false, &rows_of(0));
    let alipay = bill(&dir, 2, true, &rows_of(1));
    let (mut first, location) = shared(&dir);
    set_up(&mut first);
    let campaign = ids(&first, "SELECT id FROM campaign")[0];
    let mut second = Db::open_at(&location).unwrap();
    let mut editor = Db::open_at(&location).unwrap();
    let start = Arc::new(Barrier::new(3));

    let (a, b) = std::thread::scope(|s| {
        let go = Arc::clone(&start);
        let (wechat_a, wechat_b, alipay_b) = (&wechat, &wechat, &alipay);
        let a = s.spawn(move || {
            go.wait();
            let report =
                import::import_file(&mut first, wechat_a, &options(), &mut |_| true).unwrap();
            (first, report)
        });
        let go = Arc::clone(&start);
        let b = s.spawn(move || {
            go.wait();
            let same =
                import::import_file(&mut second, wechat_b, &options(), &mut |_| true).unwrap();
            import::import_file(&mut second, alipay_b, &options(), &mut |_| true).unwrap();
            (second, same)
        });
        start.wait();
        for step in 0..10u8 {
            let patch = CampaignPatch {
                budget: Some(format!("{}", 100_000 + u32::from(step))),
                ..Default::default()
            };
            campaign::edit(&mut editor, campaign, &patch).unwrap();
            let stores = ids(&editor, "SELECT id FROM store ORDER BY id");
            let input = StoreInput {
                name: format!("二号店{step}"),
                merchant_ids: vec![account(2), account(4 + step % 2)],
                move_taken_ids: Some(true),
                ..Default::default()
            };
            store::edit(&mut editor, stores[1], &input).unwrap();
        }
        (a.join().unwrap(), b.join().unwrap())
    });
    let ((db, once), (_, again)) = (a, b);

    // The same bills, one after another, into a database of their own with the editor's end state.
    let sequential_dir = tempfile::tempdir().unwrap();
    let mut sequential = Db::open(&sequential_dir.path().join("one-by-one.db")).unwrap();
    set_up(&mut sequential);
    let wechat_alone =
        import::import_file(&mut sequential, &wechat, &options(), &mut |_| true).unwrap();
    import::import_file(&mut sequential, &alipay, &options(), &mut |_| true).unwrap();
    // The bill both desktops imported at once: each trade stored by exactly one of them.
    assert_eq!(once.inserted + again.inserted, wechat_alone.inserted);
    assert_eq!(once.duplicates + again.duplicates, wechat_alone.inserted);
    let budget = CampaignPatch {
        budget: Some("100009".into()),
        ..Default::default()
    };
    let seq_campaign = ids(&sequential, "SELECT id FROM campaign")[0];
    campaign::edit(&mut sequential, seq_campaign, &budget).unwrap();
    let seq_stores = ids(&sequential, "SELECT id FROM store ORDER BY id");
    let last = StoreInput {
        name: "二号店9".into(),
        merchant_ids: vec![account(2), account(5)],
        move_taken_ids: Some(true),
        ..Default::default()
    };
    store::edit(&mut sequential, seq_stores[1], &last).unwrap();

    let count = |d: &Db| ids(d, "SELECT COUNT(*) FROM trade")[0];
    assert_eq!(count(&db), count(&sequential), "no trade twice, none lost");
    check(&db);
    let all = Scope::default();
    assert_eq!(
        stats::kpis(&db, &all).unwrap(),
        stats::kpis(&sequential, &all).unwrap()
    );
    let by_store =
        |d: &Db| serde_json::to_value(stats::grouped(d, &all, GroupBy::Store).unwrap()).unwrap();
    assert_eq!(by_store(&db), by_store(&sequential));
}
