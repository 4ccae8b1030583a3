//! Every provider rule with a passing and a failing case, unit conversions, linked offers and
//! the budget held under concurrent writers.

use rust_decimal::Decimal;

use super::*;
use crate::campaign::{self, CampaignInput};
use crate::db::Db;
use crate::store::{self, StoreInput};

struct Fixture {
    db: Db,
    campaign: i64,
    store: i64,
}

fn fixture_with(end: &str, budget: &str) -> Fixture {
    let mut db = Db::open_in_memory().unwrap();
    let store = store::add(
        &mut db,
        &StoreInput {
            name: "丝芙兰".into(),
            merchant_ids: vec![
                crate::store::MerchantAccount::wechat("1900012302"),
                crate::store::MerchantAccount::alipay("BJWJ_L1_002"),
            ],
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let campaign = campaign::add(
        &mut db,
        &CampaignInput {
            name: "2027 3.8 女神节".into(),
            start: "2027-03-06".into(),
            end: end.into(),
            budget: budget.into(),
            store_ids: vec![store],
            ..Default::default()
        },
        "t",
    )
    .unwrap()
    .id;
    Fixture {
        db,
        campaign,
        store,
    }
}

fn fixture() -> Fixture {
    fixture_with("2027-03-09", "10000000")
}

/// 满200减30, 1000 coupons, valid through the campaign, mall-funded.
fn spec() -> CouponSpec {
    CouponSpec {
        name: "女神节满减券".into(),
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
        quantity: 1000,
        per_user_limit: 1,
        per_user_period: LimitPeriod::Campaign,
        daily_cap: 0,
        validity: Validity::Absolute {
            start: "2027-03-06".into(),
            end: "2027-03-09".into(),
        },
        time_slots: vec![],
        store_ids: vec![],
        funding: Funding::default(),
        stacking: Stacking::default(),
        provider_ref: String::new(),
        card_bins: vec![],
        wallet_color: String::new(),
    }
}

fn discount(pay: &str, cap: &str) -> CouponSpec {
    CouponSpec {
        kind: CouponKind::Discount,
        face_value: String::new(),
        pay_percent: pay.into(),
        cap: cap.into(),
        ..spec()
    }
}

fn rules_of(f: &mut Fixture, product: Product, s: &CouponSpec) -> Vec<String> {
    match add(&mut f.db, f.campaign, product, s) {
        Ok(c) => {
            remove(&mut f.db, c.id).unwrap();
            vec![]
        }
        Err(e) => {
            assert_eq!(e.code(), "coupon.invalid", "{e}");
            e.problems().iter().map(|p| p.rule.clone()).collect()
        }
    }
}

fn passes(product: Product, s: CouponSpec) {
    let mut f = fixture();
    assert_eq!(
        rules_of(&mut f, product, &s),
        Vec::<String>::new(),
        "{product:?} should pass"
    );
}

fn fails(product: Product, s: CouponSpec, rule: &str) {
    let mut f = fixture();
    let rules = rules_of(&mut f, product, &s);
    assert!(
        rules.iter().any(|r| r == rule),
        "{product:?}: expected {rule}, got {rules:?}"
    );
}

fn with(f: impl FnOnce(&mut CouponSpec)) -> CouponSpec {
    let mut s = spec();
    f(&mut s);
    s
}

#[test]
fn wechat_cash_coupon_rules() {
    use Product::WechatCash as P;
    passes(P, with(|s| s.name = "女神节满二百减三十".into())); // 9 Chinese characters
    passes(P, with(|s| s.name = "Goddess Day 30 off!!".into())); // 20 Latin letters
    fails(
        P,
        with(|s| s.name = "三八女神节全场满二百减三十".into()),
        "wechat_cash.name_length",
    );
    fails(
        P,
        with(|s| s.name = "Goddess Day 30 off!!!".into()),
        "wechat_cash.name_length",
    );
    fails(
        P,
        with(|s| s.name = "女神节_满减".into()),
        "wechat_cash.name_chars",
    );
    fails(
        P,
        with(|s| s.name = "测试券".into()),
        "wechat_cash.name_words",
    );
    fails(
        P,
        with(|s| s.description = "说".repeat(61)),
        "wechat_cash.description_length",
    );
    fails(
        P,
        with(|s| s.face_value = "1".into()),
        "wechat_cash.face_value_range",
    );
    passes(P, with(|s| s.face_value = "1.01".into()));
    fails(
        P,
        with(|s| {
            s.face_value = "500.01".into();
            s.threshold = "600".into();
        }),
        "wechat_cash.face_value_range",
    );
    fails(
        P,
        with(|s| s.per_user_limit = 61),
        "wechat_cash.per_user_max",
    );
    fails(
        P,
        with(|s| s.per_user_period = LimitPeriod::Day),
        "wechat_cash.per_user_period",
    );
    fails(P, with(|s| s.kind = CouponKind::Gift), "wechat_cash.kind");
    passes(P, discount("88", "50"));
    fails(P, discount("88.5", "50"), "wechat_cash.pay_percent_range");
    fails(P, discount("88", ""), "wechat_cash.cap_required");
    fails(P, with(|s| s.quantity = 400_000), "wechat_cash.budget_max");
}

#[test]
fn wechat_cash_validity_is_at_most_90_days() {
    let mut f = fixture_with("2027-09-30", "100000");
    let long = with(|s| {
        s.validity = Validity::Absolute {
            start: "2027-03-06".into(),
            end: "2027-06-10".into(),
        }
    });
    let rules = rules_of(&mut f, Product::WechatCash, &long);
    assert_eq!(rules, ["wechat_cash.window_max"]);
    let ok = with(|s| {
        s.validity = Validity::Absolute {
            start: "2027-03-06".into(),
            end: "2027-06-03".into(),
        }
    });
    assert!(rules_of(&mut f, Product::WechatCash, &ok).is_empty());
}

#[test]
fn wechat_merchant_coupon_rules() {
    use Product::WechatMerchant as P;
    passes(P, with(|s| s.name = "女".repeat(21)));
    fails(
        P,
        with(|s| s.name = "女".repeat(22)),
        "wechat_merchant.name_length",
    );
    fails(
        P,
        with(|s| s.description = "说".repeat(21)),
        "wechat_merchant.description_length",
    );
    fails(
        P,
        with(|s| s.per_user_limit = 101),
        "wechat_merchant.per_user_max",
    );
    passes(
        P,
        with(|s| {
            s.validity = Validity::Relative {
                days: 3,
                wait_days: 30,
            }
        }),
    );
    fails(
        P,
        with(|s| {
            s.validity = Validity::Relative {
                days: 3,
                wait_days: 31,
            }
        }),
        "wechat_merchant.wait_days_max",
    );
    fails(
        P,
        with(|s| {
            s.funding = Funding {
                mall: "50".into(),
                tenant: "0".into(),
                provider: "50".into(),
            }
        }),
        "wechat_merchant.provider_funding",
    );
}

#[test]
fn alipay_voucher_template_rules() {
    use Product::AlipayVoucher as P;
    passes(P, with(|s| s.name = "望京汇购物中心女神节满减".into()));
    fails(
        P,
        with(|s| s.name = "望京汇购物中心女神节满减券".into()),
        "alipay_voucher.name_length",
    );
    fails(
        P,
        with(|s| {
            s.face_value = "1000".into();
            s.threshold = "2000".into();
        }),
        "alipay_voucher.face_value_range",
    );
    fails(
        P,
        with(|s| s.face_value = "0.5".into()),
        "alipay_voucher.face_value_range",
    );
    fails(P, discount("88", "50"), "alipay_voucher.kind");
    passes(P, with(|s| s.description = ["限本店使用"; 10].join("\n")));
    fails(
        P,
        with(|s| s.description = ["限本店使用"; 11].join("\n")),
        "alipay_voucher.description_lines",
    );
    fails(
        P,
        with(|s| s.description = "说".repeat(51)),
        "alipay_voucher.description_lines",
    );
    let mut f = fixture_with("2027-09-30", "100000");
    let long = with(|s| {
        s.validity = Validity::Absolute {
            start: "2027-03-06".into(),
            end: "2027-06-10".into(),
        }
    });
    assert_eq!(rules_of(&mut f, P, &long), ["alipay_voucher.window_max"]);
}

#[test]
fn alipay_order_voucher_rules() {
    use Product::AlipayOrderVoucher as P;
    passes(P, with(|s| s.name = "女".repeat(20)));
    fails(
        P,
        with(|s| s.name = "女".repeat(21)),
        "alipay_order_voucher.name_length",
    );
    fails(
        P,
        with(|s| {
            s.face_value = "3000.01".into();
            s.threshold = "4000".into();
        }),
        "alipay_order_voucher.face_value_range",
    );
    fails(
        P,
        with(|s| s.threshold = "0".into()),
        "alipay_order_voucher.threshold_range",
    );
    passes(P, discount("88.5", "50"));
    fails(
        P,
        discount("99.5", "50"),
        "alipay_order_voucher.pay_percent_range",
    );
    fails(
        P,
        discount("88", "15000.01"),
        "alipay_order_voucher.cap_range",
    );
    let special = |price: &str| CouponSpec {
        kind: CouponKind::Exchange,
        face_value: String::new(),
        price: price.into(),
        original_price: "1299".into(),
        ..spec()
    };
    passes(P, special("999"));
    fails(P, special("1000"), "alipay_order_voucher.price_range");
    passes(
        P,
        with(|s| {
            s.per_user_limit = 1;
            s.per_user_period = LimitPeriod::Day;
        }),
    );
}

#[test]
fn unionpay_and_bank_card_rules() {
    let card = |bins: &[&str], per_user: u32| {
        with(|s| {
            s.card_bins = bins.iter().map(|b| b.to_string()).collect();
            s.per_user_limit = per_user;
        })
    };
    passes(Product::Unionpay, card(&["62"], 1));
    passes(Product::Unionpay, card(&["622848"], 1));
    fails(Product::Unionpay, card(&[], 1), "unionpay.bins_required");
    fails(Product::Unionpay, card(&["4000"], 1), "unionpay.bin_prefix");
    fails(
        Product::Unionpay,
        card(&["62"], 0),
        "unionpay.per_user_required",
    );
    passes(Product::BankCard, card(&["4000"], 1));
    fails(Product::BankCard, card(&[], 1), "bank_card.bins_required");
    fails(
        Product::BankCard,
        card(&["62x"], 1),
        "coupon.card_bin_format",
    );
}

#[test]
fn member_card_rules() {
    let points = CouponSpec {
        kind: CouponKind::Points,
        face_value: String::new(),
        threshold: String::new(),
        multiplier: "2".into(),
        ..spec()
    };
    passes(Product::MemberCard, points.clone());
    fails(
        Product::MemberCard,
        CouponSpec {
            multiplier: "1".into(),
            ..points.clone()
        },
        "coupon.multiplier_range",
    );
    fails(
        Product::MemberCard,
        CouponSpec {
            funding: Funding {
                mall: "50".into(),
                tenant: "0".into(),
                provider: "50".into(),
            },
            ..points
        },
        "member_card.provider_funding",
    );
}

#[test]
fn generic_rules_report_everything_at_once() {
    let mut f = fixture();
    let mut s = spec();
    s.name = " ".into();
    s.threshold = "30".into();
    s.quantity = 0;
    s.funding = Funding {
        mall: "60".into(),
        tenant: "30".into(),
        provider: "0".into(),
    };
    s.validity = Validity::Absolute {
        start: "2027-03-01".into(),
        end: "2027-03-09".into(),
    };
    s.stacking = Stacking {
        exclusive: true,
        stackable_with: vec![1],
        priority: 0,
    };
    let rules = rules_of(&mut f, Product::WechatMerchant, &s);
    for expected in [
        "coupon.name_empty",
        "coupon.threshold_not_above_face",
        "coupon.quantity_zero",
        "coupon.funding_sum",
        "coupon.validity_outside_campaign",
        "coupon.exclusive_and_stackable",
        "coupon.stack_partner_unknown",
    ] {
        assert!(
            rules.iter().any(|r| r == expected),
            "missing {expected} in {rules:?}"
        );
    }
}

#[test]
fn a_twelve_character_wechat_name_says_the_limit_in_both_languages() {
    let mut f = fixture();
    let s = with(|s| s.name = "三八女神节全场满二百减卅".into());
    let err = add(&mut f.db, f.campaign, Product::WechatCash, &s).unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.field, "name");
    assert!(
        p.message.en.contains("12 Chinese characters") && p.message.en.contains("limit is 9"),
        "{}",
        p.message.en
    );
    assert!(p.message.zh.contains("上限为 9 个汉字"), "{}", p.message.zh);
}

#[test]
fn units_convert_at_the_edges_and_round_trip() {
    let pay = Decimal::from(88);
    assert_eq!(wechat_discount_percent(pay), 88);
    assert_eq!(alipay_discount(pay), "8.8");
    assert_eq!(pay_percent_from_alipay("8.8"), Some(pay));
    assert_eq!(
        pay_percent_from_alipay(&alipay_discount(Decimal::new(655, 1))),
        Some(Decimal::new(655, 1))
    );
    for fen in [1_i64, 3000, 20000, 1_234_567] {
        let yuan = crate::money::from_fen(fen);
        assert_eq!(crate::money::to_fen(yuan), Some(fen));
    }
}

#[test]
fn payloads_use_each_providers_fields_and_units() {
    let mut f = fixture();
    let coupons = add_offer(
        &mut f.db,
        f.campaign,
        &[Product::WechatCash, Product::AlipayVoucher],
        &spec(),
    )
    .unwrap();
    let wechat = export_spec(&f.db, coupons[0].id).unwrap();
    let rule = &wechat["coupon_use_rule"]["fixed_normal_coupon"];
    assert_eq!(rule["coupon_amount"], 3000);
    assert_eq!(rule["transaction_minimum"], 20000);
    assert_eq!(wechat["stock_use_rule"]["max_amount"], 3_000_000);
    assert_eq!(wechat["available_begin_time"], "2027-03-06T00:00:00+08:00");
    assert_eq!(
        wechat["coupon_use_rule"]["available_merchants"][0],
        "1900012302"
    );
    assert_eq!(
        wechat["pattern_info"]["background_color"], "Color020",
        "WeChat's default"
    );
    let alipay = export_spec(&f.db, coupons[1].id).unwrap();
    assert_eq!(alipay["amount"], "30.00");
    assert_eq!(alipay["floor_amount"], "200.00");
    assert_eq!(alipay["brand_name"], "女神节满减券");
    assert_eq!(alipay["publish_end_time"], "2027-03-09 23:59:59");
    assert!(alipay["rule_conf"]
        .as_str()
        .unwrap()
        .contains("BJWJ_L1_002"));

    let d = add(
        &mut f.db,
        f.campaign,
        Product::AlipayOrderVoucher,
        &discount("88", "50"),
    )
    .unwrap();
    let alipay_d = export_spec(&f.db, d.id).unwrap();
    assert_eq!(
        alipay_d["voucher_deduct_info"]["discount_voucher"]["discount"],
        "8.8"
    );
    let w = add(
        &mut f.db,
        f.campaign,
        Product::WechatCash,
        &discount("88", "50"),
    )
    .unwrap();
    assert_eq!(
        export_spec(&f.db, w.id).unwrap()["coupon_use_rule"]["discount_coupon"]["discount_percent"],
        88
    );
}

#[test]
fn one_offer_makes_linked_coupons_or_none() {
    let mut f = fixture();
    let coupons = add_offer(
        &mut f.db,
        f.campaign,
        &[Product::WechatCash, Product::AlipayVoucher],
        &spec(),
    )
    .unwrap();
    assert_eq!(coupons.len(), 2);
    assert_eq!(coupons[0].offer_id, coupons[1].offer_id);
    assert!(coupons[0].offer_id.is_some());
    assert_eq!(coupons[0].provider, crate::provider::Provider::WechatPay);
    assert_eq!(coupons[1].provider, crate::provider::Provider::Alipay);
    // 12 Chinese characters: fine for Alipay (12), too long for WeChat (9): nothing is created.
    let long = with(|s| s.name = "三八女神节全场满二百减卅".into());
    let err = add_offer(
        &mut f.db,
        f.campaign,
        &[Product::WechatCash, Product::AlipayVoucher],
        &long,
    )
    .unwrap_err();
    assert_eq!(err.problems().len(), 1);
    assert_eq!(err.problems()[0].rule, "wechat_cash.name_length");
    assert_eq!(list(&f.db, Some(f.campaign)).unwrap().len(), 2);
}

#[test]
fn the_budget_check_refuses_what_full_redemption_cannot_pay() {
    let mut f = fixture_with("2027-03-09", "40000");
    add(&mut f.db, f.campaign, Product::WechatCash, &spec()).unwrap(); // 1000 × 30 = 30,000
    let err = add(&mut f.db, f.campaign, Product::AlipayVoucher, &spec()).unwrap_err();
    assert_eq!(err.code(), "coupon.over_budget");
    assert!(err.to_string().contains("¥60,000.00"), "{err}");
    assert_eq!(list(&f.db, Some(f.campaign)).unwrap().len(), 1);
    assert_eq!(
        worst_case_cost(&f.db, f.campaign).unwrap(),
        Some(Decimal::from(30_000))
    );
}

#[test]
fn concurrent_writers_cannot_overrun_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("race.db");
    let campaign = {
        let mut db = Db::open(&path).unwrap();
        campaign::add(
            &mut db,
            &CampaignInput {
                name: "race".into(),
                start: "2027-03-06".into(),
                end: "2027-03-09".into(),
                budget: "100000".into(),
                ..Default::default()
            },
            "t",
        )
        .unwrap()
        .id
    };
    // Eight writers each try to add a ¥30,000 worst case; only three fit in ¥100,000.
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut db = Db::open(&path).unwrap();
                add(&mut db, campaign, Product::MemberCard, &spec()).is_ok()
            })
        })
        .collect();
    let ok = handles
        .into_iter()
        .map(|h| h.join().unwrap())
        .filter(|ok| *ok)
        .count();
    assert_eq!(ok, 3);
    let db = Db::open(&path).unwrap();
    assert_eq!(list(&db, Some(campaign)).unwrap().len(), 3);
}

