//! Plazas, the comparison across them, push and pull — on the team store with logins of their
//! own (a superuser, which the suite connects as, is bound by no row policy), and on the
//! embedded store, where there is one mall and nothing to push into.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use super::*;
use crate::campaign::{self, CampaignInput};
use crate::db::{Db, Location};
use crate::import::{import_file, ImportOptions};
use crate::stats::{self, GroupBy, Scope};

/// A test's team database, and logins to it other than the suite's superuser.
struct Team {
    admin: Db,
    url: String,
    name: String,
}

fn unique(prefix: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

impl Team {
    /// On the team store only.
    fn new() -> Option<Team> {
        let admin = Db::open_in_memory().unwrap();
        let Some(Location::Team(url)) = admin.test_location() else {
            return None;
        };
        let name = admin
            .conn()
            .query_row("SELECT current_database()::text", [], |r| r.get(0))
            .unwrap();
        Some(Team { admin, url, name })
    }

    /// A login with a staff member's rights on every table (as IT would grant them, even the
    /// grant table — which must not help); `owner` makes it the database's owner.
    fn login(&self, owner: bool) -> String {
        let role = unique("pd_login");
        let mut sql = format!(
            "CREATE ROLE {role} LOGIN;
             GRANT USAGE ON SCHEMA public TO {role};
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
             GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role};"
        );
        if owner {
            sql.push_str(&format!("ALTER DATABASE {} OWNER TO {role};", self.name));
        }
        self.admin.conn().execute_batch(&sql).unwrap();
        role
    }

    fn url_as(&self, role: &str) -> String {
        self.url.replacen("://postgres@", &format!("://{role}@"), 1)
    }

    fn open_as(&self, role: &str) -> Result<Db, crate::db::DbError> {
        Db::open_team(&self.url_as(role))
    }
}

fn bill(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/bills")
        .join(name)
}

/// The campaign of the bills' month, and one bill's trades, in the current plaza.
fn campaign_with_bill(db: &mut Db, bill_name: &str) -> i64 {
    let c = campaign::add(
        db,
        &CampaignInput {
            name: "周年庆".into(),
            description: String::new(),
            festival: None,
            start: "2019-09-01".into(),
            end: "2019-09-30".into(),
            budget: "1000".into(),
            store_ids: vec![],
        },
        "test",
    )
    .unwrap();
    import_file(db, &bill(bill_name), &ImportOptions::default(), &mut |_| {
        true
    })
    .unwrap();
    c.id
}

