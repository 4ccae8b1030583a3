//! The demo data a newcomer sees on first start: a Beijing mall with eight tenants, its 3.8
//! 女神节 campaign and a few others across the year, dated around today so that statuses read
//! naturally (last year's festival ended, the next one scheduled).
//!
//! The demo goes through the same core functions as a user would, so it obeys every rule.

use chrono::{Datelike, NaiveDate};

mod bills;
mod database;

pub use database::{is_demo_database, open_database, path_beside};

use crate::campaign::{self, CampaignInput, CampaignStatus};
use crate::db::Db;
use crate::mall::{self, MallPatch};
use crate::store::{self, MerchantAccount, StoreInput};
use crate::text::Localized;

/// Errors of loading the demo.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the database already holds {stores} store(s) and {campaigns} campaign(s); the demo is only loaded into an empty database")]
    NotEmpty { stores: i64, campaigns: i64 },
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Campaign(#[from] campaign::CampaignError),
    #[error(transparent)]
    Mall(#[from] mall::MallError),
    #[error(transparent)]
    Coupon(#[from] crate::coupon::CouponError),
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    #[error(transparent)]
    Footfall(#[from] crate::stats::FootfallError),
    #[error("the demo's bills could not be written to the temporary folder: {}", crate::text::io_reason(.0).0)]
    Files(std::io::Error),
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
    #[error(transparent)]
    Open(#[from] crate::db::DbError),
    #[error("{path} holds other data than the demo; move it away to open the demo")]
    NotDemo { path: String },
}

impl DemoError {
    pub fn code(&self) -> &'static str {
        match self {
            DemoError::NotEmpty { .. } => "demo.not_empty",
            DemoError::Store(e) => e.code(),
            DemoError::Campaign(e) => e.code(),
            DemoError::Mall(e) => e.code(),
            DemoError::Coupon(e) => e.code(),
            DemoError::Import(e) => e.code(),
            DemoError::Footfall(e) => e.code(),
            DemoError::Files(_) => "demo.files",
            DemoError::Db(e) => crate::fault::db_code(e),
            DemoError::Open(e) => e.code(),
            DemoError::NotDemo { .. } => "demo.not_demo",
        }
    }

    pub fn localized(&self) -> Localized {
        match self {
            DemoError::NotEmpty { stores, campaigns } => Localized::new(
                self.to_string(),
                format!(
                    "数据库中已有 {stores} 个门店和 {campaigns} 个活动；演示数据只会载入空数据库"
                ),
            ),
            DemoError::Store(e) => e.localized(),
            DemoError::Campaign(e) => e.localized(),
            DemoError::Mall(e) => e.localized(),
            DemoError::Coupon(e) => e.localized(),
            DemoError::Import(e) => e.localized(),
            DemoError::Footfall(e) => e.localized(),
            DemoError::Files(e) => Localized::new(
                self.to_string(),
                format!(
                    "无法把演示账单写入临时文件夹：{}",
                    crate::text::io_reason(e).1
                ),
            ),
            DemoError::Db(e) => Localized::new(
                self.to_string(),
                crate::fault::db_message(e, crate::text::Lang::ZhCn),
            ),
            DemoError::Open(e) => e.localized(),
            DemoError::NotDemo { path } => Localized::new(
                self.to_string(),
                format!("{path} 中是其他数据，不是演示数据；请将它移走后再打开演示"),
            ),
        }
    }
}

/// What the demo loaded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct DemoSummary {
    pub stores: usize,
    pub campaigns: usize,
}

/// Whether the database has no stores and no campaigns yet (the app then offers the demo).
pub fn is_empty(db: &Db) -> Result<bool, DemoError> {
    let (stores, campaigns) = counts(db)?;
    Ok(stores == 0 && campaigns == 0)
}

fn counts(db: &Db) -> Result<(i64, i64), crate::sql::Error> {
    db.conn().query_row(
        "SELECT (SELECT COUNT(*) FROM store), (SELECT COUNT(*) FROM campaign)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// What a typical payment is at each store (fen), the same order as `STORES`.
const TICKETS: [i64; 8] = [
    32_000, 38_000, 120_000, 4_800, 26_000, 180_000, 12_000, 21_000,
];

const STORES: &[(&str, &str, &str, &str, &str)] = &[
    ("优衣库 UNIQLO", "L2", "服饰", "1900012301", "BJWJ_L2_001"),
    ("丝芙兰 SEPHORA", "L1", "美妆", "1900012302", "BJWJ_L1_002"),
    ("周大福", "L1", "珠宝", "1900012303", "BJWJ_L1_003"),
    ("星巴克", "B1", "餐饮", "1900012304", "BJWJ_B1_004"),
    ("海底捞火锅", "L5", "餐饮", "1900012305", "BJWJ_L5_005"),
    (
        "Apple 授权专营店",
        "L3",
        "数码",
        "1900012306",
        "BJWJ_L3_006",
    ),
    ("泡泡玛特", "L4", "潮玩", "1900012307", "BJWJ_L4_007"),
    ("Ole' 精品超市", "B1", "超市", "1900012308", "BJWJ_B1_008"),
];

struct DemoCampaign {
    name: &'static str,
    description: &'static str,
    festival: Option<&'static str>,
    start: NaiveDate,
    end: NaiveDate,
    budget: &'static str,
    /// Indexes into `STORES`; empty = whole mall.
    stores: &'static [usize],
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

fn campaigns(today: NaiveDate) -> Vec<DemoCampaign> {
    // The next 3.8 that has not ended yet, and the one before it.
    let next38 = if today <= date(today.year(), 3, 9) {
        today.year()
    } else {
        today.year() + 1
    };
    let y = today.year();
    vec![
        DemoCampaign {
            name: "{Y-1} 3.8 女神节",
            description: "去年的女神节：全场满200减30（微信支付、支付宝），美妆珠宝叠加会员双倍积分。",
            festival: Some("womens-day"),
            start: date(next38 - 1, 3, 6),
            end: date(next38 - 1, 3, 9),
            budget: "100000",
            stores: &[0, 1, 2],
        },
        DemoCampaign {
            name: "{Y} 3.8 女神节",
            description: "女神节全场狂欢：微信支付、支付宝满200减30，银行卡62开头满300减50，会员卡美妆珠宝双倍积分。",
            festival: Some("womens-day"),
            start: date(next38, 3, 6),
            end: date(next38, 3, 9),
            budget: "120000",
            stores: &[0, 1, 2, 5, 6],
        },
        DemoCampaign {
            name: "{y} 双11 狂欢购",
            description: "双11 线下同价，餐饮满100减15。",
            festival: Some("double-11"),
            start: date(y, 11, 1),
            end: date(y, 11, 11),
            budget: "60000",
            stores: &[],
        },
        DemoCampaign {
            name: "{y} 双12 年终盛典",
            description: "年终盛典：支付宝、微信支付随机立减，最高 88 元。",
            festival: Some("double-12"),
            start: date(y, 12, 5),
            end: date(y, 12, 12),
            budget: "90000",
            stores: &[],
        },
        DemoCampaign {
            name: "{Y} 5.20 心动季",
            description: "珠宝、美妆 5.20 限定礼盒，会员卡积分加倍。",
            festival: Some("520"),
            start: date(next38, 5, 17),
            end: date(next38, 5, 21),
            budget: "40000",
            stores: &[1, 2],
        },
        DemoCampaign {
            name: "{Y} 6.18 年中购物节",
            description: "数码潮玩专场，银联云闪付满500减60。",
            festival: Some("618"),
            start: date(next38, 6, 12),
            end: date(next38, 6, 18),
            budget: "70000",
            stores: &[5, 6],
        },
    ]
}

/// The status a demo campaign has today: ended in the past, live now, scheduled ahead; the
/// ones more than 30 days ahead stay drafts, still being planned.
fn demo_status(c: &DemoCampaign, today: NaiveDate) -> CampaignStatus {
    if c.end < today {
        CampaignStatus::Ended
    } else if c.start <= today {
        CampaignStatus::Live
    } else if (c.start - today).num_days() <= 30 {
        CampaignStatus::Scheduled
    } else {
        CampaignStatus::Draft
    }
}

fn path_to(target: CampaignStatus) -> &'static [CampaignStatus] {
    use CampaignStatus::*;
    match target {
        Draft => &[],
        Scheduled => &[Scheduled],
        Live => &[Scheduled, Live],
        Ended => &[Scheduled, Live, Ended],
        Paused => &[Scheduled, Paused],
        Cancelled => &[Cancelled],
    }
}

/// The 3.8 coupons: WeChat Pay + Alipay 满200减30 as one offer, a UnionPay 62-BIN card offer
/// and double member points at the beauty and jewellery stores — all valid for their providers.
fn add_womens_day_coupons(
    db: &mut Db,
    campaign_id: i64,
    campaign: &CampaignInput,
    store_ids: &[i64],
) -> Result<(), DemoError> {
    use crate::coupon::{self, CouponKind, CouponSpec, Funding, Product};
    // The same blank a user's new offer starts from, with the festival's figures.
    let base = CouponSpec {
        name: "女神节满200减30".into(),
        description: "全场满200元减30元，每人限领1张".into(),
        face_value: "30".into(),
        threshold: "200".into(),
        funding: Funding {
            mall: "70".into(),
            tenant: "30".into(),
            provider: "0".into(),
        },
        wallet_color: "Color090".into(),
        ..CouponSpec::blank(campaign.start.clone(), campaign.end.clone())
    };
    coupon::add_offer(
        db,
        campaign_id,
        &[Product::WechatCash, Product::AlipayVoucher],
        &base,
    )?;
    let card = CouponSpec {
        name: "银联62卡满300减50".into(),
        description: "62开头银联卡支付满300减50，同一卡号/手机/设备限1次".into(),
        face_value: "50".into(),
        threshold: "300".into(),
        quantity: 500,
        card_bins: vec!["62".into()],
        funding: Funding {
            mall: "50".into(),
            tenant: "0".into(),
            provider: "50".into(),
        },
        ..base.clone()
    };
    coupon::add(db, campaign_id, Product::Unionpay, &card)?;
    let points = CouponSpec {
        name: "美妆珠宝会员双倍积分".into(),
        description: "会员在美妆、珠宝门店消费享双倍积分".into(),
        kind: CouponKind::Points,
        face_value: String::new(),
        threshold: String::new(),
        multiplier: "2".into(),
        quantity: 5000,
        per_user_limit: 0,
        store_ids: vec![store_ids[1], store_ids[2]],
        funding: Funding::default(),
        ..base
    };
    coupon::add(db, campaign_id, Product::MemberCard, &points)?;
    Ok(())
}

/// Writes last year's festival bills and visitor counts where a user's downloads would be and
/// imports them through the importer, as a user would (import history lists them).
fn import_last_years_bills(db: &mut Db, festival: &DemoCampaign) -> Result<(), DemoError> {
    let tenants: Vec<bills::Tenant> = STORES
        .iter()
        .zip(TICKETS)
        .enumerate()
        .map(
            |(i, ((name, _, _, wechat, alipay), ticket_fen))| bills::Tenant {
                wechat,
                alipay,
                store_name: name,
                ticket_fen,
                in_campaign: festival.stores.contains(&i),
            },
        )
        .collect();
    let written = bills::last_years(&tenants, (festival.start, festival.end), "女神节满200减30");
    // Removed with everything in it when it goes out of scope, whatever happens.
    let folder = tempfile::Builder::new()
        .prefix("promodesk-demo-")
        .tempdir()
        .map_err(DemoError::Files)?;
    let dir = folder.path();
    let span = format!(
        "{}_{}",
        festival.start - chrono::Duration::days(14),
        festival.end
    );
    let files = [
        (format!("微信支付交易账单_{span}.csv"), written.wechat),
        (format!("支付宝业务明细_{span}.csv"), written.alipay),
    ];
    let result = (|| {
        for (name, text) in &files {
            let path = dir.join(name);
            std::fs::write(&path, text).map_err(DemoError::Files)?;
            crate::import::import_file(db, &path, &Default::default(), &mut |_| true)?;
        }
        let counts = dir.join(format!("客流_{span}.csv"));
        std::fs::write(&counts, &written.footfall).map_err(DemoError::Files)?;
        crate::stats::import_footfall(db, &counts)?;
        Ok(())
    })();
    result
}

/// Loads the demo into an empty database, or after wiping everything when `force` is set.
///
/// `today` is the mall-local date the demo is dated around.
pub fn load(db: &mut Db, today: NaiveDate, force: bool) -> Result<DemoSummary, DemoError> {
    let (stores, campaigns_n) = counts(db)?;
    if (stores > 0 || campaigns_n > 0) && !force {
        return Err(DemoError::NotEmpty {
            stores,
            campaigns: campaigns_n,
        });
    }
    db.write(|tx| {
        tx.execute_batch("DELETE FROM campaign; DELETE FROM store;")?;
        Ok::<_, DemoError>(())
    })?;
    mall::update(
        db,
        &MallPatch {
            name: Some("北京望京汇购物中心".into()),
            time_zone: Some("Asia/Shanghai".into()),
        },
    )?;
    let mut store_ids = Vec::new();
    for (name, floor, category, wechat, alipay) in STORES {
        let s = store::add(
            db,
            &StoreInput {
                name: (*name).into(),
                floor: (*floor).into(),
                category: (*category).into(),
                merchant_ids: vec![
                    MerchantAccount::wechat(wechat),
                    MerchantAccount::alipay(alipay),
                ],
                move_taken_ids: None,
            },
        )?;
        store_ids.push(s.id);
    }
    let all = campaigns(today);
    let next38 = all[1].start.year();
    let mut last_38 = None;
    for c in &all {
        let name = c
            .name
            .replace("{Y-1}", &(next38 - 1).to_string())
            .replace("{Y}", &next38.to_string())
            .replace("{y}", &today.year().to_string());
        let input = CampaignInput {
            name,
            description: c.description.into(),
            festival: c.festival.map(Into::into),
            start: c.start.to_string(),
            end: c.end.to_string(),
            budget: c.budget.into(),
            store_ids: c.stores.iter().map(|&i| store_ids[i]).collect(),
        };
        let is_38 = c.festival == Some("womens-day");
        let last_years = is_38 && c.start.year() == next38 - 1;
        let created = match (is_38 && c.start.year() == next38, last_38) {
            // This year's festival is drafted from last year's, coupons and all, as a planner
            // would; then given this year's stores, budget and words.
            (true, Some(last)) => {
                let drafted = campaign::clone_to_year(db, last, next38, "demo")?;
                let patch = campaign::CampaignPatch {
                    name: Some(input.name.clone()),
                    description: Some(input.description.clone()),
                    festival: None,
                    start: Some(input.start.clone()),
                    end: Some(input.end.clone()),
                    budget: Some(input.budget.clone()),
                    store_ids: Some(input.store_ids.clone()),
                };
                let edited = campaign::edit(db, drafted.id, &patch)?;
                use crate::provider::Provider::*;
                let split = [
                    (WechatPay, "40000"),
                    (Alipay, "40000"),
                    (BankCard, "25000"),
                    (MemberCard, "10000"),
                ];
                let split: Vec<_> = split.iter().map(|(p, a)| (*p, (*a).to_string())).collect();
                campaign::set_provider_budgets(db, edited.id, &split)?;
                edited
            }
            _ => campaign::add(db, &input, "demo")?,
        };
        if last_years {
            add_womens_day_coupons(db, created.id, &input, &store_ids)?;
            last_38 = Some(created.id);
        }
        for step in path_to(demo_status(c, today)) {
            campaign::lifecycle_move(db, created.id, *step, "demo", "demo data")?;
        }
        if last_years {
            import_last_years_bills(db, c)?;
        }
    }
    Ok(DemoSummary {
        stores: STORES.len(),
        campaigns: all.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::CampaignFilter;

    #[test]
    fn the_demo_has_a_beijing_mall_eight_stores_and_the_next_womens_day() {
        let mut db = Db::open_in_memory().unwrap();
        assert!(is_empty(&db).unwrap());
        let summary = load(&mut db, date(2026, 11, 25), false).unwrap();
        assert_eq!(summary.stores, 8);
        let list = campaign::list(&db, &CampaignFilter::default()).unwrap();
        let w = list.iter().find(|c| c.name == "2027 3.8 女神节").unwrap();
        assert_eq!(w.start, "2027-03-06T00:00:00+08:00");
        assert_eq!(w.end, "2027-03-09T23:59:59+08:00");
        assert_eq!(w.status, CampaignStatus::Draft);
        let last = list.iter().find(|c| c.name == "2026 3.8 女神节").unwrap();
        assert_eq!(last.status, CampaignStatus::Ended);
        let d12 = list
            .iter()
            .find(|c| c.name == "2026 双12 年终盛典")
            .unwrap();
        assert_eq!(d12.status, CampaignStatus::Scheduled);
        assert_eq!(mall::get(&db).unwrap().name, "北京望京汇购物中心");
        let coupons = crate::coupon::list(&db, Some(w.id)).unwrap();
        let providers: Vec<_> = coupons.iter().map(|c| c.provider.key()).collect();
        assert_eq!(
            providers,
            ["wechat_pay", "alipay", "unionpay", "member_card"]
        );
        for c in &coupons {
            assert!(
                crate::coupon::validate_existing(&db, c.id).unwrap().ok,
                "{}",
                c.spec.name
            );
        }
    }

    #[test]
    fn the_demo_refuses_a_non_empty_database_unless_forced() {
        let mut db = Db::open_in_memory().unwrap();
        load(&mut db, date(2026, 11, 25), false).unwrap();
        let err = load(&mut db, date(2026, 11, 25), false).unwrap_err();
        assert_eq!(err.code(), "demo.not_empty");
        let again = load(&mut db, date(2026, 11, 25), true).unwrap();
        assert_eq!(again.campaigns, 6);
        let n = campaign::list(&db, &CampaignFilter::default())
            .unwrap()
            .len();
        assert_eq!(n, 6);
    }

    #[test]
    fn in_early_march_the_current_womens_day_is_scheduled() {
        let mut db = Db::open_in_memory().unwrap();
        load(&mut db, date(2027, 3, 1), false).unwrap();
        let list = campaign::list(&db, &CampaignFilter::default()).unwrap();
        let w = list.iter().find(|c| c.name == "2027 3.8 女神节").unwrap();
        assert_eq!(w.status, CampaignStatus::Scheduled);
    }

    #[test]
    fn last_years_festival_comes_with_its_bills_visitors_and_a_baseline() {
        let mut db = Db::open_in_memory().unwrap();
        load(&mut db, date(2026, 11, 29), false).unwrap();
        let batches = crate::import::history(&db).unwrap();
        assert_eq!(batches.len(), 2);
        assert!(batches.iter().all(|b| b.reconciled && b.inserted > 0));
        let last = campaign::list(&db, &CampaignFilter::default())
            .unwrap()
            .into_iter()
            .find(|c| c.name == "2026 3.8 女神节")
            .unwrap();
        let scope = |provider: &str| crate::stats::Scope {
            campaign: Some(last.id),
            provider: Some(provider.into()),
            ..Default::default()
        };
        for wallet in ["wechat_pay", "alipay"] {
            let k = crate::stats::kpis(&db, &scope(wallet)).unwrap();
            assert!(k.trades > 100 && k.redemptions > 10, "{wallet}: {k:?}");
        }
        let all = crate::stats::kpis(
            &db,
            &crate::stats::Scope {
                campaign: Some(last.id),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(all.visitors.unwrap_or(0) > 10_000);
        let uplift = crate::stats::uplift(&db, last.id).unwrap();
        assert!(uplift
            .order_change
            .is_some_and(|c| c > rust_decimal::Decimal::ZERO));
    }
}
