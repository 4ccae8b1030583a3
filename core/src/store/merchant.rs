//! Merchant accounts: the ids the providers print on their bills, each belonging to one store.
//!
//! A store may have any number of them per provider (a tenant with two WeChat Pay sub-merchants,
//! an Alipay store id and PID, a UnionPay merchant number and its terminals, a POS code in the
//! member-card system). A bill row names (provider, merchant id), so that pair belongs to at most
//! one store. Adding one — from the Stores screen, `store add/edit`, or the import's one-click
//! mapping — is one operation, [`assign`]: an id that another store holds moves only when the
//! caller says so, and the answer says where it came from. The trades it names follow inside the
//! same transaction (see `db::derive`).

use std::str::FromStr;

use crate::sql::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{StoreError, StoreRef};
use crate::problem::Problem;
use crate::provider::Provider;

/// What kind of id it is, as the provider calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MerchantIdKind {
    /// WeChat Pay 特约商户号 / 子商户号: the tenant under the mall's service-provider account.
    SubMchId,
    /// WeChat Pay 商户号 of a tenant that is a direct merchant.
    MchId,
    /// Alipay 门店编号, printed on every row of the 业务明细.
    StoreId,
    /// Alipay PID (合作伙伴身份, 2088…), the account a bill belongs to.
    Pid,
    /// UnionPay or acquiring bank 商户编号.
    MerchantNo,
    /// A card terminal's 终端号.
    Terminal,
    /// The member-card or POS system's code for the store.
    PosCode,
}

impl MerchantIdKind {
    pub const ALL: [MerchantIdKind; 7] = [
        MerchantIdKind::SubMchId,
        MerchantIdKind::MchId,
        MerchantIdKind::StoreId,
        MerchantIdKind::Pid,
        MerchantIdKind::MerchantNo,
        MerchantIdKind::Terminal,
        MerchantIdKind::PosCode,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MerchantIdKind::SubMchId => "sub_mch_id",
            MerchantIdKind::MchId => "mch_id",
            MerchantIdKind::StoreId => "store_id",
            MerchantIdKind::Pid => "pid",
            MerchantIdKind::MerchantNo => "merchant_no",
            MerchantIdKind::Terminal => "terminal",
            MerchantIdKind::PosCode => "pos_code",
        }
    }

    /// The name on the provider's bills and consoles.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            MerchantIdKind::SubMchId => ("sub-merchant id", "特约商户号"),
            MerchantIdKind::MchId => ("merchant id", "商户号"),
            MerchantIdKind::StoreId => ("store id", "门店编号"),
            MerchantIdKind::Pid => ("PID", "合作伙伴身份（PID）"),
            MerchantIdKind::MerchantNo => ("merchant number", "商户编号"),
            MerchantIdKind::Terminal => ("terminal id", "终端号"),
            MerchantIdKind::PosCode => ("POS code", "收银系统编码"),
        }
    }

    /// The kinds a provider has; the first is what its bills name on every row.
    pub fn for_provider(provider: Provider) -> &'static [MerchantIdKind] {
        match provider {
            Provider::WechatPay => &[MerchantIdKind::SubMchId, MerchantIdKind::MchId],
            Provider::Alipay => &[MerchantIdKind::StoreId, MerchantIdKind::Pid],
            Provider::Unionpay | Provider::BankCard => {
                &[MerchantIdKind::MerchantNo, MerchantIdKind::Terminal]
            }
            Provider::MemberCard => &[MerchantIdKind::PosCode],
        }
    }

    /// The kind a bill's merchant column holds for this provider.
    pub fn default_for(provider: Provider) -> MerchantIdKind {
        MerchantIdKind::for_provider(provider)[0]
    }
}

impl FromStr for MerchantIdKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MerchantIdKind::ALL
            .into_iter()
            .find(|k| k.key() == s.trim())
            .ok_or_else(|| format!("unknown merchant id kind '{s}'"))
    }
}

/// One merchant id of a store.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct MerchantAccount {
    pub provider: Provider,
    pub kind: MerchantIdKind,
    /// As printed on the bill, e.g. `1900012301`.
    pub merchant_id: String,
}

impl MerchantAccount {
    pub fn new(provider: Provider, kind: MerchantIdKind, merchant_id: &str) -> MerchantAccount {
        MerchantAccount {
            provider,
            kind,
            merchant_id: merchant_id.trim().to_string(),
        }
    }

    /// A WeChat Pay 特约商户号, the id on every row of the mall's service-provider bill.
    pub fn wechat(sub_mch_id: &str) -> MerchantAccount {
        MerchantAccount::new(Provider::WechatPay, MerchantIdKind::SubMchId, sub_mch_id)
    }

    /// An Alipay 门店编号, the id on every row of the 业务明细.
    pub fn alipay(store_id: &str) -> MerchantAccount {
        MerchantAccount::new(Provider::Alipay, MerchantIdKind::StoreId, store_id)
    }
}

/// The result of giving a store a merchant id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Assigned {
    pub store: super::Store,
    pub account: MerchantAccount,
    /// The store that held the id before, when it was moved.
    pub moved_from: Option<StoreRef>,
    /// Trades of this merchant id now counted for the store.
    pub matched_trades: u64,
}

