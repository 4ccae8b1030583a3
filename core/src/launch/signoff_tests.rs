//! The sign-off test: an approver signs, a coupon changes, the launch is refused and says who
//! signed and what changed; signed again, the launch goes through. On the team database the
//! server refuses it too (psql storing the old hash cannot schedule); on the embedded store the
//! sign-off is optional and shown void the same way.

use super::*;
use crate::campaign::CampaignStatus;
use crate::launch::tests::ready;
use crate::people::Role;

/// 2027-02-01 00:00 Shanghai, a month before the 3.8 campaign.
const NOW: i64 = 1_801_411_200;

fn on_team() -> bool {
    std::env::var("PROMODESK_TEST_STORE").is_ok_and(|s| crate::sql::pg::is_url(&s))
}

/// Raises the first coupon's face value by ¥5.
fn change_a_coupon(db: &mut Db, campaign: i64) {
    let c = &crate::coupon::list(db, Some(campaign)).unwrap()[0];
    let mut spec = c.spec.clone();
    spec.face_value = "35".into();
    crate::coupon::edit(db, c.id, &spec).unwrap();
}

#[test]
fn the_hash_covers_the_campaign_its_coupons_and_the_verdicts() {
    let (mut db, id) = ready();
    let (first, _) = current_hash(&db, id, NOW).unwrap();
    assert_eq!(first.len(), 64);
    assert_eq!(current_hash(&db, id, NOW).unwrap().0, first, "stable");
    // A verdict that changes with the date (Alipay's window opens) changes it.
    assert_ne!(current_hash(&db, id, NOW + 25 * 86_400).unwrap().0, first);
    change_a_coupon(&mut db, id);
    assert_ne!(current_hash(&db, id, NOW).unwrap().0, first);
}

#[test]
fn a_change_after_the_sign_off_voids_it_and_the_launch_waits_for_a_new_one() {
    let (mut owner, id) = ready();
    if !on_team() {
        // The embedded store: signing off is optional; the state still tells void from valid.
        let signed = sign(&mut owner, id, "me", NOW).unwrap();
        assert!(!signed.required);
        assert!(signed.latest.as_ref().unwrap().valid);
        change_a_coupon(&mut owner, id);
        let void = state(&owner, id, NOW).unwrap().latest.unwrap();
        assert!(!void.valid);
        assert!(
            void.changes[0].en.contains("face value"),
            "{:?}",
            void.changes
        );
        let launched = crate::launch::launch(&mut owner, id, "me", NOW).unwrap();
        assert_eq!(
            launched.status,
            CampaignStatus::Scheduled,
            "no sign-off needed"
        );
        return;
    }
    let mut approver = crate::people::tests::connect_as(&owner, Role::Approver);
    crate::people::set_my_name(&mut approver, "王经理", NOW).unwrap();
    let mut planner = crate::people::tests::connect_as(&owner, Role::Planner);

    // Nobody signed yet.
    let refused = crate::launch::launch(&mut approver, id, "w", NOW).unwrap_err();
    assert_eq!(refused.code(), "launch.not_signed_off");

    // A planner may not sign: the server refuses the row.
    let refused = sign(&mut planner, id, "p", NOW).unwrap_err();
    assert_eq!(refused.code(), "db.not_permitted", "{refused}");
    assert!(!state(&planner, id, NOW).unwrap().can_sign);

    // The approver signs; the planner then changes a coupon.
    let signed = sign(&mut approver, id, "w", NOW).unwrap();
    assert!(signed.required && signed.can_sign);
    let latest = signed.latest.unwrap();
    assert!(latest.valid);
    assert_eq!(latest.by, "王经理");
    change_a_coupon(&mut planner, id);

    let refused = crate::launch::launch(&mut approver, id, "w", NOW).unwrap_err();
    assert_eq!(refused.code(), "launch.signoff_void");
    let words = refused.localized();
    assert!(words.zh.contains("王经理"), "{}", words.zh);
    assert!(
        words.zh.contains("面额从 ¥30.00 改为 ¥35.00"),
        "{}",
        words.zh
    );
    assert!(words.en.contains("face value"), "{}", words.en);

    // Past core, with plain SQL: storing the signed hash again does not bring the sign-off
    // back — the server compares the campaign's content version too.
    {
        let pg = approver.conn().postgres().unwrap();
        let err = pg
            .client()
            .batch_execute(&format!(
                "UPDATE campaign SET checklist_sha256 = '{}', status = 'scheduled' WHERE id = {id}",
                signed_hash(&owner, id)
            ))
            .expect_err("the status guard refuses");
        let message = err.as_db_error().map(|e| e.message().to_string());
        assert!(
            message
                .as_deref()
                .is_some_and(|m| m.contains("no valid sign-off")),
            "{err:?}"
        );
        // … and a content version cannot be set by hand.
        assert!(pg
            .client()
            .batch_execute("UPDATE campaign_content SET version = 0")
            .is_err());
    }
    assert_eq!(
        crate::campaign::get(&owner, id).unwrap().status,
        CampaignStatus::Draft
    );

    // Signed again, the launch goes through — but only the approver changes the status.
    sign(&mut approver, id, "w", NOW).unwrap();
    let refused = crate::launch::launch(&mut planner, id, "p", NOW).unwrap_err();
    assert_eq!(refused.code(), "db.not_permitted");
    let launched = crate::launch::launch(&mut approver, id, "w", NOW).unwrap();
    assert_eq!(launched.status, CampaignStatus::Scheduled);
    let history = crate::people::campaign_history(&owner, id).unwrap();
    assert!(history
        .iter()
        .any(|e| e.summary.zh == "王经理 签署了上线检查"));
    assert!(history
        .iter()
        .any(|e| e.summary.zh == "王经理 把状态从 草稿 改为 已排期"));
}

fn signed_hash(db: &Db, id: i64) -> String {
    db.conn()
        .query_row(
            "SELECT checklist_sha256 FROM launch_signoff WHERE campaign_id = ?1 ORDER BY id LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}
