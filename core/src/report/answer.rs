//! Page 1 of a report: the answer to "did it work, and which wallet was worth it", for the
//! manager who forwards it. Headline figures against the baseline, the wallets compared on what
//! decides between them, and three sentences written from those figures in the report's language.
//!
//! Sentences are built from the same numbers the tables show (rounded the same way), so a reader
//! can find every figure a sentence names in the table above it.

use rust_decimal::Decimal;

use super::build::{l, Figures, Subject};
use super::model::{percent, yuan, Answer, Cell, Section, SectionId};

/// A count as people read it: `7,500`.
fn count(n: u64) -> String {
    Cell::Int(n as i64).display()
}
use crate::provider::Provider;
use crate::stats::{self, Baseline, Group, GroupKey, Kpis};
use crate::text::Lang;

/// One wallet's figures for the comparison.
struct Wallet<'a> {
    provider: Provider,
    kpis: &'a Kpis,
    cost_per_redemption: Option<Decimal>,
}

impl Wallet<'_> {
    /// The ticket that tells the wallets apart: with a coupon when any was redeemed.
    fn ticket(&self) -> Option<Decimal> {
        self.kpis
            .average_ticket_with_coupon
            .or(self.kpis.average_ticket)
    }
}

fn wallets(providers: &[Group]) -> Vec<Wallet<'_>> {
    let mut wallets: Vec<Wallet<'_>> = providers
        .iter()
        .filter_map(|g| match &g.key {
            GroupKey::Provider { provider } => Some(Wallet {
                provider: *provider,
                kpis: &g.kpis,
                cost_per_redemption: (g.kpis.redemptions != 0)
                    .then(|| (g.kpis.coupon / Decimal::from(g.kpis.redemptions)).round_dp(2)),
            }),
            _ => None,
        })
        .collect();
    wallets.sort_by_key(|w| std::cmp::Reverse(w.kpis.order));
    wallets
}

/// What the figures are compared with, for people: "the same festival last year (…)".
pub(super) fn baseline_name(figures: &Figures, lang: Lang) -> String {
    let u = &figures.uplift;
    let days = format!("{} – {}", u.baseline_from, u.baseline_to);
    match (u.baseline, lang) {
        (Baseline::LastYear, Lang::En) => format!("the same festival last year ({days})"),
        (Baseline::LastYear, Lang::ZhCn) => format!("去年同节日（{days}）"),
        (Baseline::Before, Lang::En) => format!("the same number of days before ({days})"),
        (Baseline::Before, Lang::ZhCn) => format!("活动前同样天数（{days}）"),
    }
}

/// The answer's facts and sentences.
pub(super) fn answer(
    subject: &Subject,
    store_names: &str,
    figures: &Figures,
    lang: Lang,
) -> Answer {
    let t = |en, zh| l(lang, en, zh);
    let w = &subject.window;
    let (first, last) = (w.first_day, w.last_day);
    let days = match (first, last) {
        (Some(a), Some(b)) => (b - a).num_days() + 1,
        _ => 0,
    };
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut facts = vec![match lang {
        Lang::En => format!(
            "{} – {} ({days} days) · {store_names}",
            day(first),
            day(last)
        ),
        Lang::ZhCn => format!(
            "{} – {}（共 {days} 天）· {store_names}",
            day(first),
            day(last)
        ),
    }];
    facts.push(format!(
        "{}{}",
        t("Compared with ", "对比基准："),
        baseline_name(figures, lang)
    ));
    Answer {
        facts,
        sentences: vec![
            did_it_work(figures, lang),
            which_wallet(&wallets(&figures.providers), lang),
            what_it_cost(figures, lang),
        ],
    }
}

