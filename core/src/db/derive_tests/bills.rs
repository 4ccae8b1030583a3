//! Bills for the derive tests: WeChat Pay ALL bills and Alipay 业务明细 with generated rows.

use std::path::PathBuf;

pub(super) const WECHAT_IDS: [&str; 3] = ["1900000001", "1900000002", "1900000003"];
pub(super) const ALIPAY_IDS: [&str; 3] = ["S1", "S2", "S3"];
/// Alipay names the coupon on the bill; these are the names the generated coupons carry.
pub(super) const ALIPAY_COUPONS: [&str; 2] = ["女神券A", "女神券B"];
pub(super) const FACES: [i64; 2] = [1000, 3000];

/// A bill row: merchant, day of March 2027 (1–12), hour, coupon choice, refund, amount.
pub(super) type BillRow = (u8, u8, u8, u8, bool, u16);

/// A WeChat Pay ALL bill or an Alipay 业务明细 holding `rows`; the summary is left for the
/// import to tolerate (these tests are about derived data, not reconciliation).
pub(super) fn bill(dir: &tempfile::TempDir, n: usize, alipay: bool, rows: &[BillRow]) -> PathBuf {
    let mut text = String::new();
    if alipay {
        text.push_str("#支付宝业务明细查询\n支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\n");
        for (i, (m, day, hour, c, _, amount)) in rows.iter().enumerate() {
            let store = ALIPAY_IDS[usize::from(*m) % 3];
            let (coupon, name) = match c {
                0 => (0, ""),
                k => (30, ALIPAY_COUPONS[usize::from(*k - 1) % 2]),
            };
            let order = i64::from(*amount) + coupon;
            let at = format!("{} {hour:02}:10:00", super::march(*day));
            text.push_str(&format!(
                "A{n}x{i}\t,o{n}x{i}\t,交易\t,衣服,{at},{at},{store}\t,店\t,,\t,*x\t,{order}.00,{amount}.00,0.00,0.00,0.00,{coupon}.00,{coupon}.00,{name},0.00\t,0.00,\t,0.00,0.00,\n"
            ));
        }
        text.push_str("#-----业务明细列表结束-----\n#交易合计：0笔，商家实收共0.00元，商家优惠共0.00元\n#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元\n");
        let path = dir.path().join(format!("alipay{n}.csv"));
        std::fs::write(&path, encoding_rs::GBK.encode(&text).0).unwrap();
        return path;
    }
    text.push_str("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\n");
    for (i, (m, day, hour, c, refund, amount)) in rows.iter().enumerate() {
        let mch = WECHAT_IDS[usize::from(*m) % 3];
        let at = format!("{} {hour:02}:20:00", super::march(*day));
        let coupon = match c {
            0 => 0,
            k => FACES[usize::from(*k - 1) % 2] / 100,
        };
        let order = i64::from(*amount) + coupon;
        if *refund {
            text.push_str(&format!(
                "`{at},`wx1,`1900000000,`{mch},`,`T{n}x{i},`o{n}x{i},`u,`JSAPI,`REFUND,`CMB,`CNY,`0.00,`0.00,`R{n}x{i},`r{n}x{i},`{amount}.00,`0.00,`ORIGINAL,`SUCCESS,`衣服,`,`-0.01000,`0.60%,`0.00,`{amount}.00,`\n"
            ));
        } else {
            text.push_str(&format!(
                "`{at},`wx1,`1900000000,`{mch},`,`T{n}x{i},`o{n}x{i},`u,`JSAPI,`SUCCESS,`CMB,`CNY,`{order}.00,`{coupon}.00,`0,`0,`0.00,`0.00,`,`,`衣服,`,`0.01000,`0.60%,`{order}.00,`0.00,`\n"
            ));
        }
    }
    text.push_str("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n`0,`0.00,`0.00,`0.00,`0.00,`0.00,`0.00\n");
    let path = dir.path().join(format!("wechat{n}.csv"));
    std::fs::write(&path, text).unwrap();
    path
}
