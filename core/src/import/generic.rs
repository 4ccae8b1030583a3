//! Generic CSV exports (POS systems, UnionPay, member-card back offices) through a saved
//! column mapping: which header holds the time, the transaction number, the amount, … A
//! negative amount is a refund. Such files carry no summary, so there is nothing to reconcile
//! them against; they are reported reconciled with no differences.

use std::collections::HashMap;
use std::io::Read;

use crate::sql::{params, OptionalExtension};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::amount::parse_scaled;
use super::wechat::csv_error;
use super::write::{Kind, Row};
use super::{ImportError, Mismatch};
use crate::db::Db;
use crate::problem::Problem;

/// Header names of the columns PromoDesk needs; optional ones may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MappingColumns {
    pub time: String,
    pub trade_no: String,
    /// Order amount (yuan); negative on refunds.
    pub amount: String,
    #[serde(default)]
    pub received: String,
    #[serde(default)]
    pub coupon: String,
    #[serde(default)]
    pub coupon_name: String,
    #[serde(default)]
    pub fee: String,
    #[serde(default)]
    pub merchant_id: String,
    #[serde(default)]
    pub refund_no: String,
    #[serde(default)]
    pub order_no: String,
}

/// A saved mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Mapping {
    pub name: String,
    /// The provider the trades belong to: unionpay, bank_card, member_card, wechat_pay, alipay.
    pub provider: String,
    pub columns: MappingColumns,
}

fn invalid(field: &str, en: String, zh: String) -> ImportError {
    ImportError::Invalid(vec![Problem::new(field, "import.mapping", en, zh)])
}

/// Saves (or replaces) a mapping after checking it.
pub fn save_mapping(db: &mut Db, mapping: &Mapping) -> Result<Mapping, ImportError> {
    let name = mapping.name.trim();
    if name.is_empty() {
        return Err(invalid(
            "name",
            "the mapping needs a name".into(),
            "请为映射命名".into(),
        ));
    }
    if mapping
        .provider
        .parse::<crate::provider::Provider>()
        .is_err()
    {
        return Err(invalid(
            "provider",
            format!("provider '{}' is unknown; use unionpay, bank_card, member_card, wechat_pay or alipay", mapping.provider),
            format!("支付渠道“{}”无效", mapping.provider),
        ));
    }
    let c = &mapping.columns;
    for (field, value) in [
        ("time", &c.time),
        ("trade_no", &c.trade_no),
        ("amount", &c.amount),
    ] {
        if value.trim().is_empty() {
            return Err(invalid(
                field,
                format!("the mapping needs the header of the {field} column"),
                format!("映射必须指定 {field} 对应的列名"),
            ));
        }
    }
    let columns = serde_json::to_string(c).unwrap_or_default();
    db.write(|tx| {
        tx.execute(
            "INSERT INTO import_mapping (name, provider, columns) VALUES (?1, ?2, ?3)
             ON CONFLICT (mall_id, name) DO UPDATE SET provider = excluded.provider, columns = excluded.columns",
            params![name, mapping.provider.trim(), columns],
        )
        .map(drop)
    })?;
    get_mapping(db, name)
}

pub fn get_mapping(db: &Db, name: &str) -> Result<Mapping, ImportError> {
    db.conn()
        .query_row(
            "SELECT name, provider, columns FROM import_mapping WHERE name = ?1",
            [name.trim()],
            |r| {
                Ok(Mapping {
                    name: r.get(0)?,
                    provider: r.get(1)?,
                    columns: serde_json::from_str(&r.get::<_, String>(2)?).unwrap_or_default(),
                })
            },
        )
        .optional()?
        .ok_or_else(|| ImportError::MappingNotFound(name.trim().to_string()))
}

pub fn list_mappings(db: &Db) -> Result<Vec<Mapping>, ImportError> {
    let mut stmt = db
        .conn()
        .prepare("SELECT name FROM import_mapping ORDER BY name")?;
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    names.iter().map(|n| get_mapping(db, n)).collect()
}

pub fn remove_mapping(db: &mut Db, name: &str) -> Result<(), ImportError> {
    db.write(|tx| {
        if tx.execute("DELETE FROM import_mapping WHERE name = ?1", [name.trim()])? == 0 {
            return Err(ImportError::MappingNotFound(name.trim().to_string()));
        }
        Ok(())
    })
}

