use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeZone};
use rust_decimal::Decimal;

use super::notify::{due, take_due};
use super::*;
use crate::campaign::{self, CampaignInput};
use crate::coupon::{self, CouponSpec, Product};
use crate::provider::Provider;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 10:00 in Beijing on that day, as unix seconds.
fn at(y: i32, m: u32, d: u32) -> i64 {
    chrono_tz::Asia::Shanghai
        .with_ymd_and_hms(y, m, d, 10, 0, 0)
        .unwrap()
        .timestamp()
}

fn demo_on(today: NaiveDate) -> Db {
    let mut db = Db::open_in_memory().unwrap();
    crate::demo::load(&mut db, today, false).unwrap();
    db
}

fn of_kind(o: &[Deadline], kind: DeadlineKind) -> Vec<&Deadline> {
    o.iter().filter(|d| d.kind == kind).collect()
}

#[test]
fn an_empty_database_says_so_and_lists_nothing() {
    let db = Db::open_in_memory().unwrap();
    let o = build(&db, at(2026, 12, 3)).unwrap();
    assert!(o.empty);
    assert!(o.live.is_empty() && o.deadlines.is_empty() && o.upcoming.is_empty());
    assert_eq!(o.unmatched.merchants, 0);
    assert!(o.last_results.is_none());
}

#[test]
fn the_demo_shows_last_years_results_and_the_deadlines_ahead_soonest_first() {
    let db = demo_on(date(2026, 12, 3));
    let o = build(&db, at(2026, 12, 3)).unwrap();
    assert!(!o.empty);
    assert_eq!(o.today, "2026-12-03");

    // Last year's 3.8 is the latest ended campaign with trades (双11 ended later, without).
    let r = o.last_results.as_ref().expect("results");
    assert_eq!(r.name, "2026 3.8 女神节");
    assert_eq!(
        (r.start.as_str(), r.end.as_str()),
        ("2026-03-06", "2026-03-09")
    );
    assert!(r.trades > 100 && r.redemptions > 10, "{r:?}");
    assert!(r.order > Decimal::ZERO && r.discount > Decimal::ZERO);
    assert!(r.order_change.is_some_and(|c| c > Decimal::ZERO));

    // Sorted by date; the first is 双12's launch in two days.
    let dates: Vec<&str> = o.deadlines.iter().map(|d| d.date.as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let first = &o.deadlines[0];
    assert_eq!(
        (first.kind, first.date.as_str(), first.days),
        (DeadlineKind::Launch, "2026-12-05", 2)
    );
    assert_eq!(first.campaign_name, "2026 双12 年终盛典");
    assert_eq!(first.goto, Goto::Campaign);

    // 2027 3.8: Alipay's window opens 15 days before the coupons start; WeChat's is open
    // already (365 days), so its date is the last day to create the stocks.
    let alipay = of_kind(&o.deadlines, DeadlineKind::AlipayPublish);
    assert_eq!(alipay.len(), 1);
    assert_eq!(alipay[0].date, "2027-02-19");
    assert_eq!(alipay[0].campaign_name, "2027 3.8 女神节");
    assert!(
        alipay[0].message.zh.contains("2027-02-19"),
        "{:?}",
        alipay[0]
    );
    let wechat = of_kind(&o.deadlines, DeadlineKind::WechatCash);
    assert_eq!(wechat.len(), 1);
    assert_eq!(wechat[0].date, "2027-03-06");
    assert_eq!(wechat[0].goto, Goto::Coupons);
    let launch = of_kind(&o.deadlines, DeadlineKind::Launch);
    let draft38 = launch
        .iter()
        .find(|d| d.campaign_name == "2027 3.8 女神节")
        .unwrap();
    assert_eq!(
        (draft38.date.as_str(), draft38.goto),
        ("2027-03-06", Goto::Launch)
    );
    // Last year's campaign ended more than 90 days ago: no reminder of its bills any more.
    assert!(of_kind(&o.deadlines, DeadlineKind::MissingBills).is_empty());

    // Upcoming campaigns with their checklist counts; 双12 is scheduled, so "only a draft
    // launches" is not held against it.
    let names: Vec<&str> = o.upcoming.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names[..2], ["2026 双12 年终盛典", "2027 3.8 女神节"]);
    let d12 = &o.upcoming[0];
    assert_eq!((d12.status, d12.days), (CampaignStatus::Scheduled, 2));
    let by_check = crate::launch::check(&db, d12.id, at(2026, 12, 3)).unwrap();
    let fails = by_check
        .items
        .iter()
        .filter(|i| i.status == CheckStatus::Fail && i.id != "status.draft")
        .count() as u32;
    assert_eq!(d12.fails, fails);
    assert!(o.live.is_empty());
}

