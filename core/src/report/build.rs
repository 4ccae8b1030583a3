//! Gathers a campaign's report from the campaign, its coupons, the statistics and the bills.
//! The campaign's window (its instants and local days in the mall's zone, its stores) is resolved
//! once and every figure is read over it; the days are grouped once, for the key figures'
//! conversion and the per-day section alike.

use super::answer;
use super::model::{Cell, Chart, ChartKind, Report, Section, SectionId};
use super::sections;
use super::ReportError;
use crate::campaign::Campaign;
use crate::db::Db;
use crate::mall::Mall;
use crate::stats::{self, CampaignCost, Group, GroupBy, Kpis, Uplift, Window};
use crate::text::Lang;

/// `(en, zh)` in the report's language.
pub(super) fn l(lang: Lang, en: &'static str, zh: &'static str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::ZhCn => zh.to_string(),
    }
}

pub(super) fn local_minute(rfc3339: &str) -> String {
    // "2027-03-06T00:00:00+08:00" → "2027-03-06 00:00"
    rfc3339.get(..16).unwrap_or(rfc3339).replace('T', " ")
}

/// What a report is about, read once: the campaign, the mall and the campaign's window.
pub(super) struct Subject {
    pub campaign: Campaign,
    pub mall: Mall,
    pub window: Window,
}

impl Subject {
    pub fn load(db: &Db, campaign: i64) -> Result<Subject, ReportError> {
        let c = crate::campaign::get(db, campaign).map_err(|e| match e {
            crate::campaign::CampaignError::NotFound(id) => ReportError::CampaignNotFound(id),
            crate::campaign::CampaignError::Db(e) => ReportError::Db(e),
            crate::campaign::CampaignError::Mall(e) => ReportError::Mall(e),
            // `get` fails only for the three above.
            _ => ReportError::CampaignNotFound(campaign),
        })?;
        let mall = crate::mall::get(db)?;
        let window = Window::of_campaign(db, mall.zone(), campaign)?;
        Ok(Subject {
            campaign: c,
            mall,
            window,
        })
    }
}

/// The statistics the sections show, each read once over the campaign's window.
pub(super) struct Figures {
    pub kpis: Kpis,
    pub days: Vec<Group>,
    /// The baseline's days with trades, and its first day: drawn beside the campaign's days.
    pub base_days: Vec<Group>,
    pub base_first: Option<chrono::NaiveDate>,
    pub providers: Vec<Group>,
    pub stores: Vec<Group>,
    pub cost: CampaignCost,
    pub uplift: Uplift,
}

impl Figures {
    fn read(db: &Db, subject: &Subject) -> Result<Figures, ReportError> {
        let (id, window) = (subject.campaign.id, &subject.window);
        let (kpis, days) = stats::kpis_and_days(db, window)?;
        let (_, base_window, _) = stats::baseline(db, id, window)?;
        Ok(Figures {
            base_days: stats::grouped_of(db, &base_window, GroupBy::Day)?,
            base_first: base_window.first_day,
            uplift: stats::uplift_of(db, id, window, kpis.clone())?,
            kpis,
            days,
            providers: stats::grouped_of(db, window, GroupBy::Provider)?,
            stores: stats::grouped_of(db, window, GroupBy::Store)?,
            cost: stats::campaign_cost(db, id)?,
        })
    }
}

/// Builds the report of `campaign` in `lang`, stamped with `now` (seconds).
pub fn build(db: &Db, campaign: i64, lang: Lang, now: i64) -> Result<Report, ReportError> {
    build_for(db, &Subject::load(db, campaign)?, lang, now)
}

/// Builds the report of a loaded [`Subject`].
pub(super) fn build_for(
    db: &Db,
    subject: &Subject,
    lang: Lang,
    now: i64,
) -> Result<Report, ReportError> {
    let figures = Figures::read(db, subject)?;
    let (c, mall) = (&subject.campaign, &subject.mall);
    let stores = store_names(db, subject, lang)?;
    let generated_at = local_minute(&crate::time::rfc3339(now, mall.zone()));
    Ok(Report {
        campaign_id: c.id,
        title: c.name.clone(),
        mall: mall.name.clone(),
        generated: match lang {
            Lang::En => format!("Generated at {generated_at} ({})", mall.time_zone),
            Lang::ZhCn => format!("生成时间 {generated_at}（{}）", mall.time_zone),
        },
        answer: answer::answer(subject, &stores, &figures, lang),
        sections: [
            answer::headlines(&figures, lang),
            answer::wallet_table(&figures, lang),
            summary(subject, &stores, &figures, lang),
            sections::kpis(&figures.kpis, lang),
            sections::providers(&figures.providers, lang),
            sections::daily(&subject.window, &figures, lang),
            sections::stores(&figures.stores, lang),
            sections::coupons(db, c.id, lang)?,
        ]
        .into_iter()
        .chain(sections::codes(db, c.id, lang)?)
        .chain([sections::bills(db, &subject.window, lang)?])
        .collect(),
        charts: charts(lang, answer::wallet_colors(&figures)),
    })
}

