//! Messages a Chinese-speaking marketing office reads carry no field names (`face_value`), no
//! internal ids (`wechat_pay`) and no operating-system text ("No such file or directory (os
//! error 2)"): one representative failure for every error code core has, its zh text checked.
//!
//! The codes are read from the `code()` functions' source, so a new code without a sample
//! here fails the test.

use crate::campaign::{CampaignError, CampaignInput, CampaignStatus};
use crate::coupon::{CouponError, CouponSpec, Product};
use crate::db::DbError;
use crate::fault::Fault;
use crate::import::{ImportError, Mismatch};
use crate::provider::{Provider, ProviderError};
use crate::report::ReportError;
use crate::stats::{FootfallError, StatsError};
use crate::store::{MerchantAccount, MerchantIdKind, StoreError, StoreInput, StoreRef};
use crate::{Db, Error, Localized};

/// ASCII words that may stand in Chinese text: names of products, formats and units that the
/// office itself writes in Latin letters, and the date pattern a hint shows.
const ALLOWED: &[&str] = &[
    "PromoDesk",
    "POS",
    "PID",
    "CSV",
    "XLSX",
    "XLS",
    "ODS",
    "Excel",
    "PDF",
    "ZIP",
    "SQLite",
    "UTF",
    "GBK",
    "BOM",
    "YYYY",
    "MM",
    "DD",
    "HH",
    "MB",
    "T",
    "ID",
    "fonts",
    "noto",
    "cjk",
    "PROMODESK_PDF_FONT",
    "WPS",
    "IANA",
    "Asia",
    "Shanghai",
    "E",
];

/// Why `zh` would not read as Chinese to its user, if it would not.
fn fault_in(zh: &str) -> Option<String> {
    let lower = zh.to_lowercase();
    for english in [
        "os error",
        "no such file",
        "permission denied",
        "directory",
        "not found",
        "error",
        "failed",
        "invalid",
        "database",
        "column",
        "line ",
    ] {
        if lower.contains(english) {
            return Some(format!("English system text “{english}”"));
        }
    }
    // ASCII words (letters, digits and underscores; paths and ids shown to the user come in
    // the samples as Chinese or digits, so they do not count).
    // A word right after a dot or a hyphen is a file's extension (三八.xlsx, 商场.db-wal).
    let mut word = String::new();
    let (mut prev, mut before_word) = (' ', ' ');
    for ch in zh.chars().chain(std::iter::once(' ')) {
        if ch.is_ascii_alphanumeric() || ch == '_' {
            if word.is_empty() {
                before_word = prev;
            }
            word.push(ch);
            prev = ch;
            continue;
        }
        prev = ch;
        let w = std::mem::take(&mut word);
        if w.is_empty() || w.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if before_word == '.' || before_word == '-' {
            continue;
        }
        if w.contains('_') && w != "PROMODESK_PDF_FONT" {
            return Some(format!("field name “{w}”"));
        }
        if w.chars().any(|c| c.is_ascii_alphabetic()) && !ALLOWED.contains(&w.as_str()) {
            return Some(format!("ASCII word “{w}”"));
        }
    }
    None
}

fn os_error(code: i32) -> std::io::Error {
    std::io::Error::from_raw_os_error(code)
}