/// The headline figures, each against the baseline.
pub(super) fn headlines(figures: &Figures, lang: Lang) -> Section {
    let t = |en, zh| l(lang, en, zh);
    let (k, base, u, cost) = (
        &figures.kpis,
        &figures.uplift.base,
        &figures.uplift,
        &figures.cost,
    );
    let money = |d: Decimal| yuan(&d.round_dp(2).to_string());
    let row = |label: String, now: Cell, before: Cell, change: Option<Decimal>, note: String| {
        vec![
            Cell::Text(label),
            now,
            before,
            Cell::change_opt(change),
            Cell::Text(note),
        ]
    };
    let rate = cost.redemption_rate.map(|r| percent(&r.to_string(), 2));
    let rows = vec![
        row(
            t("GMV", "交易额"),
            Cell::money(k.order),
            Cell::money(base.order),
            u.order_change,
            match lang {
                Lang::En => format!("{} payments", count(k.trades)),
                Lang::ZhCn => format!("{} 笔支付", count(k.trades)),
            },
        ),
        row(
            t("Redemptions", "核销"),
            Cell::Int(k.redemptions as i64),
            Cell::Int(base.redemptions as i64),
            u.redemptions_change,
            match (lang, rate) {
                (Lang::En, Some(r)) => {
                    format!("redemption rate {r} of {} issued", count(cost.issued))
                }
                (Lang::ZhCn, Some(r)) => format!("核销率 {r}（发券 {} 张）", count(cost.issued)),
                _ => String::new(),
            },
        ),
        row(
            t("Discount", "优惠金额"),
            Cell::money(k.coupon),
            Cell::money(base.coupon),
            stats::change(k.coupon, base.coupon),
            match lang {
                Lang::En => format!(
                    "mall {} · tenants {} · providers {}",
                    money(cost.mall),
                    money(cost.tenant),
                    money(cost.provider)
                ),
                Lang::ZhCn => format!(
                    "商场 {} · 商户 {} · 支付机构 {}",
                    money(cost.mall),
                    money(cost.tenant),
                    money(cost.provider)
                ),
            },
        ),
        row(
            t("Net after fees and refunds", "扣除手续费和退款后净额"),
            Cell::money(k.net.round_dp(2)),
            Cell::money(base.net.round_dp(2)),
            stats::change(k.net, base.net),
            match lang {
                Lang::En => format!("fees {} · refunded {}", money(k.fee), money(k.refund)),
                Lang::ZhCn => format!("手续费 {} · 退款 {}", money(k.fee), money(k.refund)),
            },
        ),
        row(
            t("Average ticket", "客单价"),
            Cell::money_opt(k.average_ticket),
            Cell::money_opt(base.average_ticket),
            u.average_ticket_change,
            match (
                k.average_ticket_with_coupon,
                k.average_ticket_without_coupon,
            ) {
                (Some(with), Some(without)) => match lang {
                    Lang::En => format!("with coupon {} · without {}", money(with), money(without)),
                    Lang::ZhCn => format!("用券 {} · 未用券 {}", money(with), money(without)),
                },
                _ => String::new(),
            },
        ),
        row(
            t("Budget used", "预算使用"),
            Cell::ratio_opt(cost.budget_used),
            Cell::Empty,
            None,
            match lang {
                Lang::En => format!("spent {} of {}", money(cost.spent), money(cost.budget)),
                Lang::ZhCn => format!("已花费 {} / 预算 {}", money(cost.spent), money(cost.budget)),
            },
        ),
    ];
    Section {
        id: SectionId::Headlines,
        title: t("Headline figures", "核心结论"),
        columns: vec![
            t("Figure", "指标"),
            t("This campaign", "本次活动"),
            t("Baseline", "对比基准"),
            t("Change", "变化"),
            t("Details", "说明"),
        ],
        rows,
    }
}

