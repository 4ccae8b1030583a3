//! The launch checklist rule by rule, launch refused then allowed, projection arithmetic to the
//! cent, and the as-of view.

use super::*;
use crate::campaign::{CampaignInput, CampaignPatch};
use crate::coupon::{self, CouponKind, CouponSpec, Funding, Product};
use crate::store::StoreInput;

/// 2027-02-01 00:00 Shanghai, a month before the 3.8 campaign.
const NOW: i64 = 1_801_411_200;

fn spec(name: &str, face: &str, threshold: &str, quantity: u32) -> CouponSpec {
    coupon::test_support::fixed_spec(name, face, threshold, quantity)
}

/// A store with both merchant ids, fee rates set, and a 3.8 campaign with a WeChat + Alipay offer.
pub(super) fn ready() -> (Db, i64) {
    let mut db = Db::open_in_memory().unwrap();
    crate::store::add(
        &mut db,
        &StoreInput {
            name: "女装 A".into(),
            merchant_ids: vec![
                crate::store::MerchantAccount::wechat("1900012301"),
                crate::store::MerchantAccount::alipay("S001"),
            ],
            ..Default::default()
        },
    )
    .unwrap();
    for p in [
        crate::provider::Provider::WechatPay,
        crate::provider::Provider::Alipay,
    ] {
        crate::provider::update_settings(
            &mut db,
            p,
            &crate::provider::ProviderSettingsPatch {
                fee_rate: Some("0.6".into()),
                settlement_days: None,
            },
        )
        .unwrap();
    }
    let c = crate::campaign::add(
        &mut db,
        &CampaignInput {
            name: "2027 3.8 女神节".into(),
            festival: Some("womens-day".into()),
            start: "2027-03-06".into(),
            end: "2027-03-09".into(),
            budget: "100000".into(),
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    coupon::add_offer(
        &mut db,
        c.id,
        &[Product::WechatCash, Product::AlipayVoucher],
        &spec("满200减30", "30", "200", 1000),
    )
    .unwrap();
    (db, c.id)
}

fn status_of(list: &Checklist, id: &str) -> CheckStatus {
    list.items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id}: {:?}", list.items))
        .status
}

#[test]
fn a_well_prepared_campaign_passes_every_item() {
    let (db, id) = ready();
    let list = check(&db, id, NOW).unwrap();
    assert!(list.ready, "{:#?}", list.items);
    for item in &list.items {
        assert_ne!(item.status, CheckStatus::Fail, "{item:?}");
    }
    // A month ahead: Alipay's 15-day publishing window is not open yet.
    assert_eq!(
        status_of(&list, "alipay_voucher.publish"),
        CheckStatus::Warn
    );
    let close = NOW + 25 * 86_400;
    assert_eq!(
        status_of(&check(&db, id, close).unwrap(), "alipay_voucher.publish"),
        CheckStatus::Pass
    );
}

#[test]
fn dates_in_the_past_or_too_far_fail() {
    let (db, id) = ready();
    let after_start = NOW + 36 * 86_400;
    let list = check(&db, id, after_start).unwrap();
    assert_eq!(status_of(&list, "dates.future"), CheckStatus::Warn);
    assert_eq!(
        status_of(&list, "wechat_cash.dates"),
        CheckStatus::Fail,
        "WeChat refuses a start in the past"
    );
    let after_end = NOW + 60 * 86_400;
    assert_eq!(
        status_of(&check(&db, id, after_end).unwrap(), "dates.future"),
        CheckStatus::Fail
    );
    let a_year_before = NOW - 400 * 86_400;
    assert_eq!(
        status_of(&check(&db, id, a_year_before).unwrap(), "wechat_cash.dates"),
        CheckStatus::Fail
    );
}

#[test]
fn a_store_without_the_providers_merchant_id_fails() {
    let (mut db, id) = ready();
    crate::store::add(
        &mut db,
        &StoreInput {
            name: "餐饮 B".into(),
            merchant_ids: vec![crate::store::MerchantAccount::wechat("1900012302")],
            ..Default::default()
        },
    )
    .unwrap();
    let list = check(&db, id, NOW).unwrap();
    assert_eq!(status_of(&list, "stores.merchant_ids"), CheckStatus::Fail);
    let item = list
        .items
        .iter()
        .find(|i| i.id == "stores.merchant_ids")
        .unwrap();
    assert!(item.message.zh.contains("餐饮 B"), "{:?}", item.message);
    assert_eq!(item.fix, FixAt::Stores);
    assert!(!list.ready);
}

#[test]
fn conflicts_budget_fees_and_status_are_checked() {
    let (mut db, id) = ready();
    let other = crate::campaign::add(
        &mut db,
        &CampaignInput {
            name: "春装上新".into(),
            start: "2027-03-08".into(),
            end: "2027-03-20".into(),
            budget: "1000".into(),
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    let list = check(&db, id, NOW).unwrap();
    assert_eq!(status_of(&list, "conflicts.none"), CheckStatus::Fail);
    // Its fix opens the other campaign itself, and the message names both with their dates.
    let conflict = list
        .items
        .iter()
        .find(|i| i.id == "conflicts.none")
        .unwrap();
    assert_eq!(conflict.fix, FixAt::Campaign);
    assert_eq!(conflict.campaign, Some(other.id));
    let own = crate::campaign::get(&db, id).unwrap();
    for text in [&conflict.message.zh, &conflict.message.en] {
        assert!(
            text.contains("春装上新") && text.contains("2027-03-08 – 2027-03-20"),
            "{text}"
        );
        assert!(
            text.contains(&own.start[..10]) && text.contains(&own.end[..10]),
            "{text}"
        );
    }
    crate::campaign::remove(&mut db, other.id).unwrap();

    // The budget may not be lowered below the worst case, so the check reads a raised quantity
    // written behind the form's back, as an older version could have left it.
    db.conn()
        .execute("UPDATE campaign SET budget_fen = 100 WHERE id = ?1", [id])
        .unwrap();
    assert_eq!(
        status_of(&check(&db, id, NOW).unwrap(), "budget.worst_case"),
        CheckStatus::Fail
    );
    db.conn()
        .execute(
            "UPDATE campaign SET budget_fen = 10000000 WHERE id = ?1",
            [id],
        )
        .unwrap();

    crate::provider::update_settings(
        &mut db,
        crate::provider::Provider::Alipay,
        &crate::provider::ProviderSettingsPatch {
            fee_rate: Some("0".into()),
            settlement_days: None,
        },
    )
    .unwrap();
    assert_eq!(
        status_of(&check(&db, id, NOW).unwrap(), "providers.fee_rates"),
        CheckStatus::Warn
    );

    db.conn()
        .execute(
            "UPDATE campaign SET status = 'cancelled' WHERE id = ?1",
            [id],
        )
        .unwrap();
    assert_eq!(
        status_of(&check(&db, id, NOW).unwrap(), "status.draft"),
        CheckStatus::Fail
    );
}

#[test]
fn an_invalid_coupon_fails_and_no_coupon_warns() {
    let (mut db, id) = ready();
    // A coupon that breaks WeChat's rules today (name too long), stored as an old version might have.
    db.conn()
        .execute("UPDATE coupon SET name = '这是一个超过九个字的代金券名称' WHERE product = 'wechat_cash'", [])
        .unwrap();
    let list = check(&db, id, NOW).unwrap();
    assert_eq!(status_of(&list, "coupons.valid"), CheckStatus::Fail);
    let bare = crate::campaign::add(
        &mut db,
        &CampaignInput {
            name: "无券活动".into(),
            start: "2027-05-01".into(),
            end: "2027-05-03".into(),
            budget: "0".into(),
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    assert_eq!(
        status_of(&check(&db, bare.id, NOW).unwrap(), "coupons.present"),
        CheckStatus::Warn
    );
}

#[test]
fn launch_is_refused_while_an_item_fails_then_recorded_with_the_user() {
    let (mut db, id) = ready();
    let blocker = crate::store::add(
        &mut db,
        &StoreInput {
            name: "餐饮 B".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let err = launch(&mut db, id, "amy", NOW).unwrap_err();
    assert_eq!(err.code(), "launch.not_ready");
    assert!(err.to_string().contains("餐饮 B"), "{err}");
    assert_eq!(
        crate::campaign::get(&db, id).unwrap().status,
        CampaignStatus::Draft
    );
    // The status buttons go through the same check.
    let via_status =
        crate::campaign::set_status(&mut db, id, CampaignStatus::Scheduled, "amy", "").unwrap_err();
    assert_eq!(via_status.code(), "launch.not_ready");

    crate::store::remove(&mut db, blocker.id).unwrap();
    let launched = launch(&mut db, id, "amy", NOW).unwrap();
    assert_eq!(launched.status, CampaignStatus::Scheduled);
    let history = crate::campaign::history(&db, id).unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last.by.as_str(), last.to),
        ("amy", CampaignStatus::Scheduled)
    );
    assert!(last.reason.contains("launched"));
    let _ = CampaignPatch::default();
}

fn assumption(
    provider: crate::provider::Provider,
    take_up: &str,
    redeem: &str,
    ticket: &str,
) -> Assumption {
    Assumption {
        provider,
        take_up: take_up.into(),
        redeem: redeem.into(),
        average_ticket: ticket.into(),
        take_up_basis: None,
        redeem_basis: None,
        ticket_basis: None,
    }
}

#[test]
fn projection_arithmetic_is_exact_to_the_cent() {
    let (mut db, id) = ready();
    // A discount coupon: 8.8折 capped at ¥50, no threshold, funded 50/50 mall/tenant.
    let mut d = spec("会员88折", "", "0", 333);
    d.kind = CouponKind::Discount;
    d.pay_percent = "88".into();
    d.cap = "50".into();
    d.funding = Funding {
        mall: "50".into(),
        tenant: "50".into(),
        provider: "0".into(),
    };
    coupon::add(&mut db, id, Product::MemberCard, &d).unwrap();
    let p = project(
        &db,
        id,
        &[
            assumption(crate::provider::Provider::WechatPay, "30", "50 %", "180"),
            assumption(crate::provider::Provider::Alipay, "25", "40%", "260.50"),
            assumption(crate::provider::Provider::MemberCard, "30", "50", "123.45"),
        ],
    )
    .unwrap();
    // WeChat: ⌊1000×0.3⌋ = 300 claimed, 150 redeemed; ticket max(180, 200) = 200; ¥30 off each.
    let w = &p.coupons[0];
    assert_eq!((w.claimed, w.redemptions), (300, 150));
    assert_eq!(
        (w.gmv.as_str(), w.discount.as_str()),
        ("30000.00", "4500.00")
    );
    assert_eq!(
        (
            w.mall.as_str(),
            w.tenant.as_str(),
            w.provider_funded.as_str()
        ),
        ("3150.00", "1350.00", "0.00")
    );
    // Fees 0.6 % of (30000 − 4500) = 153.00; net = 30000 − 4500 − 153 = 25347.00.
    assert_eq!((w.fees.as_str(), w.net.as_str()), ("153.00", "25347.00"));
    // Alipay: 250 claimed, 100 redeemed at ¥260.50.
    let a = &p.coupons[1];
    assert_eq!(
        (a.claimed, a.redemptions, a.gmv.as_str()),
        (250, 100, "26050.00")
    );
    assert_eq!(a.fees.as_str(), "138.30"); // (26050 − 3000) × 0.6 %
                                           // Member card: ⌊333×0.3⌋ = 99, ⌊99×0.5⌋ = 49; 12 % of 123.45 = 14.814 off each → 725.886 → 725.89.
    let m = &p.coupons[2];
    assert_eq!((m.claimed, m.redemptions), (99, 49));
    assert_eq!(m.discount.as_str(), "725.89");
    assert_eq!((m.mall.as_str(), m.tenant.as_str()), ("362.94", "362.95"));
    assert_eq!(m.gmv.as_str(), "6049.05");
    // Totals add the lines; budget use is (mall + tenant) ÷ budget.
    assert_eq!(p.total.redemptions, 299);
    assert_eq!(p.total.discount, "8225.89");
    assert_eq!(p.providers.len(), 3);
    let spend: rust_decimal::Decimal = [
        "3150.00", "1350.00", "2100.00", "900.00", "362.94", "362.95",
    ]
    .iter()
    .map(|s| s.parse::<rust_decimal::Decimal>().unwrap())
    .sum();
    assert_eq!(
        p.budget_use,
        Some(
            (spend / rust_decimal::Decimal::from(100_000))
                .round_dp(4)
                .normalize()
                .to_string()
        )
    );
    assert_eq!(
        project(
            &db,
            id,
            &[assumption(
                crate::provider::Provider::WechatPay,
                "150",
                "50",
                "100"
            )]
        )
        .unwrap_err()
        .code(),
        "launch.bad_rate"
    );
}

#[test]
fn defaults_come_from_last_years_festival_when_it_has_trades() {
    let (db, id) = ready();
    let defaults = default_assumptions(&db, id).unwrap();
    assert_eq!(defaults.len(), 2);
    assert!(defaults
        .iter()
        .all(|a| a.take_up == "30" && a.redeem == "50"));
    assert!(defaults[0]
        .redeem_basis
        .as_ref()
        .unwrap()
        .zh
        .contains("假设"));
    assert_eq!(
        defaults[0].ticket_basis.as_ref().unwrap().en,
        "no trades yet: an assumed ticket"
    );
    assert_eq!(
        defaults[0].average_ticket, "200.00",
        "the threshold when it is above ¥100"
    );
}

#[test]
fn rates_are_percents_with_or_without_the_sign() {
    let (db, id) = ready();
    let wechat = crate::provider::Provider::WechatPay;
    let a = project(&db, id, &[assumption(wechat, "30", "50", "200")]).unwrap();
    let b = project(&db, id, &[assumption(wechat, "30 %", "50％", "200")]).unwrap();
    assert_eq!(a, b);
    for bad in ["-1", "100.5", "0.3x", ""] {
        let err = project(&db, id, &[assumption(wechat, bad, "50", "200")]).unwrap_err();
        assert_eq!(err.code(), "launch.bad_rate", "{bad}");
        assert!(
            err.localized().zh.contains("领取率"),
            "{}",
            err.localized().zh
        );
    }
}

/// The demo's 2027 3.8 draft takes its redemption rate from the demo's 2026 3.8, whose bills
/// the importer read: the default is that measured rate split over the assumed 30 % take-up,
/// and each default says where it came from.
#[test]
fn the_demo_draft_takes_its_defaults_from_last_years_womens_day() {
    let mut db = Db::open_in_memory().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    crate::demo::load(&mut db, today, false).unwrap();
    let all = crate::campaign::list(&db, &Default::default()).unwrap();
    let womens = |year: &str| {
        all.iter()
            .find(|c| c.festival.as_deref() == Some("womens-day") && c.start.starts_with(year))
            .unwrap_or_else(|| panic!("the demo's {year} 3.8"))
    };
    let (last, this) = (womens("2026"), womens("2027"));
    let measured = crate::stats::campaign_cost(&db, last.id)
        .unwrap()
        .redemption_rate
        .expect("last year's 3.8 redeemed coupons");
    let defaults = default_assumptions(&db, this.id).unwrap();
    assert!(!defaults.is_empty());
    for a in &defaults {
        assert_eq!(a.take_up, "30");
        let redeem: rust_decimal::Decimal = a.redeem.parse().unwrap();
        let expected = (measured / rust_decimal::Decimal::new(3, 1)
            * rust_decimal::Decimal::ONE_HUNDRED)
            .min(rust_decimal::Decimal::ONE_HUNDRED)
            .round_dp(2);
        assert_eq!(redeem, expected, "{}", a.redeem);
        let basis = a.redeem_basis.as_ref().unwrap();
        assert!(
            basis.zh.contains(&last.name) && basis.zh.contains("去年同节日"),
            "{}",
            basis.zh
        );
        assert!(basis.en.contains(&last.name), "{}", basis.en);
        // The wallets whose bills last year's festival has take their ticket from them.
        if matches!(
            a.provider,
            crate::provider::Provider::WechatPay | crate::provider::Provider::Alipay
        ) {
            assert_eq!(a.ticket_basis.as_ref().unwrap().zh, "去年同节日的客单价");
        }
        // The projection reads its own defaults back.
        project(&db, this.id, std::slice::from_ref(a)).unwrap();
    }
}

#[test]
fn as_of_shows_the_live_campaigns_and_coupons_at_that_moment() {
    let (mut db, id) = ready();
    launch(&mut db, id, "amy", NOW).unwrap();
    let during = as_of(&db, "2027-03-07 12:00").unwrap();
    let c = during.campaigns.iter().find(|c| c.id == id).unwrap();
    assert_eq!(c.status, CampaignStatus::Live);
    assert_eq!(during.coupons.len(), 2);
    let before = as_of(&db, "2027-03-05 23:59").unwrap();
    assert_eq!(before.campaigns[0].status, CampaignStatus::Scheduled);
    assert!(before.coupons.is_empty());
    let after = as_of(&db, "2027-03-10 00:00").unwrap();
    assert_eq!(after.campaigns[0].status, CampaignStatus::Ended);
    assert_eq!(as_of(&db, "soon").unwrap_err().code(), "launch.bad_time");
}
