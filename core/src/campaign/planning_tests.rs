//! Tests of clock-driven statuses, cloning, conflicts and budgets.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::*;
use crate::db::Db;
use crate::provider::Provider;
use crate::store::{self, StoreInput};

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

fn campaign(db: &mut Db, name: &str, start: &str, end: &str, stores: Vec<i64>) -> Campaign {
    add(
        db,
        &CampaignInput {
            name: name.into(),
            start: start.into(),
            end: end.into(),
            budget: "1000".into(),
            store_ids: stores,
            ..Default::default()
        },
        "t",
    )
    .unwrap()
}

fn scheduled(db: &mut Db, name: &str, start: &str, end: &str) -> Campaign {
    let c = campaign(db, name, start, end, vec![]);
    lifecycle_move(db, c.id, CampaignStatus::Scheduled, "t", "").unwrap()
}

#[test]
fn the_clock_moves_scheduled_to_live_and_live_to_ended_at_the_zones_midnight() {
    let mut db = Db::open_in_memory().unwrap();
    let c = scheduled(&mut db, "x", "2026-03-08", "2026-03-09");
    // 2026-03-07 23:59:59 in Shanghai: not started.
    assert!(refresh_statuses(&mut db, utc("2026-03-07T15:59:59Z"))
        .unwrap()
        .is_empty());
    // 2026-03-08 00:00:00 in Shanghai is 16:00 UTC the day before.
    let moves = refresh_statuses(&mut db, utc("2026-03-07T16:00:00Z")).unwrap();
    assert_eq!(moves.len(), 1);
    assert_eq!(get(&db, c.id).unwrap().status, CampaignStatus::Live);
    // Last second of 3-09 local: still live.
    refresh_statuses(&mut db, utc("2026-03-09T15:59:59Z")).unwrap();
    assert_eq!(get(&db, c.id).unwrap().status, CampaignStatus::Live);
    // 3-10 00:00 local: ended.
    refresh_statuses(&mut db, utc("2026-03-09T16:00:00Z")).unwrap();
    assert_eq!(get(&db, c.id).unwrap().status, CampaignStatus::Ended);
    let h = history(&db, c.id).unwrap();
    assert_eq!(h.last().unwrap().by, CLOCK);
    assert_eq!(h.last().unwrap().reason, "end time passed");
    // The history says when each move was due, not when it was noticed.
    assert_eq!(h[2].at, "2026-03-08T00:00:00+08:00");
    assert_eq!(h[3].at, "2026-03-10T00:00:00+08:00");
}

#[test]
fn a_window_missed_entirely_goes_live_then_ended_and_drafts_and_paused_stay() {
    let mut db = Db::open_in_memory().unwrap();
    let missed = scheduled(&mut db, "missed", "2026-03-08", "2026-03-09");
    let draft = campaign(&mut db, "draft", "2026-03-08", "2026-03-09", vec![]);
    let paused = scheduled(&mut db, "paused", "2026-03-08", "2026-03-09");
    set_status(&mut db, paused.id, CampaignStatus::Paused, "t", "").unwrap();
    let moves = refresh_statuses(&mut db, utc("2026-04-01T00:00:00Z")).unwrap();
    assert_eq!(moves.len(), 2);
    assert_eq!(get(&db, missed.id).unwrap().status, CampaignStatus::Ended);
    let steps: Vec<_> = history(&db, missed.id)
        .unwrap()
        .iter()
        .map(|h| h.to)
        .collect();
    assert_eq!(
        steps,
        [
            CampaignStatus::Draft,
            CampaignStatus::Scheduled,
            CampaignStatus::Live,
            CampaignStatus::Ended
        ]
    );
    assert_eq!(get(&db, draft.id).unwrap().status, CampaignStatus::Draft);
    assert_eq!(get(&db, paused.id).unwrap().status, CampaignStatus::Paused);
}

#[test]
fn a_festival_draft_is_named_and_dated() {
    let input = draft_for_festival("womens-day", 2027).unwrap();
    assert_eq!(input.name, "2027 3.8 女神节");
    assert_eq!(
        (input.start.as_str(), input.end.as_str()),
        ("2027-03-06", "2027-03-09")
    );
    assert_eq!(input.festival.as_deref(), Some("womens-day"));
    assert!(draft_for_festival("womens-day", 2200).is_err());
}

