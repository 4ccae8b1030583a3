//! A campaign's history as marketing staff read it: "张三 changed 面额 of 满100减20 from ¥10.00
//! to ¥20.00", never a column name.
//!
//! Both stores keep the same `audit` table (migration 0015: PostgreSQL triggers with to_jsonb,
//! SQLite triggers with json_object), so the history reads the same on both. Each entry is one
//! changed row; its summary names the fields that changed by the labels the editors show.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::db::Db;
use crate::sql::OptionalExtension;
use crate::text::Localized;

/// One change, newest first in a history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HistoryEntry {
    pub id: i64,
    /// `YYYY-MM-DD HH:MM` in the mall's zone.
    pub at: String,
    /// The person's chosen name, else their login.
    pub who: String,
    /// Their login role (team database) or user name.
    pub role_name: String,
    /// What they did, with their name first.
    pub summary: Localized,
}

/// One stored row of `audit`.
pub(crate) struct AuditRow {
    pub id: i64,
    pub table: String,
    pub action: String,
    pub role_name: String,
    pub display_name: String,
    pub changed_at: i64,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The history of `campaign`, newest first.
pub fn campaign_history(db: &Db, campaign: i64) -> Result<Vec<HistoryEntry>, crate::sql::Error> {
    let rows = audit_rows(db, campaign, 0)?;
    summarize(db, rows)
}

/// Rows of `campaign`'s history after `after_id`, oldest first.
pub(crate) fn audit_rows(
    db: &Db,
    campaign: i64,
    after_id: i64,
) -> Result<Vec<AuditRow>, crate::sql::Error> {
    let mut stmt = db.conn().prepare(
        "SELECT id, table_name, action, role_name, display_name, changed_at, before, after
         FROM audit WHERE campaign_id = ?1 AND id > ?2 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([campaign, after_id], |r| {
            Ok(AuditRow {
                id: r.get(0)?,
                table: r.get(1)?,
                action: r.get(2)?,
                role_name: r.get(3)?,
                display_name: r.get(4)?,
                changed_at: r.get(5)?,
                before: r.get(6)?,
                after: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The entries of `rows`, newest first; rows that say nothing a person reads (a timestamp
/// alone) are left out.
pub(crate) fn summarize(
    db: &Db,
    rows: Vec<AuditRow>,
) -> Result<Vec<HistoryEntry>, crate::sql::Error> {
    let zone = crate::mall::get(db)
        .map(|m| m.zone())
        .unwrap_or(chrono_tz::Asia::Shanghai);
    let mut out = Vec::new();
    for row in rows.into_iter().rev() {
        let who = if row.display_name.is_empty() {
            row.role_name.clone()
        } else {
            row.display_name.clone()
        };
        let Some(what) = describe(db, &row, zone)? else {
            continue;
        };
        out.push(HistoryEntry {
            id: row.id,
            at: crate::time::local(row.changed_at, zone)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            summary: Localized::new(format!("{who} {}", what.en), format!("{who} {}", what.zh)),
            who,
            role_name: row.role_name,
        });
    }
    Ok(out)
}

fn parse(json: &Option<String>) -> Map<String, Value> {
    json.as_deref()
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
        .and_then(|v| match v {
            Value::Object(m) => Some(m),
            _ => None,
        })
        .unwrap_or_default()
}

/// What the row's change did, after the person's name; none when nothing readable changed.
fn describe(
    db: &Db,
    row: &AuditRow,
    zone: chrono_tz::Tz,
) -> Result<Option<Localized>, crate::sql::Error> {
    let before = parse(&row.before);
    let after = parse(&row.after);
    let data = if after.is_empty() { &before } else { &after };
    let text = |k: &str| {
        data.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let int = |k: &str| data.get(k).and_then(Value::as_i64).unwrap_or(0);
    let l = |en: String, zh: String| Ok(Some(Localized::new(en, zh)));
    match (row.table.as_str(), row.action.as_str()) {
        ("campaign", "insert") => l(
            format!("created the campaign “{}”", text("name")),
            format!("创建了活动“{}”", text("name")),
        ),
        ("campaign", "delete") => l(
            format!("deleted the campaign “{}”", text("name")),
            format!("删除了活动“{}”", text("name")),
        ),
        ("campaign", _) => Ok(changes(&before, &after, CAMPAIGN_FIELDS, zone)
            .map(|c| Localized::new(format!("changed {}", c.en), format!("把{}", c.zh)))),
        ("coupon", "insert") => l(
            format!("added the coupon “{}”", text("name")),
            format!("添加了优惠券“{}”", text("name")),
        ),
        ("coupon", "delete") => l(
            format!("removed the coupon “{}”", text("name")),
            format!("删除了优惠券“{}”", text("name")),
        ),
        ("coupon", _) => Ok(changes(&before, &after, COUPON_FIELDS, zone).map(|c| {
            let name = text("name");
            Localized::new(
                format!("changed the coupon “{name}”: {}", c.en),
                format!("把优惠券“{name}”的{}", c.zh),
            )
        })),
        ("campaign_store", action) => {
            let store = store_name(db, int("store_id"))?;
            if action == "insert" {
                l(
                    format!("added the store {store} to the campaign"),
                    format!("为活动添加了门店 {store}"),
                )
            } else {
                l(
                    format!("removed the store {store} from the campaign"),
                    format!("从活动中移除了门店 {store}"),
                )
            }
        }
        ("coupon_store", action) => {
            let store = store_name(db, int("store_id"))?;
            let coupon: Option<String> = db
                .conn()
                .query_row(
                    "SELECT name FROM coupon WHERE id = ?1",
                    [int("coupon_id")],
                    |r| r.get(0),
                )
                .optional()?;
            let coupon = coupon.unwrap_or_default();
            if action == "insert" {
                l(
                    format!("let the coupon “{coupon}” be used at {store}"),
                    format!("让优惠券“{coupon}”可在 {store} 使用"),
                )
            } else {
                l(
                    format!("stopped the coupon “{coupon}” at {store}"),
                    format!("让优惠券“{coupon}”不再在 {store} 使用"),
                )
            }
        }
        ("campaign_provider_budget", _) => {
            let provider = text("provider")
                .parse::<crate::provider::Provider>()
                .map(|p| p.name())
                .unwrap_or_else(|_| Localized::new(text("provider"), text("provider")));
            let amount = |m: &Map<String, Value>| {
                m.get("budget_fen")
                    .and_then(Value::as_i64)
                    .map_or("—".to_string(), yuan)
            };
            match row.action.as_str() {
                "insert" => l(
                    format!("set the {} budget to {}", provider.en, amount(&after)),
                    format!("把{}预算设为 {}", provider.zh, amount(&after)),
                ),
                "delete" => l(
                    format!("removed the {} budget", provider.en),
                    format!("取消了{}预算", provider.zh),
                ),
                _ => l(
                    format!(
                        "changed the {} budget from {} to {}",
                        provider.en,
                        amount(&before),
                        amount(&after)
                    ),
                    format!(
                        "把{}预算从 {} 改为 {}",
                        provider.zh,
                        amount(&before),
                        amount(&after)
                    ),
                ),
            }
        }
        ("launch_signoff", "insert") => l(
            "signed off the launch checklist".into(),
            "签署了上线检查".into(),
        ),
        _ => Ok(None),
    }
}

fn store_name(db: &Db, id: i64) -> Result<String, crate::sql::Error> {
    let name: Option<String> = db
        .conn()
        .query_row("SELECT name FROM store WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    Ok(name.unwrap_or_else(|| "—".into()))
}

/// How a stored value reads.
#[derive(Clone, Copy)]
enum Shown {
    Text,
    Fen,
    Time,
    Count,
    Status,
    Kind,
    Flag,
    /// A list or setting whose values are not worth spelling out: "changed X".
    Opaque,
}

/// Columns a person would name, with the editors' labels (en, zh) and how their values read.
type Fields = &'static [(&'static str, &'static str, &'static str, Shown)];

const CAMPAIGN_FIELDS: Fields = &[
    ("name", "the name", "名称", Shown::Text),
    ("description", "the description", "描述", Shown::Text),
    ("festival", "the festival", "节日", Shown::Text),
    ("starts_at", "the start", "开始时间", Shown::Time),
    ("ends_at", "the end", "结束时间", Shown::Time),
    ("status", "the status", "状态", Shown::Status),
    ("budget_fen", "the budget", "预算", Shown::Fen),
];

const COUPON_FIELDS: Fields = &[
    ("name", "the name", "券名称", Shown::Text),
    (
        "bill_name",
        "the name in bills",
        "账单中的券名称",
        Shown::Text,
    ),
    ("description", "the terms", "使用说明", Shown::Text),
    ("kind", "the kind", "类型", Shown::Kind),
    ("face_fen", "the face value", "面额", Shown::Fen),
    ("threshold_fen", "the minimum spend", "使用门槛", Shown::Fen),
    ("pay_percent", "the percent paid", "实付比例", Shown::Text),
    ("cap_fen", "the cap", "优惠上限", Shown::Fen),
    ("price_fen", "the special price", "换购价", Shown::Fen),
    (
        "original_price_fen",
        "the original price",
        "原价",
        Shown::Fen,
    ),
    (
        "multiplier",
        "the points multiplier",
        "积分倍数",
        Shown::Text,
    ),
    ("quantity", "the quantity", "发放总量", Shown::Count),
    (
        "per_user_limit",
        "the per-user limit",
        "每人限领",
        Shown::Count,
    ),
    (
        "per_user_period",
        "the limit period",
        "限领周期",
        Shown::Opaque,
    ),
    ("daily_cap", "the daily cap", "每日上限", Shown::Count),
    ("validity_kind", "the validity", "有效期", Shown::Opaque),
    ("valid_from", "valid from", "有效期开始", Shown::Time),
    ("valid_to", "valid to", "有效期结束", Shown::Time),
    ("valid_days", "the days valid", "有效天数", Shown::Count),
    (
        "wait_days",
        "the days before use",
        "领取后生效天数",
        Shown::Count,
    ),
    ("time_slots", "the hours", "可用时段", Shown::Opaque),
    (
        "mall_share",
        "the mall's share",
        "商场出资比例",
        Shown::Text,
    ),
    (
        "tenant_share",
        "the tenant's share",
        "商户出资比例",
        Shown::Text,
    ),
    (
        "provider_share",
        "the provider's share",
        "渠道出资比例",
        Shown::Text,
    ),
    ("exclusive", "exclusive", "独享", Shown::Flag),
    ("stackable_with", "stacking", "叠加规则", Shown::Opaque),
    ("priority", "the priority", "优先级", Shown::Count),
    (
        "provider_ref",
        "the provider stock / template id",
        "渠道批次号 / 模板 ID",
        Shown::Text,
    ),
    ("card_bins", "the card BINs", "卡 BIN", Shown::Opaque),
    (
        "wallet_color",
        "the WeChat card colour",
        "微信卡券颜色",
        Shown::Opaque,
    ),
];

/// "面额从 ¥10.00 改为 ¥20.00；发放总量从 100 改为 200" (and the English), for the fields
/// that differ; none when no named field did.
fn changes(
    before: &Map<String, Value>,
    after: &Map<String, Value>,
    fields: Fields,
    zone: chrono_tz::Tz,
) -> Option<Localized> {
    let (mut en, mut zh) = (Vec::new(), Vec::new());
    for (column, label_en, label_zh, shown) in fields {
        let (old, new) = (before.get(*column), after.get(*column));
        if old == new {
            continue;
        }
        if let Shown::Opaque = shown {
            en.push((*label_en).to_string());
            zh.push(format!("{label_zh}改了"));
            continue;
        }
        let (old_en, old_zh) = value(old, *shown, zone);
        let (new_en, new_zh) = value(new, *shown, zone);
        en.push(format!("{label_en} from {old_en} to {new_en}"));
        zh.push(format!("{label_zh}从 {old_zh} 改为 {new_zh}"));
    }
    if en.is_empty() {
        return None;
    }
    Some(Localized::new(en.join("; "), zh.join("；")))
}

fn yuan(fen: i64) -> String {
    crate::money::format_cny(Decimal::new(fen, 2))
}

/// A value as it reads (en, zh).
fn value(v: Option<&Value>, shown: Shown, zone: chrono_tz::Tz) -> (String, String) {
    let none = || ("—".to_string(), "—".to_string());
    let same = |s: String| (s.clone(), s);
    match (v, shown) {
        (None | Some(Value::Null), _) => none(),
        (Some(Value::Number(n)), Shown::Fen) => n.as_i64().map_or_else(none, |f| same(yuan(f))),
        (Some(Value::Number(n)), Shown::Time) => n.as_i64().map_or_else(none, |t| {
            same(
                crate::time::local(t, zone)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
            )
        }),
        (Some(Value::Number(n)), Shown::Flag) => {
            if n.as_i64() == Some(0) {
                ("no".into(), "否".into())
            } else {
                ("yes".into(), "是".into())
            }
        }
        (Some(Value::String(s)), Shown::Status) => {
            match s.parse::<crate::campaign::CampaignStatus>() {
                Ok(status) => {
                    let n = status.name();
                    (n.en, n.zh)
                }
                Err(_) => same(s.clone()),
            }
        }
        (Some(Value::String(s)), Shown::Kind) => kind_name(s),
        (Some(Value::String(s)), Shown::Text) => {
            if s.is_empty() {
                none()
            } else {
                (format!("“{s}”"), format!("“{s}”"))
            }
        }
        (Some(other), _) => same(other.to_string()),
    }
}

fn kind_name(key: &str) -> (String, String) {
    let (en, zh) = match key {
        "fixed" => ("amount off", "满减"),
        "discount" => ("percent off", "折扣"),
        "exchange" => ("special price", "换购"),
        "gift" => ("gift", "礼品"),
        "points" => ("points", "积分"),
        other => (other, other),
    };
    (en.to_string(), zh.to_string())
}
