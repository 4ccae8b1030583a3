use super::*;
use crate::campaign::{CampaignInput, CampaignStatus};
use crate::coupon::{Product, Validity};
use crate::store::{MerchantAccount, StoreInput};

fn campaign(api: &mut Api, start: &str, end: &str) -> i64 {
    api.campaign_add(CampaignAdd {
        input: CampaignInput {
            name: format!("女神节 {start}"),
            start: start.into(),
            end: end.into(),
            budget: "50000".into(),
            ..Default::default()
        },
    })
    .unwrap()
    .id
}

#[test]
fn a_store_patch_changes_only_the_given_fields() {
    let mut db = Db::open_in_memory().unwrap();
    let mut api = Api::new(&mut db, "planner");
    let added = api
        .store_add(StoreAdd {
            input: StoreInput {
                name: "优衣库".into(),
                floor: "L1".into(),
                category: "服饰".into(),
                merchant_ids: vec![MerchantAccount::wechat("1900012345")],
                move_taken_ids: None,
            },
        })
        .unwrap();
    let edited = api
        .store_edit(StoreEdit {
            id: added.id,
            patch: StorePatch {
                floor: Some("L2".into()),
                ..Default::default()
            },
        })
        .unwrap();
    assert_eq!(edited.floor, "L2");
    assert_eq!(edited.name, "优衣库");
    assert_eq!(edited.category, "服饰");
    assert_eq!(edited.merchant_ids, added.merchant_ids);
}

#[test]
fn a_blank_offer_is_valid_through_the_campaign_as_a_form_shows_it() {
    let mut db = Db::open_in_memory().unwrap();
    let mut api = Api::new(&mut db, "planner");
    let whole_days = campaign(&mut api, "2027-03-06", "2027-03-09");
    let spec = api
        .coupon_blank(CampaignRef {
            campaign: whole_days,
        })
        .unwrap();
    assert_eq!(
        spec.validity,
        Validity::Absolute {
            start: "2027-03-06".into(),
            end: "2027-03-09".into()
        }
    );
    let evening = campaign(&mut api, "2027-03-06 18:00", "2027-03-06 22:30");
    let spec = api.coupon_blank(CampaignRef { campaign: evening }).unwrap();
    assert_eq!(
        spec.validity,
        Validity::Absolute {
            start: "2027-03-06 18:00".into(),
            end: "2027-03-06 22:30".into()
        }
    );
}

#[test]
fn a_coupon_on_one_wallet_is_an_offer_too() {
    let mut db = Db::open_in_memory().unwrap();
    let mut api = Api::new(&mut db, "planner");
    let id = campaign(&mut api, "2027-03-06", "2027-03-09");
    let mut spec = api.coupon_blank(CampaignRef { campaign: id }).unwrap();
    spec.name = "满200减30".into();
    spec.face_value = "30".into();
    spec.threshold = "200".into();
    let made = api
        .coupon_add_offer(OfferAdd {
            campaign: id,
            products: vec![Product::WechatCash],
            spec,
        })
        .unwrap();
    assert_eq!(made.len(), 1);
    assert!(made[0].offer_id.is_some());
}

#[test]
fn the_acting_person_is_recorded_in_the_history() {
    let mut db = Db::open_in_memory().unwrap();
    let mut api = Api::new(&mut db, "王经理");
    let id = campaign(&mut api, "2020-03-06", "2020-03-09");
    api.campaign_set_status(CampaignSetStatus {
        id,
        status: CampaignStatus::Scheduled,
        reason: String::new(),
    })
    .unwrap_err();
    // A past campaign cannot be scheduled; a draft stays a draft and its history names the
    // person who created it.
    let detail = api.campaign_get(Id { id }).unwrap();
    assert_eq!(detail.campaign.status, CampaignStatus::Draft);
    assert_eq!(detail.history[0].by, "王经理");
}

