//! The coupon's shape as typed (strings, so refusals quote the input) and as stored.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::provider::Provider;

/// A provider product a coupon is issued on; each has its own rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Product {
    /// WeChat Pay 代金券 (favor stock).
    WechatCash,
    /// WeChat Pay 商家券 (busifavor stock).
    WechatMerchant,
    /// Alipay merchant voucher template (cashlessvoucher).
    AlipayVoucher,
    /// Alipay 商家券 2.0 (ordervoucher).
    AlipayOrderVoucher,
    /// UnionPay 云闪付 card promotion (62-BIN).
    Unionpay,
    /// Bank-card BIN promotion.
    BankCard,
    /// The mall's member card (points, member coupons).
    MemberCard,
}

impl Product {
    pub const ALL: [Product; 7] = [
        Product::WechatCash,
        Product::WechatMerchant,
        Product::AlipayVoucher,
        Product::AlipayOrderVoucher,
        Product::Unionpay,
        Product::BankCard,
        Product::MemberCard,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Product::WechatCash => "wechat_cash",
            Product::WechatMerchant => "wechat_merchant",
            Product::AlipayVoucher => "alipay_voucher",
            Product::AlipayOrderVoucher => "alipay_order_voucher",
            Product::Unionpay => "unionpay",
            Product::BankCard => "bank_card",
            Product::MemberCard => "member_card",
        }
    }

    /// The name people use, as reports print it.
    pub fn name(self) -> crate::text::Localized {
        let (en, zh) = match self {
            Product::WechatCash => ("WeChat Pay cash coupon", "微信支付 代金券"),
            Product::WechatMerchant => ("WeChat Pay merchant coupon", "微信支付 商家券"),
            Product::AlipayVoucher => ("Alipay voucher", "支付宝 代金券"),
            Product::AlipayOrderVoucher => ("Alipay merchant voucher 2.0", "支付宝 商家券 2.0"),
            Product::Unionpay => ("UnionPay 62 card", "银联 62 卡"),
            Product::BankCard => ("Bank card", "银行卡"),
            Product::MemberCard => ("Member card", "会员卡"),
        };
        crate::text::Localized::new(en, zh)
    }

    pub fn provider(self) -> Provider {
        match self {
            Product::WechatCash | Product::WechatMerchant => Provider::WechatPay,
            Product::AlipayVoucher | Product::AlipayOrderVoucher => Provider::Alipay,
            Product::Unionpay => Provider::Unionpay,
            Product::BankCard => Provider::BankCard,
            Product::MemberCard => Provider::MemberCard,
        }
    }

    pub fn parse(text: &str) -> Option<Product> {
        Product::ALL.into_iter().find(|p| p.key() == text.trim())
    }
}

/// What the coupon gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CouponKind {
    /// A fixed amount off above a threshold (满减).
    Fixed,
    /// A percentage off (折), with a cap and a threshold.
    Discount,
    /// Buy an item at a special price (换购 / 特价).
    Exchange,
    /// A gift of a stated value.
    Gift,
    /// A member-points multiplier.
    Points,
}

impl CouponKind {
    pub fn key(self) -> &'static str {
        match self {
            CouponKind::Fixed => "fixed",
            CouponKind::Discount => "discount",
            CouponKind::Exchange => "exchange",
            CouponKind::Gift => "gift",
            CouponKind::Points => "points",
        }
    }

    pub fn parse(text: &str) -> Option<CouponKind> {
        [
            CouponKind::Fixed,
            CouponKind::Discount,
            CouponKind::Exchange,
            CouponKind::Gift,
            CouponKind::Points,
        ]
        .into_iter()
        .find(|k| k.key() == text.trim())
    }
}

/// The period a per-user limit counts over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum LimitPeriod {
    Day,
    Week,
    Month,
    /// The whole campaign (Alipay LIFE_CYCLE).
    #[default]
    Campaign,
}

impl LimitPeriod {
    pub fn key(self) -> &'static str {
        match self {
            LimitPeriod::Day => "day",
            LimitPeriod::Week => "week",
            LimitPeriod::Month => "month",
            LimitPeriod::Campaign => "campaign",
        }
    }

    pub fn parse(text: &str) -> Option<LimitPeriod> {
        [
            LimitPeriod::Day,
            LimitPeriod::Week,
            LimitPeriod::Month,
            LimitPeriod::Campaign,
        ]
        .into_iter()
        .find(|p| p.key() == text.trim())
    }
}

/// When a received coupon can be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Validity {
    /// Between two local times (a date end means through that whole day).
    Absolute { start: String, end: String },
    /// For `days` days after receipt, starting `wait_days` after it.
    Relative { days: u32, wait_days: u32 },
}

/// A weekly window, e.g. weekdays 1–5 from 10:00 to 22:00 (1 = Monday … 7 = Sunday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimeSlot {
    pub weekdays: Vec<u8>,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
}

/// Who pays for the discount, in percent of it; the three add up to 100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Funding {
    pub mall: String,
    pub tenant: String,
    pub provider: String,
}

impl Default for Funding {
    fn default() -> Self {
        Funding {
            mall: "100".into(),
            tenant: "0".into(),
            provider: "0".into(),
        }
    }
}

/// How the coupon combines with others at the till.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Stacking {
    /// Used alone: no other coupon on the same payment.
    pub exclusive: bool,
    /// Coupon ids it may be combined with.
    pub stackable_with: Vec<i64>,
    /// Higher applies first.
    pub priority: i32,
}

