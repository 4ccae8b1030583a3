//! Writes a synthetic WeChat Pay trade bill (current 27-column layout) with N rows and a
//! matching summary, for the benchmarks: `gen_wechat_bill ROWS OUT.csv [FIRST [START DAYS]]`
//! (FIRST: the number of the first trade, 0 by default; START and DAYS: spread the rows evenly
//! over DAYS days from the date START, as a mall's ordinary weeks, instead of one row a second
//! over 2027-03-06…09, the 3.8 festival). It looks like a
//! mall's: 200 tenants (特约商户号 1900012301…1900012500), a third of the payments with a
//! coupon, one row in 25 a refund of the payment before it, Chinese product names, fees of
//! 0.6 % with 5 decimals.

use std::io::{BufWriter, Write};

const PRODUCTS: [&str; 6] = [
    "女装连衣裙",
    "美妆护肤套装",
    "咖啡拿铁",
    "运动鞋",
    "火锅双人餐",
    "珠宝饰品",
];

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let rows: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let path = args.next().unwrap_or_else(|| "bill.csv".into());
    // Where the trade numbers start, so a second bill holds other trades than the first.
    let first: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    // Ordinary weeks: the rows spread evenly over DAYS days from START.
    let spread: Option<(chrono::NaiveDate, u64)> = match (args.next(), args.next()) {
        (Some(start), Some(days)) => Some((
            start.parse().expect("START as YYYY-MM-DD"),
            days.parse().expect("DAYS as a number"),
        )),
        _ => None,
    };
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&path)?);
    out.write_all("\u{feff}交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n".as_bytes())?;
    let (mut settlement, mut refund, mut fee_e5, mut order) = (0i64, 0i64, 0i64, 0i64);
    let yuan = |fen: i64| format!("{}.{:02}", fen / 100, fen % 100);
    let mut last_payment = (0u64, 0i64);
    for i in first..first + rows {
        let time = match spread {
            Some((start, days)) => {
                let at = start.and_hms_opt(0, 0, 0).expect("midnight")
                    + chrono::Duration::seconds(((i - first) * days * 86_400 / rows) as i64);
                at.format("%Y-%m-%d %H:%M:%S").to_string()
            }
            None => {
                let second = i % 86_400;
                format!(
                    "2027-03-{:02} {:02}:{:02}:{:02}",
                    6 + (i / 86_400) % 4,
                    second / 3600,
                    (second / 60) % 60,
                    second % 60
                )
            }
        };
        // A refund is the previous payment's, at that payment's tenant.
        let payer = if i % 25 == 24 { last_payment.0 } else { i };
        let sub_mch = 1_900_012_301 + (payer * 7 % 200);
        let product = PRODUCTS[(i % PRODUCTS.len() as u64) as usize];
        if i % 25 == 24 {
            let (pay, amount) = last_payment;
            let fee = -(amount * 600 / 100); // 0.6 % in 0.00001 yuan
            refund += amount;
            fee_e5 += fee;
            writeln!(
                out,
                "`{time},`wx8888888888888888,`1900000001,`{sub_mch},`,`42000{pay:023},`PD{pay:020},`oUser{pay},`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50{i:026},`RF{i:020},`{},`0.00,`ORIGINAL,`SUCCESS,`{product},`,`-{}.{:05},`0.60%,`0.00,`{},`",
                yuan(amount), (-fee) / 100_000, (-fee) % 100_000, yuan(amount)
            )?;
        } else {
            let amount = 1_000 + (i as i64 * 7919) % 50_000;
            let coupon = if i % 3 == 0 { 3_000.min(amount / 2) } else { 0 };
            let fee = amount * 600 / 100;
            settlement += amount;
            order += amount;
            fee_e5 += fee;
            last_payment = (i, amount);
            writeln!(
                out,
                "`{time},`wx8888888888888888,`1900000001,`{sub_mch},`,`42000{i:023},`PD{i:020},`oUser{i},`JSAPI,`SUCCESS,`OTHERS,`CNY,`{},`{},`0,`0,`0.00,`0.00,`,`,`{product},`,`{}.{:05},`0.60%,`{},`0.00,`",
                yuan(amount), yuan(coupon), fee / 100_000, fee % 100_000, yuan(amount)
            )?;
        }
    }
    let fee_fen = (fee_e5 + if fee_e5 >= 0 { 500 } else { -500 }) / 1000;
    let signed = |fen: i64| {
        if fen < 0 {
            format!("-{}", yuan(-fen))
        } else {
            yuan(fen)
        }
    };
    writeln!(out, "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r")?;
    writeln!(
        out,
        "`{rows}.0,`{},`{},`0.00,`{},`{},`{}\r",
        yuan(settlement),
        yuan(refund),
        signed(fee_fen),
        yuan(order),
        yuan(refund)
    )?;
    out.flush()
}
