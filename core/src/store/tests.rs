use super::*;

fn input(name: &str, wechat: Option<&str>, alipay: Option<&str>) -> StoreInput {
    StoreInput {
        name: name.into(),
        floor: "L1".into(),
        category: "服饰".into(),
        merchant_ids: wechat
            .map(MerchantAccount::wechat)
            .into_iter()
            .chain(alipay.map(MerchantAccount::alipay))
            .collect(),
        move_taken_ids: None,
    }
}

fn unionpay(id: &str) -> MerchantAccount {
    MerchantAccount::new(Provider::Unionpay, MerchantIdKind::MerchantNo, id)
}

#[test]
fn a_store_is_added_with_its_merchant_ids() {
    let mut db = Db::open_in_memory().unwrap();
    let s = add(
        &mut db,
        &input(" 优衣库 ", Some(" 1900012345 "), Some("BJ_CY_001")),
    )
    .unwrap();
    assert_eq!(s.name, "优衣库");
    assert_eq!(
        s.merchant_id(Provider::WechatPay, MerchantIdKind::SubMchId),
        Some("1900012345")
    );
    assert_eq!(
        s.merchant_id(Provider::Alipay, MerchantIdKind::StoreId),
        Some("BJ_CY_001")
    );
    assert_eq!(list(&db).unwrap(), vec![s]);
}

#[test]
fn a_store_has_any_number_of_ids_per_provider() {
    let mut db = Db::open_in_memory().unwrap();
    let mut i = input("万达影城", Some("1900012345"), None);
    i.merchant_ids.extend([
        MerchantAccount::wechat("1900012346"),
        MerchantAccount::new(Provider::Alipay, MerchantIdKind::Pid, "2088102122524333"),
        unionpay("102110058120001"),
        MerchantAccount::new(Provider::Unionpay, MerchantIdKind::Terminal, "T0000001"),
        MerchantAccount::new(Provider::MemberCard, MerchantIdKind::PosCode, "POS-07"),
    ]);
    let s = add(&mut db, &i).unwrap();
    assert_eq!(s.merchant_ids.len(), 6);
    // Two stores without ids do not collide.
    add(&mut db, &input("B", None, None)).unwrap();
    add(&mut db, &input("C", None, None)).unwrap();
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut db = Db::open_in_memory().unwrap();
    let long = "店".repeat(MAX_STORE_NAME + 1);
    let mut i = input(&long, Some("19x"), Some("a b"));
    i.merchant_ids.extend([
        MerchantAccount::new(Provider::Alipay, MerchantIdKind::Pid, "1234"),
        MerchantAccount::new(Provider::WechatPay, MerchantIdKind::Terminal, "1"),
        MerchantAccount::wechat(""),
    ]);
    let err = add(&mut db, &i).unwrap_err();
    let rules: Vec<_> = err
        .problems()
        .iter()
        .map(|p| (p.field.as_str(), p.rule.as_str()))
        .collect();
    assert_eq!(
        rules,
        [
            ("name", "store.name_too_long"),
            ("merchant_ids.0", "store.sub_mch_id_format"),
            ("merchant_ids.1", "store.store_id_format"),
            ("merchant_ids.2", "store.pid_format"),
            ("merchant_ids.3", "store.merchant_id_kind"),
            ("merchant_ids.4", "store.merchant_id_empty"),
        ]
    );
    assert!(list(&db).unwrap().is_empty());
}

#[test]
fn names_and_merchant_ids_are_unique_and_the_refusal_says_where() {
    let mut db = Db::open_in_memory().unwrap();
    add(&mut db, &input("A", Some("1"), Some("x"))).unwrap();
    let err = add(&mut db, &input("A", Some("1"), Some("x"))).unwrap_err();
    assert_eq!(err.problems().len(), 3);
    assert_eq!(err.problems()[1].rule, "store.merchant_id_taken");
    assert!(err.problems()[1]
        .message
        .en
        .contains("already belongs to 'A'"));
    assert!(err.problems()[1].message.zh.contains("已属于“A”"));
}

