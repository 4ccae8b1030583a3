//! Gathers a campaign's report from the campaign, its coupons, the statistics and the bills.

use rust_decimal::Decimal;

use super::model::{Cell, Chart, ChartKind, Report, Section, SectionId};
use super::ReportError;
use crate::db::Db;
use crate::stats::{self, GroupBy, GroupKey, Kpis, Scope, Window};
use crate::text::Lang;

/// `(en, zh)` in the report's language.
fn l(lang: Lang, en: &'static str, zh: &'static str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::ZhCn => zh.to_string(),
    }
}

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

fn local_minute(rfc3339: &str) -> String {
    // "2027-03-06T00:00:00+08:00" → "2027-03-06 00:00"
    rfc3339.get(..16).unwrap_or(rfc3339).replace('T', " ")
}

/// Builds the report of `campaign` in `lang`, stamped with `now` (seconds).
pub fn build(db: &Db, campaign: i64, lang: Lang, now: i64) -> Result<Report, ReportError> {
    let c =
        crate::campaign::get(db, campaign).map_err(|_| ReportError::CampaignNotFound(campaign))?;
    let mall = crate::mall::get(db)?;
    let zone = mall.zone();
    let scope = Scope {
        campaign: Some(campaign),
        ..Default::default()
    };
    let kpis = stats::kpis(db, &scope)?;
    let cost = stats::campaign_cost(db, campaign)?;
    let uplift = stats::uplift(db, campaign)?;
    let t = |en, zh| l(lang, en, zh);

    let stores = crate::store::list(db)?;
    let store_names = if c.store_ids.is_empty() {
        t("Whole mall", "全场")
    } else {
        stores
            .iter()
            .filter(|s| c.store_ids.contains(&s.id))
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
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
    let summary = Section {
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
                Cell::ratio_opt(uplift.order_change),
            ],
        ],
    };

    let kpi_rows = kpi_rows(&kpis, lang);
    let kpis_section = Section {
        id: SectionId::Kpis,
        title: t("Key figures", "核心指标"),
        columns: vec![t("Metric", "指标"), t("Value", "数值")],
        rows: kpi_rows,
    };

    let providers = stats::grouped(db, &scope, GroupBy::Provider)?;
    let total_trades: u64 = providers.iter().map(|g| g.kpis.trades).sum();
    let providers_section = Section {
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
    };

    let days = stats::grouped(db, &scope, GroupBy::Day)?;
    let daily = Section {
        id: SectionId::Daily,
        title: t("Per day", "每日"),
        columns: [
            vec![t("Date", "日期")],
            flow_columns(lang),
            vec![
                t("Fees", "手续费"),
                t("Visitors", "客流"),
                t("Conversion", "转化率"),
            ],
        ]
        .concat(),
        rows: days
            .iter()
            .map(|g| {
                let k = &g.kpis;
                [
                    vec![Cell::Text(key_label(&g.key, lang))],
                    flow_cells(k),
                    vec![
                        Cell::money(k.fee),
                        k.visitors.map_or(Cell::Empty, |v| Cell::Int(v as i64)),
                        Cell::ratio_opt(k.conversion),
                    ],
                ]
                .concat()
            })
            .collect(),
    };

    let by_store = stats::grouped(db, &scope, GroupBy::Store)?;
    let stores_section = Section {
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
    };

    let coupons = coupon_rows(db, campaign, lang)?;
    let coupons_section = Section {
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
        rows: coupons,
    };

    let bills = bill_rows(db, &scope, lang)?;
    let bills_section = Section {
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
        rows: bills,
    };

    let charts = vec![
        Chart {
            section: SectionId::Daily,
            title: t("GMV per day", "每日交易额"),
            kind: ChartKind::Line,
            category_column: 0,
            value_column: 2,
        },
        Chart {
            section: SectionId::Providers,
            title: t("GMV by wallet", "各钱包交易额"),
            kind: ChartKind::Column,
            category_column: 0,
            value_column: 3,
        },
        Chart {
            section: SectionId::Stores,
            title: t("GMV per store", "各门店交易额"),
            kind: ChartKind::Bar,
            category_column: 0,
            value_column: 2,
        },
    ];
    let generated_at = local_minute(&crate::time::rfc3339(now, zone));
    Ok(Report {
        campaign_id: campaign,
        title: c.name.clone(),
        mall: mall.name.clone(),
        generated: match lang {
            Lang::En => format!("Generated at {generated_at} ({})", mall.time_zone),
            Lang::ZhCn => format!("生成时间 {generated_at}（{}）", mall.time_zone),
        },
        sections: vec![
            summary,
            kpis_section,
            providers_section,
            daily,
            stores_section,
            coupons_section,
            bills_section,
        ],
        charts,
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
        vec![t("Received", "商户实收"), Cell::money(k.settlement)],
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
        "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(coupon_fen), 0) FROM trade_hour
         WHERE coupon_id = ?1 AND kind = 'payment'",
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
fn bill_rows(db: &Db, scope: &Scope, lang: Lang) -> Result<Vec<Vec<Cell>>, ReportError> {
    let window = Window::resolve(db, scope)?;
    let (clause, values) = window.clause(stats::Source::Trades);
    let sql = format!("SELECT DISTINCT t.batch_id FROM trade_with_store t WHERE {clause}");
    let mut stmt = db.conn().prepare(&sql)?;
    let batches: Vec<i64> = stmt
        .query_map(rusqlite::params_from_iter(values), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let history = crate::import::history(db)?;
    Ok(history
        .into_iter()
        .filter(|b| batches.contains(&b.batch_id))
        .map(|b| {
            vec![
                Cell::Text(b.file),
                Cell::Text(b.format),
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
