//! Two people editing the same campaign or coupon: two `Api`s on one database (two connections
//! to the test's team database, or two `Db::open` on one file), as two desktops would be.

use std::time::Duration;

use super::*;
use crate::campaign::{CampaignInput, CampaignPatch};
use crate::db::{Location, Revision};
use crate::provider::Provider;

/// Two connections to one database: the test's team database, else a temporary file.
fn two() -> (Db, Db, Option<tempfile::TempDir>) {
    let first = Db::open_in_memory().unwrap();
    match first.test_location() {
        Some(location) => {
            let second = Db::open_at(&location).unwrap();
            (first, second, None)
        }
        None => {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("shared.db");
            let first = Db::open(&path).unwrap();
            let second = Db::open_at(&Location::File(path)).unwrap();
            (first, second, Some(dir))
        }
    }
}

/// Both runs check the store they were meant to run on.
fn assert_store(db: &Db) {
    assert_eq!(
        db.team().is_some(),
        crate::db::team::test_server().is_some(),
        "the test runs on the store PROMODESK_TEST_STORE names"
    );
}

fn add_campaign(api: &mut Api) -> crate::campaign::Campaign {
    api.campaign_add(CampaignAdd {
        input: CampaignInput {
            name: "2027 3.8 女神节".into(),
            description: String::new(),
            festival: Some("womens-day".into()),
            start: "2027-03-06".into(),
            end: "2027-03-09".into(),
            budget: "50000".into(),
            store_ids: vec![],
        },
    })
    .unwrap()
}

fn edit(id: i64, patch: CampaignPatch, expected: Option<i64>) -> CampaignEdit {
    CampaignEdit {
        id,
        patch,
        expected_revision: expected,
    }
}

#[test]
fn a_save_on_a_revision_someone_else_replaced_is_refused_with_what_changed_and_by_whom() {
    let (mut a, mut b, _dir) = two();
    assert_store(&a);
    let mut lin = Api::new(&mut a, "林晓");
    let loaded = add_campaign(&mut lin);
    assert_eq!(loaded.revision, 1);

    // 王芳 opened the same campaign and saves a higher budget first.
    let mut wang = Api::new(&mut b, "王芳");
    let theirs = wang
        .campaign_edit(edit(
            loaded.id,
            CampaignPatch {
                budget: Some("60000".into()),
                ..Default::default()
            },
            Some(loaded.revision),
        ))
        .unwrap();
    assert_eq!(theirs.revision, 2);
    assert_eq!(theirs.changed_by, "王芳");

    // 林晓 saves the form she loaded (with her new name): refused, nothing written.
    let mine = CampaignPatch {
        name: Some("2027 女神节".into()),
        budget: Some("50000".into()),
        ..Default::default()
    };
    let err = lin
        .campaign_edit(edit(loaded.id, mine.clone(), Some(loaded.revision)))
        .unwrap_err();
    assert_eq!(err.code(), "campaign.changed_elsewhere");
    let zh = err.localized().zh;
    assert!(zh.contains("预算 ¥50,000.00 → ¥60,000.00"), "{zh}");
    assert!(zh.contains("王芳"), "{zh}");
    let en = err.localized().en;
    assert!(en.contains("budget ¥50,000.00 → ¥60,000.00"), "{en}");
    let failure = Failure::of(err);
    assert_eq!(failure.problems.len(), 1, "{:?}", failure.problems);
    assert_eq!(failure.problems[0].field, "budget");
    let elsewhere = failure.changed_elsewhere.expect("who and which revision");
    assert_eq!(elsewhere.by.zh, "王芳");
    assert_eq!(
        elsewhere.revisions,
        vec![Revision {
            id: loaded.id,
            revision: 2
        }]
    );
    let stored = lin.campaign_get(Id { id: loaded.id }).unwrap().campaign;
    assert_eq!(stored.name, loaded.name);
    assert_eq!(stored.budget.to_string(), "60000.00");

    // "Save anyway": the same form on the revision the refusal named overwrites theirs.
    let saved = lin.campaign_edit(edit(loaded.id, mine, Some(2))).unwrap();
    assert_eq!(saved.name, "2027 女神节");
    assert_eq!(saved.budget.to_string(), "50000.00");
    assert_eq!(saved.revision, 3);
    assert_eq!(saved.changed_by, "林晓");
}

