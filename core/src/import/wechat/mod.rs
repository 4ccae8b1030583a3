//! The WeChat Pay trade bill (交易账单): every layout WeChat Pay hands out — ALL, SUCCESS and
//! REFUND, the legacy 24-column one and the 2016 service-provider one — read by header name.
//! Every detail value carries a leading backtick, which is also how a bill re-saved by a
//! spreadsheet gives itself away.
//!
//! A payment is keyed by 微信订单号/商户订单号 and a refund by 微信退款单号, with the same values
//! whichever layout a row comes from, so ALL, SUCCESS and REFUND bills of one day can be
//! imported in any order and store each trade once.

mod layout;
mod summary;

use std::io::Read;

use chrono_tz::Tz;

use super::amount::parse_scaled;
use super::resaved;
use super::write::{Kind, Row};
use super::{ImportError, Mismatch};
use layout::Columns;
use summary::Tally;

fn clean(field: &[u8]) -> &str {
    let s = std::str::from_utf8(field).unwrap_or("").trim();
    s.strip_prefix('`').unwrap_or(s).trim()
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
    let mut columns: Option<(Columns, Tally)> = None;
    let mut row = Row::default();
    let mut summary_header: Option<Vec<String>> = None;
    let mut first_detail: Option<u64> = None;
    let mut backticks = false;
    let mut last_line = 0;
    while csv.read_byte_record(&mut record).map_err(csv_error)? {
        let line = record.position().map_or(0, |p| p.line());
        last_line = line;
        if record.len() == 1 && clean(&record[0]).is_empty() {
            continue;
        }
        let Some((cols, tally)) = &mut columns else {
            let cols = Columns::from_header(&record, line)?;
            let tally = Tally::new(&cols);
            columns = Some((cols, tally));
            continue;
        };
        if let Some(names) = &summary_header {
            return tally.compare(names, &record, line);
        }
        if clean(&record[0]).starts_with("总交易单数") {
            // A genuine bill prefixes every detail value with a backtick; a bill without a
            // single one went through a spreadsheet (or a search-and-replace) and its ids with it.
            if let (Some(first), false) = (first_detail, backticks) {
                return Err(ImportError::ResavedBySpreadsheet {
                    line: first,
                    column: String::new(),
                    value: String::new(),
                });
            }
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
        first_detail.get_or_insert(line);
        backticks = backticks
            || record
                .iter()
                .any(|f| f.trim_ascii_start().starts_with(b"`"));
        read_row(&record, cols, line, zone, &mut row)?;
        tally.add(&record, line)?;
        on_row(&row)?;
    }
    if columns.is_none() {
        return Err(ImportError::Empty);
    }
    Err(ImportError::Truncated { line: last_line })
}

/// A date and time column, read in the mall's zone.
fn time(text: &str, column: &str, line: u64, zone: Tz) -> Result<i64, ImportError> {
    super::write::local_time(text, zone).ok_or_else(|| {
        let value = text.chars().take(40).collect();
        if resaved::spreadsheet_time(text) {
            ImportError::ResavedBySpreadsheet {
                line,
                column: column.into(),
                value,
            }
        } else {
            ImportError::BadValue {
                line,
                column: column.into(),
                value,
                why: "is not a date and time (YYYY-MM-DD HH:MM:SS)",
            }
        }
    })
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
    for &(i, column) in &c.ids {
        let value = get(i);
        if resaved::scientific(value) {
            return Err(ImportError::ResavedBySpreadsheet {
                line,
                column: column.into(),
                value: value.chars().take(40).collect(),
            });
        }
    }
    let refund = c.refunds_only() || get(c.status) == "REFUND";
    row.occurred_at = match (refund, c.refund_success) {
        // In a REFUND bill 交易时间 is the payment's; the refund is dated as the ALL bill dates it.
        (true, Some(success)) => {
            let at = match (get(success), c.refund_applied) {
                ("", Some(applied)) => get(applied),
                (at, _) => at,
            };
            time(at, "退款成功时间", line, zone)?
        }
        _ => time(get(c.time), "交易时间", line, zone)?,
    };
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
    let missing = |column: &str| ImportError::MissingColumn {
        line,
        column: column.into(),
    };
    row.key.clear();
    let (key, key_column) = if refund {
        (
            get(c.refund_no.ok_or_else(|| missing("微信退款单号"))?),
            "微信退款单号",
        )
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
        // A REFUND bill prints the payment's amounts beside the refund; they belong to the
        // payment, which its own row carries.
        row.order_fen = 0;
        row.settlement_fen = 0;
        row.coupon_fen = 0;
        row.provider_discount_fen = 0;
        row.merchant_discount_fen = 0;
        let refund_column = c.refund.ok_or_else(|| missing("退款金额"))?;
        row.refund_fen = amount(record, refund_column, line, "退款金额", 2)?;
    } else {
        row.order_fen = amount(record, c.order, line, c.order_name, 2)?;
        row.settlement_fen = amount(record, c.settlement, line, c.settlement_name, 2)?;
        row.coupon_fen = amount(record, c.coupon, line, c.coupon_name, 2)?;
        for (value, column) in [
            (row.order_fen, c.order_name),
            (row.coupon_fen, c.coupon_name),
        ] {
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