#[test]
fn a_live_campaign_lists_its_end_and_each_providers_days_without_bills() {
    // On 2026-03-08 this year's 3.8 (cloned from last year's with all its coupons) is live;
    // no bill of its own days is imported yet.
    let db = demo_on(date(2026, 3, 8));
    let o = build(&db, at(2026, 3, 8)).unwrap();
    assert_eq!(o.live.len(), 1);
    assert_eq!(o.live[0].name, "2026 3.8 女神节");
    assert_eq!(
        (o.live[0].end.as_str(), o.live[0].days_left),
        ("2026-03-09", 1)
    );
    let missing = of_kind(&o.deadlines, DeadlineKind::MissingBills);
    let providers: Vec<Option<Provider>> = missing.iter().map(|d| d.provider).collect();
    assert_eq!(
        providers,
        [
            Some(Provider::WechatPay),
            Some(Provider::Alipay),
            Some(Provider::Unionpay),
            Some(Provider::MemberCard)
        ]
    );
    for d in &missing {
        // 03-06 and 03-07 have passed; the first could be imported from 03-07.
        assert_eq!((d.date.as_str(), d.days), ("2026-03-07", -1), "{d:?}");
        assert_eq!(d.goto, Goto::Import);
        assert!(
            d.message.zh.contains("2026-03-06 至 2026-03-07 有 2 天"),
            "{d:?}"
        );
    }
}

#[test]
fn days_with_imported_trades_are_not_missing_and_ended_campaigns_are_reminded_for_a_while() {
    // Loaded on 03-20: last year's 3.8 is 2026-03-06…09, with WeChat Pay and Alipay bills.
    let db = demo_on(date(2026, 3, 20));
    let o = build(&db, at(2026, 3, 20)).unwrap();
    let missing = of_kind(&o.deadlines, DeadlineKind::MissingBills);
    let providers: Vec<Option<Provider>> = missing.iter().map(|d| d.provider).collect();
    assert_eq!(
        providers,
        [Some(Provider::Unionpay), Some(Provider::MemberCard)]
    );
    assert!(missing[0]
        .message
        .en
        .contains("4 days from 2026-03-06 to 2026-03-09"));
    // Ninety days after the end the reminder stops.
    let later = build(&db, at(2026, 6, 7)).unwrap();
    assert_eq!(
        of_kind(&later.deadlines, DeadlineKind::MissingBills).len(),
        2
    );
    let much_later = build(&db, at(2026, 6, 8)).unwrap();
    assert!(of_kind(&much_later.deadlines, DeadlineKind::MissingBills).is_empty());
}

/// A campaign `days_ahead` days after 2026-12-03 with one coupon of `product`.
fn campaign_with(db: &mut Db, product: Product, days_ahead: i64, provider_ref: &str) -> i64 {
    if crate::store::list(db).unwrap().is_empty() {
        crate::mall::update(
            db,
            &crate::mall::MallPatch {
                name: None,
                time_zone: Some("Asia/Shanghai".into()),
            },
        )
        .unwrap();
    }
    let start = date(2026, 12, 3) + chrono::Duration::days(days_ahead);
    let c = campaign::add(
        db,
        &CampaignInput {
            name: format!("{product:?} {days_ahead}"),
            start: start.to_string(),
            end: (start + chrono::Duration::days(3)).to_string(),
            budget: "100000".into(),
            ..Default::default()
        },
        "test",
    )
    .unwrap();
    let spec = CouponSpec {
        name: "满200减30".into(),
        face_value: "30".into(),
        threshold: "200".into(),
        provider_ref: provider_ref.into(),
        ..CouponSpec::blank(
            start.to_string(),
            (start + chrono::Duration::days(3)).to_string(),
        )
    };
    coupon::add(db, c.id, product, &spec).unwrap();
    c.id
}