/// The campaign's stores for people: "Whole mall", or their names.
fn store_names(db: &Db, subject: &Subject, lang: Lang) -> Result<String, ReportError> {
    let c = &subject.campaign;
    Ok(if c.store_ids.is_empty() {
        l(lang, "Whole mall", "全场")
    } else {
        crate::store::list(db)?
            .iter()
            .filter(|s| c.store_ids.contains(&s.id))
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(l(lang, ", ", "、").as_str())
    })
}

/// The campaign, its stores, budget and spending, who paid the discount, and its uplift.
fn summary(subject: &Subject, store_names: &str, figures: &Figures, lang: Lang) -> Section {
    let t = |en, zh| l(lang, en, zh);
    let (c, mall) = (&subject.campaign, &subject.mall);
    let (cost, uplift) = (&figures.cost, &figures.uplift);
    let festival = c
        .festival
        .as_deref()
        .and_then(crate::calendar::festival_by_id)
        .map_or(String::new(), |f| match lang {
            Lang::En => f.name_en.to_string(),
            Lang::ZhCn => f.name_zh.to_string(),
        });
    let baseline = match uplift.baseline {
        stats::Baseline::LastYear => {
            t("GMV vs the same festival last year", "交易额对比去年同节日")
        }
        stats::Baseline::Before => t("GMV vs the same days before", "交易额对比活动前同期"),
    };
    Section {
        id: SectionId::Summary,
        title: t("Campaign", "活动概况"),
        columns: vec![t("Item", "项目"), t("Value", "内容")],
        rows: vec![
            vec![Cell::text(t("Campaign", "活动")), Cell::text(&c.name)],
            vec![Cell::text(t("Festival", "节日")), Cell::text(festival)],
            vec![
                Cell::text(t("Dates", "日期")),
                Cell::text(format!(
                    "{} – {} ({})",
                    local_minute(&c.start),
                    local_minute(&c.end),
                    mall.time_zone
                )),
            ],
            vec![
                Cell::text(t("Status", "状态")),
                Cell::text(c.status.name().get(lang)),
            ],
            vec![Cell::text(t("Stores", "门店")), Cell::text(store_names)],
            vec![Cell::text(t("Budget", "预算")), Cell::money(cost.budget)],
            vec![
                Cell::text(t("Spent (mall + tenants)", "已花费（商场 + 商户）")),
                Cell::money(cost.spent),
            ],
            vec![
                Cell::text(t("Budget used", "预算使用")),
                Cell::ratio_opt(cost.budget_used),
            ],
            vec![
                Cell::text(t("Coupons issued", "发券数量")),
                Cell::Int(cost.issued as i64),
            ],
            vec![
                Cell::text(t("Redeemed", "核销数量")),
                Cell::Int(cost.redemptions as i64),
            ],
            vec![
                Cell::text(t("Redemption rate", "核销率")),
                Cell::ratio_opt(cost.redemption_rate),
            ],
            vec![
                Cell::text(t("Discount paid by the mall", "商场出资")),
                Cell::money(cost.mall),
            ],
            vec![
                Cell::text(t("Discount paid by tenants", "商户出资")),
                Cell::money(cost.tenant),
            ],
            vec![
                Cell::text(t("Discount paid by providers", "支付机构出资")),
                Cell::money(cost.provider),
            ],
            vec![
                Cell::text(format!(
                    "{baseline} ({} – {})",
                    uplift.baseline_from, uplift.baseline_to
                )),
                Cell::change_opt(uplift.order_change),
            ],
        ],
    }
}

/// GMV per wallet (each in its colour) on page 1, per day against the baseline, and per store.
fn charts(lang: Lang, wallet_colors: Vec<String>) -> Vec<Chart> {
    let t = |en, zh| l(lang, en, zh);
    vec![
        Chart {
            section: SectionId::Wallets,
            title: t("GMV by wallet", "各钱包交易额"),
            kind: ChartKind::Column,
            category_column: 0,
            value_column: 1,
            colors: wallet_colors,
            baseline_column: None,
        },
        Chart {
            section: SectionId::Daily,
            title: t(
                "GMV per day, against the baseline",
                "每日交易额（与对比基准）",
            ),
            kind: ChartKind::Line,
            category_column: 0,
            value_column: 2,
            colors: vec![],
            baseline_column: Some(sections::DAILY_BASELINE_COLUMN),
        },
        Chart {
            section: SectionId::Stores,
            title: t("GMV per store", "各门店交易额"),
            kind: ChartKind::Bar,
            category_column: 0,
            value_column: 2,
            colors: vec![],
            baseline_column: None,
        },
    ]
}
