//! What a code may look like on each product that takes the mall's own codes, as data.
//!
//! WeChat Pay 商家券 (MERCHANT_UPLOAD): each code 1–32 characters of 0-9 a-z A-Z and
//! `- _ \ / = |` (busifavor `couponcodes` upload). Alipay 商家券 2.0 also takes merchant codes,
//! but its limits are not confirmed: PromoDesk holds those to the narrower letters, digits, `-`
//! and `_`, 32 at most, which both wallets accept. A member-card coupon only meets the mall's
//! own tills: up to 64 of the same characters.

use serde::Serialize;
use ts_rs::TS;

use crate::coupon::Product;

/// The rules codes of one product must keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct CodeRules {
    pub max_len: u32,
    /// Characters allowed besides ASCII letters and digits.
    pub extra: &'static str,
    /// Whose rule it is, for messages.
    pub source_en: &'static str,
    pub source_zh: &'static str,
}

const WECHAT: CodeRules = CodeRules {
    max_len: 32,
    extra: "-_\\/=|",
    source_en: "WeChat Pay",
    source_zh: "微信支付",
};

const ALIPAY: CodeRules = CodeRules {
    max_len: 32,
    extra: "-_",
    source_en: "Alipay",
    source_zh: "支付宝",
};

const MEMBER: CodeRules = CodeRules {
    max_len: 64,
    extra: "-_",
    source_en: "the member card",
    source_zh: "会员卡",
};

/// The rules of `product`, or `None` when its provider issues the codes itself.
pub fn rules_for(product: Product) -> Option<CodeRules> {
    match product {
        Product::WechatMerchant => Some(WECHAT),
        Product::AlipayOrderVoucher => Some(ALIPAY),
        Product::MemberCard => Some(MEMBER),
        Product::WechatCash | Product::AlipayVoucher | Product::Unionpay | Product::BankCard => {
            None
        }
    }
}

impl CodeRules {
    pub fn allows(&self, c: char) -> bool {
        c.is_ascii_alphanumeric() || self.extra.contains(c)
    }

    /// The characters allowed, as a message shows them: in English, and in Chinese.
    pub fn allowed_text(&self) -> (String, String) {
        let listed = |skip: char| {
            let chars: Vec<String> = self
                .extra
                .chars()
                .filter(|c| *c != skip)
                .map(String::from)
                .collect();
            chars.join(" ")
        };
        // The underscore is named in Chinese: alone it reads like a field name's leftover.
        let underscore = if self.extra.contains('_') {
            "及下划线"
        } else {
            ""
        };
        (
            format!("0-9 a-z A-Z {}", listed('\0')),
            format!("数字、英文字母、{}{underscore}", listed('_')),
        )
    }
}
