//! Each provider product's rules, as data (facts from the providers' API documentation), and
//! the check of a normalised coupon against them. Every problem names the product, the rule and
//! the fix, in both languages.

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::normalize::{NormValidity, Normalized};
use super::types::{CouponKind, LimitPeriod, Product};
use crate::money::from_fen;
use crate::problem::Problem;
use crate::text::char_len;

/// How long a name may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NameLimit {
    /// At most this many characters of any kind.
    Chars { max: usize },
    /// WeChat's rule: at most `cjk` Chinese characters, or `units` Latin letters, where a Chinese
    /// character counts as two units.
    CjkOrLatin { cjk: usize, units: usize },
}

/// An amount range in fen; `min_exclusive` for "more than".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct FenRange {
    pub min: i64,
    pub min_exclusive: bool,
    pub max: i64,
}

const fn fen(min: i64, max: i64) -> Option<FenRange> {
    Some(FenRange {
        min,
        min_exclusive: false,
        max,
    })
}

/// One provider product's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RuleSet {
    pub product: Product,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// The provider API the payload is for.
    pub api: &'static str,
    pub name_limit: NameLimit,
    /// Characters the provider refuses in names.
    pub forbidden_name_chars: &'static str,
    /// Words the provider refuses in names.
    pub forbidden_name_words: &'static [&'static str],
    pub description_max: Option<usize>,
    /// The description as a list: at most this many lines of at most this many characters.
    pub description_lines: Option<(usize, usize)>,
    pub kinds: &'static [CouponKind],
    pub face: Option<FenRange>,
    pub threshold: Option<FenRange>,
    /// Discounts: the lowest and highest percent a customer may pay, and whether it must be whole.
    #[ts(type = "[string, string] | null")]
    pub pay_percent: Option<(Decimal, Decimal)>,
    pub pay_percent_whole: bool,
    pub cap: Option<FenRange>,
    /// Discounts must have a cap.
    pub cap_required: bool,
    pub price: Option<FenRange>,
    pub original_price: Option<FenRange>,
    pub quantity_max: u32,
    pub per_user_max: Option<u32>,
    /// Per-user limits required (card promotions: one card, phone, device or ID).
    pub per_user_required: bool,
    pub periods: &'static [LimitPeriod],
    /// Quantity × face value may not exceed this (WeChat's stock budget).
    pub budget_max: Option<i64>,
    /// Longest absolute validity, in days.
    pub window_max_days: Option<i64>,
    pub wait_days_max: Option<u32>,
    /// Card promotions: BINs required; each must start with this prefix.
    #[ts(type = "string | null")]
    pub bin_prefix: Option<&'static str>,
    /// Whether the provider may fund part of the discount.
    pub provider_funding: bool,
}

use CouponKind::{Discount, Exchange, Fixed, Gift, Points};
use LimitPeriod::{Campaign, Day, Month, Week};

