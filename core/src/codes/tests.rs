//! Pools: uniqueness across pools, the confirm before replacing, imported lists checked with
//! their lines, WeChat upload batches, redemptions with a repeat, a wrong day and a wrong store.

use std::collections::HashSet;
use std::io::Write;

use super::*;
use crate::campaign::CampaignInput;
use crate::coupon::{self, Product};
use crate::db::Db;
use crate::store::StoreInput;
use crate::text::Lang;

pub(crate) fn campaign_with(db: &mut Db, products: &[Product], quantity: u32) -> Vec<i64> {
    let c = crate::campaign::add(
        db,
        &CampaignInput {
            name: "2027 3.8 女神节".into(),
            start: "2027-03-06".into(),
            end: "2027-03-09".into(),
            budget: "10000000".into(),
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    products
        .iter()
        .map(|p| {
            let spec = coupon::test_support::fixed_spec("满200减30", "30", "200", quantity);
            coupon::add_offer(db, c.id, &[*p], &spec).unwrap()[0].id
        })
        .collect()
}

fn spec(count: u32, prefix: &str, length: u32) -> GenerateSpec {
    GenerateSpec {
        count,
        prefix: prefix.into(),
        length,
    }
}

fn file(ext: &str, text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new()
        .suffix(&format!(".{ext}"))
        .tempfile()
        .unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

#[test]
fn generated_codes_are_unique_across_pools_valid_and_without_look_alikes() {
    let mut db = Db::open_in_memory().unwrap();
    let ids = campaign_with(
        &mut db,
        &[Product::WechatMerchant, Product::MemberCard],
        1000,
    );
    let a = generate(&mut db, ids[0], &spec(3000, "MX", 12), false).unwrap();
    let b = generate(&mut db, ids[1], &spec(3000, "", 10), false).unwrap();
    assert_eq!((a.codes, b.codes), (3000, 3000));
    assert!(a.upload_mode && !b.upload_mode);
    let mut all = pool_codes(&db, ids[0]).unwrap();
    all.extend(pool_codes(&db, ids[1]).unwrap());
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), 6000);
    for code in &all[..3000] {
        assert!(code.starts_with("MX") && code.len() == 12, "{code}");
    }
    for code in &all {
        assert!(alphabet::is_valid(code), "{code}");
        assert!(!code.contains(['0', '1', 'O', 'I', 'L']), "{code}");
    }
}

#[test]
fn the_unique_index_refuses_a_code_another_pool_has() {
    let mut db = Db::open_in_memory().unwrap();
    let ids = campaign_with(&mut db, &[Product::WechatMerchant, Product::MemberCard], 10);
    generate(&mut db, ids[0], &spec(5, "", 12), false).unwrap();
    let taken = pool_codes(&db, ids[0]).unwrap()[2].clone();
    let list = file("txt", &format!("ABC123\n{taken}\n"));
    let err = import_list(&mut db, ids[1], list.path(), false).unwrap_err();
    assert_eq!(err.code(), "codes.invalid");
    assert!(err.to_string().contains("line 2"), "{err}");
    assert!(get_pool(&db, ids[1]).is_err(), "nothing written");
}

#[test]
fn regenerating_asks_first_and_replaces_only_when_confirmed() {
    let mut db = Db::open_in_memory().unwrap();
    let ids = campaign_with(&mut db, &[Product::WechatMerchant], 10);
    generate(&mut db, ids[0], &spec(10, "", 12), false).unwrap();
    let before = pool_codes(&db, ids[0]).unwrap();
    let err = generate(&mut db, ids[0], &spec(20, "", 12), false).unwrap_err();
    assert_eq!(err.code(), "codes.pool_exists");
    assert!(err.localized().zh.contains("10 个券码"));
    assert_eq!(pool_codes(&db, ids[0]).unwrap(), before);
    let after = generate(&mut db, ids[0], &spec(20, "", 12), true).unwrap();
    assert_eq!(after.codes, 20);
}

#[test]
fn generation_refuses_short_guessable_too_long_or_foreign_prefixes() {
    let mut db = Db::open_in_memory().unwrap();
    let ids = campaign_with(&mut db, &[Product::WechatMerchant, Product::WechatCash], 10);
    let rules =
        |e: CodesError| -> Vec<String> { e.problems().iter().map(|p| p.rule.clone()).collect() };
    let e = generate(&mut db, ids[0], &spec(10, "MX", 8), false).unwrap_err();
    assert_eq!(rules(e), ["codes.too_short"]);
    let e = generate(&mut db, ids[0], &spec(10, "", 40), false).unwrap_err();
    assert_eq!(rules(e), ["codes.too_long"]);
    let e = generate(&mut db, ids[0], &spec(10, "M0", 12), false).unwrap_err();
    assert_eq!(rules(e), ["codes.prefix_alphabet"]);
    let e = generate(&mut db, ids[0], &spec(1_000_000, "", 9), false).unwrap_err();
    assert_eq!(rules(e), ["codes.guessable"]);
    let e = generate(&mut db, ids[1], &spec(10, "", 12), false).unwrap_err();
    assert_eq!(e.code(), "codes.not_for_product");
}

#[test]
fn an_imported_list_reports_each_provider_rule_problem_with_its_line() {
    let mut db = Db::open_in_memory().unwrap();
    let ids = campaign_with(&mut db, &[Product::WechatMerchant], 10);
    let long = "A".repeat(33);
    let list = file(
        "csv",
        &format!("券码\nGOOD-1\nbad code\n{long}\nGOOD-1\n\nOK/=|_2\n券码中文\n"),
    );
    let err = import_list(&mut db, ids[0], list.path(), false).unwrap_err();
    let found: Vec<(String, String)> = err
        .problems()
        .iter()
        .map(|p| {
            (
                p.rule.clone(),
                p.message.en.split(':').next().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("codes.character".to_string(), "line 3".to_string()),
            ("codes.too_long".into(), "line 4".into()),
            ("codes.duplicate".into(), "line 5".into()),
            ("codes.character".into(), "line 8".into()),
        ]
    );
    assert!(err.localized().zh.contains("第 5 行"));
    let good = file("csv", "code\nGOOD-1\nOK/=|_2\n");
    let pool = import_list(&mut db, ids[0], good.path(), false).unwrap();
    assert_eq!((pool.codes, pool.source), (2, PoolSource::Imported));
}

#[test]
fn wechat_upload_batches_hold_at_most_200_codes_with_unique_request_numbers() {
    let codes: Vec<String> = (0..1001).map(|i| format!("C{i}")).collect();
    let batches = upload_batches("7", "20270301120000", &codes);
    assert_eq!(batches.len(), 6);
    assert!(batches
        .iter()
        .all(|b| (1..=BATCH_MAX).contains(&b.coupon_code_list.len())));
    let numbers: HashSet<_> = batches.iter().map(|b| &b.upload_request_no).collect();
    assert_eq!(numbers.len(), 6);
    assert!(batches.iter().all(|b| b.upload_request_no.len() <= 128));
    let back: Vec<&String> = batches.iter().flat_map(|b| &b.coupon_code_list).collect();
    assert_eq!(back.len(), 1001);
    assert_eq!(back[1000], "C1000");
}

#[test]
fn a_pool_exports_as_wechat_requests_csv_and_xlsx() {
    let mut db = Db::open_in_memory().unwrap();
    let ids = campaign_with(&mut db, &[Product::WechatMerchant], 450);
    generate(&mut db, ids[0], &spec(450, "", 12), false).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("upload.json");
    let done = export(&db, ids[0], ExportFormat::WechatUpload, Lang::ZhCn, &json).unwrap();
    assert_eq!((done.codes, done.batches), (450, 3));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let sizes: Vec<usize> = doc["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["coupon_code_list"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, [200, 200, 50]);
    let csv_path = dir.path().join("codes.csv");
    export(&db, ids[0], ExportFormat::Csv, Lang::ZhCn, &csv_path).unwrap();
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert_eq!(text.lines().count(), 451);
    assert!(text.starts_with("券码,优惠券"));
    let xlsx = dir.path().join("codes.xlsx");
    export(&db, ids[0], ExportFormat::Xlsx, Lang::En, &xlsx).unwrap();
    // What we wrote reads back as a code list of the same 450 codes.
    let rows = read::rows(&xlsx).unwrap();
    assert_eq!(rows.len(), 451);
    assert_eq!(rows[1].cells[0], pool_codes(&db, ids[0]).unwrap()[0]);
    let wrong = export(
        &db,
        ids[0],
        ExportFormat::Csv,
        Lang::En,
        &dir.path().join("x.txt"),
    );
    assert_eq!(wrong.unwrap_err().code(), "codes.wrong_extension");
}

#[test]
fn redemptions_show_used_unused_repeats_wrong_days_and_wrong_stores() {
    let mut db = Db::open_in_memory().unwrap();
    for name in ["女装 A", "餐饮 B"] {
        crate::store::add(
            &mut db,
            &StoreInput {
                name: name.into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let stores = crate::store::list(&db).unwrap();
    let ids = campaign_with(&mut db, &[Product::MemberCard], 10);
    let mut c = coupon::get(&db, ids[0]).unwrap();
    c.spec.store_ids = vec![stores[0].id];
    coupon::edit(&mut db, ids[0], &c.spec).unwrap();
    let list = file("txt", "AAA1\nAAA2\nAAA3\nAAA4\n");
    import_list(&mut db, ids[0], list.path(), false).unwrap();
    let redemptions = file(
        "csv",
        "核销时间,券码,核销门店\n\
         2027-03-06 10:00:00,AAA1,女装 A\n\
         2027-03-07 11:00:00,AAA1,女装 A\n\
         2027-03-12 09:00:00,AAA2,女装 A\n\
         2027-03-07 12:00:00,AAA3,餐饮 B\n\
         2027-03-07 12:00:00,ZZZ9,女装 A\n",
    );
    let read = import_redemptions(&mut db, redemptions.path(), &Default::default()).unwrap();
    assert_eq!((read.rows, read.matched, read.unknown), (5, 4, 1));
    let again = import_redemptions(&mut db, redemptions.path(), &Default::default()).unwrap();
    assert!(again.already_imported);
    let u = pool_usage(&db, ids[0]).unwrap();
    assert_eq!((u.issued, u.used, u.unused, u.uses), (4, 3, 1, 4));
    assert_eq!(u.repeated.len(), 1);
    assert_eq!(u.repeated[0].code, "AAA1");
    assert_eq!(u.repeated[0].uses[1].at, "2027-03-07T11:00:00+08:00");
    assert_eq!(u.repeated[0].uses[1].line, 3);
    let late: Vec<&str> = u.outside_validity.iter().map(|x| x.code.as_str()).collect();
    assert_eq!(late, ["AAA2"]);
    let elsewhere: Vec<&str> = u.outside_stores.iter().map(|x| x.code.as_str()).collect();
    assert_eq!(elsewhere, ["AAA3"]);
    let campaign = coupon::get(&db, ids[0]).unwrap().campaign_id;
    assert_eq!(campaign_figures(&db, campaign).unwrap(), vec![u]);
}

#[test]
fn a_redemption_file_without_a_code_column_or_with_a_bad_time_is_refused_with_its_line() {
    let mut db = Db::open_in_memory().unwrap();
    let f = file("csv", "时间,门店\n2027-03-06 10:00,A\n");
    let err = import_redemptions(&mut db, f.path(), &Default::default()).unwrap_err();
    assert_eq!(err.problems()[0].rule, "codes.column");
    let f = file("csv", "code,time\nAAA1,yesterday\n");
    let err = import_redemptions(&mut db, f.path(), &Default::default()).unwrap_err();
    assert!(err.to_string().starts_with("line 2:"), "{err}");
}

#[test]
fn a_merchant_upload_coupon_with_fewer_codes_than_its_quantity_fails_the_checklist() {
    let mut db = Db::open_in_memory().unwrap();
    let ids = campaign_with(&mut db, &[Product::WechatMerchant], 300);
    let campaign = coupon::get(&db, ids[0]).unwrap().campaign_id;
    let item = |db: &Db| {
        let list = crate::launch::check(db, campaign, 1_801_411_200).unwrap();
        list.items.into_iter().find(|i| i.id == "codes.enough")
    };
    let mode = |db: &Db| coupon::export_spec(db, ids[0]).unwrap()["coupon_code_mode"].clone();
    assert!(item(&db).is_none(), "WeChat's own codes: nothing to check");
    assert_eq!(mode(&db), "WECHATPAY_MODE");
    generate(&mut db, ids[0], &spec(299, "", 12), false).unwrap();
    assert_eq!(mode(&db), "MERCHANT_UPLOAD");
    let short = item(&db).unwrap();
    assert_eq!(short.status, crate::launch::CheckStatus::Fail);
    assert!(
        short.message.en.contains("299 codes for 300"),
        "{}",
        short.message.en
    );
    generate(&mut db, ids[0], &spec(300, "", 12), true).unwrap();
    assert_eq!(item(&db).unwrap().status, crate::launch::CheckStatus::Pass);
}

#[test]
fn a_million_codes_across_pools_are_all_different() {
    let mut db = Db::open_in_memory().unwrap();
    let ids = campaign_with(&mut db, &[Product::WechatMerchant, Product::MemberCard], 10);
    // Nine random symbols (30^9 ≈ 2e13): a few draws collide and are drawn again.
    generate(&mut db, ids[0], &spec(600_000, "", 10), false).unwrap();
    generate(&mut db, ids[1], &spec(400_000, "", 10), false).unwrap();
    let mut all: HashSet<String> = pool_codes(&db, ids[0]).unwrap().into_iter().collect();
    all.extend(pool_codes(&db, ids[1]).unwrap());
    assert_eq!(all.len(), 1_000_000);
}
