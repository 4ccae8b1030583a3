//! People, roles and history on both stores. The role tests connect to the team test server as
//! login roles in each PromoDesk group (core/migrations/postgres/roles.sql run on the test
//! database) and check that the *server* refuses what the role may not do, from PromoDesk and
//! from plain SQL; in the SQLite run they check the embedded store's one person with every role.

use super::*;
use crate::campaign::{CampaignInput, CampaignPatch};
use crate::coupon::{self, Product};

/// The team test server's URL (`PROMODESK_TEST_STORE`), on the PostgreSQL run.
fn server() -> Option<String> {
    std::env::var("PROMODESK_TEST_STORE")
        .ok()
        .filter(|s| crate::sql::pg::is_url(s))
}

/// Runs roles.sql on `db`'s test database and makes the login role `pd_test_<group>` (no
/// password: the test cluster trusts its socket), once per process for the cluster-wide part.
/// Answers a [`Db`] connected as that login to the same database.
pub(crate) fn connect_as(db: &Db, group: Role) -> Db {
    use std::sync::Mutex;
    static CLUSTER: Mutex<()> = Mutex::new(());
    let server = server().expect("a team test server");
    let login = format!("pd_test_{}", group.name().en);
    {
        // Roles are the cluster's, shared by the tests running at once: one at a time.
        let _one = CLUSTER.lock().unwrap_or_else(|e| e.into_inner());
        db.conn().execute_batch(ROLES_SQL).expect("roles.sql");
        db.conn()
            .execute_batch(&format!(
                "DO $$ BEGIN
                   IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{login}') THEN
                     CREATE ROLE {login} LOGIN IN ROLE {};
                   END IF;
                 END $$;",
                group.pg_name()
            ))
            .expect("login role");
    }
    let database: String = db
        .conn()
        .query_row("SELECT CAST(current_database() AS TEXT)", [], |r| r.get(0))
        .unwrap();
    let query = server.split_once('?').map_or("", |(_, q)| q);
    Db::open_team(&format!("postgresql://{login}@/{database}?{query}")).expect("connect as login")
}

fn campaign(db: &mut Db) -> i64 {
    crate::campaign::add(
        db,
        &CampaignInput {
            name: "2027 3.8 女神节".into(),
            start: "2027-03-06".into(),
            end: "2027-03-09".into(),
            budget: "100000".into(),
            ..Default::default()
        },
        "t",
    )
    .unwrap()
    .id
}

#[test]
fn the_person_chooses_a_name_and_holds_roles() {
    let mut db = Db::open_in_memory().unwrap();
    let me = me(&db).unwrap();
    assert_eq!(me.display_name, None);
    assert_eq!(me.team, server().is_some());
    if server().is_some() {
        // The test server's superuser: a member of every role there is.
        assert_eq!(me.role_name, "postgres");
    } else {
        assert_eq!(me.role_name, crate::local_user());
    }
    assert_eq!(me.roles, Role::ALL.to_vec(), "every role");
    assert!(matches!(
        set_my_name(&mut db, "  ", 0),
        Err(PeopleError::BadName)
    ));
    let named = set_my_name(&mut db, "张三", 0).unwrap();
    assert_eq!(named.display_name.as_deref(), Some("张三"));
    assert_eq!(set_my_name(&mut db, "张小三", 0).unwrap().shown(), "张小三");
}

#[test]
fn the_history_names_the_person_and_the_fields_as_the_editors_do() {
    let mut db = Db::open_in_memory().unwrap();
    set_my_name(&mut db, "张三", 0).unwrap();
    let id = campaign(&mut db);
    let coupons = coupon::add_offer(
        &mut db,
        id,
        &[Product::WechatCash],
        &coupon::test_support::fixed_spec("满100减10", "10", "100", 500),
    )
    .unwrap();
    let mut spec = coupons[0].spec.clone();
    spec.face_value = "20".into();
    coupon::edit(&mut db, coupons[0].id, &spec).unwrap();
    crate::campaign::edit(
        &mut db,
        id,
        &CampaignPatch {
            budget: Some("120000".into()),
            ..Default::default()
        },
    )
    .unwrap();

    let history = campaign_history(&db, id).unwrap();
    let zh: Vec<&str> = history.iter().map(|e| e.summary.zh.as_str()).collect();
    let en: Vec<&str> = history.iter().map(|e| e.summary.en.as_str()).collect();
    assert_eq!(
        zh[0], "张三 把预算从 ¥100,000.00 改为 ¥120,000.00",
        "newest first: {zh:#?}"
    );
    assert!(
        zh.contains(&"张三 把优惠券“满100减10”的面额从 ¥10.00 改为 ¥20.00"),
        "{zh:#?}"
    );
    assert!(
        en.contains(&"张三 changed the coupon “满100减10”: the face value from ¥10.00 to ¥20.00"),
        "{en:#?}"
    );
    assert!(zh.contains(&"张三 添加了优惠券“满100减10”"), "{zh:#?}");
    assert_eq!(zh.last(), Some(&"张三 创建了活动“2027 3.8 女神节”"));
    for e in &history {
        assert_eq!(e.who, "张三");
        for column in ["face_fen", "budget_fen", "updated_at", "_fen"] {
            assert!(
                !e.summary.zh.contains(column) && !e.summary.en.contains(column),
                "{e:?}"
            );
        }
    }
}

