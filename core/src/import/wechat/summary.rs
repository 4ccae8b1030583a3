//! The bill's own summary row and what each of its figures is checked against.

use super::{amount, clean, layout::Columns};
use crate::import::amount::{format_scaled, parse_scaled};
use crate::import::{ImportError, Mismatch};

/// Each summary figure and the detail column whose PRINTED values it totals, over every detail
/// row — payment and refund rows alike, the way WeChat Pay adds them up. So a REFUND bill's
/// 应结订单总金额 is checked against the 应结订单金额 its refund rows print (the original
/// payments'), although a stored refund carries no order or settlement amount: the check asks
/// whether the file is whole, not what PromoDesk keeps of it. A figure whose column this layout
/// does not print (退款总金额 in a SUCCESS bill, 总退款金额 in the 2016 layout) has nothing to be
/// checked against and is skipped, as are names not listed here. 总交易单数 counts the detail
/// rows; 手续费总金额 is the fee column's sum rounded to the fen, as the summary prints it.
const FIGURES: &[(&str, &[&str], u32)] = &[
    ("应结订单总金额", &["应结订单金额"], 2),
    ("退款总金额", &["退款金额"], 2),
    ("总退款金额", &["退款金额"], 2),
    ("充值券退款总金额", &["充值券退款金额"], 2),
    (
        "总企业红包退款金额",
        &["企业红包退款金额", "代金券或立减优惠退款金额"],
        2,
    ),
    ("手续费总金额", &["手续费"], 5),
    ("订单总金额", &["订单金额"], 2),
    ("总交易额", &["总金额"], 2),
    ("申请退款总金额", &["申请退款金额"], 2),
];

/// A summed detail column: its index, name, scale and running sum.
struct Summed {
    index: usize,
    name: &'static str,
    scale: u32,
    sum: i64,
}

/// What the detail rows add up to, column by column.
pub(super) struct Tally {
    rows: i64,
    columns: Vec<Summed>,
}

impl Tally {
    pub fn new(cols: &Columns) -> Tally {
        let mut columns: Vec<Summed> = Vec::new();
        for (_, detail, scale) in FIGURES {
            let found = detail
                .iter()
                .find_map(|n| cols.names.get(*n).map(|&i| (i, *n)));
            if let Some((index, name)) = found {
                if !columns.iter().any(|c| c.index == index) {
                    columns.push(Summed {
                        index,
                        name,
                        scale: *scale,
                        sum: 0,
                    });
                }
            }
        }
        Tally { rows: 0, columns }
    }

    pub fn add(&mut self, record: &csv::ByteRecord, line: u64) -> Result<(), ImportError> {
        self.rows += 1;
        for c in &mut self.columns {
            let value = amount(record, c.index, line, c.name, c.scale)?;
            // Saturating: a figure too large to add up cannot match the summary anyway.
            c.sum = c.sum.saturating_add(value);
        }
        Ok(())
    }

    fn sum_of(&self, figure: &str) -> Option<(i64, u32)> {
        if figure == "总交易单数" {
            return Some((self.rows, 0));
        }
        let (_, detail, _) = FIGURES.iter().find(|f| f.0 == figure)?;
        let c = self.columns.iter().find(|c| detail.contains(&c.name))?;
        Some(if c.scale == 5 {
            (round_e5_to_fen(c.sum), 2)
        } else {
            (c.sum, c.scale)
        })
    }

    /// Compares the summary row (`names` over `values`) with the rows' sums.
    pub fn compare(
        &self,
        names: &[String],
        values: &csv::ByteRecord,
        line: u64,
    ) -> Result<Vec<Mismatch>, ImportError> {
        let mut mismatches = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let Some((ours, scale)) = self.sum_of(name) else {
                continue;
            };
            let text = clean(values.get(i).unwrap_or(b""));
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
                        format_scaled(v, scale)
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
}

/// The summary prints fees rounded to the fen.
fn round_e5_to_fen(e5: i64) -> i64 {
    let sign = e5.signum();
    sign * ((e5.saturating_abs().saturating_add(500)) / 1000)
}
