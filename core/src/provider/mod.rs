//! Payment providers (the "wallets" and card channels a mall accepts) and the mall's settings
//! for each: the fee rate it pays and how many days settlement takes.

use std::str::FromStr;

use crate::sql::params;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::problem::{join_localized, Problem};
use crate::text::Localized;

/// A payment channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    WechatPay,
    Alipay,
    Unionpay,
    BankCard,
    MemberCard,
}

impl Provider {
    /// Every provider, in the order screens list them.
    pub const ALL: [Provider; 5] = [
        Provider::WechatPay,
        Provider::Alipay,
        Provider::Unionpay,
        Provider::BankCard,
        Provider::MemberCard,
    ];

    /// The stable key used in storage, JSON and CLI flags.
    pub fn key(self) -> &'static str {
        match self {
            Provider::WechatPay => "wechat_pay",
            Provider::Alipay => "alipay",
            Provider::Unionpay => "unionpay",
            Provider::BankCard => "bank_card",
            Provider::MemberCard => "member_card",
        }
    }

    /// The wallet's colour in every chart and badge, the app's and the reports' alike: each
    /// brand's own (WeChat green, Alipay blue, UnionPay red), the mall's accent for its card.
    pub fn color(self) -> &'static str {
        match self {
            Provider::WechatPay => "#07c160",
            Provider::Alipay => "#1677ff",
            Provider::Unionpay => "#d7000f",
            Provider::BankCard => "#8d6e63",
            Provider::MemberCard => "#c2185b",
        }
    }

    /// The name people use.
    pub fn name(self) -> Localized {
        let (en, zh) = match self {
            Provider::WechatPay => ("WeChat Pay", "微信支付"),
            Provider::Alipay => ("Alipay", "支付宝"),
            Provider::Unionpay => ("UnionPay", "银联"),
            Provider::BankCard => ("Bank card", "银行卡"),
            Provider::MemberCard => ("Member card", "会员卡"),
        };
        Localized::new(en, zh)
    }
}

impl FromStr for Provider {
    type Err = ProviderError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Provider::ALL
            .into_iter()
            // The key (`wechat_pay`) or the name people say, in either language (微信支付).
            .find(|p| {
                let (t, name) = (s.trim(), p.name());
                p.key() == t || name.zh == t || name.en.eq_ignore_ascii_case(t)
            })
            .ok_or_else(|| ProviderError::Unknown(s.to_string()))
    }
}

/// The mall's settings for one provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProviderSettings {
    pub provider: Provider,
    /// Fee as a percentage of the paid amount, e.g. `0.60` for 0.6 %.
    #[ts(type = "string")]
    pub fee_rate: Decimal,
    /// Days from payment to settlement (T+n).
    pub settlement_days: u16,
}

/// A change to one provider's settings; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, TS)]
pub struct ProviderSettingsPatch {
    /// Percent as typed: `0.6`, `0.60%`.
    pub fee_rate: Option<String>,
    pub settlement_days: Option<u16>,
}

/// Errors of provider settings.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error(
        "unknown provider '{0}'; use one of wechat_pay, alipay, unionpay, bank_card, member_card"
    )]
    Unknown(String),
    #[error("{}", crate::problem::join(.0, crate::text::Lang::En))]
    Invalid(Vec<Problem>),
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
}

impl ProviderError {
    pub fn code(&self) -> &'static str {
        match self {
            ProviderError::Unknown(_) => "provider.unknown",
            ProviderError::Invalid(_) => "provider.invalid",
            ProviderError::Db(e) => crate::fault::db_code(e),
        }
    }

    pub fn localized(&self) -> Localized {
        match self {
            ProviderError::Unknown(p) => Localized::new(
                self.to_string(),
                format!(
                    "未知的支付渠道“{p}”；可用：{}",
                    Provider::ALL.map(|p| p.name().zh).join("、")
                ),
            ),
            ProviderError::Invalid(problems) => join_localized(problems),
            ProviderError::Db(e) => Localized::new(
                self.to_string(),
                crate::fault::db_message(e, crate::text::Lang::ZhCn),
            ),
        }
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            ProviderError::Invalid(p) => p,
            _ => &[],
        }
    }
}

/// Reads a fee rate typed by a person: `0.6`, `0.60%`.
pub fn parse_fee_rate(text: &str) -> Result<Decimal, ProviderError> {
    let cleaned = text.trim().trim_end_matches('%').trim();
    cleaned.parse::<Decimal>().map_err(|_| {
        ProviderError::Invalid(vec![Problem::new(
            "fee_rate",
            "provider.fee_rate_unreadable",
            format!(
                "fee rate '{}' is not a number; enter a percentage such as 0.6",
                text.trim()
            ),
            format!("费率“{}”不是数字；请输入百分比，如 0.6", text.trim()),
        )])
    })
}