#[test]
fn without_a_revision_the_last_writer_wins_as_before() {
    let (mut a, mut b, _dir) = two();
    let loaded = add_campaign(&mut Api::new(&mut a, "林晓"));
    let patch = |budget: &str| CampaignPatch {
        budget: Some(budget.into()),
        ..Default::default()
    };
    Api::new(&mut b, "王芳")
        .campaign_edit(edit(loaded.id, patch("60000"), None))
        .unwrap();
    let last = Api::new(&mut a, "林晓")
        .campaign_edit(edit(loaded.id, patch("55000"), None))
        .unwrap();
    assert_eq!(last.budget.to_string(), "55000.00");
    assert_eq!(last.revision, 3);
}

#[test]
fn every_change_the_editor_shows_moves_the_revision_and_a_save_of_nothing_does_not() {
    let mut db = Db::open_in_memory().unwrap();
    let mut api = Api::new(&mut db, "林晓");
    let c = add_campaign(&mut api);
    let revision = |api: &mut Api| api.campaign_get(Id { id: c.id }).unwrap().campaign.revision;

    // Saving the form unchanged: nothing new to show, the revision stays, and the history
    // (migration 0015) has nothing new either.
    let entries = |api: &mut Api| -> i64 {
        api.db
            .conn()
            .query_row(
                "SELECT count(*) FROM audit WHERE campaign_id = ?1",
                [c.id],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = entries(&mut api);
    api.campaign_edit(edit(c.id, CampaignPatch::default(), Some(1)))
        .unwrap();
    assert_eq!(revision(&mut api), 1);
    assert_eq!(entries(&mut api), before);
    // A change is one entry: the revision's own bump is bookkeeping, not a second change.
    api.campaign_edit(edit(
        c.id,
        CampaignPatch {
            description: Some("全场满减".into()),
            ..Default::default()
        },
        Some(1),
    ))
    .unwrap();
    assert_eq!(revision(&mut api), 2);
    assert_eq!(entries(&mut api), before + 1);

    // The budget split belongs to the editor too, and is checked the same way.
    let split = |expected| CampaignSetBudgets {
        id: c.id,
        amounts: vec![(Provider::WechatPay, "20000".into())],
        expected_revision: expected,
    };
    api.campaign_set_budgets(split(Some(2))).unwrap();
    assert_eq!(revision(&mut api), 3);
    let err = api.campaign_set_budgets(split(Some(2))).unwrap_err();
    assert_eq!(err.code(), "campaign.changed_elsewhere");
    // 林晓 herself made revision 2 in another window: the refusal says so, and what it was.
    assert!(
        err.localized()
            .zh
            .contains("微信支付预算 ¥0.00 → ¥20,000.00"),
        "{}",
        err.localized().zh
    );

    // A status move is a change too.
    api.campaign_set_status(CampaignSetStatus {
        id: c.id,
        status: crate::campaign::CampaignStatus::Cancelled,
        reason: String::new(),
    })
    .unwrap();
    assert_eq!(revision(&mut api), 4);
    let err = api
        .campaign_edit(edit(c.id, CampaignPatch::default(), Some(3)))
        .unwrap_err();
    assert!(
        err.localized().zh.contains("状态 草稿 → 已取消"),
        "{}",
        err.localized().zh
    );
}

#[test]
fn the_clocks_moves_are_its_own() {
    let mut db = Db::open_in_memory().unwrap();
    let mut api = Api::new(&mut db, "林晓");
    let c = add_campaign(&mut api);
    api.db
        .conn()
        .execute(
            "UPDATE campaign SET status = 'scheduled', starts_at = 0 WHERE id = ?1",
            [c.id],
        )
        .unwrap();
    crate::db::revision::flush(api.db.conn(), "林晓").unwrap();
    let before = crate::campaign::get(api.db, c.id).unwrap();
    api.apply_due_statuses().unwrap();
    let after = api.campaign_get(Id { id: c.id }).unwrap().campaign;
    assert_eq!(after.revision, before.revision + 1);
    assert_eq!(after.changed_by, crate::campaign::CLOCK);
    let err = api
        .campaign_edit(edit(c.id, CampaignPatch::default(), Some(before.revision)))
        .unwrap_err();
    assert!(
        err.localized().zh.contains("系统自动"),
        "{}",
        err.localized().zh
    );
    assert_eq!(api.db.actor(), "林晓");
}

#[test]
fn a_save_waiting_behind_anothers_commit_sees_it_and_is_refused() {
    let (mut a, mut b, _dir) = two();
    let c = add_campaign(&mut Api::new(&mut a, "林晓"));
    let (claimed, go) = std::sync::mpsc::channel();
    // 王芳's save holds the campaign (the row on a team database, the file on the embedded
    // store) for a moment before it commits.
    let theirs = std::thread::spawn(move || {
        b.set_actor("王芳");
        b.write(|tx| {
            tx.execute(
                "UPDATE campaign SET budget_fen = 6000000 WHERE id = ?1 AND revision = 1",
                [c.id],
            )?;
            claimed.send(()).unwrap();
            std::thread::sleep(Duration::from_millis(700));
            Ok::<_, crate::sql::Error>(())
        })
        .unwrap();
    });
    go.recv().unwrap();
    let err = Api::new(&mut a, "林晓")
        .campaign_edit(edit(
            c.id,
            CampaignPatch {
                name: Some("2027 女神节".into()),
                ..Default::default()
            },
            Some(1),
        ))
        .unwrap_err();
    theirs.join().unwrap();
    assert_eq!(err.code(), "campaign.changed_elsewhere");
    assert!(
        err.localized().zh.contains("王芳"),
        "{}",
        err.localized().zh
    );
}

fn offer(api: &mut Api, campaign: i64) -> Vec<crate::coupon::Coupon> {
    api.coupon_add_offer(OfferAdd {
        campaign,
        products: vec![
            crate::coupon::Product::WechatCash,
            crate::coupon::Product::AlipayVoucher,
        ],
        spec: crate::coupon::test_support::fixed_spec("满200减30", "30", "200", 100),
    })
    .unwrap()
}

#[test]
fn an_offer_saved_on_stale_revisions_names_each_change_once() {
    let (mut a, mut b, _dir) = two();
    assert_store(&a);
    let mut lin = Api::new(&mut a, "林晓");
    let c = add_campaign(&mut lin);
    let loaded = offer(&mut lin, c.id);
    let offer_id = loaded[0].offer_id.unwrap();
    let revisions: Vec<Revision> = loaded
        .iter()
        .map(|c| Revision {
            id: c.id,
            revision: c.revision,
        })
        .collect();

    let mut theirs = loaded[0].spec.clone();
    theirs.quantity = 200;
    theirs.face_value = "40".into();
    Api::new(&mut b, "王芳")
        .coupon_edit_offer(OfferEdit {
            offer: offer_id,
            spec: theirs,
            expected_revisions: Some(revisions.clone()),
        })
        .unwrap();

    let mut mine = loaded[0].spec.clone();
    mine.name = "女神节满200减30".into();
    let err = lin
        .coupon_edit_offer(OfferEdit {
            offer: offer_id,
            spec: mine.clone(),
            expected_revisions: Some(revisions),
        })
        .unwrap_err();
    assert_eq!(err.code(), "coupon.changed_elsewhere");
    let zh = err.localized().zh;
    assert!(zh.contains("面额 ¥30.00 → ¥40.00"), "{zh}");
    assert!(zh.contains("发放总量 100 张 → 200 张"), "{zh}");
    assert_eq!(zh.matches("面额").count(), 1, "{zh}");
    let failure = Failure::of(err);
    let now = failure.changed_elsewhere.unwrap().revisions;
    assert_eq!(now.len(), 2);
    assert!(now.iter().all(|r| r.revision == 2), "{now:?}");

    // Save anyway, on the revisions the refusal named.
    let saved = lin
        .coupon_edit_offer(OfferEdit {
            offer: offer_id,
            spec: mine,
            expected_revisions: Some(now),
        })
        .unwrap();
    assert!(saved
        .iter()
        .all(|c| c.spec.name == "女神节满200减30" && c.spec.quantity == 100));

    // A lone coupon's edit is checked the same way.
    let one = &saved[0];
    let err = lin
        .coupon_edit(CouponEdit {
            id: one.id,
            spec: one.spec.clone(),
            expected_revision: Some(one.revision - 1),
        })
        .unwrap_err();
    assert_eq!(err.code(), "coupon.changed_elsewhere");
}