#[test]
fn a_refused_file_is_a_failure_with_its_code_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bill.csv");
    std::fs::write(&bad, "not a bill\n").unwrap();
    let mut db = Db::open_in_memory().unwrap();
    let mut api = Api::new(&mut db, "assistant");
    let outcomes = api
        .import_files(
            ImportFiles {
                paths: vec![bad.display().to_string()],
                format: None,
                mapping: None,
                accept_mismatch: false,
            },
            &mut |_| true,
        )
        .unwrap();
    let failure = outcomes[0].error.as_ref().expect("refused");
    assert_eq!(failure.code, "import.unknown_format");
    assert!(outcomes[0].report.is_none());
}

#[test]
fn params_refuse_fields_they_do_not_know() {
    let err = serde_json::from_value::<CampaignEdit>(serde_json::json!({
        "id": 1, "patch": {}, "patchh": {}
    }))
    .unwrap_err();
    assert!(err.to_string().contains("patchh"), "{err}");
}

#[test]
fn a_missing_bill_is_explained_without_the_systems_words() {
    let mut db = Db::open_in_memory().unwrap();
    let mut api = Api::new(&mut db, "assistant");
    let outcomes = api
        .import_files(
            ImportFiles {
                paths: vec!["/nowhere/bill.csv".into()],
                format: None,
                mapping: None,
                accept_mismatch: false,
            },
            &mut |_| true,
        )
        .unwrap();
    let message = &outcomes[0].error.as_ref().expect("refused").message;
    assert!(message.zh.contains("找不到该文件"), "{}", message.zh);
    assert!(message.en.contains("check the path"), "{}", message.en);
    assert!(!message.zh.contains("os error") && !message.en.contains("os error"));
}

#[test]
fn a_coupon_problem_names_the_field_as_the_form_does() {
    let mut db = Db::open_in_memory().unwrap();
    let mut api = Api::new(&mut db, "planner");
    let id = campaign(&mut api, "2027-03-06", "2027-03-09");
    let spec = api.coupon_blank(CampaignRef { campaign: id }).unwrap();
    let check = api
        .coupon_preview(OfferPreview {
            campaign: id,
            products: vec![Product::WechatCash],
            spec,
            replacing: None,
        })
        .unwrap();
    let face = check
        .problems
        .iter()
        .find(|p| p.field == "face_value")
        .expect("a blank offer has no face value");
    assert!(face.message.zh.contains("面额"), "{}", face.message.zh);
    assert!(!face.message.zh.contains("face_value"));
}

#[test]
fn a_second_campaign_may_not_take_a_name_and_a_festival_draft_offers_a_free_one() {
    let mut db = Db::open_in_memory().unwrap();
    let mut api = Api::new(&mut db, "planner");
    let draft = api
        .campaign_draft_for_festival(FestivalDraft {
            festival: "womens-day".into(),
            year: 2027,
        })
        .unwrap();
    let first = api
        .campaign_add(CampaignAdd {
            input: CampaignInput {
                budget: "1000".into(),
                ..draft.clone()
            },
        })
        .unwrap();
    let again = api
        .campaign_draft_for_festival(FestivalDraft {
            festival: "womens-day".into(),
            year: 2027,
        })
        .unwrap();
    assert_eq!(again.name, format!("{} (2)", first.name));
    let refused = api
        .campaign_add(CampaignAdd {
            input: CampaignInput {
                name: format!(" {} ", first.name.to_uppercase()),
                budget: "1000".into(),
                ..draft
            },
        })
        .unwrap_err();
    assert_eq!(refused.problems()[0].rule, "campaign.name_taken");
    // Editing a campaign under its own name is fine.
    api.campaign_edit(CampaignEdit {
        id: first.id,
        patch: crate::campaign::CampaignPatch {
            name: Some(first.name.clone()),
            ..Default::default()
        },
        expected_revision: None,
    })
    .unwrap();
}
