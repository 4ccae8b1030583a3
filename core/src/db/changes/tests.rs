use std::time::{Duration, Instant};

use super::*;
use crate::campaign::{self, CampaignInput};

/// A database another connection can open: the test's team database, else a temporary file.
fn shared() -> (Db, Location, Option<tempfile::TempDir>) {
    let db = Db::open_in_memory().unwrap();
    if let Some(location) = db.test_location() {
        return (db, location, None);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    (Db::open(&path).unwrap(), Location::File(path), Some(dir))
}

fn next_changes(feed: &Receiver<Vec<DataChange>>) -> Vec<DataChange> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        match feed.recv_timeout(Duration::from_millis(200)) {
            Ok(burst) if !burst.is_empty() => return burst,
            _ => {}
        }
    }
    panic!("no change was announced within 10 s");
}

#[test]
fn another_connections_save_reaches_the_watcher_after_its_commit() {
    let (mut db, location, _dir) = shared();
    let team = db.team().is_some();
    let feed = watch(location);
    // Saved at once: the watcher's first look was taken before `watch` returned, so even a
    // change a moment after it (a window's first screen is being read) is announced.
    let c = campaign::add(
        &mut db,
        &CampaignInput {
            name: "2027 3.8 女神节".into(),
            description: String::new(),
            festival: None,
            start: "2027-03-06".into(),
            end: "2027-03-09".into(),
            budget: "1000".into(),
            store_ids: vec![],
        },
        "test",
    )
    .unwrap();
    let burst = next_changes(&feed);
    if team {
        // The team database names the table and the campaign.
        assert!(
            burst.contains(&DataChange {
                table: "campaign".into(),
                campaign: Some(c.id),
            }),
            "{burst:?}"
        );
    } else {
        // The embedded store only knows that something changed.
        assert_eq!(
            burst,
            vec![DataChange {
                table: "*".into(),
                campaign: None
            }]
        );
    }
}

#[test]
fn a_payload_names_the_table_and_its_campaign() {
    assert_eq!(
        parse("coupon:7"),
        Some(DataChange {
            table: "coupon".into(),
            campaign: Some(7)
        })
    );
    assert_eq!(
        parse("trade_row"),
        Some(DataChange {
            table: "trade_row".into(),
            campaign: None
        })
    );
    assert_eq!(parse(""), None);
}