/// The wallets compared on cost per redemption, tickets, fees and share.
pub(super) fn wallet_table(figures: &Figures, lang: Lang) -> Section {
    let t = |en, zh| l(lang, en, zh);
    let wallets = wallets(&figures.providers);
    let total: Decimal = wallets.iter().map(|w| w.kpis.order).sum();
    Section {
        id: SectionId::Wallets,
        title: t("Which wallet was worth it", "各钱包效果对比"),
        columns: vec![
            t("Wallet", "钱包"),
            t("GMV", "交易额"),
            t("Share of GMV", "交易额占比"),
            t("Cost per redemption", "单张核销成本"),
            t("Ticket with coupon", "用券客单价"),
            t("Ticket without coupon", "未用券客单价"),
            t("Fee rate", "实际费率"),
        ],
        rows: wallets
            .iter()
            .map(|w| {
                vec![
                    Cell::Text(w.provider.name().get(lang).to_string()),
                    Cell::money(w.kpis.order),
                    Cell::ratio_opt(
                        (!total.is_zero()).then(|| (w.kpis.order / total).round_dp(4).normalize()),
                    ),
                    Cell::money_opt(w.cost_per_redemption),
                    Cell::money_opt(w.kpis.average_ticket_with_coupon),
                    Cell::money_opt(w.kpis.average_ticket_without_coupon),
                    Cell::ratio_opt(w.kpis.effective_fee_rate),
                ]
            })
            .collect(),
    }
}

/// The wallets' colours, in the order of [`wallet_table`]'s rows.
pub(super) fn wallet_colors(figures: &Figures) -> Vec<String> {
    wallets(&figures.providers)
        .iter()
        .map(|w| w.provider.color().to_string())
        .collect()
}

/// A change as words: "up 12.3%" / "增长 12.3%".
fn moved(change: Decimal, lang: Lang) -> String {
    let pct = percent(&change.abs().to_string(), 1);
    match (change.is_sign_negative() && !change.is_zero(), lang) {
        (false, Lang::En) => format!("up {pct}"),
        (true, Lang::En) => format!("down {pct}"),
        (false, Lang::ZhCn) => format!("增长 {pct}"),
        (true, Lang::ZhCn) => format!("下降 {pct}"),
    }
}

/// Sentence 1: GMV against the baseline and the redemptions.
fn did_it_work(figures: &Figures, lang: Lang) -> String {
    let (k, u, cost) = (&figures.kpis, &figures.uplift, &figures.cost);
    if k.trades + k.refunds == 0 {
        return l(
            lang,
            "No bills have been imported for the campaign's days yet: import the WeChat Pay and Alipay bills and this report will draw its conclusions.",
            "活动期间还没有导入的账单：导入微信支付和支付宝账单后，这份报告会给出结论。",
        );
    }
    let gmv = yuan(&k.order.round_dp(2).to_string());
    let base = baseline_name(figures, lang);
    let rate = cost
        .redemption_rate
        .map(|r| percent(&r.to_string(), 1))
        .unwrap_or_default();
    let n = count(k.redemptions);
    match (u.order_change, lang) {
        (Some(c), Lang::En) => format!(
            "GMV reached {gmv}, {} on {base}; {n} coupons were redeemed{}.",
            moved(c, lang),
            if rate.is_empty() { String::new() } else { format!(" (redemption rate {rate})") }
        ),
        (Some(c), Lang::ZhCn) => format!(
            "活动期间交易额 {gmv}，比{base}{}；核销 {n} 笔{}。",
            moved(c, lang),
            if rate.is_empty() { String::new() } else { format!("，核销率 {rate}") }
        ),
        (None, Lang::En) => format!(
            "GMV reached {gmv}; {base} has no bills to compare with, so no growth can be given; {n} coupons were redeemed."
        ),
        (None, Lang::ZhCn) => format!(
            "活动期间交易额 {gmv}；{base}没有可对比的账单，无法计算增长；核销 {n} 笔。"
        ),
    }
}

