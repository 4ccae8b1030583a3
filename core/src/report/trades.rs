//! The detail rows of a campaign's trades, streamed in time order for the XLSX and CSV outputs.

use chrono::{DateTime, FixedOffset, Offset};

use super::model::Cell;
use super::ReportError;
use crate::db::Db;
use crate::import::format_scaled;
use crate::stats::{Scope, Source, Window};
use crate::text::Lang;

/// Column titles and Excel widths of the detail.
pub fn trade_columns(lang: Lang) -> Vec<(&'static str, f64)> {
    let zh = lang == Lang::ZhCn;
    let t = |en: &'static str, zh_text: &'static str| if zh { zh_text } else { en };
    vec![
        (t("Time", "时间"), 20.0),
        (t("Provider", "支付机构"), 12.0),
        (t("Type", "类型"), 8.0),
        (t("Transaction no.", "交易单号"), 34.0),
        (t("Merchant order no.", "商户订单号"), 30.0),
        (t("Store", "门店"), 20.0),
        (t("Order", "订单金额"), 12.0),
        (t("Received", "实收"), 12.0),
        (t("Coupon", "券金额"), 10.0),
        (t("Coupon name", "券名称"), 20.0),
        (t("Refund", "退款金额"), 12.0),
        (t("Fee", "手续费"), 10.0),
    ]
}

/// Calls `row` with each trade of the campaign's window and stores, oldest first. Returns false
/// when `row` asked to stop.
pub fn each_trade(
    db: &Db,
    campaign: i64,
    lang: Lang,
    row: &mut dyn FnMut(&[Cell]) -> bool,
) -> Result<bool, ReportError> {
    let scope = Scope {
        campaign: Some(campaign),
        ..Default::default()
    };
    let window = Window::resolve(db, &scope)?;
    let offset = FixedOffset::east_opt(window.offset as i32).unwrap_or_else(|| chrono::Utc.fix());
    let (clause, values) = window.clause(Source::Trades);
    let sql = format!(
        "SELECT t.occurred_at, t.provider, t.kind, t.trade_no, t.merchant_order_no,
                COALESCE(s.name, t.merchant_id), t.order_fen, t.settlement_fen, t.coupon_fen,
                t.coupon_name, t.refund_fen, t.fee_e5
         FROM trade t LEFT JOIN store s ON s.id = t.store_id
         WHERE {clause} ORDER BY t.occurred_at, t.id"
    );
    let mut stmt = db.conn().prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
    let (payment, refund) = match lang {
        Lang::En => ("payment", "refund"),
        Lang::ZhCn => ("支付", "退款"),
    };
    let mut cells = Vec::with_capacity(12);
    while let Some(r) = rows.next()? {
        let at: i64 = r.get(0)?;
        let provider: String = r.get(1)?;
        let provider = provider
            .parse::<crate::provider::Provider>()
            .map_or(provider, |p| p.name().get(lang).to_string());
        let kind: String = r.get(2)?;
        let time = DateTime::from_timestamp(at, 0)
            .unwrap_or_default()
            .with_timezone(&offset)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string();
        cells.clear();
        cells.extend([
            Cell::Text(time),
            Cell::Text(provider),
            Cell::text(if kind == "refund" { refund } else { payment }),
            Cell::Text(r.get(3)?),
            Cell::Text(r.get(4)?),
            Cell::Text(r.get(5)?),
            Cell::Money(format_scaled(r.get(6)?, 2)),
            Cell::Money(format_scaled(r.get(7)?, 2)),
            Cell::Money(format_scaled(r.get(8)?, 2)),
            Cell::Text(r.get(9)?),
            Cell::Money(format_scaled(r.get(10)?, 2)),
            Cell::Money(format_scaled(r.get(11)?, 5)),
        ]);
        if !row(&cells) {
            return Ok(false);
        }
    }
    Ok(true)
}
