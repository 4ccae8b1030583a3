//! The Alipay merchant bill 业务明细 (bill_type=trade): `#` comment lines around a CSV table
//! whose id-like values end in a TAB, and a footer with the totals (#交易合计 / #退款合计),
//! worded two ways: today's 商家实收/商家优惠 and the older 交易金额/优惠金额.
//!
//! A refund row repeats its payment's 支付宝交易号 and 创建时间 (the payment's time); the refund
//! itself happened at 完成时间, which is therefore the time every row is dated by.

use std::collections::HashMap;
use std::io::Read;

use chrono_tz::Tz;

use super::amount::parse_scaled;
use super::resaved;
use super::wechat::csv_error;
use super::write::{Kind, Row};
use super::{ImportError, Mismatch};

fn clean(field: &[u8]) -> &str {
    std::str::from_utf8(field).unwrap_or("").trim()
}

struct Columns {
    trade_no: usize,
    order_no: Option<usize>,
    kind: usize,
    time: usize,
    time_name: &'static str,
    store: Option<usize>,
    order: usize,
    received: usize,
    red_packet: Option<usize>,
    points: Option<usize>,
    alipay_discount: Option<usize>,
    merchant_discount: Option<usize>,
    coupon: Option<usize>,
    coupon_name: Option<usize>,
    refund_no: Option<usize>,
    fee: Option<usize>,
    width: usize,
}

impl Columns {
    fn from_header(record: &csv::ByteRecord, line: u64) -> Result<Columns, ImportError> {
        let map: HashMap<&str, usize> = record
            .iter()
            .enumerate()
            .map(|(i, f)| (clean(f), i))
            .collect();
        let need = |name: &str| {
            map.get(name)
                .copied()
                .ok_or_else(|| ImportError::MissingColumn {
                    line,
                    column: name.to_string(),
                })
        };
        let opt = |name: &str| map.get(name).copied();
        Ok(Columns {
            trade_no: need("支付宝交易号")?,
            order_no: opt("商户订单号"),
            kind: need("业务类型")?,
            time: opt("完成时间").map_or_else(|| need("创建时间"), Ok)?,
            time_name: if opt("完成时间").is_some() {
                "完成时间"
            } else {
                "创建时间"
            },
            store: opt("门店编号"),
            order: need("订单金额（元）")?,
            received: need("商家实收（元）")?,
            red_packet: opt("支付宝红包（元）"),
            points: opt("集分宝（元）"),
            alipay_discount: opt("支付宝优惠（元）"),
            merchant_discount: opt("商家优惠（元）"),
            coupon: opt("券核销金额（元）"),
            coupon_name: opt("券名称"),
            refund_no: opt("退款批次号/请求号"),
            fee: opt("服务费（元）"),
            width: record.len(),
        })
    }
}