#[test]
fn coupons_round_trip_with_stores_and_validate_again() {
    let mut f = fixture();
    let mut s = spec();
    s.store_ids = vec![f.store];
    s.time_slots = vec![TimeSlot {
        weekdays: vec![1, 2, 3, 4, 5],
        start: "10:00".into(),
        end: "22:00".into(),
    }];
    s.bill_name = "女神节满200减30".into();
    let c = add(&mut f.db, f.campaign, Product::WechatMerchant, &s).unwrap();
    assert_eq!(c.spec.store_ids, vec![f.store]);
    assert_eq!(c.spec.face_value, "30.00");
    assert_eq!(c.spec.bill_name, "女神节满200减30");
    assert_eq!(c.max_discount, "30.00");
    assert!(validate_existing(&f.db, c.id).unwrap().ok);
    let mut changed = c.spec.clone();
    changed.quantity = 500;
    let e = edit(&mut f.db, c.id, &changed).unwrap();
    assert_eq!((e.id, e.spec.quantity), (c.id, 500));
    assert_eq!(e.spec.store_ids, vec![f.store]);
}

#[test]
fn editing_a_linked_offer_changes_every_wallet_or_none() {
    let mut f = fixture();
    let coupons = add_offer(
        &mut f.db,
        f.campaign,
        &[Product::WechatCash, Product::AlipayVoucher],
        &spec(),
    )
    .unwrap();
    let offer = coupons[0].offer_id.unwrap();
    let mut changed = spec();
    changed.face_value = "40".into();
    let edited = edit_offer(&mut f.db, offer, &changed).unwrap();
    assert!(edited.iter().all(|c| c.spec.face_value == "40.00"));
    assert_eq!(
        edited.iter().map(|c| c.id).collect::<Vec<_>>(),
        coupons.iter().map(|c| c.id).collect::<Vec<_>>()
    );
    changed.name = "三八女神节全场满二百减卅".into();
    let err = edit_offer(&mut f.db, offer, &changed).unwrap_err();
    assert_eq!(err.problems()[0].rule, "wechat_cash.name_length");
    assert!(list(&f.db, Some(f.campaign))
        .unwrap()
        .iter()
        .all(|c| c.spec.name == "女神节满减券"));
    let check = preview_offer(&f.db, f.campaign, &[Product::WechatCash], &changed, None).unwrap();
    assert!(!check.ok);
    assert_eq!(check.problems[0].rule, "wechat_cash.name_length");
}

