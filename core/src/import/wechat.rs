//! The WeChat Pay trade bill (交易账单, ALL / SUCCESS / REFUND): the current 27-column layout and
//! the legacy 24-column one, read by header name. Every value carries a leading backtick.

use std::collections::HashMap;
use std::io::Read;

use chrono_tz::Tz;

use super::amount::parse_scaled;
use super::write::{Kind, Row};
use super::{ImportError, Mismatch};

fn clean(field: &[u8]) -> &str {
    let s = std::str::from_utf8(field).unwrap_or("").trim();
    s.strip_prefix('`').unwrap_or(s).trim()
}

struct Columns {
    time: usize,
    merchant: Option<usize>,
    trade_no: usize,
    order_no: usize,
    status: usize,
    settlement: usize,
    coupon: usize,
    refund_no: usize,
    refund: usize,
    fee: usize,
    order: usize,
    /// Legacy bills have no 应结订单金额: 总金额 is both the order and the settlement.
    legacy: bool,
    requested_refund: Option<usize>,
    width: usize,
}

fn find(map: &HashMap<String, usize>, line: u64, names: &[&str]) -> Result<usize, ImportError> {
    names
        .iter()
        .find_map(|n| map.get(*n).copied())
        .ok_or_else(|| ImportError::MissingColumn {
            line,
            column: names[0].to_string(),
        })
}

impl Columns {
    fn from_header(record: &csv::ByteRecord, line: u64) -> Result<Columns, ImportError> {
        let map: HashMap<String, usize> = record
            .iter()
            .enumerate()
            .map(|(i, f)| (clean(f).trim_start_matches('\u{feff}').to_string(), i))
            .collect();
        let legacy = !map.contains_key("应结订单金额") && map.contains_key("总金额");
        Ok(Columns {
            time: find(&map, line, &["交易时间"])?,
            merchant: map
                .get("特约商户号")
                .or_else(|| map.get("子商户号"))
                .copied(),
            trade_no: find(&map, line, &["微信订单号"])?,
            order_no: find(&map, line, &["商户订单号"])?,
            status: find(&map, line, &["交易状态"])?,
            settlement: find(&map, line, &["应结订单金额", "总金额"])?,
            coupon: find(&map, line, &["代金券金额", "代金券或立减优惠金额"])?,
            refund_no: find(&map, line, &["微信退款单号"])?,
            refund: find(&map, line, &["退款金额"])?,
            fee: find(&map, line, &["手续费"])?,
            order: find(&map, line, &["订单金额", "总金额"])?,
            legacy,
            requested_refund: map.get("申请退款金额").copied(),
            width: record.len(),
        })
    }
}

fn amount(
    record: &csv::ByteRecord,
    i: usize,
    line: u64,
    column: &str,
    scale: u32,
) -> Result<i64, ImportError> {
    let text = clean(record.get(i).unwrap_or(b""));
    if text.is_empty() {
        return Ok(0);
    }
    parse_scaled(text, scale).ok_or_else(|| ImportError::BadValue {
        line,
        column: column.to_string(),
        value: text.chars().take(40).collect(),
        why: "is not an amount",
    })
}

/// What the detail rows add up to, for comparing with the summary row.
#[derive(Default)]
struct Sums {
    rows: i64,
    settlement: i64,
    refund: i64,
    fee_e5: i64,
    order: i64,
    requested_refund: i64,
}

/// Parses the bill, handing each row to `on_row`; returns the differences from the summary.
pub fn parse(
    reader: &mut dyn Read,
    zone: Tz,
    on_row: &mut dyn FnMut(&Row) -> Result<(), ImportError>,
) -> Result<Vec<Mismatch>, ImportError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        // Only LF ends a record (a CR before it is trimmed with the field), so the line numbers
        // csv reports are the file's for CRLF bills too.
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(256 * 1024)
        .from_reader(reader);
    let mut record = csv::ByteRecord::new();
    let mut columns: Option<Columns> = None;
    let mut row = Row::default();
    let mut sums = Sums::default();
    let mut summary_header: Option<Vec<String>> = None;
    let mut last_line = 0;
    while csv.read_byte_record(&mut record).map_err(csv_error)? {
        let line = record.position().map_or(0, |p| p.line());
        last_line = line;
        if record.len() == 1 && clean(&record[0]).is_empty() {
            continue;
        }
        let Some(cols) = &columns else {
            columns = Some(Columns::from_header(&record, line)?);
            continue;
        };
        let first = clean(&record[0]);
        if let Some(names) = &summary_header {
            return compare(names, &record, &sums, cols.legacy, line);
        }
        if first.starts_with("总交易单数") {
            summary_header = Some(record.iter().map(|f| clean(f).to_string()).collect());
            continue;
        }
        if record.len() != cols.width {
            return Err(ImportError::ColumnCount {
                line,
                found: record.len(),
                expected: cols.width,
            });
        }
        read_row(&record, cols, line, zone, &mut row)?;
        sums.rows += 1;
        match row.kind {
            Kind::Payment => {
                sums.settlement += row.settlement_fen;
                sums.order += row.order_fen;
            }
            Kind::Refund => {
                sums.refund += row.refund_fen;
                sums.requested_refund += match cols.requested_refund {
                    Some(i) => amount(&record, i, line, "申请退款金额", 2)?,
                    None => 0,
                };
            }
        }
        sums.fee_e5 += row.fee_e5;
        on_row(&row)?;
    }
    if columns.is_none() {
        return Err(ImportError::Empty);
    }
    Err(ImportError::Truncated { line: last_line })
}