/// Representative failures, each with the code it must carry.
fn samples() -> Vec<(String, Localized)> {
    let mut out: Vec<(String, Localized)> = Vec::new();
    let mut push = |e: Error| out.push((e.code().to_string(), e.localized()));
    let sqlite = || crate::sql::Error::QueryReturnedNoRows;
    let problem = || {
        crate::Problem::new(
            "face_value",
            "coupon.required",
            "amount off is missing",
            "缺少面额",
        )
    };
    // Campaigns.
    push(CampaignError::Invalid(vec![problem()]).into());
    push(CampaignError::NotFound(7).into());
    push(
        CampaignError::IllegalTransition {
            id: 7,
            from: CampaignStatus::Ended,
            to: CampaignStatus::Live,
        }
        .into(),
    );
    push(CampaignError::RemoveLive(7).into());
    push(
        CampaignError::NotReady {
            id: 7,
            failing: vec!["dates".into()],
            failing_zh: vec!["日期已过".into()],
        }
        .into(),
    );
    push(CampaignError::Launch("无法读取".into()).into());
    push(CampaignError::UnknownStatus("上线了".into()).into());
    push(CampaignError::NonexistentLocalTime("2027-03-08 02:30".into()).into());
    push(CampaignError::Db(sqlite()).into());
    // Someone else saved first: by a person, by the clock, by no one recorded.
    let budget = crate::db::revision::change(
        "campaign.changed_elsewhere",
        "budget",
        ("budget", "预算"),
        &crate::db::revision::same("¥50,000.00"),
        &crate::db::revision::same("¥60,000.00"),
    );
    for (by, yours) in [
        ("王芳", false),
        (crate::campaign::CLOCK, false),
        ("", false),
        ("王芳", true),
    ] {
        push(
            CampaignError::ChangedElsewhere {
                id: 7,
                name: "3.8 女神节".into(),
                revision: 4,
                by: by.into(),
                yours,
                changes: vec![budget.clone()],
            }
            .into(),
        );
    }
    // Providers, mall, calendar.
    push(ProviderError::Unknown("微信".into()).into());
    push(ProviderError::Invalid(vec![problem()]).into());
    push(crate::mall::MallError::Invalid(vec![problem()]).into());
    push(crate::calendar::CalendarError::YearOutOfRange(1800).into());
    push(crate::calendar::CalendarError::UnknownFestival("妇女节".into()).into());
    // Statistics and footfall.
    push(StatsError::BadDate("from", "明天".into()).into());
    push(StatsError::CampaignNotFound(7).into());
    push(StatsError::BadGroup("周".into()).into());
    let file = "客流.csv".to_string();
    push(FootfallError::Io(file.clone(), os_error(2)).into());
    push(FootfallError::Io(file.clone(), os_error(13)).into());
    push(FootfallError::TooLarge(file.clone()).into());
    push(FootfallError::Empty(file.clone()).into());
    push(
        FootfallError::MissingColumn {
            file: file.clone(),
            column: "visitors",
        }
        .into(),
    );
    push(
        FootfallError::BadValue {
            file: file.clone(),
            line: 3,
            // The header as the file itself wrote it.
            column: "客流".into(),
            value: "许多".into(),
            expected: "a whole number",
        }
        .into(),
    );
    push(
        FootfallError::Duplicate {
            file,
            line: 4,
            first: 2,
        }
        .into(),
    );
    // Stores.
    push(StoreError::Invalid(vec![problem()]).into());
    push(StoreError::NotFound(3).into());
    push(
        StoreError::InUse {
            id: 3,
            campaigns: vec![7],
        }
        .into(),
    );
    let account = MerchantAccount::new(Provider::WechatPay, MerchantIdKind::SubMchId, "1900012301");
    push(
        StoreError::MerchantIdTaken {
            account: account.clone(),
            owner: StoreRef {
                id: 4,
                name: "优衣库".into(),
            },
        }
        .into(),
    );
    push(
        StoreError::MerchantIdNotFound {
            provider: Provider::Alipay,
            merchant_id: "2088102".into(),
        }
        .into(),
    );
    // Coupons.
    push(CouponError::Invalid(vec![problem()]).into());
    push(CouponError::NotFound(9).into());
    push(CouponError::CampaignNotFound(7).into());
    push(
        CouponError::ChangedElsewhere {
            name: "满200减30".into(),
            revisions: vec![crate::db::Revision { id: 9, revision: 3 }],
            by: "王芳".into(),
            yours: false,
            changes: vec![crate::db::revision::change(
                "coupon.changed_elsewhere",
                "face_value",
                ("face value", "面额"),
                &crate::db::revision::same("¥30.00"),
                &crate::db::revision::same("¥40.00"),
            )],
        }
        .into(),
    );
    push(
        CouponError::OverBudget {
            needed: "30000".into(),
            budget: "20000".into(),
        }
        .into(),
    );
    // Imports.
    for e in [
        ImportError::Empty,
        ImportError::Binary,
        ImportError::PersonalBill("wechat"),
        ImportError::PersonalBill("alipay"),
        ImportError::ResavedBySpreadsheet {
            line: 5,
            column: "微信订单号".into(),
            value: "4.2E+27".into(),
        },
        ImportError::AlipayLedger { line: Some(3) },
        ImportError::UnknownFormat,
        ImportError::MissingColumn {
            line: 1,
            column: "交易时间".into(),
        },
        ImportError::BadValue {
            line: 9,
            column: "应结订单金额".into(),
            value: "十元".into(),
            why: "an amount",
        },
        ImportError::ColumnCount {
            line: 9,
            found: 3,
            expected: 27,
        },
        ImportError::LineTooLong {
            line: 9,
            limit: 65_536,
        },
        ImportError::Truncated { line: 9 },
        ImportError::Mismatch(vec![Mismatch {
            figure: "应结订单总金额".into(),
            summary: "100.00".into(),
            rows: "90.00".into(),
        }]),
        ImportError::ZipTraversal("../上级.csv".into()),
        ImportError::ZipTooLarge {
            name: "明细.csv".into(),
            limit_mb: 512,
        },
        ImportError::ZipNoDetail("账单.zip".into()),
        ImportError::Zip("账单.zip".into()),
        ImportError::Cancelled,
        ImportError::DiskFull {
            dir: "/数据".into(),
            needed_mb: 40,
            free_mb: Some(3),
        },
        ImportError::Io(os_error(2)),
        ImportError::Io(os_error(13)),
        ImportError::Io(os_error(21)),
        ImportError::Io(os_error(5)),
        ImportError::BatchNotFound(12),
        ImportError::MappingNotFound("银联".into()),
        ImportError::MappingRequired,
        ImportError::Invalid(vec![problem()]),
    ] {
        push(e.into());
    }
    // Reports.
    for e in [
        ReportError::CampaignNotFound(7),
        ReportError::UnknownFormat("文档".into()),
        ReportError::WrongExtension {
            path: "/报告/三八.txt".into(),
            extension: "xlsx",
        },
        ReportError::Unwritable {
            path: "/报告".into(),
            reason: os_error(13).to_string(),
        },
        ReportError::Write("/报告/三八.xlsx".into()),
        ReportError::Io(os_error(2)),
        ReportError::DiskFull {
            path: "/报告/三八.pdf".into(),
            needed_mb: 5,
            kept: true,
        },
        ReportError::NoCjkFont,
        ReportError::Cancelled,
    ] {
        push(e.into());
    }
    // Launch.
    push(
        crate::launch::LaunchError::NotReady {
            id: 7,
            failing: vec!["dates".into()],
            failing_zh: vec!["日期已过".into()],
        }
        .into(),
    );
    push(crate::launch::LaunchError::BadRate(("take-up", "领取率")).into());
    push(crate::launch::LaunchError::BadTicket("很多".into()).into());
    push(crate::launch::LaunchError::BadTime("明天中午".into()).into());
    push(crate::launch::LaunchError::NotSignedOff { id: 7 }.into());
    push(
        crate::launch::LaunchError::SignoffVoid {
            id: 7,
            by: "王经理".into(),
            at: "2027-03-01 10:00".into(),
            changes: vec![Localized::new(
                "张三 changed the coupon “满100减10”: the face value from ¥10.00 to ¥20.00",
                "张三 把优惠券“满100减10”的面额从 ¥10.00 改为 ¥20.00",
            )],
        }
        .into(),
    );
    push(crate::people::PeopleError::BadName.into());
    // Demo, database, backups.
    push(
        crate::demo::DemoError::NotEmpty {
            stores: 2,
            campaigns: 1,
        }
        .into(),
    );
    push(crate::demo::DemoError::Files(os_error(28)).into());
    push(
        crate::demo::DemoError::NotDemo {
            path: "/数据/演示/商场演示.db".into(),
        }
        .into(),
    );
    push(
        DbError::SchemaTooNew {
            path: "/数据/商场.db".into(),
            found: 30,
            supported: 12,
        }
        .into(),
    );
    push(
        DbError::CreateDir {
            path: "/数据".into(),
            source: os_error(13),
        }
        .into(),
    );
    push(DbError::NoDataDir.into());
    push(DbError::NotATeamUrl.into());
    push(DbError::Remember("拒绝访问".into()).into());
    push(DbError::Backup("磁盘已满".into()).into());
    push(DbError::Sqlite(sqlite()).into());
    for e in [
        crate::backup::BackupError::InMemory,
        crate::backup::BackupError::RestoreOnServer("/备份/三月八日的备份".into()),
        crate::backup::BackupError::NoDumpTool,
        crate::backup::BackupError::DumpToolTooOld,
        crate::backup::BackupError::DumpFailed("connection refused".into()),
        crate::backup::BackupError::NotFound("2027-03-08".into()),
        crate::backup::BackupError::Damaged("2027-03-08".into()),
        crate::backup::BackupError::BadKeep(-1),
        crate::backup::BackupError::Io {
            path: "/备份".into(),
            source: os_error(13),
        },
    ] {
        push(e.into());
    }
    for fault in [
        Fault::NotPermitted {
            role: Some(crate::people::Role::Viewer),
        },
        Fault::NotPermitted { role: None },
        Fault::DiskFull {
            dir: Some("/数据".into()),
        },
        Fault::ReadOnly {
            path: Some("/数据/商场.db".into()),
            beside: vec!["商场.db-wal".into()],
        },
        Fault::Gone {
            path: "/数据/商场.db".into(),
            dir: "/数据".into(),
            folder_gone: true,
        },
        Fault::Gone {
            path: "/数据/商场.db".into(),
            dir: "/数据".into(),
            folder_gone: false,
        },
        Fault::ServerUnreachable,
        Fault::LoginRefused,
        Fault::NoSuchDatabase,
        Fault::ReadOnlyCopy {
            source: "postgres://li@db/promodesk".into(),
            taken_at: "2027-03-08 18:00".into(),
        },
    ] {
        push(DbError::from(fault).into());
    }
    use crate::team::TeamError;
    for e in [
        TeamError::NotTeam,
        TeamError::NoSuchPlaza("朝阳店".into()),
        TeamError::NoPlazaGranted {
            role: "李雷".into(),
        },
        TeamError::Bypasses {
            role: "李雷".into(),
        },
        TeamError::MayNotManage,
        TeamError::NameTaken("朝阳店".into()),
        TeamError::NotEmpty("朝阳店".into()),
        TeamError::Mismatch(vec![crate::team::TableCheck {
            table: "trade".into(),
            source: vec![("rows".into(), 5)],
            target: vec![("rows".into(), 4)],
        }]),
        TeamError::FileExists("/数据/副本.db".into()),
        TeamError::NoSuchCampaign("女神节".into()),
        TeamError::Invalid(vec![problem()]),
        TeamError::Unwritable {
            path: "/导出/对比.csv".into(),
            source: os_error(13),
        },
    ] {
        push(e.into());
    }
    push(
        DbError::Plaza(Box::new(TeamError::NoPlazaGranted {
            role: "李雷".into(),
        }))
        .into(),
    );
    use crate::codes::CodesError;
    use crate::print::PrintError;
    for e in [
        CodesError::Invalid(vec![problem()]),
        CodesError::NoCodes(Product::WechatCash),
        CodesError::PoolExists { codes: 450 },
        CodesError::NoPool,
        CodesError::Unreadable {
            file: "券码.csv".into(),
            reason: "gone".into(),
            zh: "找不到该文件".into(),
        },
        CodesError::Unwritable {
            path: "/导出/券码.csv".into(),
            reason: "Permission denied (os error 13)".into(),
        },
        CodesError::WrongExtension {
            path: "/导出/券码".into(),
            extension: "csv",
        },
    ] {
        push(e.into());
    }
    for e in [
        PrintError::Invalid(vec![problem()]),
        PrintError::QrTooLong(3000),
        PrintError::Barcode("券".into()),
        PrintError::NoCjkFont,
        PrintError::Write("krilla: glyph".into()),
        PrintError::Unwritable {
            path: "/导出/海报.pdf".into(),
            reason: "Permission denied (os error 13)".into(),
        },
        PrintError::WrongExtension {
            path: "/导出/海报".into(),
        },
    ] {
        push(e.into());
    }
    out
}