/// Every product's rules.
pub const RULE_SETS: &[RuleSet] = &[
    RuleSet {
        product: Product::WechatCash,
        name_zh: "微信支付代金券",
        name_en: "WeChat Pay cash coupon",
        api: "POST /v3/marketing/favor/coupon-stocks",
        name_limit: NameLimit::CjkOrLatin { cjk: 9, units: 20 },
        forbidden_name_chars: "_,;|",
        forbidden_name_words: &["测试"],
        description_max: Some(60),
        description_lines: None,
        kinds: &[Fixed, Discount, Exchange],
        face: Some(FenRange {
            min: 100,
            min_exclusive: true,
            max: 50_000,
        }),
        threshold: fen(0, 10_000_000_000),
        pay_percent: Some((Decimal::ONE, Decimal::from_parts(99, 0, 0, false, 0))),
        pay_percent_whole: true,
        cap: fen(1, 50_000),
        cap_required: true,
        price: fen(0, 10_000_000_000),
        original_price: fen(1, 10_000_000_000),
        quantity_max: 1_000_000_000,
        per_user_max: Some(60),
        per_user_required: false,
        periods: &[Campaign],
        budget_max: Some(1_000_000_000),
        window_max_days: Some(90),
        wait_days_max: None,
        bin_prefix: None,
        provider_funding: true,
    },
    RuleSet {
        product: Product::WechatMerchant,
        name_zh: "微信支付商家券",
        name_en: "WeChat Pay merchant coupon",
        api: "POST /v3/marketing/busifavor/stocks",
        name_limit: NameLimit::Chars { max: 21 },
        forbidden_name_chars: "",
        forbidden_name_words: &[],
        description_max: Some(20),
        description_lines: None,
        kinds: &[Fixed, Discount, Exchange],
        face: fen(1, 10_000_000),
        threshold: fen(0, 10_000_000),
        pay_percent: Some((Decimal::ONE, Decimal::from_parts(99, 0, 0, false, 0))),
        pay_percent_whole: true,
        cap: fen(1, 10_000_000),
        cap_required: false,
        price: fen(0, 10_000_000),
        original_price: fen(1, 10_000_000),
        quantity_max: 1_000_000_000,
        per_user_max: Some(100),
        per_user_required: false,
        periods: &[Campaign],
        budget_max: None,
        window_max_days: Some(365),
        wait_days_max: Some(30),
        bin_prefix: None,
        provider_funding: false,
    },
    RuleSet {
        product: Product::AlipayVoucher,
        name_zh: "支付宝商家代金券",
        name_en: "Alipay voucher template",
        api: "alipay.marketing.cashlessvoucher.template.create",
        name_limit: NameLimit::Chars { max: 12 },
        forbidden_name_chars: "",
        forbidden_name_words: &[],
        description_max: Some(500),
        description_lines: Some((10, 50)),
        kinds: &[Fixed],
        face: fen(100, 99_900),
        threshold: fen(0, 10_000_000_000),
        pay_percent: None,
        pay_percent_whole: false,
        cap: None,
        cap_required: false,
        price: None,
        original_price: None,
        quantity_max: 1_000_000_000,
        per_user_max: None,
        per_user_required: false,
        periods: &[Campaign],
        budget_max: None,
        window_max_days: Some(90),
        wait_days_max: None,
        bin_prefix: None,
        provider_funding: true,
    },
    RuleSet {
        product: Product::AlipayOrderVoucher,
        name_zh: "支付宝商家券 2.0",
        name_en: "Alipay merchant voucher 2.0",
        api: "alipay.marketing.activity.ordervoucher.create",
        name_limit: NameLimit::Chars { max: 20 },
        forbidden_name_chars: "",
        forbidden_name_words: &[],
        description_max: Some(500),
        description_lines: None,
        kinds: &[Fixed, Discount, Exchange],
        face: fen(10, 300_000),
        threshold: fen(10, 5_000_000),
        pay_percent: Some((Decimal::ONE, Decimal::from_parts(99, 0, 0, false, 0))),
        pay_percent_whole: false,
        cap: fen(10, 1_500_000),
        cap_required: true,
        price: fen(0, 99_900),
        original_price: fen(10, 999_900),
        quantity_max: 99_999_999,
        per_user_max: None,
        per_user_required: false,
        periods: &[Day, Week, Month, Campaign],
        budget_max: None,
        window_max_days: None,
        wait_days_max: None,
        bin_prefix: None,
        provider_funding: false,
    },
    RuleSet {
        product: Product::Unionpay,
        name_zh: "银联云闪付优惠",
        name_en: "UnionPay card promotion",
        api: "none (no public coupon API; hand the spec to UnionPay)",
        name_limit: NameLimit::Chars { max: 40 },
        forbidden_name_chars: "",
        forbidden_name_words: &[],
        description_max: None,
        description_lines: None,
        kinds: &[Fixed, Discount],
        face: fen(1, 10_000_000),
        threshold: None,
        pay_percent: None,
        pay_percent_whole: false,
        cap: None,
        cap_required: true,
        price: None,
        original_price: None,
        quantity_max: 1_000_000_000,
        per_user_max: None,
        per_user_required: true,
        periods: &[Day, Week, Month, Campaign],
        budget_max: None,
        window_max_days: None,
        wait_days_max: None,
        bin_prefix: Some("62"),
        provider_funding: true,
    },
    RuleSet {
        product: Product::BankCard,
        name_zh: "银行卡优惠",
        name_en: "Bank-card promotion",
        api: "none (hand the spec to the issuing bank)",
        name_limit: NameLimit::Chars { max: 40 },
        forbidden_name_chars: "",
        forbidden_name_words: &[],
        description_max: None,
        description_lines: None,
        kinds: &[Fixed, Discount],
        face: fen(1, 10_000_000),
        threshold: None,
        pay_percent: None,
        pay_percent_whole: false,
        cap: None,
        cap_required: true,
        price: None,
        original_price: None,
        quantity_max: 1_000_000_000,
        per_user_max: None,
        per_user_required: true,
        periods: &[Day, Week, Month, Campaign],
        budget_max: None,
        window_max_days: None,
        wait_days_max: None,
        bin_prefix: Some(""),
        provider_funding: true,
    },
    RuleSet {
        product: Product::MemberCard,
        name_zh: "会员卡权益",
        name_en: "Member-card offer",
        api: "none (the mall's own member system)",
        name_limit: NameLimit::Chars { max: 40 },
        forbidden_name_chars: "",
        forbidden_name_words: &[],
        description_max: None,
        description_lines: None,
        kinds: &[Fixed, Discount, Exchange, Gift, Points],
        face: None,
        threshold: None,
        pay_percent: None,
        pay_percent_whole: false,
        cap: None,
        cap_required: false,
        price: None,
        original_price: None,
        quantity_max: 1_000_000_000,
        per_user_max: None,
        per_user_required: false,
        periods: &[Day, Week, Month, Campaign],
        budget_max: None,
        window_max_days: None,
        wait_days_max: None,
        bin_prefix: None,
        provider_funding: false,
    },
];