/// Every field of a coupon, as typed. Amounts are yuan as text; `pay_percent` is the percent a
/// customer pays (88 = 8.8折, 12 % off).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CouponSpec {
    pub name: String,
    /// The name under which the coupon appears in bills (Alipay 券名称); empty = `name`.
    #[serde(default)]
    pub bill_name: String,
    #[serde(default)]
    pub description: String,
    pub kind: CouponKind,
    /// Fixed: amount off. Gift: the gift's value.
    #[serde(default)]
    pub face_value: String,
    /// Minimum spend; "0" or empty = no threshold.
    #[serde(default)]
    pub threshold: String,
    /// Discount: percent the customer pays, e.g. "88".
    #[serde(default)]
    pub pay_percent: String,
    /// Discount: the most it can take off.
    #[serde(default)]
    pub cap: String,
    /// Exchange: the special price.
    #[serde(default)]
    pub price: String,
    /// Exchange: the item's normal price.
    #[serde(default)]
    pub original_price: String,
    /// Points: e.g. "2" for double points.
    #[serde(default)]
    pub multiplier: String,
    pub quantity: u32,
    /// 0 = no per-user limit.
    #[serde(default)]
    pub per_user_limit: u32,
    #[serde(default)]
    pub per_user_period: LimitPeriod,
    /// 0 = no daily cap.
    #[serde(default)]
    pub daily_cap: u32,
    pub validity: Validity,
    #[serde(default)]
    pub time_slots: Vec<TimeSlot>,
    /// Stores where it can be used; empty = the campaign's stores.
    #[serde(default)]
    pub store_ids: Vec<i64>,
    #[serde(default)]
    pub funding: Funding,
    #[serde(default)]
    pub stacking: Stacking,
    /// WeChat stock_id or Alipay template / activity id, once the provider issued it.
    #[serde(default)]
    pub provider_ref: String,
    /// Card BIN prefixes for card promotions, e.g. "62".
    #[serde(default)]
    pub card_bins: Vec<String>,
    /// WeChat Pay card background, one of [`WECHAT_COLORS`]; empty = `Color020`.
    #[serde(default)]
    pub wallet_color: String,
}

impl CouponSpec {
    /// A new offer's fields before anything is typed: a 满减 coupon valid through the campaign
    /// (`start`/`end` as a form shows them), 1,000 of them, one per shopper, paid for by the
    /// mall. Both fronts start from this, so the same action leaves the same row.
    pub fn blank(start: String, end: String) -> CouponSpec {
        CouponSpec {
            name: String::new(),
            bill_name: String::new(),
            description: String::new(),
            kind: CouponKind::Fixed,
            face_value: String::new(),
            threshold: String::new(),
            pay_percent: String::new(),
            cap: String::new(),
            price: String::new(),
            original_price: String::new(),
            multiplier: String::new(),
            quantity: 1000,
            per_user_limit: 1,
            per_user_period: LimitPeriod::Campaign,
            daily_cap: 0,
            validity: Validity::Absolute { start, end },
            time_slots: vec![],
            store_ids: vec![],
            funding: Funding::default(),
            stacking: Stacking::default(),
            provider_ref: String::new(),
            card_bins: vec![],
            wallet_color: String::new(),
        }
    }
}

/// A stored coupon: its product and campaign, and the spec in normalised form (amounts with two
/// decimals, validity times as RFC 3339 in the mall's zone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Coupon {
    pub id: i64,
    /// Counts the changes to what its editor shows (its spec and stores): an editor saves with
    /// the revision it loaded, so someone else's change in between is not overwritten unseen.
    pub revision: i64,
    /// Who made the change that gave it this revision, "" when unknown.
    pub changed_by: String,
    pub campaign_id: i64,
    /// Coupons created together as one offer on several wallets share this.
    pub offer_id: Option<i64>,
    pub product: Product,
    pub provider: Provider,
    pub spec: CouponSpec,
    /// The most one redemption can cost (face value, cap, price difference or gift value).
    pub max_discount: String,
}

/// A result of checking a coupon against its provider, as `coupon validate` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Validation {
    pub ok: bool,
    pub problems: Vec<crate::problem::Problem>,
}

/// The live check of an offer being typed: its problems and the budget after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OfferCheck {
    pub ok: bool,
    pub problems: Vec<crate::problem::Problem>,
    /// The campaign's worst-case coupon cost with this offer; null when unbounded.
    pub worst_case: Option<String>,
    pub budget: String,
    pub within_budget: bool,
}

/// The card colours WeChat Pay offers (`pattern_info.background_color`) and how they look.
pub const WECHAT_COLORS: &[(&str, &str)] = &[
    ("Color010", "#63b359"),
    ("Color020", "#2c9f67"),
    ("Color030", "#509fc9"),
    ("Color040", "#5885cf"),
    ("Color050", "#9062c0"),
    ("Color060", "#d09a45"),
    ("Color070", "#e4b138"),
    ("Color080", "#ee903c"),
    ("Color081", "#f08500"),
    ("Color082", "#a9d92d"),
    ("Color090", "#dd6549"),
    ("Color100", "#cc463d"),
];

/// A WeChat card colour for the UI's picker and wallet preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WalletColor {
    pub name: String,
    pub hex: String,
}

/// Every WeChat card colour, in WeChat's order.
pub fn wallet_colors() -> Vec<WalletColor> {
    WECHAT_COLORS
        .iter()
        .map(|(name, hex)| WalletColor {
            name: (*name).to_string(),
            hex: (*hex).to_string(),
        })
        .collect()
}