fn amount(
    record: &csv::ByteRecord,
    i: Option<usize>,
    line: u64,
    column: &str,
    scale: u32,
) -> Result<i64, ImportError> {
    let Some(i) = i else { return Ok(0) };
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

#[derive(Default)]
struct Sums {
    trades: i64,
    trade_order: i64,
    trade_received: i64,
    trade_merchant_discount: i64,
    refunds: i64,
    refund_received: i64,
    refund_merchant_discount: i64,
}

/// A footer figure: the number right after `label` ("交易合计：6笔" → 6, "商家实收共0.06元" → 6 fen).
fn figure(line: &str, label: &str, scale: u32) -> Option<i64> {
    let rest = &line[line.find(label)? + label.len()..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .unwrap_or(rest.len());
    parse_scaled(&rest[..end], scale)
}

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
    let mut footer: Vec<String> = Vec::new();
    let mut last_line = 0;
    while csv.read_byte_record(&mut record).map_err(csv_error)? {
        let line = record.position().map_or(0, |p| p.line());
        last_line = line;
        let first = clean(record.get(0).unwrap_or(b""));
        if first.starts_with('#') {
            let text: Vec<&str> = record.iter().map(clean).collect();
            footer.push(text.join(","));
            continue;
        }
        if record.len() == 1 && first.is_empty() {
            continue;
        }
        let Some(cols) = &columns else {
            columns = Some(Columns::from_header(&record, line)?);
            continue;
        };
        if record.len() != cols.width {
            return Err(ImportError::ColumnCount {
                line,
                found: record.len(),
                expected: cols.width,
            });
        }
        let kind = clean(&record[cols.kind]);
        let refund = match kind {
            "交易" => false,
            "退款" => true,
            _ => continue,
        };
        read_row(&record, cols, line, zone, refund, &mut row)?;
        let merchant_discount = amount(&record, cols.merchant_discount, line, "商家优惠（元）", 2)?;
        let received = amount(&record, Some(cols.received), line, "商家实收（元）", 2)?;
        if refund {
            sums.refunds += 1;
            sums.refund_received += received;
            sums.refund_merchant_discount += merchant_discount;
        } else {
            sums.trades += 1;
            sums.trade_order += amount(&record, Some(cols.order), line, "订单金额（元）", 2)?;
            sums.trade_received += received;
            sums.trade_merchant_discount += merchant_discount;
        }
        on_row(&row)?;
    }
    if columns.is_none() {
        return Err(ImportError::Empty);
    }
    // 交易合计 closes every bill; a file cut before it is incomplete. Without a 退款合计 line
    // there is nothing to check the refunds against (its figures read as absent).
    let Some(t) = footer.iter().find(|l| l.contains("交易合计")) else {
        return Err(ImportError::Truncated { line: last_line });
    };
    let r = footer
        .iter()
        .find(|l| l.contains("退款合计"))
        .map_or("", String::as_str);
    // The older wording's 交易金额 is the order amount (订单金额) of the 交易 rows. Its 优惠金额
    // and its refund amounts are not checked: which discounts and which sign they count is not
    // documented, and a guess would refuse genuine bills.
    let checks = [
        ("交易合计笔数", figure(t, "交易合计：", 0), sums.trades, 0),
        (
            "交易合计商家实收",
            figure(t, "商家实收共", 2),
            sums.trade_received,
            2,
        ),
        (
            "交易合计商家优惠",
            figure(t, "商家优惠共", 2),
            sums.trade_merchant_discount,
            2,
        ),
        (
            "交易合计交易金额",
            figure(t, "交易金额共", 2),
            sums.trade_order,
            2,
        ),
        ("退款合计笔数", figure(r, "退款合计：", 0), sums.refunds, 0),
        (
            "退款合计商家实收",
            figure(r, "商家实收退款共", 2),
            sums.refund_received,
            2,
        ),
        (
            "退款合计商家优惠",
            figure(r, "商家优惠退款共", 2),
            sums.refund_merchant_discount,
            2,
        ),
    ];
    let mut mismatches = Vec::new();
    for (name, theirs, ours, scale) in checks {
        let Some(theirs) = theirs else { continue };
        if theirs != ours {
            let show = |v: i64| {
                if scale == 0 {
                    v.to_string()
                } else {
                    super::amount::format_scaled(v, scale)
                }
            };
            mismatches.push(Mismatch {
                figure: name.into(),
                summary: show(theirs),
                rows: show(ours),
            });
        }
    }
    Ok(mismatches)
}

fn read_row(
    record: &csv::ByteRecord,
    c: &Columns,
    line: u64,
    zone: Tz,
    refund: bool,
    row: &mut Row,
) -> Result<(), ImportError> {
    let get = |i: Option<usize>| i.map_or("", |i| clean(record.get(i).unwrap_or(b"")));
    row.line = line;
    row.kind = if refund { Kind::Refund } else { Kind::Payment };
    for (i, column) in [
        (Some(c.trade_no), "支付宝交易号"),
        (c.order_no, "商户订单号"),
        (c.refund_no, "退款批次号/请求号"),
    ] {
        let value = get(i);
        if resaved::scientific(value) {
            return Err(ImportError::ResavedBySpreadsheet {
                line,
                column: column.into(),
                value: value.chars().take(40).collect(),
            });
        }
    }
    let time = get(Some(c.time));
    row.occurred_at = super::write::local_time(time, zone).ok_or_else(|| {
        let value = time.chars().take(40).collect();
        let column = c.time_name.into();
        if resaved::spreadsheet_time(time) {
            ImportError::ResavedBySpreadsheet {
                line,
                column,
                value,
            }
        } else {
            ImportError::BadValue {
                line,
                column,
                value,
                why: "is not a date and time (YYYY-MM-DD HH:MM:SS)",
            }
        }
    })?;
    let trade_no = get(Some(c.trade_no));
    if trade_no.is_empty() {
        return Err(ImportError::BadValue {
            line,
            column: "支付宝交易号".into(),
            value: String::new(),
            why: "is empty",
        });
    }
    row.trade_no.clear();
    row.trade_no.push_str(trade_no);
    row.merchant_order_no.clear();
    row.merchant_order_no.push_str(get(c.order_no));
    row.merchant_id.clear();
    row.merchant_id.push_str(get(c.store));
    row.coupon_name.clear();
    row.key.clear();
    let order = amount(record, Some(c.order), line, "订单金额（元）", 2)?;
    let received = amount(record, Some(c.received), line, "商家实收（元）", 2)?;
    row.fee_e5 = amount(record, c.fee, line, "服务费（元）", 5)?;
    if refund {
        let refund_no = get(c.refund_no);
        if refund_no.is_empty() {
            // Older bills leave the batch number empty; the refund's own time tells refunds apart.
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
        row.key.push_str(trade_no);
        if order < 0 || received < 0 {
            return Err(ImportError::BadValue {
                line,
                column: if order < 0 {
                    "订单金额（元）"
                } else {
                    "商家实收（元）"
                }
                .into(),
                value: super::amount::format_scaled(order.min(received), 2),
                why: "is negative on a payment row",
            });
        }
        row.order_fen = order;
        row.settlement_fen = received;
        row.coupon_fen = amount(record, c.coupon, line, "券核销金额（元）", 2)?;
        row.provider_discount_fen = amount(record, c.alipay_discount, line, "支付宝优惠（元）", 2)?
            + amount(record, c.red_packet, line, "支付宝红包（元）", 2)?
            + amount(record, c.points, line, "集分宝（元）", 2)?;
        row.merchant_discount_fen = amount(record, c.merchant_discount, line, "商家优惠（元）", 2)?;
        row.coupon_name.push_str(get(c.coupon_name));
        row.refund_fen = 0;
    }
    Ok(())
}
