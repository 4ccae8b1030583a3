//! The app's plaza switcher and comparison through `core::api`: on the team store with logins of
//! their own (the suite's superuser is bound by no row policy, so it may not choose among
//! several plazas), and on the embedded store, where the one mall is all there is.

use std::sync::atomic::{AtomicU64, Ordering};

use super::*;
use crate::campaign::CampaignInput;
use crate::db::{Db, Location};
use crate::import::{import_file, ImportOptions};

fn unique(prefix: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// 周年庆 through both bills' months (February and September 2019) and one bill's trades, in
/// the current plaza.
fn campaign_with_bill(db: &mut Db, bill: &str) {
    crate::campaign::add(
        db,
        &CampaignInput {
            name: "周年庆".into(),
            description: String::new(),
            festival: None,
            start: "2019-02-01".into(),
            end: "2019-09-30".into(),
            budget: "1000".into(),
            store_ids: vec![],
        },
        "test",
    )
    .unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/bills")
        .join(bill);
    import_file(db, &path, &ImportOptions::default(), &mut |_| true).unwrap();
}

/// A team database with two plazas, each running 周年庆 on its own bill, and the URL of a
/// login that owns it; the admin connection keeps the test's database alive.
fn two_plazas() -> Option<(Db, String)> {
    let admin = Db::open_in_memory().unwrap();
    let Some(Location::Team(url)) = admin.test_location() else {
        return None;
    };
    let role = unique("pd_plazaui");
    let database: String = admin
        .conn()
        .query_row("SELECT current_database()::text", [], |r| r.get(0))
        .unwrap();
    admin
        .conn()
        .execute_batch(&format!(
            "CREATE ROLE {role} LOGIN;
             GRANT USAGE ON SCHEMA public TO {role};
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
             GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role};
             ALTER DATABASE {database} OWNER TO {role};"
        ))
        .unwrap();
    let url = url.replacen("://postgres@", &format!("://{role}@"), 1);
    let mut db = Db::open_team(&url).unwrap();
    campaign_with_bill(&mut db, "wechatpay-tradebill-ALL.csv");
    let second = crate::team::add_plaza(&mut db, "朝阳广场", "Asia/Shanghai").unwrap();
    crate::team::use_plaza(&mut db, second.id).unwrap();
    campaign_with_bill(&mut db, "alipay-trade-detail-gbk.csv");
    Some((admin, url))
}

#[test]
fn the_plaza_chosen_in_the_app_is_the_one_it_opens_in_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("database.json");
    let Some((_admin, url)) = two_plazas() else {
        // The local file: its one mall, nothing to switch to and nothing remembered.
        let mut db = Db::open_in_memory().unwrap();
        let mut api = Api::local(&mut db);
        let list = api.plaza_list(NoParams {}).unwrap();
        assert_eq!(list.len(), 1);
        assert!(list[0].current);
        let refused = api
            .plaza_use_remembering(PlazaRef { plaza: list[0].id }, Some(&file))
            .unwrap_err();
        assert_eq!(refused.code(), "team.not_team");
        assert!(!file.exists());
        assert_eq!(api.plaza_reopen_from(Some(&file)).unwrap(), list[0]);
        return;
    };
    let mut db = Db::open_team(&url).unwrap();
    let mut api = Api::local(&mut db);
    let list = api.plaza_list(NoParams {}).unwrap();
    let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"朝阳广场"), "{names:?}");
    // A new connection starts in the first plaza; the other one is chosen and remembered.
    let other = list.iter().find(|p| !p.current).unwrap().clone();
    let used = api
        .plaza_use_remembering(PlazaRef { plaza: other.id }, Some(&file))
        .unwrap();
    assert_eq!(used.id, other.id);
    assert!(used.current);
    let listed = api.plaza_list(NoParams {}).unwrap();
    assert_eq!(listed.iter().find(|p| p.current).unwrap().id, other.id);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(&other.name), "{text}");

    // The next start: a fresh connection opens in the first plaza and goes back to the chosen.
    let mut next = Db::open_team(&url).unwrap();
    let mut api = Api::local(&mut next);
    assert_eq!(api.plaza_reopen_from(Some(&file)).unwrap().id, other.id);
    assert_eq!(
        crate::team::plaza::current(api.db()).unwrap().id,
        other.id,
        "the connection works in the remembered plaza"
    );
    // A plaza no longer granted (here: a name that is gone) leaves the first one.
    crate::db::remember_plaza(&file, &url, "已关闭的广场").unwrap();
    let mut later = Db::open_team(&url).unwrap();
    let first = crate::team::plaza::current(&later).unwrap();
    assert_eq!(
        Api::local(&mut later)
            .plaza_reopen_from(Some(&file))
            .unwrap(),
        first
    );
    // A plaza this login may not use is refused and nothing is remembered.
    let refused = Api::local(&mut later)
        .plaza_use_remembering(PlazaRef { plaza: -7 }, Some(&file))
        .unwrap_err();
    assert_eq!(refused.code(), "team.no_such_plaza");
    assert_eq!(
        crate::db::remembered_plaza(&file, &url).as_deref(),
        Some("已关闭的广场")
    );
}

#[test]
fn the_comparison_has_a_column_per_plaza_and_its_csv_every_wallet() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("广场对比.csv");
    let export = |api: &mut Api| {
        api.stats_compare_plazas_export(PlazaCompareExport {
            campaign: "周年庆".into(),
            path: csv.display().to_string(),
        })
        .unwrap();
        std::fs::read_to_string(&csv).unwrap()
    };
    let Some((_admin, url)) = two_plazas() else {
        // The local file: one column, its own mall's.
        let mut db = Db::open_in_memory().unwrap();
        campaign_with_bill(&mut db, "alipay-trade-detail-gbk.csv");
        let mut api = Api::local(&mut db);
        let compared = api
            .stats_compare_plazas(PlazaCompare {
                campaign: "周年庆".into(),
            })
            .unwrap();
        assert_eq!(compared.columns.len(), 1);
        let text = export(&mut api);
        assert!(text.contains("My Mall,周年庆,合计,"), "{text}");
        assert!(text.contains("支付宝"), "{text}");
        assert!(!text.contains("朝阳广场"), "{text}");
        return;
    };
    let mut db = Db::open_team(&url).unwrap();
    let mut api = Api::local(&mut db);
    let before = crate::team::plaza::current(api.db()).unwrap();
    let compared = api
        .stats_compare_plazas(PlazaCompare {
            campaign: "周年庆".into(),
        })
        .unwrap();
    assert_eq!(compared.columns.len(), 2);
    for column in &compared.columns {
        assert_eq!(column.campaign_name.as_deref(), Some("周年庆"));
        assert!(!column.wallets.is_empty(), "{}", column.plaza.name);
    }
    assert_ne!(
        compared.columns[0].total, compared.columns[1].total,
        "each plaza's own figures"
    );
    assert_eq!(
        crate::team::plaza::current(api.db()).unwrap().id,
        before.id,
        "comparing leaves the person where they were"
    );
    let text = export(&mut api);
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("朝阳广场,周年庆,合计,"), "{text}");
    assert!(text.contains("朝阳广场,周年庆,支付宝,"), "{text}");
    assert!(text.contains("微信支付"), "{text}");
    let missing = api
        .stats_compare_plazas_export(PlazaCompareExport {
            campaign: "没有这个活动".into(),
            path: dir.path().join("x.csv").display().to_string(),
        })
        .unwrap_err();
    assert_eq!(missing.code(), "team.no_such_campaign");
    assert!(!dir.path().join("x.csv").exists());
}