#[test]
fn the_same_number_under_two_providers_is_two_ids() {
    let mut db = Db::open_in_memory().unwrap();
    let a = add(&mut db, &input("A", None, Some("102110058120001"))).unwrap();
    let b = add(&mut db, &input("B", None, None)).unwrap();
    let done = assign_merchant_id(&mut db, b.id, &unionpay("102110058120001"), false).unwrap();
    assert_eq!(done.moved_from, None);
    // No provider falls through to another's field: A keeps its Alipay id.
    assert_eq!(
        get(&db, a.id).unwrap().merchant_ids,
        vec![MerchantAccount::alipay("102110058120001")]
    );
    assert_eq!(done.store.merchant_ids, vec![unionpay("102110058120001")]);
}

#[test]
fn an_id_held_by_another_store_moves_only_when_confirmed() {
    let mut db = Db::open_in_memory().unwrap();
    let a = add(&mut db, &input("A", Some("1900000001"), None)).unwrap();
    let b = add(&mut db, &input("B", None, None)).unwrap();
    let id = MerchantAccount::wechat("1900000001");
    let err = assign_merchant_id(&mut db, b.id, &id, false).unwrap_err();
    assert_eq!(err.code(), "store.merchant_id_taken");
    assert!(err.localized().zh.contains("已属于“A”"), "{err}");
    assert_eq!(get(&db, a.id).unwrap().merchant_ids, vec![id.clone()]);
    let done = assign_merchant_id(&mut db, b.id, &id, true).unwrap();
    assert_eq!(
        done.moved_from,
        Some(StoreRef {
            id: a.id,
            name: "A".into()
        })
    );
    assert!(get(&db, a.id).unwrap().merchant_ids.is_empty());
    // Giving a store an id it already has changes nothing and moves nothing.
    let again = assign_merchant_id(&mut db, b.id, &id, false).unwrap();
    assert_eq!(again.moved_from, None);
    // The store form moves taken ids only when asked to.
    let mut form = input("A", Some("1900000001"), None);
    assert_eq!(
        edit(&mut db, a.id, &form).unwrap_err().problems()[0].rule,
        "store.merchant_id_taken"
    );
    form.move_taken_ids = Some(true);
    edit(&mut db, a.id, &form).unwrap();
    assert!(get(&db, b.id).unwrap().merchant_ids.is_empty());
    let from = unassign_merchant_id(&mut db, Provider::WechatPay, "1900000001").unwrap();
    assert_eq!(from.id, a.id);
    assert_eq!(
        unassign_merchant_id(&mut db, Provider::WechatPay, "1900000001")
            .unwrap_err()
            .code(),
        "store.merchant_id_not_found"
    );
}

#[test]
fn editing_replaces_the_set_of_ids() {
    let mut db = Db::open_in_memory().unwrap();
    let a = add(&mut db, &input("A", Some("1"), None)).unwrap();
    let edited = edit(&mut db, a.id, &input("A2", None, Some("s1"))).unwrap();
    assert_eq!(edited.name, "A2");
    assert_eq!(edited.merchant_ids, vec![MerchantAccount::alipay("s1")]);
    assert!(matches!(
        edit(&mut db, 99, &input("Z", None, None)),
        Err(StoreError::NotFound(99))
    ));
}

#[test]
fn removing_an_unused_store_works_and_missing_is_reported() {
    let mut db = Db::open_in_memory().unwrap();
    let a = add(&mut db, &input("A", Some("1"), None)).unwrap();
    remove(&mut db, a.id).unwrap();
    assert!(matches!(
        remove(&mut db, a.id),
        Err(StoreError::NotFound(_))
    ));
    // Its ids went with it.
    add(&mut db, &input("B", Some("1"), None)).unwrap();
}