/// Settings of every provider, in `Provider::ALL` order.
pub fn list_settings(db: &Db) -> Result<Vec<ProviderSettings>, ProviderError> {
    let mut stmt = db
        .conn()
        .prepare("SELECT provider, fee_rate, settlement_days FROM provider_setting")?;
    let mut rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u16>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter_map(|(p, rate, days)| {
            Some(ProviderSettings {
                provider: p.parse().ok()?,
                fee_rate: rate.parse().ok()?,
                settlement_days: days,
            })
        })
        .collect::<Vec<_>>();
    rows.sort_by_key(|s| s.provider);
    Ok(rows)
}

/// Changes one provider's settings after checking them.
pub fn update_settings(
    db: &mut Db,
    provider: Provider,
    patch: &ProviderSettingsPatch,
) -> Result<ProviderSettings, ProviderError> {
    let mut problems = Vec::new();
    let fee_rate = match patch.fee_rate.as_deref().map(parse_fee_rate).transpose() {
        Ok(rate) => rate,
        Err(ProviderError::Invalid(p)) => {
            problems.extend(p);
            None
        }
        Err(other) => return Err(other),
    };
    if let Some(rate) = fee_rate {
        if rate < Decimal::ZERO || rate > Decimal::from(100) {
            problems.push(Problem::new(
                "fee_rate",
                "provider.fee_rate_range",
                format!("fee rate {rate}% is outside 0–100%; enter a percentage such as 0.6"),
                format!("费率 {rate}% 不在 0–100% 之间；请输入百分比，如 0.6"),
            ));
        } else if rate.normalize().scale() > 4 {
            problems.push(Problem::new(
                "fee_rate",
                "provider.fee_rate_precision",
                format!("fee rate {rate}% has more than 4 decimals; round it (e.g. 0.38)"),
                format!("费率 {rate}% 超过四位小数；请四舍五入（如 0.38）"),
            ));
        }
    }
    if let Some(days) = patch.settlement_days {
        if days > 365 {
            problems.push(Problem::new(
                "settlement_days",
                "provider.settlement_days_range",
                format!("settlement days {days} is over 365; enter the T+n days of your contract"),
                format!("结算天数 {days} 超过 365；请填写合同约定的 T+n 天数"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(ProviderError::Invalid(problems));
    }
    db.write(|tx| {
        if let Some(rate) = fee_rate {
            tx.execute(
                "UPDATE provider_setting SET fee_rate = ?1 WHERE provider = ?2",
                params![rate.normalize().to_string(), provider.key()],
            )?;
        }
        if let Some(days) = patch.settlement_days {
            tx.execute(
                "UPDATE provider_setting SET settlement_days = ?1 WHERE provider = ?2",
                params![days, provider.key()],
            )?;
        }
        Ok::<_, ProviderError>(())
    })?;
    list_settings(db)?
        .into_iter()
        .find(|s| s.provider == provider)
        .ok_or_else(|| ProviderError::Unknown(provider.key().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_provider_has_default_settings() {
        let db = Db::open_in_memory().unwrap();
        let all = list_settings(&db).unwrap();
        assert_eq!(
            all.iter().map(|s| s.provider).collect::<Vec<_>>(),
            Provider::ALL
        );
        assert_eq!(all[0].fee_rate, Decimal::new(60, 2));
    }

    #[test]
    fn settings_are_checked_and_saved() {
        let mut db = Db::open_in_memory().unwrap();
        let patch = ProviderSettingsPatch {
            fee_rate: Some("0.38".into()),
            settlement_days: Some(2),
        };
        let saved = update_settings(&mut db, Provider::Alipay, &patch).unwrap();
        assert_eq!(saved.fee_rate, Decimal::new(38, 2));
        assert_eq!(saved.settlement_days, 2);

        let bad = ProviderSettingsPatch {
            fee_rate: Some("101".into()),
            settlement_days: Some(400),
        };
        let err = update_settings(&mut db, Provider::Alipay, &bad).unwrap_err();
        assert_eq!(err.problems().len(), 2);
        let still = list_settings(&db).unwrap();
        assert_eq!(still[1].fee_rate, Decimal::new(38, 2));
    }

    #[test]
    fn keys_round_trip() {
        for p in Provider::ALL {
            assert_eq!(p.key().parse::<Provider>().unwrap(), p);
        }
        assert!("paypal".parse::<Provider>().is_err());
    }
}
