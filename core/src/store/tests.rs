use super::*;

fn input(name: &str, wechat: Option<&str>, alipay: Option<&str>) -> StoreInput {
    StoreInput {
        name: name.into(),
        floor: "L1".into(),
        category: "服饰".into(),
        wechat_sub_mch_id: wechat.map(Into::into),
        alipay_store_id: alipay.map(Into::into),
    }
}

#[test]
fn a_store_is_added_with_its_merchant_ids() {
    let mut db = Db::open_in_memory().unwrap();
    let s = add(
        &mut db,
        &input(" 优衣库 ", Some("1900012345"), Some("BJ_CY_001")),
    )
    .unwrap();
    assert_eq!(s.name, "优衣库");
    assert_eq!(s.wechat_sub_mch_id.as_deref(), Some("1900012345"));
    assert_eq!(list(&db).unwrap(), vec![s]);
}

#[test]
fn empty_ids_mean_none() {
    let mut db = Db::open_in_memory().unwrap();
    let s = add(&mut db, &input("A", Some("  "), Some(""))).unwrap();
    assert_eq!(s.wechat_sub_mch_id, None);
    assert_eq!(s.alipay_store_id, None);
    // Two stores without ids do not collide.
    add(&mut db, &input("B", None, None)).unwrap();
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut db = Db::open_in_memory().unwrap();
    let long = "店".repeat(MAX_STORE_NAME + 1);
    let err = add(&mut db, &input(&long, Some("19x"), Some("a b"))).unwrap_err();
    let rules: Vec<_> = err.problems().iter().map(|p| p.rule.as_str()).collect();
    assert_eq!(
        rules,
        [
            "store.name_too_long",
            "store.wechat_sub_mch_id_format",
            "store.alipay_store_id_format"
        ]
    );
    assert!(list(&db).unwrap().is_empty());
}

#[test]
fn names_and_merchant_ids_are_unique() {
    let mut db = Db::open_in_memory().unwrap();
    add(&mut db, &input("A", Some("1"), Some("x"))).unwrap();
    let err = add(&mut db, &input("A", Some("1"), Some("x"))).unwrap_err();
    assert_eq!(err.problems().len(), 3);
    assert!(err.problems()[1]
        .message
        .en
        .contains("already belongs to 'A'"));
}

#[test]
fn editing_keeps_its_own_ids_and_checks_others() {
    let mut db = Db::open_in_memory().unwrap();
    let a = add(&mut db, &input("A", Some("1"), None)).unwrap();
    let b = add(&mut db, &input("B", Some("2"), None)).unwrap();
    let edited = edit(&mut db, a.id, &input("A2", Some("1"), Some("s1"))).unwrap();
    assert_eq!(edited.name, "A2");
    let err = edit(&mut db, b.id, &input("B", Some("1"), None)).unwrap_err();
    assert_eq!(err.code(), "store.invalid");
    assert!(matches!(
        edit(&mut db, 99, &input("Z", None, None)),
        Err(StoreError::NotFound(99))
    ));
}

#[test]
fn removing_an_unused_store_works_and_missing_is_reported() {
    let mut db = Db::open_in_memory().unwrap();
    let a = add(&mut db, &input("A", None, None)).unwrap();
    remove(&mut db, a.id).unwrap();
    assert!(matches!(
        remove(&mut db, a.id),
        Err(StoreError::NotFound(_))
    ));
}
