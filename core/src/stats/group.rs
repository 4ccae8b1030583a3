//! What a group of `--by` stands for, as data: a provider, a store (or the merchant id no store
//! holds), a day, an hour or a coupon (or the trades no coupon explains). Keys are built here from
//! the columns the queries select, never from text, so a store named "(no coupon)" is a store.

use crate::sql::types::{Type, Value};
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::GroupBy;
use crate::provider::Provider;

/// The key of a group, serialised with its `kind`: `{"kind": "store", "name": "星巴克", "id": 4}`.
///
/// Groups are ordered by their key: variants in the order below, then by their fields in the
/// order they are declared (stores and coupons by name), so the special groups of a grouping
/// come after the named ones.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GroupKey {
    /// `--by provider`.
    Provider { provider: Provider },
    /// `--by store`: the store that holds the trades' merchant id.
    Store { name: String, id: i64 },
    /// `--by store`: a merchant id no store holds.
    Unmatched { merchant_id: String },
    /// `--by store`: trades whose bill names no merchant id.
    NoMerchant,
    /// `--by day`: a local date of the mall, `YYYY-MM-DD`.
    Day {
        #[ts(type = "string")]
        date: NaiveDate,
    },
    /// `--by hour`: a local hour of the mall, 0–23.
    Hour { hour: u8 },
    /// `--by coupon`: the coupons of this name the trades were attributed to (one offer on
    /// several wallets is one coupon per wallet, all of its name).
    Coupon { name: String },
    /// `--by coupon`: trades that used a discount no coupon was attributed to.
    Unattributed,
    /// `--by coupon`: trades without a discount.
    NoCoupon,
}

/// The three key columns of a grouping (NULL where unused) over alias `t`, and the join they
/// need. `time` is the instant column, `used` whether a row's payments used a coupon, `offset`
/// the mall's UTC offset in seconds.
pub(super) fn key_columns(
    by: GroupBy,
    time: &str,
    used: &str,
    offset: i64,
) -> (String, &'static str) {
    match by {
        GroupBy::Provider => ("t.provider, NULL, NULL".into(), ""),
        GroupBy::Store => (
            "s.id, s.name, CASE WHEN s.id IS NULL THEN t.merchant_id END".into(),
            "LEFT JOIN store s ON s.id = t.store_id",
        ),
        GroupBy::Day => (
            format!("date({time} + {offset}, 'unixepoch'), NULL, NULL"),
            "",
        ),
        GroupBy::Hour => (
            format!("((({time} + {offset}) % 86400) + 86400) % 86400 / 3600, NULL, NULL"),
            "",
        ),
        GroupBy::Coupon => (
            format!("NULL, c.name, CASE WHEN c.id IS NULL THEN {used} END"),
            "LEFT JOIN coupon c ON c.id = t.coupon_id",
        ),
    }
}

fn bad(column: usize, kind: Type, why: String) -> crate::sql::Error {
    crate::sql::Error::FromSqlConversionFailure(column, kind, why.into())
}

impl GroupKey {
    /// The key of `by` from the three columns of [`key_columns`] at `at`.
    pub(super) fn from_row(
        by: GroupBy,
        r: &crate::sql::Row<'_>,
        at: usize,
    ) -> crate::sql::Result<Self> {
        let (a, b, c): (Value, Value, Value) = (r.get(at)?, r.get(at + 1)?, r.get(at + 2)?);
        let text = |v: Value, column: usize| match v {
            Value::Text(t) => Ok(t),
            other => Err(bad(column, other.data_type(), "expected text".into())),
        };
        Ok(match (by, a) {
            (GroupBy::Provider, a) => GroupKey::provider(&text(a, at)?)
                .ok_or_else(|| bad(at, Type::Text, "not a provider".into()))?,
            (GroupBy::Store, Value::Integer(id)) => GroupKey::Store {
                name: text(b, at + 1)?,
                id,
            },
            (GroupBy::Store, _) => GroupKey::unmatched(text(c, at + 2)?),
            (GroupBy::Day, a) => {
                let day = text(a, at)?;
                GroupKey::Day {
                    date: NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                        .map_err(|e| bad(at, Type::Text, e.to_string()))?,
                }
            }
            (GroupBy::Hour, Value::Integer(h)) => GroupKey::Hour {
                hour: u8::try_from(h).map_err(|e| bad(at, Type::Integer, e.to_string()))?,
            },
            (GroupBy::Hour, other) => {
                return Err(bad(at, other.data_type(), "expected an hour".into()))
            }
            (GroupBy::Coupon, _) => match (b, c) {
                (Value::Text(name), _) => GroupKey::Coupon { name },
                (_, Value::Integer(0)) => GroupKey::NoCoupon,
                _ => GroupKey::Unattributed,
            },
        })
    }

    /// The group of a provider's key (`wechat_pay`, …).
    pub(super) fn provider(key: &str) -> Option<Self> {
        key.parse()
            .ok()
            .map(|provider| GroupKey::Provider { provider })
    }

    /// The group of a merchant id no store holds.
    pub(super) fn unmatched(merchant_id: String) -> Self {
        if merchant_id.is_empty() {
            GroupKey::NoMerchant
        } else {
            GroupKey::Unmatched { merchant_id }
        }
    }

    /// The local date of a `--by day` group.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            GroupKey::Day { date } => Some(*date),
            _ => None,
        }
    }
}