fn count(db: &Db, sql: &str) -> i64 {
    db.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn each_plaza_sees_its_own_rows_and_a_login_only_the_plazas_granted_to_it() {
    let Some(team) = Team::new() else {
        // The embedded database is one mall: it lists it, and has no other to add or grant.
        let mut db = Db::open_in_memory().unwrap();
        let list = plazas(&db).unwrap();
        assert_eq!(list.len(), 1);
        assert!(list[0].current);
        assert_eq!(use_plaza(&mut db, list[0].id).unwrap().name, "My Mall");
        assert_eq!(
            add_plaza(&mut db, "朝阳店", "Asia/Shanghai")
                .unwrap_err()
                .code(),
            "team.not_team"
        );
        return;
    };
    let owner = team.login(true);
    let mut db = team.open_as(&owner).unwrap();
    let first = plaza::current(&db).unwrap();
    let second = add_plaza(&mut db, "朝阳店", "Asia/Shanghai").unwrap();
    assert_eq!(
        plaza::current(&db).unwrap().id,
        first.id,
        "adding keeps the session where it was"
    );
    assert_eq!(
        add_plaza(&mut db, "朝阳店", "Asia/Shanghai")
            .unwrap_err()
            .code(),
        "team.plaza_name_taken"
    );

    let a = campaign_with_bill(&mut db, "wechatpay-tradebill-ALL.csv");
    use_plaza(&mut db, second.id).unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM campaign"), 0);
    assert_eq!(count(&db, "SELECT count(*) FROM trade"), 0);
    let b = campaign_with_bill(&mut db, "alipay-trade-detail-gbk.csv");
    // The same bill again in the other plaza is new there (keys are unique within a plaza).
    import_file(
        &mut db,
        &bill("wechatpay-tradebill-ALL.csv"),
        &ImportOptions::default(),
        &mut |_| true,
    )
    .unwrap();
    let in_b = count(&db, "SELECT count(*) FROM trade");
    use_plaza(&mut db, first.id).unwrap();
    let in_a = count(&db, "SELECT count(*) FROM trade");
    assert!(in_a > 0 && in_b > in_a, "{in_a} {in_b}");
    assert_eq!(count(&db, "SELECT count(*) FROM campaign"), 1);
    assert_eq!(count(&db, "SELECT id FROM campaign"), a);
    assert_ne!(a, b);

    // A login granted only the first plaza.
    let clerk = team.login(false);
    grant_plaza(&mut db, &clerk, &first.name).unwrap();
    let mut theirs = team.open_as(&clerk).unwrap();
    let seen: Vec<String> = plazas(&theirs)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(seen, std::slice::from_ref(&first.name));
    assert_eq!(count(&theirs, "SELECT count(*) FROM trade"), in_a);
    assert_eq!(
        use_plaza(&mut theirs, second.id).unwrap_err().code(),
        "team.no_such_plaza"
    );
    assert_eq!(
        grant_plaza(&mut theirs, &clerk, &first.name)
            .unwrap_err()
            .code(),
        "team.may_not_manage"
    );
    // Raw SQL: the setting set by hand, the function asked directly, the grant table written.
    let raw = theirs.conn();
    raw.query_row(
        "SELECT set_config('promodesk.mall', CAST(?1 AS TEXT), false)",
        [second.id],
        |_| Ok(()),
    )
    .unwrap();
    for table in [
        "trade_row",
        "trade_hour_row",
        "campaign",
        "import_batch",
        "merchant_ref",
        "provider_setting",
    ] {
        assert_eq!(
            count(&theirs, &format!("SELECT count(*) FROM {table}")),
            0,
            "{table}"
        );
    }
    assert!(raw
        .execute(
            "INSERT INTO store (name, mall_id) VALUES ('x', ?1)",
            [second.id]
        )
        .is_err());
    assert!(raw
        .query_row("SELECT promodesk_use_mall(?1)", [second.id], |_| Ok(()))
        .is_err());
    assert!(raw
        .execute(
            "INSERT INTO mall_grant (role_name, mall_id) VALUES (?1, ?2)",
            crate::sql::params![clerk, second.id],
        )
        .is_err());
    assert!(!plazas(&theirs).unwrap().iter().any(|p| p.id == second.id));

    // A superuser is bound by no policy: with two plazas PromoDesk will not work as one.
    match Db::open_team(&team.url) {
        Err(e) => assert_eq!(e.code(), "team.bypasses_plazas"),
        Ok(_) => panic!("a superuser opened a database of two plazas"),
    }

    // The comparison: one column per plaza, each equal to that plaza's own statistics.
    use_plaza(&mut db, second.id).unwrap();
    let compared = compare_plazas(&mut db, "周年庆").unwrap();
    assert_eq!(
        plaza::current(&db).unwrap().id,
        second.id,
        "back where it was"
    );
    assert_eq!(compared.columns.len(), 2);
    for column in &compared.columns {
        use_plaza(&mut db, column.plaza.id).unwrap();
        let scope = Scope {
            campaign: column.campaign_id,
            ..Scope::default()
        };
        assert_eq!(
            column.total.as_ref(),
            Some(&stats::kpis(&db, &scope).unwrap())
        );
        let own = stats::grouped(&db, &scope, GroupBy::Provider).unwrap();
        assert_eq!(column.wallets.len(), own.len());
        for (w, g) in column.wallets.iter().zip(&own) {
            assert_eq!(
                (w.order, w.redemptions, w.coupon),
                (g.kpis.order, g.kpis.redemptions, g.kpis.coupon)
            );
        }
    }
    let orders: Vec<_> = compared
        .columns
        .iter()
        .map(|c| c.total.as_ref().unwrap().order)
        .collect();
    assert_ne!(orders[0], orders[1], "the plazas' figures are their own");
    assert_eq!(
        compare_plazas(&mut db, "没有这个活动").unwrap_err().code(),
        "team.no_such_campaign"
    );
}

#[test]
fn the_comparison_of_the_one_local_mall_has_one_column() {
    if Team::new().is_some() {
        // Covered with two plazas above; a team database of one plaza compares one column.
        let mut db = Db::open_in_memory().unwrap();
        campaign_with_bill(&mut db, "alipay-trade-detail-gbk.csv");
        assert_eq!(compare_plazas(&mut db, "周年庆").unwrap().columns.len(), 1);
        return;
    }
    let mut db = Db::open_in_memory().unwrap();
    let id = campaign_with_bill(&mut db, "alipay-trade-detail-gbk.csv");
    let compared = compare_plazas(&mut db, "周年庆").unwrap();
    assert_eq!(compared.columns.len(), 1);
    let scope = Scope {
        campaign: Some(id),
        ..Scope::default()
    };
    assert_eq!(
        compared.columns[0].total,
        Some(stats::kpis(&db, &scope).unwrap())
    );
    let mut csv = Vec::new();
    compare::write_csv(&compared, &mut csv).unwrap();
    assert!(String::from_utf8(csv)
        .unwrap()
        .contains("My Mall,周年庆,合计"));
}

/// A desktop's database with the demo in it.
fn demo_file(dir: &Path) -> Db {
    let mut db = Db::open(&dir.join("desk.db")).unwrap();
    crate::demo::load(
        &mut db,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        false,
    )
    .unwrap();
    db
}

#[test]
fn a_push_copies_every_table_into_a_new_plaza_and_a_second_keeps_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = demo_file(dir.path());
    let Some(team) = Team::new() else {
        let mut local = Db::open_in_memory().unwrap();
        assert_eq!(
            push(&mut source, &mut local, None).unwrap_err().code(),
            "team.not_team"
        );
        return;
    };
    let owner = team.login(true);
    let mut target = team.open_as(&owner).unwrap();
    let home = plaza::current(&target).unwrap();
    let first = push(&mut source, &mut target, Some("望京店")).unwrap();
    assert!(first.checks.iter().all(|c| c.equal()));
    let trades = first.checks.iter().find(|c| c.table == "trade").unwrap();
    assert!(trades.source[0].1 > 100, "{trades}");
    assert_eq!(plaza::current(&target).unwrap().id, home.id);
    let second = push(&mut source, &mut target, Some("望京二店")).unwrap();
    assert!(second.checks.iter().all(|c| c.equal()));
    // Into a plaza that holds data already: refused, nothing written.
    assert_eq!(
        push(&mut source, &mut target, Some("望京店"))
            .unwrap_err()
            .code(),
        "team.plaza_not_empty"
    );
    // Each plaza's campaign statistics are the desktop's own, to the fen.
    let name: String = source
        .conn()
        .query_row(
            "SELECT name FROM campaign WHERE name LIKE '%3.8%' ORDER BY starts_at LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let of = |db: &Db| {
        let id: i64 = db
            .conn()
            .query_row("SELECT id FROM campaign WHERE name = ?1", [&name], |r| {
                r.get(0)
            })
            .unwrap();
        let scope = Scope {
            campaign: Some(id),
            ..Scope::default()
        };
        (
            stats::kpis(db, &scope).unwrap(),
            stats::campaign_cost(db, id).unwrap(),
        )
    };
    let expected = of(&source);
    assert!(expected.0.redemptions > 0);
    for plaza in [&first.plaza, &second.plaza] {
        use_plaza(&mut target, plaza.id).unwrap();
        assert_eq!(of(&target), expected, "{}", plaza.name);
    }
    assert_eq!(
        count(&target, "SELECT count(*) FROM trade"),
        count(&source, "SELECT count(*) FROM trade")
    );
}