#[test]
fn cloning_a_lunar_festival_moves_its_dates() {
    let mut db = Db::open_in_memory().unwrap();
    let s = store::add(
        &mut db,
        &StoreInput {
            name: "A".into(),
            ..Default::default()
        },
    )
    .unwrap();
    // Mid-Autumn 2026 is 09-25; 2027 is 09-15.
    let mut input = draft_for_festival("mid-autumn", 2026).unwrap();
    input.budget = "5000".into();
    input.store_ids = vec![s.id];
    let c = add(&mut db, &input, "t").unwrap();
    set_provider_budgets(&mut db, c.id, &[(Provider::Alipay, "2000".into())]).unwrap();
    let next = clone_to_year(&mut db, c.id, 2027, "amy").unwrap();
    assert_eq!(next.name, "2027 中秋节");
    assert_eq!(next.start, "2027-09-13T00:00:00+08:00");
    assert_eq!(next.end, "2027-09-16T23:59:59+08:00");
    assert_eq!(next.status, CampaignStatus::Draft);
    assert_eq!(next.store_ids, vec![s.id]);
    assert_eq!(next.budget, c.budget);
    let plan = budget_plan(&db, next.id).unwrap();
    assert_eq!(plan.by_provider[0].amount, Decimal::from(2000));
    assert_eq!(
        history(&db, next.id).unwrap()[0].reason,
        format!("cloned from #{}", c.id)
    );
}

#[test]
fn cloning_a_fixed_festival_or_untagged_campaign_keeps_calendar_days() {
    let mut db = Db::open_in_memory().unwrap();
    let mut input = draft_for_festival("womens-day", 2026).unwrap();
    input.name = "3.8 女神节 2026 第二波".into();
    let c = add(&mut db, &input, "t").unwrap();
    let next = clone_to_year(&mut db, c.id, 2027, "t").unwrap();
    assert_eq!(next.name, "3.8 女神节 2027 第二波");
    assert_eq!(next.start, "2027-03-06T00:00:00+08:00");
    let plain = campaign(&mut db, "会员日", "2028-02-29 10:00", "2028-03-01", vec![]);
    let moved = clone_to_year(&mut db, plain.id, 2029, "t").unwrap();
    assert_eq!(moved.name, "2029 会员日");
    assert_eq!(moved.start, "2029-02-28T10:00:00+08:00");
}