#[test]
fn the_wechat_card_colour_is_one_of_wechats_and_round_trips() {
    let mut f = fixture();
    let bad = add(
        &mut f.db,
        f.campaign,
        Product::WechatCash,
        &with(|s| s.wallet_color = "Color999".into()),
    )
    .unwrap_err();
    assert!(
        matches!(&bad, CouponError::Invalid(p) if p.iter().any(|p| p.rule == "wechat.wallet_color")),
        "{bad:?}"
    );
    let c = add(
        &mut f.db,
        f.campaign,
        Product::WechatCash,
        &with(|s| s.wallet_color = "Color090".into()),
    )
    .unwrap();
    assert_eq!(get(&f.db, c.id).unwrap().spec.wallet_color, "Color090");
    assert_eq!(
        export_spec(&f.db, c.id).unwrap()["pattern_info"]["background_color"],
        "Color090"
    );
    assert_eq!(wallet_colors().len(), 12);
}

/// A value this PromoDesk does not know, read back from the database, is an error that names
/// it — never a silent member card or an empty list that would count redemptions wrongly.
#[test]
fn unknown_values_read_back_are_errors_not_defaults() {
    let mut f = fixture();
    let c = add(&mut f.db, f.campaign, Product::WechatCash, &spec()).unwrap();
    for (sql, what) in [
        (
            "UPDATE coupon SET product = 'wechat_gift'",
            "unknown coupon product 'wechat_gift'",
        ),
        (
            "UPDATE coupon SET product = 'wechat_cash', per_user_period = 'fortnight'",
            "unknown per-user period 'fortnight'",
        ),
        (
            "UPDATE coupon SET per_user_period = 'campaign', time_slots = 'not json'",
            "unknown time slots 'not json'",
        ),
    ] {
        f.db.conn().execute(sql, []).unwrap();
        let err = get(&f.db, c.id).unwrap_err();
        assert_eq!(err.code(), "db.sqlite");
        assert!(err.to_string().contains(what), "{err}");
        assert!(list(&f.db, None).is_err());
    }
}