#[test]
fn a_pulled_copy_has_the_plazas_totals_and_refuses_changes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("copy.db");
    let Some(team) = Team::new() else {
        let mut local = Db::open_in_memory().unwrap();
        let now = chrono::Utc::now();
        assert_eq!(
            pull(&mut local, &file, now).unwrap_err().code(),
            "team.not_team"
        );
        // A file marked as a copy (as a pull marks it) opens read-only.
        let mut db = Db::open(&file).unwrap();
        db.write(|tx| {
            tx.execute(
                "INSERT INTO app_setting (key, value) VALUES (?1, ?2)",
                [
                    pull::READ_ONLY_COPY,
                    r#"{"source":"postgres://li@db/pd","taken_at":"2027-03-08 18:00"}"#,
                ],
            )
        })
        .unwrap();
        drop(db);
        refuses_changes(&file);
        return;
    };
    let mut source = demo_file(dir.path());
    let owner = team.login(true);
    let mut server = team.open_as(&owner).unwrap();
    let pushed = push(&mut source, &mut server, Some("望京店")).unwrap();
    use_plaza(&mut server, pushed.plaza.id).unwrap();
    let pulled = pull(&mut server, &file, chrono::Utc::now()).unwrap();
    assert!(pulled.checks.iter().all(|c| c.equal()));
    assert_eq!(
        pulled
            .checks
            .iter()
            .find(|c| c.table == "trade")
            .map(|c| &c.target),
        pushed
            .checks
            .iter()
            .find(|c| c.table == "trade")
            .map(|c| &c.target)
    );
    assert!(!format!("{:?}", pulled).contains("password"));
    let copy = Db::open(&file).unwrap();
    assert_eq!(
        stats::kpis(&copy, &Scope::default()).unwrap(),
        stats::kpis(&source, &Scope::default()).unwrap()
    );
    let mark = copy.read_only_copy().unwrap();
    assert_eq!(
        mark.source,
        crate::sql::pg::Redacted::new(&team.url_as(&owner)).to_string()
    );
    drop(copy);
    refuses_changes(&file);
    assert_eq!(
        pull(&mut server, &file, chrono::Utc::now())
            .unwrap_err()
            .code(),
        "team.file_exists"
    );
}

