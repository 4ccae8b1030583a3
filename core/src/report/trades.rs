//! The detail rows of a campaign's trades, streamed in time order for the XLSX and CSV outputs.
//! Rows carry raw values (fen, seconds) so each writer converts once: XLSX writes numbers and a
//! real date-time, CSV writes decimal text.

use chrono::{DateTime, FixedOffset, Offset};

use super::ReportError;
use crate::db::Db;
use crate::import::format_scaled;
use crate::stats::{Source, Window};
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

/// One trade. Money in fen (the fee in 0.00001 yuan), time in UTC seconds plus the mall offset.
pub struct TradeRow {
    pub occurred_at: i64,
    pub offset: i64,
    pub provider: String,
    pub kind: &'static str,
    pub trade_no: String,
    pub merchant_order_no: String,
    pub store: String,
    pub order_fen: i64,
    pub settlement_fen: i64,
    pub coupon_fen: i64,
    pub coupon_name: String,
    pub refund_fen: i64,
    pub fee_e5: i64,
}

impl TradeRow {
    /// Local time as text, e.g. `2027-03-06 10:00:00`.
    pub fn time_text(&self) -> String {
        let offset = FixedOffset::east_opt(self.offset as i32).unwrap_or_else(|| chrono::Utc.fix());
        DateTime::from_timestamp(self.occurred_at, 0)
            .unwrap_or_default()
            .with_timezone(&offset)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    }

    /// Local time as an Excel serial date (days since 1899-12-30).
    pub fn excel_time(&self) -> f64 {
        (self.occurred_at + self.offset) as f64 / 86_400.0 + 25_569.0
    }

    /// The money columns as decimal text, in column order.
    pub fn money_texts(&self) -> [String; 5] {
        [
            format_scaled(self.order_fen, 2),
            format_scaled(self.settlement_fen, 2),
            format_scaled(self.coupon_fen, 2),
            format_scaled(self.refund_fen, 2),
            format_scaled(self.fee_e5, 5),
        ]
    }
}

/// Calls `row` with each trade of the campaign's window and stores, oldest first. Returns false
/// when `row` asked to stop.
pub fn each_trade(
    db: &Db,
    window: &Window,
    lang: Lang,
    row: &mut dyn FnMut(&TradeRow) -> bool,
) -> Result<bool, ReportError> {
    let (clause, values) = window.clause(Source::Trades);
    let sql = format!(
        "SELECT t.occurred_at, t.provider, t.kind, t.trade_no, t.merchant_order_no,
                COALESCE(s.name, t.merchant_id), t.order_fen, t.settlement_fen, t.coupon_fen,
                t.coupon_name, t.refund_fen, t.fee_e5
         FROM trade_with_store t LEFT JOIN store s ON s.id = t.store_id
         WHERE {clause} ORDER BY t.occurred_at, t.id"
    );
    let mut stmt = db.conn().prepare(&sql)?;
    let mut rows = stmt.query(crate::sql::params_from_iter(values))?;
    let (payment, refund) = match lang {
        Lang::En => ("payment", "refund"),
        Lang::ZhCn => ("支付", "退款"),
    };
    let provider_name = |key: &str| {
        key.parse::<crate::provider::Provider>()
            .map_or(key.to_string(), |p| p.name().get(lang).to_string())
    };
    let mut names: Vec<(String, String)> = Vec::new();
    while let Some(r) = rows.next()? {
        let key = r.get_ref(1)?.as_str().unwrap_or_default();
        let provider = match names.iter().find(|(k, _)| k == key) {
            Some((_, name)) => name.clone(),
            None => {
                let name = provider_name(key);
                names.push((key.to_string(), name.clone()));
                name
            }
        };
        let trade = TradeRow {
            occurred_at: r.get(0)?,
            offset: window.offset,
            provider,
            kind: if crate::db::derive::is_payment(
                r.get_ref(2)?.as_str().map_err(crate::sql::Error::from)?,
            )? {
                payment
            } else {
                refund
            },
            trade_no: r.get(3)?,
            merchant_order_no: r.get(4)?,
            store: r.get(5)?,
            order_fen: r.get(6)?,
            settlement_fen: r.get(7)?,
            coupon_fen: r.get(8)?,
            coupon_name: r.get(9)?,
            refund_fen: r.get(10)?,
            fee_e5: r.get(11)?,
        };
        if !row(&trade) {
            return Ok(false);
        }
    }
    Ok(true)
}