#[test]
fn provider_windows_open_15_and_365_days_ahead_and_close_at_the_start() {
    let mut db = Db::open_in_memory().unwrap();
    let far = campaign_with(&mut db, Product::WechatCash, 400, "");
    let near = campaign_with(&mut db, Product::AlipayVoucher, 10, "");
    let soon = campaign_with(&mut db, Product::AlipayVoucher, 20, "");
    let created = campaign_with(&mut db, Product::AlipayVoucher, 30, "2088-TEMPLATE-1");
    let o = build(&db, at(2026, 12, 3)).unwrap();
    let of = |id: i64, kind: DeadlineKind| -> Vec<String> {
        o.deadlines
            .iter()
            .filter(|d| d.campaign == id && d.kind == kind)
            .map(|d| d.date.clone())
            .collect()
    };
    // Starts 2028-01-07: WeChat takes it from 365 days before, 2027-01-07.
    assert_eq!(of(far, DeadlineKind::WechatCash), ["2027-01-07"]);
    // Starts 12-13, window open since 11-28: publish before the start.
    assert_eq!(of(near, DeadlineKind::AlipayPublish), ["2026-12-13"]);
    // Starts 12-23: publishable from 12-08.
    assert_eq!(of(soon, DeadlineKind::AlipayPublish), ["2026-12-08"]);
    // Created at Alipay already (it has the template id): nothing left to do there.
    assert!(of(created, DeadlineKind::AlipayPublish).is_empty());
    assert_eq!(of(created, DeadlineKind::Launch), ["2027-01-02"]);
    let days: Vec<i64> = o.deadlines.iter().map(|d| d.days).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
}

fn deadline(key: &str, date: &str) -> Deadline {
    Deadline {
        key: key.into(),
        kind: DeadlineKind::Launch,
        date: date.into(),
        days: 0,
        campaign: 1,
        campaign_name: "c".into(),
        provider: None,
        message: Localized::new("m", "m"),
        goto: Goto::Launch,
    }
}

#[test]
fn only_deadlines_falling_today_and_not_yet_notified_are_due() {
    let list = [
        deadline("a", "2027-02-18"),
        deadline("b", "2027-02-19"),
        deadline("c", "2027-02-19"),
        deadline("d", "2027-02-20"),
    ];
    let keys = |v: Vec<&Deadline>| v.iter().map(|d| d.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(due(&list, "2027-02-19", &BTreeSet::new())), ["b", "c"]);
    let notified: BTreeSet<String> = ["b".to_string()].into();
    assert_eq!(keys(due(&list, "2027-02-19", &notified)), ["c"]);
    assert_eq!(keys(due(&list, "2027-02-20", &notified)), ["d"]);
}

#[test]
fn a_deadline_is_notified_once_even_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.db");
    let mut db = Db::open(&path).unwrap();
    crate::demo::load(&mut db, date(2026, 12, 3), false).unwrap();
    // The day 2027 3.8's Alipay window opens.
    let now = at(2027, 2, 19);
    let list = deadlines(&db, now).unwrap();
    let first = take_due(&mut db, &list, "2027-02-19").unwrap().unwrap();
    let keys: Vec<&str> = first.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(keys.len(), 1, "{first:?}");
    assert!(keys[0].starts_with("alipay_publish:"));
    assert!(first[0]
        .body
        .zh
        .contains("支付宝代金券模板可从 2027-02-19 起发布"));
    // The clock ticks again, and the app is restarted: nothing more.
    assert!(take_due(&mut db, &list, "2027-02-19")
        .unwrap()
        .unwrap()
        .is_empty());
    drop(db);
    let mut db = Db::open(&path).unwrap();
    assert!(take_due(&mut db, &list, "2027-02-19")
        .unwrap()
        .unwrap()
        .is_empty());
    // The next deadline's day raises its own.
    let launch_day = at(2027, 3, 6);
    let list = deadlines(&db, launch_day).unwrap();
    let on_the_day = take_due(&mut db, &list, "2027-03-06").unwrap().unwrap();
    assert!(!on_the_day.is_empty());
    assert!(on_the_day.iter().all(|n| n.key.ends_with(":2027-03-06")));
}

#[test]
fn a_draft_starting_today_says_so_and_is_due_for_a_notification() {
    let mut db = Db::open_in_memory().unwrap();
    let id = campaign_with(&mut db, Product::AlipayVoucher, 0, "2088-T1");
    let list = deadlines(&db, at(2026, 12, 3)).unwrap();
    let launch: Vec<&Deadline> = list.iter().filter(|d| d.campaign == id).collect();
    assert_eq!(launch.len(), 1);
    assert_eq!((launch[0].days, launch[0].goto), (0, Goto::Launch));
    assert!(
        launch[0].message.en.contains("starts today"),
        "{:?}",
        launch[0]
    );
    let due_now = due(&list, "2026-12-03", &BTreeSet::new());
    assert_eq!(due_now.len(), 1);
}