/// The read-only copy at `file` refuses a change with its own words, and lists as before.
fn refuses_changes(file: &Path) {
    let mut db = Db::open(file).unwrap();
    assert!(db.read_only_copy().is_some());
    let err = crate::store::add(
        &mut db,
        &crate::store::StoreInput {
            name: "新店".into(),
            floor: String::new(),
            category: String::new(),
            merchant_ids: vec![],
            move_taken_ids: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "db.read_only_copy");
    assert!(crate::Error::from(err).localized().zh.contains("只读副本"));
    let mut api = crate::api::Api::new(&mut db, "test");
    api.apply_due_statuses_if_free().unwrap();
}

#[test]
fn every_table_of_the_team_schema_belongs_to_a_plaza_or_to_the_database() {
    let Some(team) = Team::new() else {
        let db = Db::open_in_memory().unwrap();
        assert_eq!(count(&db, "SELECT count(*) FROM current_mall"), 1);
        return;
    };
    let mut statement = team
        .admin
        .conn()
        .prepare(
            "SELECT t.tablename::text,
                    CASE WHEN EXISTS (SELECT 1 FROM information_schema.columns c
                                      WHERE c.table_schema = t.schemaname
                                        AND c.table_name = t.tablename
                                        AND c.column_name = 'mall_id') THEN 1 ELSE 0 END,
                    CASE WHEN t.rowsecurity THEN 1 ELSE 0 END
             FROM pg_tables t WHERE t.schemaname = current_schema() ORDER BY 1",
        )
        .unwrap();
    let tables: Vec<(String, i64, i64)> = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut unplaced = Vec::new();
    for (name, has_plaza, secured) in &tables {
        let global = tables::GLOBAL.contains(&name.as_str());
        let known = global
            || tables::COPIED.iter().any(|c| c.name == name)
            || tables::DERIVED.contains(&name.as_str())
            || tables::HISTORY.contains(&name.as_str())
            || tables::TRADES.contains(&name.as_str());
        if !known || (!global && (*has_plaza, *secured) != (1, 1)) {
            unplaced.push(name.clone());
        }
    }
    assert!(unplaced.is_empty(), "tables neither a plaza's (mall_id + row security, listed in team/tables.rs) nor the database's: {unplaced:?}");
}

/// A staff login's "back up now" on a team database is PostgreSQL's dump of the plaza open,
/// made as that login: row security gives it that plaza's rows only, and the grant table it
/// may not read is left out. On the embedded store the backup is the whole file.
#[test]
fn a_staff_logins_backup_is_a_dump_of_the_plaza_it_has_open() {
    let folder = tempfile::tempdir().unwrap();
    let Some(team) = Team::new() else {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("promodesk.db")).unwrap();
        campaign_with_bill(&mut db, "wechatpay-tradebill-ALL.csv");
        let place = Some((crate::backup::folder(db.path()), "db"));
        let made = crate::backup::create_in(&db, "manual", place).unwrap();
        let copy = Db::open(Path::new(&made.path)).unwrap();
        assert_eq!(count(&copy, "SELECT count(*) FROM campaign"), 1);
        return;
    };
    let owner = team.login(true);
    let mut db = team.open_as(&owner).unwrap();
    let first = plaza::current(&db).unwrap();
    let second = add_plaza(&mut db, "朝阳店", "Asia/Shanghai").unwrap();
    campaign_with_bill(&mut db, "wechatpay-tradebill-ALL.csv");
    use_plaza(&mut db, second.id).unwrap();
    campaign_with_bill(&mut db, "alipay-trade-detail-gbk.csv");
    let in_second = count(&db, "SELECT count(*) FROM trade_row");
    let clerk = team.login(false);
    grant_plaza(&mut db, &clerk, &second.name).unwrap();

    let theirs = team.open_as(&clerk).unwrap();
    let place = Some((folder.path().to_path_buf(), "dump"));
    let made = crate::backup::create_in(&theirs, "manual", place).unwrap();
    let server = crate::db::team::test_server().unwrap();
    let mut copy = crate::backup::dump::RestoredCopy::of(&server, &made.path);
    assert_eq!(copy.count("SELECT count(*) FROM trade_row"), in_second);
    assert_eq!(copy.count("SELECT count(*) FROM campaign"), 1);
    assert_eq!(
        copy.count(&format!(
            "SELECT count(*) FROM mall WHERE id = {}",
            first.id
        )),
        0,
        "the plaza not granted is not in the dump"
    );
    assert_eq!(
        copy.count("SELECT count(*) FROM pg_tables WHERE tablename = 'mall_grant'"),
        0
    );
}