/// Everything wrong with one id, as problems on `field`.
pub(crate) fn check(field: &str, a: &MerchantAccount) -> Vec<Problem> {
    let id = a.merchant_id.as_str();
    let (label_en, label_zh) = a.kind.label();
    let (provider_en, provider_zh) = {
        let n = a.provider.name();
        (n.en, n.zh)
    };
    let mut problems = Vec::new();
    if !MerchantIdKind::for_provider(a.provider).contains(&a.kind) {
        problems.push(Problem::new(
            field,
            "store.merchant_id_kind",
            format!("{provider_en} has no {label_en}; choose one of its own kinds of id"),
            format!("{provider_zh}没有“{label_zh}”；请选择该渠道自己的编号类型"),
        ));
        return problems;
    }
    if id.is_empty() {
        problems.push(Problem::new(
            field,
            "store.merchant_id_empty",
            format!("the {provider_en} {label_en} is empty; copy it from a bill or the merchant platform"),
            format!("{provider_zh}{label_zh}为空；请从账单或商户平台复制"),
        ));
        return problems;
    }
    let digits = id.chars().all(|c| c.is_ascii_digit());
    let alnum = id.chars().all(|c| c.is_ascii_alphanumeric());
    let (ok, rule_en, rule_zh) = match a.kind {
        MerchantIdKind::SubMchId | MerchantIdKind::MchId => (
            digits && id.len() <= 32,
            "digits only (e.g. 1900012345)",
            "只能由数字组成（如 1900012345）",
        ),
        MerchantIdKind::Pid => (
            digits && id.len() == 16 && id.starts_with("2088"),
            "16 digits starting with 2088",
            "是以 2088 开头的 16 位数字",
        ),
        MerchantIdKind::MerchantNo | MerchantIdKind::Terminal => (
            alnum && id.len() <= 32,
            "letters and digits only, at most 32",
            "只能由字母和数字组成，最多 32 位",
        ),
        MerchantIdKind::StoreId | MerchantIdKind::PosCode => (
            id.len() <= super::MAX_MERCHANT_ID
                && !id.chars().any(|c| c.is_whitespace() || c == ','),
            "at most 64 characters without spaces or commas",
            "最多 64 个字符，且不能含空格或逗号",
        ),
    };
    if !ok {
        problems.push(Problem::new(
            field,
            &format!("store.{}_format", a.kind.key()),
            format!("{provider_en} {label_en} '{id}' must be {rule_en}"),
            format!("{provider_zh}{label_zh}“{id}”必须{rule_zh}"),
        ));
    }
    problems
}

/// The store holding `provider`/`merchant_id`, if any.
pub(crate) fn holder(
    conn: &Connection,
    provider: Provider,
    merchant_id: &str,
) -> crate::sql::Result<Option<StoreRef>> {
    conn.query_row(
        "SELECT s.id, s.name FROM merchant_account m JOIN store s ON s.id = m.store_id
         WHERE m.provider = ?1 AND m.merchant_id = ?2",
        params![provider.key(), merchant_id],
        |r| {
            Ok(StoreRef {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        },
    )
    .optional()
}

/// A problem saying who holds the id, for forms that list every problem at once.
pub(crate) fn taken_problem(field: &str, a: &MerchantAccount, owner: &StoreRef) -> Problem {
    let e = StoreError::MerchantIdTaken {
        account: a.clone(),
        owner: owner.clone(),
    };
    let message = e.localized();
    Problem {
        field: field.to_string(),
        rule: "store.merchant_id_taken".into(),
        message,
    }
}

/// Gives `store_id` the account inside an open transaction. An id that another store holds is
/// moved only with `allow_move`; returns the store it came from.
pub(crate) fn assign_in(
    conn: &Connection,
    store_id: i64,
    a: &MerchantAccount,
    allow_move: bool,
) -> Result<Option<StoreRef>, StoreError> {
    let problems = check("merchant_id", a);
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    let owner = holder(conn, a.provider, &a.merchant_id)?;
    match &owner {
        Some(o) if o.id == store_id => {
            conn.execute(
                "UPDATE merchant_account SET kind = ?3 WHERE provider = ?1 AND merchant_id = ?2 AND kind <> ?3",
                params![a.provider.key(), a.merchant_id, a.kind.key()],
            )?;
            return Ok(None);
        }
        Some(o) if !allow_move => {
            return Err(StoreError::MerchantIdTaken {
                account: a.clone(),
                owner: o.clone(),
            })
        }
        _ => {}
    }
    // No upsert: its conflict clause would override the triggers' own (see SQLite's triggers).
    let sql = if owner.is_some() {
        "UPDATE merchant_account SET kind = ?3, store_id = ?4 WHERE provider = ?1 AND merchant_id = ?2"
    } else {
        "INSERT INTO merchant_account (provider, merchant_id, kind, store_id) VALUES (?1, ?2, ?3, ?4)"
    };
    conn.execute(
        sql,
        params![a.provider.key(), a.merchant_id, a.kind.key(), store_id],
    )?;
    Ok(owner)
}

/// A store's accounts, in a stable order (provider, kind, id).
pub(crate) fn of_store(
    conn: &Connection,
    store_id: i64,
) -> crate::sql::Result<Vec<MerchantAccount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT provider, kind, merchant_id FROM merchant_account WHERE store_id = ?1",
    )?;
    let mut accounts = stmt
        .query_map([store_id], read_account)?
        .collect::<Result<Vec<_>, _>>()?;
    accounts.sort();
    Ok(accounts)
}

fn read_account(r: &crate::sql::Row<'_>) -> crate::sql::Result<MerchantAccount> {
    use crate::db::known;
    let provider = r.get_ref(0)?.as_str()?;
    let kind = r.get_ref(1)?.as_str()?;
    Ok(MerchantAccount {
        provider: known(0, "provider", provider, |v| v.parse().ok())?,
        kind: known(1, "merchant id kind", kind, |v| v.parse().ok())?,
        merchant_id: r.get(2)?,
    })
}