#[test]
fn overlapping_campaigns_on_a_common_store_conflict() {
    let mut db = Db::open_in_memory().unwrap();
    let a = store::add(
        &mut db,
        &StoreInput {
            name: "A".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let b = store::add(
        &mut db,
        &StoreInput {
            name: "B".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let one = campaign(&mut db, "one", "2027-03-01", "2027-03-08", vec![a.id]);
    let two = campaign(&mut db, "two", "2027-03-08", "2027-03-10", vec![a.id, b.id]);
    let _three = campaign(&mut db, "three", "2027-03-01", "2027-03-10", vec![b.id]);
    let _later = campaign(&mut db, "later", "2027-03-09", "2027-03-20", vec![a.id]);
    let found = conflicts(&db).unwrap();
    let pairs: Vec<_> = found
        .iter()
        .map(|c| (c.first_name.as_str(), c.second_name.as_str()))
        .collect();
    // Listed in start order; "one" and "three" share no store.
    assert_eq!(pairs, [("one", "two"), ("three", "two"), ("two", "later")]);
    let first = &found[0];
    assert_eq!(first.store_ids, vec![a.id]);
    assert_eq!(first.from, "2027-03-08T00:00:00+08:00");
    assert_eq!(first.to, "2027-03-08T23:59:59+08:00");
    assert_eq!(conflicts_of(&db, one.id).unwrap().len(), 1);
    // A cancelled campaign no longer conflicts.
    set_status(&mut db, two.id, CampaignStatus::Cancelled, "t", "").unwrap();
    assert!(conflicts_of(&db, one.id).unwrap().is_empty());
}

#[test]
fn the_whole_mall_conflicts_with_any_store() {
    let mut db = Db::open_in_memory().unwrap();
    let a = store::add(
        &mut db,
        &StoreInput {
            name: "A".into(),
            ..Default::default()
        },
    )
    .unwrap();
    campaign(&mut db, "mall", "2027-03-01", "2027-03-08", vec![]);
    campaign(&mut db, "store", "2027-03-05", "2027-03-06", vec![a.id]);
    campaign(&mut db, "mall2", "2027-03-08", "2027-03-08", vec![]);
    let found = conflicts(&db).unwrap();
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].store_ids, vec![a.id]);
    assert!(found[1].store_ids.is_empty(), "both whole mall");
}

#[test]
fn provider_budgets_cannot_exceed_the_total() {
    let mut db = Db::open_in_memory().unwrap();
    let c = campaign(&mut db, "x", "2027-03-06", "2027-03-09", vec![]);
    let plan = set_provider_budgets(
        &mut db,
        c.id,
        &[
            (Provider::WechatPay, "400".into()),
            (Provider::Alipay, "350.50".into()),
        ],
    )
    .unwrap();
    assert_eq!(plan.allocated, Decimal::new(75050, 2));
    assert_eq!(plan.unallocated, Decimal::new(24950, 2));
    assert_eq!(plan.days, 4);
    assert_eq!(plan.daily_pace, Decimal::from(250));
    let err =
        set_provider_budgets(&mut db, c.id, &[(Provider::Unionpay, "300".into())]).unwrap_err();
    assert_eq!(err.problems()[0].rule, "campaign.budget_overallocated");
    assert_eq!(
        budget_plan(&db, c.id).unwrap().by_provider.len(),
        2,
        "nothing written"
    );
    let err = edit(
        &mut db,
        c.id,
        &CampaignPatch {
            budget: Some("700".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.problems()[0].rule, "campaign.budget_below_allocation");
    let err = set_provider_budgets(&mut db, c.id, &[(Provider::Alipay, "x".into())]).unwrap_err();
    assert_eq!(err.problems()[0].field, "budget.alipay");
    set_provider_budgets(&mut db, c.id, &[(Provider::Alipay, "".into())]).unwrap();
    assert_eq!(budget_plan(&db, c.id).unwrap().by_provider.len(), 1);
}

#[test]
fn cloning_copies_coupons_with_moved_validity_and_linked_offers() {
    use crate::coupon::{self, CouponKind, CouponSpec, Product, Validity};
    let mut db = Db::open_in_memory().unwrap();
    let mut input = draft_for_festival("womens-day", 2026).unwrap();
    input.budget = "100000".into();
    let c = add(&mut db, &input, "t").unwrap();
    let spec = CouponSpec {
        name: "满200减30".into(),
        bill_name: String::new(),
        description: String::new(),
        kind: CouponKind::Fixed,
        face_value: "30".into(),
        threshold: "200".into(),
        pay_percent: String::new(),
        cap: String::new(),
        price: String::new(),
        original_price: String::new(),
        multiplier: String::new(),
        quantity: 100,
        per_user_limit: 1,
        per_user_period: Default::default(),
        daily_cap: 0,
        validity: Validity::Absolute {
            start: "2026-03-07".into(),
            end: "2026-03-08".into(),
        },
        time_slots: vec![],
        store_ids: vec![],
        funding: Default::default(),
        stacking: Default::default(),
        provider_ref: "stock-123".into(),
        card_bins: vec![],
        wallet_color: String::new(),
    };
    coupon::add_offer(
        &mut db,
        c.id,
        &[Product::WechatCash, Product::AlipayVoucher],
        &spec,
    )
    .unwrap();
    let next = clone_to_year(&mut db, c.id, 2027, "t").unwrap();
    let copied = coupon::list(&db, Some(next.id)).unwrap();
    assert_eq!(copied.len(), 2);
    assert_eq!(copied[0].offer_id, copied[1].offer_id);
    assert_ne!(
        copied[0].offer_id,
        coupon::list(&db, Some(c.id)).unwrap()[0].offer_id
    );
    assert_eq!(
        copied[0].spec.validity,
        Validity::Absolute {
            start: "2027-03-07T00:00:00+08:00".into(),
            end: "2027-03-08T23:59:59+08:00".into()
        }
    );
    assert_eq!(
        copied[0].spec.provider_ref, "",
        "the provider issues a new stock id"
    );
    let err = edit(
        &mut db,
        next.id,
        &CampaignPatch {
            budget: Some("1000".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.problems()[0].rule, "campaign.budget_below_coupons");
}
