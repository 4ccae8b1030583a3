//! Where a WeChat trade bill keeps each value, found by header NAME: the layouts differ in which
//! columns they have and where (ALL 27, SUCCESS 20, REFUND 29, the legacy 24 and the 2016
//! service-provider 18), and acquirers reorder them.

use std::collections::HashMap;

use super::clean;
use crate::import::ImportError;

pub(super) struct Columns {
    pub time: usize,
    pub merchant: Option<usize>,
    pub trade_no: usize,
    pub order_no: usize,
    pub status: usize,
    pub settlement: usize,
    pub coupon: usize,
    /// SUCCESS bills and the 2016 layout print no refund columns: a REFUND row there is refused.
    pub refund_no: Option<usize>,
    pub refund: Option<usize>,
    pub fee: usize,
    pub order: usize,
    /// REFUND bills: 交易时间 is the payment's time there, the refund happened at 退款成功时间
    /// (or, while a refund is still processing, was asked for at 退款申请时间). Every row of
    /// such a bill is a refund.
    pub refund_success: Option<usize>,
    pub refund_applied: Option<usize>,
    /// The columns' names as this bill prints them, for messages.
    pub settlement_name: &'static str,
    pub order_name: &'static str,
    pub coupon_name: &'static str,
    /// Ids a spreadsheet would damage: (column, name).
    pub ids: Vec<(usize, &'static str)>,
    pub width: usize,
    /// Every header name and its column, for the summary's sums.
    pub names: HashMap<String, usize>,
}

/// The first of `names` the header has, and which one it was.
fn pick(map: &HashMap<String, usize>, names: &[&'static str]) -> Option<(usize, &'static str)> {
    names.iter().find_map(|n| map.get(*n).map(|&i| (i, *n)))
}

fn need(
    map: &HashMap<String, usize>,
    line: u64,
    names: &[&'static str],
) -> Result<(usize, &'static str), ImportError> {
    pick(map, names).ok_or_else(|| ImportError::MissingColumn {
        line,
        column: names[0].to_string(),
    })
}

impl Columns {
    pub fn from_header(record: &csv::ByteRecord, line: u64) -> Result<Columns, ImportError> {
        let names: HashMap<String, usize> = record
            .iter()
            .enumerate()
            .map(|(i, f)| {
                // A BOM the v2 API's text mis-decoded shows up as `?` before 交易时间.
                let name = clean(f).trim_start_matches(['\u{feff}', '?']);
                (name.to_string(), i)
            })
            .collect();
        // Legacy and 2016 bills have no 应结订单金额: 总金额 is both the order and the settlement.
        let (settlement, settlement_name) = need(&names, line, &["应结订单金额", "总金额"])?;
        let (order, order_name) = need(&names, line, &["订单金额", "总金额"])?;
        let (coupon, coupon_name) = need(
            &names,
            line,
            &["代金券金额", "代金券或立减优惠金额", "企业红包金额"],
        )?;
        let (trade_no, _) = need(&names, line, &["微信订单号"])?;
        let (order_no, _) = need(&names, line, &["商户订单号"])?;
        let refund_no = pick(&names, &["微信退款单号"]).map(|p| p.0);
        let mut ids = vec![(trade_no, "微信订单号"), (order_no, "商户订单号")];
        if let Some(i) = refund_no {
            ids.push((i, "微信退款单号"));
        }
        if let Some((i, n)) = pick(&names, &["商户退款单号"]) {
            ids.push((i, n));
        }
        Ok(Columns {
            time: need(&names, line, &["交易时间"])?.0,
            merchant: pick(&names, &["特约商户号", "子商户号"]).map(|p| p.0),
            trade_no,
            order_no,
            status: need(&names, line, &["交易状态"])?.0,
            settlement,
            coupon,
            refund_no,
            refund: pick(&names, &["退款金额"]).map(|p| p.0),
            fee: need(&names, line, &["手续费"])?.0,
            order,
            refund_success: pick(&names, &["退款成功时间"]).map(|p| p.0),
            refund_applied: pick(&names, &["退款申请时间"]).map(|p| p.0),
            settlement_name,
            order_name,
            coupon_name,
            ids,
            width: record.len(),
            names,
        })
    }

    /// A REFUND bill: every row is a refund, whatever 交易状态 says.
    pub fn refunds_only(&self) -> bool {
        self.refund_success.is_some()
    }
}