/// Sentence 2: which wallet brought the bigger tickets, and at what cost per redemption.
fn which_wallet(wallets: &[Wallet<'_>], lang: Lang) -> String {
    let name = |w: &Wallet<'_>| w.provider.name().get(lang).to_string();
    let money = |d: Decimal| yuan(&d.round_dp(2).to_string());
    match wallets {
        [] => l(
            lang,
            "No wallet has payments in the campaign's days yet.",
            "活动期间还没有任何钱包的支付。",
        ),
        [only] => {
            let ticket = only.ticket().map(money).unwrap_or_else(|| "—".into());
            match lang {
                Lang::En => format!(
                    "Every payment came through {}, at an average ticket of {ticket}.",
                    name(only)
                ),
                Lang::ZhCn => format!("所有支付都来自{}，客单价 {ticket}。", name(only)),
            }
        }
        [a, b, ..] => {
            let (Some(ta), Some(tb)) = (a.ticket(), b.ticket()) else {
                return String::new();
            };
            // The wallet with the bigger ticket is the sentence's subject.
            let (hi, lo, t_hi, t_lo) = if ta >= tb {
                (a, b, ta, tb)
            } else {
                (b, a, tb, ta)
            };
            let ticket = if t_lo.is_zero() || (t_hi - t_lo) / t_lo < Decimal::new(5, 3) {
                match lang {
                    Lang::En => format!(
                        "{} and {} brought about the same ticket ({})",
                        name(hi),
                        name(lo),
                        money(t_hi)
                    ),
                    Lang::ZhCn => {
                        format!("{}和{}的客单价相近（{}）", name(hi), name(lo), money(t_hi))
                    }
                }
            } else {
                let pct = percent(&((t_hi - t_lo) / t_lo).round_dp(3).to_string(), 1);
                match lang {
                    Lang::En => format!(
                        "{} brought a {pct} higher ticket than {}",
                        name(hi),
                        name(lo)
                    ),
                    Lang::ZhCn => format!("{}带来的客单价比{}高 {pct}", name(hi), name(lo)),
                }
            };
            let cost = match (hi.cost_per_redemption, lo.cost_per_redemption) {
                (Some(c_hi), Some(c_lo)) if c_hi > c_lo => match lang {
                    Lang::En => format!(
                        ", but each redemption also cost {} more",
                        money(c_hi - c_lo)
                    ),
                    Lang::ZhCn => format!("，但每笔核销成本也高 {}", money(c_hi - c_lo)),
                },
                (Some(c_hi), Some(c_lo)) if c_hi < c_lo => match lang {
                    Lang::En => format!(", and each redemption cost {} less", money(c_lo - c_hi)),
                    Lang::ZhCn => format!("，每笔核销成本还低 {}", money(c_lo - c_hi)),
                },
                (Some(c), Some(_)) => match lang {
                    Lang::En => format!(", at the same cost per redemption ({})", money(c)),
                    Lang::ZhCn => format!("，每笔核销成本相同（{}）", money(c)),
                },
                _ => String::new(),
            };
            match lang {
                Lang::En => format!("{ticket}{cost}."),
                Lang::ZhCn => format!("{ticket}{cost}。"),
            }
        }
    }
}

/// Sentence 3: what the discount cost, who paid it, the budget, and what was left.
fn what_it_cost(figures: &Figures, lang: Lang) -> String {
    let (k, cost) = (&figures.kpis, &figures.cost);
    let money = |d: Decimal| yuan(&d.round_dp(2).to_string());
    let budget = cost.budget_used.map(|r| percent(&r.to_string(), 1));
    match lang {
        Lang::En => format!(
            "Coupons cost {} in all (the mall {}, tenants {}, providers {}){}; after fees and refunds the merchants kept {}.",
            money(k.coupon),
            money(cost.mall),
            money(cost.tenant),
            money(cost.provider),
            budget.map_or(String::new(), |b| format!(", {b} of the budget")),
            money(k.net),
        ),
        Lang::ZhCn => format!(
            "优惠共花费 {}（商场 {}、商户 {}、支付机构 {}）{}；扣除手续费和退款后商家实收净额 {}。",
            money(k.coupon),
            money(cost.mall),
            money(cost.tenant),
            money(cost.provider),
            budget.map_or(String::new(), |b| format!("，用去预算的 {b}")),
            money(k.net),
        ),
    }
}