#[test]
fn each_role_may_change_only_its_own_part() {
    let mut owner = Db::open_in_memory().unwrap();
    let id = campaign(&mut owner);
    if server().is_none() {
        // The embedded store: one person, every role; nothing is refused by role.
        assert_eq!(me(&owner).unwrap().roles, Role::ALL.to_vec());
        let edited = crate::campaign::edit(
            &mut owner,
            id,
            &CampaignPatch {
                name: Some("改名".into()),
                ..Default::default()
            },
        );
        assert!(edited.is_ok());
        return;
    }
    let rename = |db: &mut Db| {
        crate::campaign::edit(
            db,
            id,
            &CampaignPatch {
                name: Some("改名".into()),
                ..Default::default()
            },
        )
    };

    // A viewer's connection: refused by the server, in PromoDesk's words.
    let mut viewer = connect_as(&owner, Role::Viewer);
    let me_viewer = me(&viewer).unwrap();
    assert_eq!(me_viewer.roles, vec![Role::Viewer]);
    let refused = rename(&mut viewer).unwrap_err();
    assert_eq!(refused.code(), "db.not_permitted");
    assert!(
        refused
            .localized()
            .en
            .contains("your role (viewer) cannot change this"),
        "{}",
        refused.localized().en
    );
    assert!(refused
        .localized()
        .zh
        .contains("你的角色（查看者）不能修改"));
    assert!(!refused.localized().en.contains("permission denied"));
    // … and outside PromoDesk: plain SQL on the viewer's own connection.
    {
        let pg = viewer.conn().postgres().expect("team");
        let mut client = pg.client();
        for sql in [
            "INSERT INTO store (name) VALUES ('旁门')",
            "UPDATE campaign SET budget_fen = 0",
            "DELETE FROM coupon",
            "INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, changed_at) VALUES (1, 'x', 1, 'insert', 'x', 0)",
        ] {
            let err = client.batch_execute(sql).expect_err(sql);
            assert_eq!(
                err.code(),
                Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
                "{sql}: {err}"
            );
        }
    }
    // The viewer still names themselves, and reads.
    set_my_name(&mut viewer, "李四", 0).unwrap();
    assert_eq!(
        crate::campaign::get(&viewer, id).unwrap().name,
        "2027 3.8 女神节"
    );

    // An importer cannot edit a campaign.
    let mut importer = connect_as(&owner, Role::Importer);
    let refused = rename(&mut importer).unwrap_err();
    assert_eq!(refused.code(), "db.not_permitted");
    assert!(refused.localized().en.contains("your role (importer)"));

    // A planner can, and the history names them by their login until they choose a name.
    let mut planner = connect_as(&owner, Role::Planner);
    rename(&mut planner).unwrap();
    let history = campaign_history(&owner, id).unwrap();
    assert_eq!(history[0].role_name, "pd_test_planner");
    assert!(history[0]
        .summary
        .zh
        .starts_with("pd_test_planner 把名称从"));
    // … but a planner does not change statuses: that is the approver's.
    let refused = crate::campaign::set_status(
        &mut planner,
        id,
        crate::campaign::CampaignStatus::Cancelled,
        "pd_test_planner",
        "",
    )
    .unwrap_err();
    assert_eq!(refused.code(), "db.not_permitted", "{refused}");
    assert!(refused.localized().en.contains("your role (planner)"));
}
