//! The report's tables of statistics, coupons and bills, one function per section.

use rust_decimal::Decimal;

use super::build::{l, local_minute, Figures};
use super::model::{Cell, Section, SectionId};
use super::ReportError;
use crate::db::Db;
use crate::stats::{self, Group, GroupKey, Kpis, Window};
use crate::text::Lang;

fn div(num: Decimal, den: u64, dp: u32) -> Option<Decimal> {
    (den != 0).then(|| (num / Decimal::from(den)).round_dp(dp))
}

fn share(part: u64, total: u64) -> Cell {
    Cell::ratio_opt((total != 0).then(|| {
        (Decimal::from(part) / Decimal::from(total))
            .round_dp(4)
            .normalize()
    }))
}

/// The key figures.
pub(super) fn kpis(k: &Kpis, lang: Lang) -> Section {
    let t = |en, zh| l(lang, en, zh);
    Section {
        id: SectionId::Kpis,
        title: t("Key figures", "核心指标"),
        columns: vec![t("Metric", "指标"), t("Value", "数值")],
        rows: kpi_rows(k, lang),
    }
}

/// The wallets side by side.
pub(super) fn providers(providers: &[Group], lang: Lang) -> Section {
    let t = |en, zh| l(lang, en, zh);
    let total_trades: u64 = providers.iter().map(|g| g.kpis.trades).sum();
    Section {
        id: SectionId::Providers,
        title: t("Wallets side by side", "钱包对比"),
        columns: vec![
            t("Provider", "支付机构"),
            t("Payments", "支付笔数"),
            t("Share", "占比"),
            t("GMV", "交易额"),
            t("Received", "实收"),
            t("Discount", "优惠金额"),
            t("Redemptions", "核销"),
            t("Cost per redemption", "单张核销成本"),
            t("Fees", "手续费"),
            t("Effective fee rate", "实际费率"),
            t("Refunds", "退款笔数"),
            t("Refund rate", "退款率"),
            t("Average ticket", "客单价"),
            t("GMV per ¥1 discount", "每元优惠带动交易额"),
        ],
        rows: providers
            .iter()
            .map(|g| {
                let k = &g.kpis;
                vec![
                    Cell::Text(key_label(&g.key, lang)),
                    Cell::Int(k.trades as i64),
                    share(k.trades, total_trades),
                    Cell::money(k.order),
                    Cell::money(k.settlement),
                    Cell::money(k.coupon),
                    Cell::Int(k.redemptions as i64),
                    Cell::money_opt(div(k.coupon, k.redemptions, 2)),
                    Cell::money(k.fee),
                    Cell::ratio_opt(k.effective_fee_rate),
                    Cell::Int(k.refunds as i64),
                    Cell::ratio_opt(k.refund_rate),
                    Cell::money_opt(k.average_ticket),
                    Cell::money_opt(k.gmv_per_discount_yuan),
                ]
            })
            .collect(),
    }
}

/// Where the per-day section keeps the baseline's GMV of the matching day.
pub(super) const DAILY_BASELINE_COLUMN: usize = 10;

/// The figures of every day of the window (zero on a day without trades), with the day's
/// visitors and the baseline's GMV on the matching day (its first day beside the campaign's
/// first, and so on).
pub(super) fn daily(window: &Window, figures: &Figures, lang: Lang) -> Section {
    let t = |en, zh| l(lang, en, zh);
    let (days, base_days) = (&figures.days, &figures.base_days);
    let zero = stats::kpis_of_sums([0; 11]);
    let dates: Vec<chrono::NaiveDate> = match (window.first_day, window.last_day) {
        (Some(first), Some(last)) => first.iter_days().take_while(|d| *d <= last).collect(),
        _ => days.iter().filter_map(|g| g.key.date()).collect(),
    };
    // A baseline without any trade draws no line (not a misleading zero).
    let base_first = figures.base_first.filter(|_| !base_days.is_empty());
    let base_of = |i: usize| -> Option<Decimal> {
        let first = base_first?;
        let date = first + chrono::Duration::days(i as i64);
        let found = base_days.iter().find(|g| g.key.date() == Some(date));
        Some(found.map_or(Decimal::ZERO, |g| g.kpis.order))
    };
    Section {
        id: SectionId::Daily,
        title: t("Per day", "每日"),
        columns: [
            vec![t("Date", "日期")],
            flow_columns(lang),
            vec![
                t("Fees", "手续费"),
                t("Visitors", "客流"),
                t("Conversion", "转化率"),
                t("Baseline GMV", "基准交易额"),
            ],
        ]
        .concat(),
        rows: dates
            .iter()
            .enumerate()
            .map(|(i, date)| {
                let found = days.iter().find(|g| g.key.date() == Some(*date));
                let k = found.map_or(&zero, |g| &g.kpis);
                [
                    vec![Cell::Text(date.to_string())],
                    flow_cells(k),
                    vec![
                        Cell::money(k.fee),
                        k.visitors.map_or(Cell::Empty, |v| Cell::Int(v as i64)),
                        Cell::ratio_opt(k.conversion),
                        Cell::money_opt(base_of(i)),
                    ],
                ]
                .concat()
            })
            .collect(),
    }
}