/// The rules of a product.
pub fn rule_set(product: Product) -> &'static RuleSet {
    RULE_SETS
        .iter()
        .find(|r| r.product == product)
        .expect("every product has a rule set")
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

fn yuan(fen: i64) -> String {
    from_fen(fen).to_string()
}

fn out_of_range(r: &FenRange, v: i64) -> bool {
    (if r.min_exclusive {
        v <= r.min
    } else {
        v < r.min
    }) || v > r.max
}

fn range_text(r: &FenRange) -> (String, String) {
    let low = if r.min_exclusive {
        (
            format!("more than {}", yuan(r.min)),
            format!("大于 {}", yuan(r.min)),
        )
    } else {
        (
            format!("at least {}", yuan(r.min)),
            format!("不低于 {}", yuan(r.min)),
        )
    };
    (
        format!("{} and at most {} yuan", low.0, yuan(r.max)),
        format!("{}且不超过 {} 元", low.1, yuan(r.max)),
    )
}

/// Checks a normalised coupon against its product's rules; every problem at once.
pub(crate) fn check(product: Product, n: &Normalized) -> Vec<Problem> {
    let r = rule_set(product);
    let (pe, pz) = (r.name_en, r.name_zh);
    let rule = |name: &str| format!("{}.{name}", product.key());
    let mut p = Vec::new();

    match r.name_limit {
        NameLimit::Chars { max } => {
            let len = char_len(&n.name);
            if len > max {
                p.push(Problem::new(
                    "name",
                    &rule("name_length"),
                    format!(
                        "{pe}: name '{}' has {len} characters; the limit is {max}, shorten it",
                        n.name
                    ),
                    format!(
                        "{pz}：名称“{}”有 {len} 个字，上限为 {max} 个，请缩短",
                        n.name
                    ),
                ));
            }
        }
        NameLimit::CjkOrLatin { cjk, units } => {
            let chinese = n.name.chars().filter(|c| is_cjk(*c)).count();
            let width = chinese * 2 + (char_len(&n.name) - chinese);
            if chinese > cjk || width > units {
                p.push(Problem::new(
                    "name",
                    &rule("name_length"),
                    format!("{pe}: name '{}' is too long ({chinese} Chinese characters); the limit is {cjk} Chinese characters or {units} Latin letters, shorten it", n.name),
                    format!("{pz}：名称“{}”过长（{chinese} 个汉字）；上限为 {cjk} 个汉字或 {units} 个英文字母，请缩短", n.name),
                ));
            }
        }
    }
    if let Some(c) = n.name.chars().find(|c| r.forbidden_name_chars.contains(*c)) {
        p.push(Problem::new(
            "name",
            &rule("name_chars"),
            format!(
                "{pe}: the name may not contain '{c}' (nor any of {}); remove it",
                r.forbidden_name_chars
            ),
            format!(
                "{pz}：名称不能包含“{c}”（以及 {} 中的字符）；请删除",
                r.forbidden_name_chars
            ),
        ));
    }
    if let Some(w) = r.forbidden_name_words.iter().find(|w| n.name.contains(*w)) {
        p.push(Problem::new(
            "name",
            &rule("name_words"),
            format!("{pe}: the name may not contain '{w}'; the provider rejects it"),
            format!("{pz}：名称不能包含“{w}”，渠道会拒绝"),
        ));
    }
    if let Some(max) = r.description_max {
        if char_len(&n.description) > max {
            p.push(Problem::new(
                "description",
                &rule("description_length"),
                format!("{pe}: the description is longer than {max} characters; shorten it"),
                format!("{pz}：说明超过 {max} 个字；请缩短"),
            ));
        }
    }
    if let Some((max_lines, max_chars)) = r.description_lines {
        let lines: Vec<&str> = n
            .description
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        if lines.len() > max_lines || lines.iter().any(|l| char_len(l) > max_chars) {
            p.push(Problem::new(
                "description",
                &rule("description_lines"),
                format!("{pe}: the description shows as at most {max_lines} lines of {max_chars} characters; split or shorten it"),
                format!("{pz}：使用说明最多 {max_lines} 行、每行 {max_chars} 个字；请拆分或缩短"),
            ));
        }
    }
    if !r.kinds.contains(&n.kind) {
        let allowed = r
            .kinds
            .iter()
            .map(|k| k.key())
            .collect::<Vec<_>>()
            .join(", ");
        p.push(Problem::new(
            "kind",
            &rule("kind"),
            format!(
                "{pe} has no '{}' coupons; use one of: {allowed}",
                n.kind.key()
            ),
            format!("{pz}不支持“{}”类型；可用：{allowed}", n.kind.key()),
        ));
    }

    let mut amount_rule =
        |field: &str, range: Option<FenRange>, value: Option<i64>, what: (&str, &str)| {
            if let (Some(range), Some(v)) = (range, value) {
                if out_of_range(&range, v) {
                    let (en, zh) = range_text(&range);
                    p.push(Problem::new(
                        field,
                        &rule(&format!("{field}_range")),
                        format!(
                            "{pe}: {} {} is out of range; it must be {en}",
                            what.0,
                            yuan(v)
                        ),
                        format!("{pz}：{} {} 超出范围；必须{zh}", what.1, yuan(v)),
                    ));
                }
            }
        };
    if matches!(n.kind, Fixed | Gift) {
        amount_rule("face_value", r.face, n.face_fen, ("face value", "面额"));
    }
    if n.threshold_fen > 0 || r.threshold.is_some_and(|t| t.min > 0) {
        amount_rule(
            "threshold",
            r.threshold,
            Some(n.threshold_fen),
            ("threshold", "使用门槛"),
        );
    }
    if n.kind == Discount {
        amount_rule("cap", r.cap, n.cap_fen, ("cap", "优惠上限"));
    }
    if n.kind == Exchange {
        amount_rule("price", r.price, n.price_fen, ("special price", "换购价"));
        amount_rule(
            "original_price",
            r.original_price,
            n.original_price_fen,
            ("original price", "原价"),
        );
    }

    if n.kind == Discount {
        if let (Some((lo, hi)), Some(v)) = (r.pay_percent, n.pay_percent) {
            if v < lo || v > hi || (r.pay_percent_whole && v.fract() != Decimal::ZERO) {
                let whole = if r.pay_percent_whole { " whole" } else { "" };
                p.push(Problem::new(
                    "pay_percent",
                    &rule("pay_percent_range"),
                    format!("{pe}: pay percent {v} must be a{whole} number from {lo} to {hi}"),
                    format!(
                        "{pz}：实付比例 {v} 必须是 {lo} 到 {hi} 之间的{}",
                        if r.pay_percent_whole { "整数" } else { "数" }
                    ),
                ));
            }
        }
        if r.cap_required && n.cap_fen.is_none() {
            p.push(Problem::new(
                "cap",
                &rule("cap_required"),
                format!("{pe}: a discount coupon needs a cap on the amount it takes off; set one"),
                format!("{pz}：折扣券必须设置优惠上限"),
            ));
        }
    }

    if n.quantity > r.quantity_max {
        p.push(Problem::new(
            "quantity",
            &rule("quantity_max"),
            format!(
                "{pe}: quantity {} is above the limit {}",
                n.quantity, r.quantity_max
            ),
            format!("{pz}：发放数量 {} 超过上限 {}", n.quantity, r.quantity_max),
        ));
    }
    if let Some(max) = r.per_user_max {
        if n.per_user_limit > max {
            p.push(Problem::new(
                "per_user_limit",
                &rule("per_user_max"),
                format!(
                    "{pe}: at most {max} coupons per user; lower the per-user limit {}",
                    n.per_user_limit
                ),
                format!(
                    "{pz}：每人最多 {max} 张；请把每人限领 {} 调低",
                    n.per_user_limit
                ),
            ));
        }
    }
    if r.per_user_required && n.per_user_limit == 0 {
        p.push(Problem::new(
            "per_user_limit",
            &rule("per_user_required"),
            format!(
                "{pe}: set a per-user limit (one card, phone, device or ID counts as one user)"
            ),
            format!("{pz}：必须设置每人限领（同一卡号、手机、设备或证件视为同一用户）"),
        ));
    }
    if !r.periods.contains(&n.per_user_period) {
        p.push(Problem::new(
            "per_user_period",
            &rule("per_user_period"),
            format!("{pe}: per-user limits count over the whole campaign only"),
            format!("{pz}：每人限领只能按整个活动计算"),
        ));
    }
    if let (Some(max), Some(face)) = (r.budget_max, n.max_discount_fen) {
        let total = i64::from(n.quantity).saturating_mul(face);
        if total > max {
            p.push(Problem::new(
                "quantity",
                &rule("budget_max"),
                format!("{pe}: quantity × value = {} yuan, above the stock limit {} yuan; lower one of them", yuan(total), yuan(max)),
                format!("{pz}：数量 × 面额 = {} 元，超过批次上限 {} 元；请降低其一", yuan(total), yuan(max)),
            ));
        }
    }
    match n.validity {
        NormValidity::Absolute { from, to } => {
            if let Some(max) = r.window_max_days {
                let days = (to - from + 1 + 86_399) / 86_400;
                if days > max {
                    p.push(Problem::new(
                        "validity",
                        &rule("window_max"),
                        format!(
                            "{pe}: the validity is {days} days; the limit is {max}, shorten it"
                        ),
                        format!("{pz}：有效期 {days} 天，上限为 {max} 天，请缩短"),
                    ));
                }
            }
        }
        NormValidity::Relative { wait_days, .. } => {
            if let Some(max) = r.wait_days_max {
                if wait_days > max {
                    p.push(Problem::new(
                        "validity",
                        &rule("wait_days_max"),
                        format!("{pe}: coupons can start at most {max} days after receipt"),
                        format!("{pz}：领取后最多 {max} 天内生效"),
                    ));
                }
            }
        }
    }
    if let Some(prefix) = r.bin_prefix {
        if n.card_bins.is_empty() {
            p.push(Problem::new(
                "card_bins",
                &rule("bins_required"),
                format!("{pe}: list the card BINs the offer applies to (e.g. 62)"),
                format!("{pz}：请填写适用的卡 BIN（如 62）"),
            ));
        } else if let Some(b) = n.card_bins.iter().find(|b| !b.starts_with(prefix)) {
            p.push(Problem::new(
                "card_bins",
                &rule("bin_prefix"),
                format!("{pe}: BIN {b} is not a UnionPay card; UnionPay BINs start with {prefix}"),
                format!("{pz}：BIN {b} 不是银联卡；银联卡号以 {prefix} 开头"),
            ));
        }
    }
    if !r.provider_funding && !n.shares.2.is_zero() {
        p.push(Problem::new(
            "funding",
            &rule("provider_funding"),
            format!(
                "{pe}: the provider funds nothing here; split the discount between mall and tenant"
            ),
            format!("{pz}：该渠道不出资；请在商场与商户之间分摊"),
        ));
    }
    p
}