/// Every code that a `code()` function in core names.
fn declared_codes() -> Vec<String> {
    let sources = [
        include_str!("campaign/mod.rs"),
        include_str!("provider/mod.rs"),
        include_str!("stats/footfall.rs"),
        include_str!("stats/mod.rs"),
        include_str!("mall/mod.rs"),
        include_str!("report/mod.rs"),
        include_str!("store/mod.rs"),
        include_str!("coupon/mod.rs"),
        include_str!("import/mod.rs"),
        include_str!("demo/mod.rs"),
        include_str!("db/mod.rs"),
        include_str!("backup/mod.rs"),
        include_str!("calendar/mod.rs"),
        include_str!("fault.rs"),
        include_str!("launch/mod.rs"),
        include_str!("codes/mod.rs"),
        include_str!("print/mod.rs"),
        include_str!("people/mod.rs"),
        include_str!("team/mod.rs"),
    ];
    let mut codes = vec!["db.sqlite".to_string()];
    for source in sources {
        let Some(start) = source.find("pub fn code(&self)") else {
            continue;
        };
        let body = &source[start..];
        let body = &body[..body.find("\n    }\n").unwrap_or(body.len())];
        for piece in body.split('"').skip(1).step_by(2) {
            if piece.contains('.') && !piece.contains(' ') {
                codes.push(piece.to_string());
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

/// The problems real validation gives for a form filled badly in every field.
fn validation_problems() -> Vec<Localized> {
    let mut db = Db::open_in_memory().unwrap();
    let mut out = Vec::new();
    let bad_campaign = CampaignInput {
        name: String::new(),
        start: "下周".into(),
        end: "2027-02-30".into(),
        budget: "很多".into(),
        festival: Some("妇女节".into()),
        store_ids: vec![99],
        description: "长".repeat(5000),
    };
    let e = crate::campaign::add(&mut db, &bad_campaign, "t").unwrap_err();
    out.extend(e.problems().iter().map(|p| p.message.clone()));
    out.push(e.localized());
    let campaign = crate::campaign::add(
        &mut db,
        &CampaignInput {
            name: "春季".into(),
            start: "2027-03-06".into(),
            end: "2027-03-09".into(),
            budget: "100".into(),
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    let mut spec = CouponSpec::blank("2027-03-06".into(), "2027-03-09".into());
    spec.face_value = "很多".into();
    spec.threshold = "-5".into();
    spec.quantity = 0;
    for product in [Product::WechatCash, Product::AlipayVoucher] {
        let e = crate::coupon::add(&mut db, campaign.id, product, &spec).unwrap_err();
        out.extend(e.problems().iter().map(|p| p.message.clone()));
    }
    let e = crate::store::add(
        &mut db,
        &StoreInput {
            name: String::new(),
            merchant_ids: vec![MerchantAccount::new(
                Provider::WechatPay,
                MerchantIdKind::SubMchId,
                "号码",
            )],
            ..Default::default()
        },
    )
    .unwrap_err();
    out.extend(e.problems().iter().map(|p| p.message.clone()));
    let e = crate::mall::update(
        &mut db,
        &crate::mall::MallPatch {
            name: Some(String::new()),
            time_zone: Some("火星".into()),
        },
    )
    .unwrap_err();
    out.push(Error::from(e).localized());
    out.extend(code_problems());
    out.extend(changed_elsewhere());
    out
}

/// Every line a refused save can show: a campaign and a coupon with every field changed by
/// someone else since the editor loaded them.
fn changed_elsewhere() -> Vec<Localized> {
    use crate::api::{Api, CampaignEdit, CampaignSetBudgets, CouponEdit};
    let mut db = Db::open_in_memory().unwrap();
    let store = crate::store::add(
        &mut db,
        &StoreInput {
            name: "优衣库".into(),
            floor: "L1".into(),
            category: String::new(),
            merchant_ids: vec![],
            move_taken_ids: None,
        },
    )
    .unwrap();
    let coupon = crate::codes::tests::campaign_with(&mut db, &[Product::WechatCash], 10)[0];
    let mut api = Api::new(&mut db, "王芳");
    let loaded = api.coupon_get(crate::api::Id { id: coupon }).unwrap();
    let campaign = api
        .campaign_get(crate::api::Id {
            id: loaded.campaign_id,
        })
        .unwrap()
        .campaign;
    api.campaign_edit(CampaignEdit {
        id: campaign.id,
        patch: crate::campaign::CampaignPatch {
            name: Some("女神节".into()),
            description: Some("全场满减".into()),
            festival: Some(String::new()),
            start: Some("2027-03-01".into()),
            end: Some("2027-03-10 21:00".into()),
            budget: Some("99999".into()),
            store_ids: Some(vec![store.id]),
        },
        expected_revision: None,
    })
    .unwrap();
    api.campaign_set_budgets(CampaignSetBudgets {
        id: campaign.id,
        amounts: vec![(Provider::WechatPay, "1000".into())],
        expected_revision: None,
    })
    .unwrap();
    let mut spec = loaded.spec.clone();
    spec.name = "满300减50".into();
    spec.bill_name = "女神节券".into();
    spec.description = "不与其他优惠同享".into();
    spec.face_value = "50".into();
    spec.threshold = "300".into();
    spec.quantity += 1;
    spec.per_user_limit = 2;
    spec.daily_cap = 5;
    spec.store_ids = vec![store.id];
    spec.stacking.exclusive = !spec.stacking.exclusive;
    spec.stacking.priority += 1;
    spec.wallet_color = "Color010".into();
    spec.provider_ref = "1234567".into();
    spec.funding = crate::coupon::Funding {
        mall: "50".into(),
        tenant: "50".into(),
        provider: "0".into(),
    };
    api.coupon_edit(CouponEdit {
        id: coupon,
        spec: spec.clone(),
        expected_revision: None,
    })
    .unwrap();
    let mut out = Vec::new();
    let e = api
        .campaign_edit(CampaignEdit {
            id: campaign.id,
            patch: Default::default(),
            expected_revision: Some(campaign.revision),
        })
        .unwrap_err();
    assert!(e.problems().len() >= 7, "{:?}", e.problems());
    out.extend(e.problems().iter().map(|p| p.message.clone()));
    let e = api
        .coupon_edit(CouponEdit {
            id: coupon,
            spec,
            expected_revision: Some(loaded.revision),
        })
        .unwrap_err();
    assert!(e.problems().len() >= 12, "{:?}", e.problems());
    out.extend(e.problems().iter().map(|p| p.message.clone()));
    out
}

/// The problems of a code pool generated or imported badly in every way, and of a bad link.
fn code_problems() -> Vec<Localized> {
    use std::io::Write;
    let mut db = Db::open_in_memory().unwrap();
    let coupon = crate::codes::tests::campaign_with(&mut db, &[Product::WechatMerchant], 10)[0];
    let mut out = Vec::new();
    for (count, prefix, length) in [(0, "M0", 40), (10, "", 8), (1_000_000, "", 9)] {
        let spec = crate::codes::GenerateSpec {
            count,
            prefix: prefix.into(),
            length,
        };
        let e = crate::codes::generate(&mut db, coupon, &spec, false).unwrap_err();
        out.extend(e.problems().iter().map(|p| p.message.clone()));
    }
    let mut list = tempfile::Builder::new().suffix(".txt").tempfile().unwrap();
    let long = "7".repeat(40);
    write!(list, "券码\n12 34\n{long}\n9999\n9999\n").unwrap();
    let e = crate::codes::import_list(&mut db, coupon, list.path(), false).unwrap_err();
    out.extend(e.problems().iter().map(|p| p.message.clone()));
    let mut redemptions = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    write!(redemptions, "券码,核销时间\n9999,昨天\n").unwrap();
    let e = crate::codes::import_redemptions(&mut db, redemptions.path(), &Default::default())
        .unwrap_err();
    out.extend(e.problems().iter().map(|p| p.message.clone()));
    let mut redemptions = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    write!(redemptions, "号码,日期\n9999,2027-03-08\n").unwrap();
    let e = crate::codes::import_redemptions(&mut db, redemptions.path(), &Default::default())
        .unwrap_err();
    out.extend(e.problems().iter().map(|p| p.message.clone()));
    let spec = crate::print::PrintSpec {
        coupon,
        printable: crate::print::Printable::PosterA4,
        link: "扫码".into(),
        first: 0,
        count: None,
    };
    let e = crate::print::render(&db, &spec, crate::Lang::ZhCn).unwrap_err();
    out.extend(e.problems().iter().map(|p| p.message.clone()));
    assert!(out.len() >= 10, "{out:?}");
    out
}

#[test]
fn every_error_code_has_a_sample_here() {
    let sampled: std::collections::BTreeSet<String> =
        samples().into_iter().map(|(code, _)| code).collect();
    let missing: Vec<String> = declared_codes()
        .into_iter()
        .filter(|c| !sampled.contains(c))
        .collect();
    assert!(missing.is_empty(), "codes without a sample: {missing:?}");
}

#[test]
fn chinese_messages_carry_no_field_names_or_system_text() {
    let mut bad = Vec::new();
    for (code, message) in samples() {
        if let Some(why) = fault_in(&message.zh) {
            bad.push(format!("{code}: {why} in “{}”", message.zh));
        }
    }
    for message in validation_problems() {
        if let Some(why) = fault_in(&message.zh) {
            bad.push(format!("validation: {why} in “{}”", message.zh));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_check_itself_catches_what_it_is_for() {
    assert!(fault_in("缺少face_value").is_some());
    assert!(fault_in("找不到文件：No such file or directory (os error 2)").is_some());
    assert!(fault_in("格式为 wechat-trade").is_some());
    assert!(fault_in("请从 CSV 或 Excel 导入 ¥1,000 的 30%").is_none());
}