/// The figures per store.
pub(super) fn stores(by_store: &[Group], lang: Lang) -> Section {
    let t = |en, zh| l(lang, en, zh);
    Section {
        id: SectionId::Stores,
        title: t("Per store", "门店"),
        columns: [vec![t("Store", "门店")], flow_columns(lang)].concat(),
        rows: by_store
            .iter()
            .map(|g| {
                let k = &g.kpis;
                [vec![Cell::Text(key_label(&g.key, lang))], flow_cells(k)].concat()
            })
            .collect(),
    }
}

/// The campaign's coupons and their redemptions.
pub(super) fn coupons(db: &Db, campaign: i64, lang: Lang) -> Result<Section, ReportError> {
    let t = |en, zh| l(lang, en, zh);
    Ok(Section {
        id: SectionId::Coupons,
        title: t("Coupons", "优惠券"),
        columns: vec![
            t("Coupon", "优惠券"),
            t("Product", "产品"),
            t("Offer", "优惠"),
            t("Quantity", "数量"),
            t("Redemptions", "核销"),
            t("Redemption rate", "核销率"),
            t("Discount", "优惠金额"),
        ],
        rows: coupon_rows(db, campaign, lang)?,
    })
}

/// The campaign's code pools, when it has any: what was issued and used, and the uses to look
/// into (a code used twice, outside its validity, at a store out of scope).
pub(super) fn codes(db: &Db, campaign: i64, lang: Lang) -> Result<Option<Section>, ReportError> {
    let pools = crate::codes::campaign_figures(db, campaign)?;
    if pools.is_empty() {
        return Ok(None);
    }
    let t = |en, zh| l(lang, en, zh);
    let count = |n: usize| Cell::Int(n as i64);
    Ok(Some(Section {
        id: SectionId::Codes,
        title: t("Code pools", "券码使用"),
        columns: vec![
            t("Coupon", "优惠券"),
            t("Codes issued", "发放券码"),
            t("Used", "已使用"),
            t("Unused", "未使用"),
            t("Used twice or more", "重复使用"),
            t("Outside validity", "有效期外使用"),
            t("At a store out of scope", "范围外门店使用"),
        ],
        rows: pools
            .iter()
            .map(|p| {
                vec![
                    Cell::text(&p.coupon_name),
                    Cell::Int(p.issued as i64),
                    Cell::Int(p.used as i64),
                    Cell::Int(p.unused as i64),
                    count(p.repeated.len()),
                    count(p.outside_validity.len()),
                    count(p.outside_stores.len()),
                ]
            })
            .collect(),
    }))
}

/// The imported bills with trades in the window.
pub(super) fn bills(db: &Db, window: &Window, lang: Lang) -> Result<Section, ReportError> {
    let t = |en, zh| l(lang, en, zh);
    Ok(Section {
        id: SectionId::Bills,
        title: t("Imported bills", "已导入账单"),
        columns: vec![
            t("File", "文件"),
            t("Format", "格式"),
            t("Imported at", "导入时间"),
            t("Rows", "行数"),
            t("New trades", "新增交易"),
            t("Reconciled", "对账"),
            t("Received", "实收"),
        ],
        rows: bill_rows(db, window, lang)?,
    })
}

/// A group's key for people, in the report's language.
fn key_label(key: &GroupKey, lang: Lang) -> String {
    match key {
        GroupKey::Provider { provider } => provider.name().get(lang).to_string(),
        GroupKey::Store { name, .. } | GroupKey::Coupon { name } => name.clone(),
        GroupKey::Unmatched { merchant_id } => {
            format!("{} {merchant_id}", l(lang, "Unmatched", "未匹配"))
        }
        GroupKey::NoMerchant => l(lang, "No merchant id", "无商户号"),
        GroupKey::Day { date } => date.to_string(),
        GroupKey::Hour { hour } => format!("{hour:02}"),
        GroupKey::Unattributed => l(lang, "Unattributed coupon", "未归属的券"),
        GroupKey::NoCoupon => l(lang, "No coupon", "未用券"),
    }
}

/// The trading columns the per-day and per-store sections share.
fn flow_columns(lang: Lang) -> Vec<String> {
    [
        ("Payments", "支付笔数"),
        ("GMV", "交易额"),
        ("Received", "实收"),
        ("Discount", "优惠金额"),
        ("Redemptions", "核销"),
        ("Refunds", "退款笔数"),
    ]
    .into_iter()
    .map(|(en, zh)| l(lang, en, zh))
    .collect()
}

/// The cells of [`flow_columns`].
fn flow_cells(k: &Kpis) -> Vec<Cell> {
    vec![
        Cell::Int(k.trades as i64),
        Cell::money(k.order),
        Cell::money(k.settlement),
        Cell::money(k.coupon),
        Cell::Int(k.redemptions as i64),
        Cell::Int(k.refunds as i64),
    ]
}

