//! Last year's bills for the demo: what WeChat Pay and Alipay would have handed the mall for
//! the two weeks before its 3.8 festival and the festival days, and the door counters' visitor
//! counts — written in the real formats (a WeChat Pay 交易账单 ALL bill, an Alipay 业务明细) and
//! imported by the importer, so import history, statistics, the wallet comparison, uplift and
//! the report all show believable figures on the first start.
//!
//! The figures come from a fixed pseudo-random sequence, so every demo is the same.

use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};

/// A tenant as the bills name it, and how much its shoppers spend.
pub(super) struct Tenant {
    pub wechat: &'static str,
    pub alipay: &'static str,
    pub store_name: &'static str,
    /// Typical ticket in fen.
    pub ticket_fen: i64,
    /// Whether the festival's 满200减30 applies here.
    pub in_campaign: bool,
}

/// What the demo writes.
pub(super) struct DemoBills {
    pub wechat: String,
    pub alipay: String,
    pub footfall: String,
}

/// A small linear congruential generator: deterministic and enough for demo figures.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }
}

fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", fen.abs() / 100, fen.abs() % 100)
}

/// One payment of the demo.
struct Payment {
    day: NaiveDate,
    second: u32,
    tenant: usize,
    order_fen: i64,
    coupon_fen: i64,
}

/// The payments of each wallet: `baseline` days before `festival_start`, then the festival
/// days through `festival_end`, busier and with the coupon used on orders of ¥200 or more.
/// How one wallet's shoppers differ: payments a day, ticket size in percent of the store's
/// typical one, and how many in ten eligible payments use the coupon.
struct Habits {
    per_day: u64,
    ticket_percent: i64,
    coupon_in_ten: u64,
}

fn payments(
    seq: &mut Sequence,
    tenants: &[Tenant],
    first: NaiveDate,
    festival: (NaiveDate, NaiveDate),
    habits: &Habits,
) -> Vec<Payment> {
    let per_day = habits.per_day;
    let mut out = Vec::new();
    let mut day = first;
    while day <= festival.1 {
        let on_festival = day >= festival.0;
        let count = if on_festival {
            per_day * 8 / 5
        } else {
            per_day
        } + seq.next(per_day / 4);
        for _ in 0..count {
            let tenant = seq.next(tenants.len() as u64) as usize;
            let t = &tenants[tenant];
            // Festival shoppers at the campaign's stores buy up to the threshold.
            let lift = if on_festival && t.in_campaign {
                130
            } else {
                100
            };
            let ticket = t.ticket_fen * habits.ticket_percent / 100;
            let order_fen =
                (ticket * (40 + seq.next(140) as i64) / 100 * lift / 100).max(990) / 10 * 10;
            let coupon_fen = if on_festival
                && t.in_campaign
                && order_fen >= 20_000
                && seq.next(10) < habits.coupon_in_ten
            {
                3_000
            } else {
                0
            };
            out.push(Payment {
                day,
                second: 36_000 + seq.next(43_200) as u32,
                tenant,
                order_fen,
                coupon_fen,
            });
        }
        day += Duration::days(1);
    }
    out.sort_by_key(|p| (p.day, p.second));
    out
}

fn time(p: &Payment) -> String {
    format!(
        "{} {:02}:{:02}:{:02}",
        p.day,
        p.second / 3600,
        p.second / 60 % 60,
        p.second % 60
    )
}

/// A WeChat Pay 交易账单 (ALL, 27 columns): backtick-prefixed values, the 7-figure summary.
fn wechat_bill(payments: &[Payment], tenants: &[Tenant]) -> String {
    let mut out = String::from("\u{feff}交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n");
    let (mut settlement, mut order, mut fee_e5) = (0i64, 0i64, 0i64);
    for (i, p) in payments.iter().enumerate() {
        let t = &tenants[p.tenant];
        // The mall pays for its coupon: a 免充值 coupon, so the tenant is settled the rest.
        let settled = p.order_fen - p.coupon_fen;
        let fee = settled * 600 / 100;
        settlement += settled;
        order += p.order_fen;
        fee_e5 += fee;
        let _ = write!(
            out,
            "`{},`wx6d2a0c8f1e3b5a7c,`1900000109,`{},`,`4200002026{:018},`WJH{:016},`oWjh{:012},`MICROPAY,`SUCCESS,`OTHERS,`CNY,`{},`{},`0,`0,`0.00,`0.00,`,`,`{}消费,`,`{}.{:05},`0.60%,`{},`0.00,`\r\n",
            time(p),
            t.wechat,
            i + 1,
            i + 1,
            i * 7 + 3,
            yuan(settled),
            yuan(p.coupon_fen),
            t.store_name,
            fee / 100_000,
            fee % 100_000,
            yuan(p.order_fen),
        );
    }
    let fee_fen = (fee_e5 + 500) / 1000;
    out.push_str("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n");
    let _ = write!(
        out,
        "`{}.0,`{},`0.00,`0.00,`{},`{},`0.00\r\n",
        payments.len(),
        yuan(settlement),
        yuan(fee_fen),
        yuan(order)
    );
    out
}