fn read_row(
    record: &csv::ByteRecord,
    c: &Columns,
    line: u64,
    zone: Tz,
    row: &mut Row,
) -> Result<(), ImportError> {
    let get = |i: usize| clean(record.get(i).unwrap_or(b""));
    row.line = line;
    let time = get(c.time);
    row.occurred_at =
        super::write::local_time(time, zone).ok_or_else(|| ImportError::BadValue {
            line,
            column: "交易时间".into(),
            value: time.chars().take(40).collect(),
            why: "is not a date and time (YYYY-MM-DD HH:MM:SS)",
        })?;
    let refund = get(c.status) == "REFUND";
    row.kind = if refund { Kind::Refund } else { Kind::Payment };
    row.trade_no.clear();
    row.trade_no.push_str(get(c.trade_no));
    row.merchant_order_no.clear();
    row.merchant_order_no.push_str(get(c.order_no));
    row.merchant_id.clear();
    if let Some(i) = c.merchant {
        let m = get(i);
        if m != "0" {
            row.merchant_id.push_str(m);
        }
    }
    row.key.clear();
    let (key, key_column) = if refund {
        (get(c.refund_no), "微信退款单号")
    } else {
        (get(c.trade_no), "微信订单号")
    };
    if key.is_empty() || key == "0" {
        return Err(ImportError::BadValue {
            line,
            column: key_column.into(),
            value: key.into(),
            why: "is empty",
        });
    }
    row.key.push_str(key);
    if !refund {
        // 微信订单号 alone is not always unique (test merchants reuse it across orders); with the
        // merchant's own order number it is, and the same row in two bills still matches.
        row.key.push('/');
        row.key.push_str(get(c.order_no));
    }
    row.fee_e5 = amount(record, c.fee, line, "手续费", 5)?;
    row.coupon_name.clear();
    if refund {
        row.order_fen = 0;
        row.settlement_fen = 0;
        row.coupon_fen = 0;
        row.provider_discount_fen = 0;
        row.merchant_discount_fen = 0;
        row.refund_fen = amount(record, c.refund, line, "退款金额", 2)?;
    } else {
        let order_col = if c.legacy {
            "总金额"
        } else {
            "订单金额"
        };
        row.order_fen = amount(record, c.order, line, order_col, 2)?;
        row.settlement_fen = amount(
            record,
            c.settlement,
            line,
            if c.legacy {
                "总金额"
            } else {
                "应结订单金额"
            },
            2,
        )?;
        row.coupon_fen = amount(record, c.coupon, line, "代金券金额", 2)?;
        for (value, column) in [(row.order_fen, order_col), (row.coupon_fen, "代金券金额")] {
            if value < 0 {
                return Err(ImportError::BadValue {
                    line,
                    column: column.into(),
                    value: super::amount::format_scaled(value, 2),
                    why: "is negative on a payment row",
                });
            }
        }
        // 应结 = 订单 − 免充值 (merchant-funded) coupons; the rest of the coupon is prepaid
        // (funded through WeChat Pay).
        row.merchant_discount_fen = (row.order_fen - row.settlement_fen).clamp(0, row.coupon_fen);
        row.provider_discount_fen = row.coupon_fen - row.merchant_discount_fen;
        row.refund_fen = 0;
    }
    Ok(())
}

fn compare(
    names: &[String],
    values: &csv::ByteRecord,
    sums: &Sums,
    legacy: bool,
    line: u64,
) -> Result<Vec<Mismatch>, ImportError> {
    let mut mismatches = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let text = clean(values.get(i).unwrap_or(b""));
        let (ours, scale) = match name.as_str() {
            "总交易单数" => (sums.rows, 0),
            "应结订单总金额" => (sums.settlement, 2),
            "退款总金额" | "总退款金额" => (sums.refund, 2),
            "手续费总金额" => (round_e5_to_fen(sums.fee_e5), 2),
            "订单总金额" => (sums.order, 2),
            "总交易额" if legacy => (sums.order, 2),
            "申请退款总金额" => (sums.requested_refund, 2),
            _ => continue,
        };
        let Some(theirs) = parse_scaled(text, scale).or_else(|| {
            // Counts are printed as "45.0".
            parse_scaled(text, 1)
                .filter(|v| scale == 0 && v % 10 == 0)
                .map(|v| v / 10)
        }) else {
            return Err(ImportError::BadValue {
                line,
                column: name.clone(),
                value: text.chars().take(40).collect(),
                why: "is not an amount",
            });
        };
        if theirs != ours {
            let show = |v: i64| {
                if scale == 0 {
                    v.to_string()
                } else {
                    super::amount::format_scaled(v, scale)
                }
            };
            mismatches.push(Mismatch {
                figure: name.clone(),
                summary: show(theirs),
                rows: show(ours),
            });
        }
    }
    Ok(mismatches)
}

/// The summary prints fees rounded to the fen.
fn round_e5_to_fen(e5: i64) -> i64 {
    let sign = e5.signum();
    sign * ((e5.abs() + 500) / 1000)
}

pub fn csv_error(e: csv::Error) -> ImportError {
    let line = e.position().map_or(0, |p| p.line());
    match e.into_kind() {
        csv::ErrorKind::Io(io) => ImportError::Io(io),
        csv::ErrorKind::Utf8 { .. } => ImportError::BadValue {
            line,
            column: "?".into(),
            value: String::new(),
            why: "is not text in the bill's encoding",
        },
        _ => ImportError::Truncated { line },
    }
}