fn kpi_rows(k: &Kpis, lang: Lang) -> Vec<Vec<Cell>> {
    let t = |en, zh| Cell::Text(l(lang, en, zh));
    vec![
        vec![t("Payments", "支付笔数"), Cell::Int(k.trades as i64)],
        vec![
            t("GMV (order amount)", "交易额（订单金额）"),
            Cell::money(k.order),
        ],
        vec![t("Received", "商家实收"), Cell::money(k.settlement)],
        vec![t("Coupon discount", "券优惠金额"), Cell::money(k.coupon)],
        vec![
            t("Redemptions", "核销笔数"),
            Cell::Int(k.redemptions as i64),
        ],
        vec![
            t("Funded through providers", "支付机构侧出资"),
            Cell::money(k.provider_funded),
        ],
        vec![
            t("Funded by merchants", "商户侧出资"),
            Cell::money(k.merchant_funded),
        ],
        vec![t("Fees", "手续费"), Cell::money(k.fee)],
        vec![t("Refunds", "退款笔数"), Cell::Int(k.refunds as i64)],
        vec![t("Refunded", "退款金额"), Cell::money(k.refund)],
        vec![t("Refund rate", "退款率"), Cell::ratio_opt(k.refund_rate)],
        vec![
            t(
                "Net (received − fees − refunds)",
                "净额（实收 − 手续费 − 退款）",
            ),
            Cell::money(k.net),
        ],
        vec![
            t("Average ticket", "客单价"),
            Cell::money_opt(k.average_ticket),
        ],
        vec![
            t("Average ticket with coupon", "用券客单价"),
            Cell::money_opt(k.average_ticket_with_coupon),
        ],
        vec![
            t("Average ticket without coupon", "未用券客单价"),
            Cell::money_opt(k.average_ticket_without_coupon),
        ],
        vec![
            t("Effective fee rate", "实际费率"),
            Cell::ratio_opt(k.effective_fee_rate),
        ],
        vec![
            t("GMV per ¥1 discount", "每元优惠带动交易额"),
            Cell::money_opt(k.gmv_per_discount_yuan),
        ],
        vec![
            t("Visitors", "客流"),
            k.visitors.map_or(Cell::Empty, |v| Cell::Int(v as i64)),
        ],
        vec![t("Conversion", "转化率"), Cell::ratio_opt(k.conversion)],
    ]
}

fn coupon_rows(db: &Db, campaign: i64, lang: Lang) -> Result<Vec<Vec<Cell>>, ReportError> {
    let coupons = crate::coupon::list(db, Some(campaign))?;
    let mut used = db.conn().prepare(
        // The stored rollup, so its coupon index answers (the view's coupon_id is computed).
        "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(coupon_fen), 0) FROM trade_hour_row
         WHERE coupon_key = ?1 AND coupon_key <> 0 AND refund = 0",
    )?;
    let mut rows = Vec::new();
    for c in coupons {
        let (n, fen): (i64, i64) = used.query_row([c.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let s = &c.spec;
        let offer = match s.kind {
            crate::coupon::CouponKind::Fixed if !s.threshold.is_empty() && s.threshold != "0" => {
                l(lang, "¥{t} off ¥{f}", "满{t}减{f}")
                    .replace("{t}", &s.threshold)
                    .replace("{f}", &s.face_value)
            }
            crate::coupon::CouponKind::Fixed => format!("¥{}", s.face_value),
            crate::coupon::CouponKind::Discount => format!("{}%", s.pay_percent),
            crate::coupon::CouponKind::Points => format!("×{}", s.multiplier),
            _ => s.face_value.clone(),
        };
        rows.push(vec![
            Cell::text(&s.name),
            Cell::text(c.product.name().get(lang)),
            Cell::Text(offer),
            Cell::Int(i64::from(s.quantity)),
            Cell::Int(n),
            share(n as u64, u64::from(s.quantity)),
            Cell::Money(crate::import::format_scaled(fen, 2)),
        ]);
    }
    Ok(rows)
}

/// Every bill that brought trades into the campaign's window and stores.
fn bill_rows(db: &Db, window: &Window, lang: Lang) -> Result<Vec<Vec<Cell>>, ReportError> {
    let (clause, values) = window.clause(stats::Source::Trades);
    let sql = format!("SELECT DISTINCT t.batch_id FROM trade_with_store t WHERE {clause}");
    let mut stmt = db.conn().prepare(&sql)?;
    let batches: Vec<i64> = stmt
        .query_map(crate::sql::params_from_iter(values), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let history = crate::import::history(db)?;
    Ok(history
        .into_iter()
        .filter(|b| batches.contains(&b.batch_id))
        .map(|b| {
            vec![
                Cell::Text(b.file),
                Cell::Text(match crate::import::FormatChoice::parse(&b.format) {
                    Some(crate::import::FormatChoice::Only(f)) => f.label(lang).to_string(),
                    _ => b.format,
                }),
                Cell::Text(local_minute(&b.imported_at)),
                Cell::Int(b.rows as i64),
                Cell::Int(b.inserted as i64),
                Cell::Text(if b.reconciled {
                    l(lang, "reconciled", "已对平")
                } else {
                    l(lang, "NOT reconciled", "未对平")
                }),
                Cell::Money(b.totals.settlement),
            ]
        })
        .collect())
}