fn clean(field: &[u8]) -> &str {
    let s = std::str::from_utf8(field).unwrap_or("").trim();
    s.trim_start_matches('`').trim_end_matches('\t').trim()
}

pub fn parse(
    reader: &mut dyn Read,
    zone: Tz,
    mapping: &Mapping,
    on_row: &mut dyn FnMut(&Row) -> Result<(), ImportError>,
) -> Result<Vec<Mismatch>, ImportError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(reader);
    let mut record = csv::ByteRecord::new();
    let mut index: Option<HashMap<String, usize>> = None;
    let mut width = 0;
    let mut row = Row::default();
    let c = &mapping.columns;
    while csv.read_byte_record(&mut record).map_err(csv_error)? {
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && clean(&record[0]).is_empty() {
            continue;
        }
        let Some(map) = &index else {
            let map: HashMap<String, usize> = record
                .iter()
                .enumerate()
                .map(|(i, f)| (clean(f).trim_start_matches('\u{feff}').to_string(), i))
                .collect();
            for name in [&c.time, &c.trade_no, &c.amount].into_iter().chain(
                [
                    &c.received,
                    &c.coupon,
                    &c.coupon_name,
                    &c.fee,
                    &c.merchant_id,
                    &c.refund_no,
                    &c.order_no,
                ]
                .into_iter()
                .filter(|n| !n.is_empty()),
            ) {
                if !map.contains_key(name.as_str()) {
                    return Err(ImportError::MissingColumn {
                        line,
                        column: name.clone(),
                    });
                }
            }
            width = record.len();
            index = Some(map);
            continue;
        };
        if record.len() != width {
            return Err(ImportError::ColumnCount {
                line,
                found: record.len(),
                expected: width,
            });
        }
        let get = |name: &str| -> &str {
            if name.is_empty() {
                return "";
            }
            map.get(name).and_then(|i| record.get(*i)).map_or("", clean)
        };
        let money = |name: &str, scale: u32| -> Result<i64, ImportError> {
            let text = get(name);
            if text.is_empty() {
                return Ok(0);
            }
            parse_scaled(text.trim_start_matches(['¥', '￥']), scale).ok_or_else(|| {
                ImportError::BadValue {
                    line,
                    column: name.to_string(),
                    value: text.chars().take(40).collect(),
                    why: "is not an amount",
                }
            })
        };
        let time = get(&c.time);
        row.line = line;
        row.occurred_at =
            super::write::local_time(time, zone).ok_or_else(|| ImportError::BadValue {
                line,
                column: c.time.clone(),
                value: time.chars().take(40).collect(),
                why: "is not a date and time (YYYY-MM-DD HH:MM:SS)",
            })?;
        let trade_no = get(&c.trade_no);
        if trade_no.is_empty() {
            return Err(ImportError::BadValue {
                line,
                column: c.trade_no.clone(),
                value: String::new(),
                why: "is empty",
            });
        }
        let amount = money(&c.amount, 2)?;
        let received = if c.received.is_empty() {
            amount
        } else {
            money(&c.received, 2)?
        };
        row.trade_no.clear();
        row.trade_no.push_str(trade_no);
        row.merchant_order_no.clear();
        row.merchant_order_no.push_str(get(&c.order_no));
        row.merchant_id.clear();
        row.merchant_id.push_str(get(&c.merchant_id));
        row.coupon_name.clear();
        row.key.clear();
        row.fee_e5 = money(&c.fee, 5)?;
        if amount < 0 {
            row.kind = Kind::Refund;
            let refund_no = get(&c.refund_no);
            if refund_no.is_empty() {
                row.key.push_str(trade_no);
                row.key.push('@');
                row.key.push_str(time);
            } else {
                row.key.push_str(refund_no);
            }
            row.order_fen = 0;
            row.settlement_fen = 0;
            row.coupon_fen = 0;
            row.provider_discount_fen = 0;
            row.merchant_discount_fen = 0;
            row.refund_fen = -received;
        } else {
            row.kind = Kind::Payment;
            row.key.push_str(trade_no);
            row.order_fen = amount;
            row.settlement_fen = received;
            row.coupon_fen = money(&c.coupon, 2)?;
            row.merchant_discount_fen = row.coupon_fen;
            row.provider_discount_fen = 0;
            row.coupon_name.push_str(get(&c.coupon_name));
            row.refund_fen = 0;
        }
        on_row(&row)?;
    }
    if index.is_none() {
        return Err(ImportError::Empty);
    }
    Ok(vec![])
}