/// An Alipay 业务明细: `#` header lines, id-like values ending in a TAB, the totals footer.
fn alipay_bill(
    payments: &[Payment],
    tenants: &[Tenant],
    coupon_name: &str,
    span: (NaiveDate, NaiveDate),
) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "#支付宝业务明细查询\n#账号：[20880311096256331234]\n#起始日期：[{} 00:00:00]   终止日期：[{} 00:00:00]\n#-----------------------------------------业务明细列表----------------------------------------\n",
        span.0.format("%Y年%m月%d日"),
        (span.1 + Duration::days(1)).format("%Y年%m月%d日")
    );
    out.push_str("支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\n");
    let (mut received_sum, mut discount_sum) = (0i64, 0i64);
    for (i, p) in payments.iter().enumerate() {
        let t = &tenants[p.tenant];
        let received = p.order_fen - p.coupon_fen;
        received_sum += received;
        discount_sum += p.coupon_fen;
        let name = if p.coupon_fen > 0 { coupon_name } else { "" };
        let _ = writeln!(
            out,
            "2026{:024}\t,WJHA{:014}\t,交易\t,{}消费,{},{},{}\t,{}\t,收银台\t,\t,*顾客({}****{:02})\t,{},{},0.00,0.00,0.00,{},{},{},0.00\t,0.00,\t,{},0.00,",
            i + 1,
            i + 1,
            t.store_name,
            time(p),
            time(p),
            t.alipay,
            t.store_name,
            138 + i % 50,
            i % 100,
            yuan(p.order_fen),
            yuan(received),
            yuan(p.coupon_fen),
            yuan(p.coupon_fen),
            name,
            yuan(received * 6 / 1000),
        );
    }
    out.push_str("#-----------------------------------------业务明细列表结束------------------------------------\n");
    let _ = write!(
        out,
        "#交易合计：{}笔，商家实收共{}元，商家优惠共{}元\n#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元\n#导出时间：[{} 10:12:03]\n",
        payments.len(),
        yuan(received_sum),
        yuan(discount_sum),
        (span.1 + Duration::days(1)).format("%Y年%m月%d日"),
    );
    out
}

/// The door counters' daily visitors over the same days, busier on the festival.
fn footfall(seq: &mut Sequence, first: NaiveDate, festival: (NaiveDate, NaiveDate)) -> String {
    let mut out = String::from("date,visitors\n");
    let mut day = first;
    while day <= festival.1 {
        let base = 16_000 + seq.next(3_000);
        let visitors = if day >= festival.0 {
            base * 3 / 2
        } else {
            base
        };
        let _ = writeln!(out, "{day},{visitors}");
        day += Duration::days(1);
    }
    out
}

/// The bills and visitor counts of a festival from `festival.0` to `festival.1`, with the
/// fourteen days before it as the baseline.
pub(super) fn last_years(
    tenants: &[Tenant],
    festival: (NaiveDate, NaiveDate),
    coupon_name: &str,
) -> DemoBills {
    let first = festival.0 - Duration::days(14);
    let mut seq = Sequence(0x005e_ed38);
    // WeChat Pay brings more shoppers who take the coupon; Alipay fewer, with larger tickets.
    let wechat = Habits {
        per_day: 400,
        ticket_percent: 100,
        coupon_in_ten: 6,
    };
    let alipay = Habits {
        per_day: 200,
        ticket_percent: 115,
        coupon_in_ten: 4,
    };
    let wechat = payments(&mut seq, tenants, first, festival, &wechat);
    let alipay = payments(&mut seq, tenants, first, festival, &alipay);
    DemoBills {
        wechat: wechat_bill(&wechat, tenants),
        alipay: alipay_bill(&alipay, tenants, coupon_name, (first, festival.1)),
        footfall: footfall(&mut seq, first, festival),
    }
}
