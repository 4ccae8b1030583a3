//! Stores: the mall's tenants. Each carries the merchant ids the wallets print in their bills
//! (WeChat Pay 特约商户号, Alipay 门店编号), which is how a bill row is matched to a store.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::problem::{join_localized, Problem};
use crate::text::{char_len, Localized};

pub const MAX_STORE_NAME: usize = 60;
pub const MAX_FLOOR: usize = 20;
pub const MAX_CATEGORY: usize = 30;
pub const MAX_MERCHANT_ID: usize = 64;

/// A tenant store of the mall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Store {
    pub id: i64,
    pub name: String,
    /// Floor as the mall labels it: `B1`, `L3`, `5F`.
    pub floor: String,
    /// Business category: 餐饮, 服饰, 美妆, …
    pub category: String,
    /// WeChat Pay 特约商户号 (sub-merchant id), digits.
    pub wechat_sub_mch_id: Option<String>,
    /// Alipay 门店编号 (store id).
    pub alipay_store_id: Option<String>,
}

/// Everything needed to create a store, or the full new state when editing one.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct StoreInput {
    pub name: String,
    #[serde(default)]
    pub floor: String,
    #[serde(default)]
    pub category: String,
    /// Empty or absent means "none".
    #[serde(default)]
    pub wechat_sub_mch_id: Option<String>,
    /// Empty or absent means "none".
    #[serde(default)]
    pub alipay_store_id: Option<String>,
}

/// Errors of stores.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", crate::problem::join(.0, crate::text::Lang::En))]
    Invalid(Vec<Problem>),
    #[error("store {0} does not exist; list stores with `promodesk store list`")]
    NotFound(i64),
    #[error("store {id} is a target of campaign(s) {}; remove it from those campaigns first", join_ids(.campaigns))]
    InUse { id: i64, campaigns: Vec<i64> },
    #[error(transparent)]
    Db(#[from] rusqlite::Error),
}

fn join_ids(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Invalid(_) => "store.invalid",
            StoreError::NotFound(_) => "store.not_found",
            StoreError::InUse { .. } => "store.in_use",
            StoreError::Db(_) => "db.sqlite",
        }
    }

    pub fn localized(&self) -> Localized {
        let en = self.to_string();
        match self {
            StoreError::Invalid(problems) => join_localized(problems),
            StoreError::NotFound(id) => Localized::new(en, format!("门店 {id} 不存在")),
            StoreError::InUse { id, campaigns } => Localized::new(
                en,
                format!(
                    "门店 {id} 是活动 {} 的目标门店；请先从这些活动中移除它",
                    join_ids(campaigns)
                ),
            ),
            StoreError::Db(e) => Localized::new(en, format!("数据库错误：{e}")),
        }
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            StoreError::Invalid(p) => p,
            _ => &[],
        }
    }
}

const COLUMNS: &str = "id, name, floor, category, wechat_sub_mch_id, alipay_store_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Store> {
    Ok(Store {
        id: r.get(0)?,
        name: r.get(1)?,
        floor: r.get(2)?,
        category: r.get(3)?,
        wechat_sub_mch_id: r.get(4)?,
        alipay_store_id: r.get(5)?,
    })
}

/// Every store, by name.
pub fn list(db: &Db) -> Result<Vec<Store>, StoreError> {
    let mut stmt = db
        .conn()
        .prepare(&format!("SELECT {COLUMNS} FROM store ORDER BY name, id"))?;
    let stores = stmt.query_map([], from_row)?.collect::<Result<_, _>>()?;
    Ok(stores)
}

/// One store.
pub fn get(db: &Db, id: i64) -> Result<Store, StoreError> {
    db.conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM store WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or(StoreError::NotFound(id))
}

/// A store input with whitespace trimmed and empty ids turned into `None`.
struct Clean {
    name: String,
    floor: String,
    category: String,
    wechat: Option<String>,
    alipay: Option<String>,
}

fn clean(input: &StoreInput) -> Clean {
    let id = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    Clean {
        name: input.name.trim().to_string(),
        floor: input.floor.trim().to_string(),
        category: input.category.trim().to_string(),
        wechat: id(&input.wechat_sub_mch_id),
        alipay: id(&input.alipay_store_id),
    }
}

fn too_long(field: &str, label_zh: &str, value: &str, max: usize) -> Option<Problem> {
    let n = char_len(value);
    (n > max).then(|| {
        Problem::new(
            field,
            &format!("store.{field}_too_long"),
            format!("{field} has {n} characters; shorten it to {max}"),
            format!("{label_zh}有 {n} 个字，请缩短到 {max} 个以内"),
        )
    })
}

/// Checks a store against the rules and against the other stores (`except` is the store being
/// edited). Returns every problem at once.
fn validate(
    conn: &rusqlite::Connection,
    c: &Clean,
    except: Option<i64>,
) -> Result<Vec<Problem>, rusqlite::Error> {
    let mut problems = Vec::new();
    if c.name.is_empty() {
        problems.push(Problem::new(
            "name",
            "store.name_empty",
            "store name is empty; enter the name shown at the shop front",
            "门店名称为空；请填写门头上的名称",
        ));
    }
    problems.extend(too_long("name", "门店名称", &c.name, MAX_STORE_NAME));
    problems.extend(too_long("floor", "楼层", &c.floor, MAX_FLOOR));
    problems.extend(too_long("category", "业态", &c.category, MAX_CATEGORY));
    if let Some(id) = &c.wechat {
        if !id.chars().all(|ch| ch.is_ascii_digit()) || id.len() > 32 {
            problems.push(Problem::new(
                "wechat_sub_mch_id",
                "store.wechat_sub_mch_id_format",
                format!("WeChat Pay sub-merchant id '{id}' must be digits only (e.g. 1900012345)"),
                format!("微信支付特约商户号“{id}”只能由数字组成（如 1900012345）"),
            ));
        }
    }
    if let Some(id) = &c.alipay {
        if id.len() > MAX_MERCHANT_ID || id.chars().any(|ch| ch.is_whitespace() || ch == ',') {
            problems.push(Problem::new(
                "alipay_store_id",
                "store.alipay_store_id_format",
                format!("Alipay store id '{id}' must be at most {MAX_MERCHANT_ID} characters without spaces or commas"),
                format!("支付宝门店编号“{id}”最多 {MAX_MERCHANT_ID} 个字符，且不能含空格或逗号"),
            ));
        }
    }
    let except = except.unwrap_or(-1);
    let taken = |sql: &str, value: &str| -> Result<Option<String>, rusqlite::Error> {
        conn.query_row(sql, params![value, except], |r| r.get(0))
            .optional()
    };
    if !c.name.is_empty()
        && taken(
            "SELECT name FROM store WHERE name = ?1 AND id <> ?2",
            &c.name,
        )?
        .is_some()
    {
        problems.push(Problem::new(
            "name",
            "store.name_taken",
            format!(
                "a store named '{}' already exists; choose another name",
                c.name
            ),
            format!("已有名为“{}”的门店；请换一个名称", c.name),
        ));
    }

    if let Some(id) = &c.wechat {
        if let Some(other) = taken(
            "SELECT name FROM store WHERE wechat_sub_mch_id = ?1 AND id <> ?2",
            id,
        )? {
            problems.push(Problem::new(
                "wechat_sub_mch_id",
                "store.wechat_sub_mch_id_taken",
                format!("WeChat Pay sub-merchant id {id} already belongs to '{other}'; each store has its own"),
                format!("微信支付特约商户号 {id} 已属于“{other}”；每个门店的商户号不同"),
            ));
        }
    }
    if let Some(id) = &c.alipay {
        if let Some(other) = taken(
            "SELECT name FROM store WHERE alipay_store_id = ?1 AND id <> ?2",
            id,
        )? {
            problems.push(Problem::new(
                "alipay_store_id",
                "store.alipay_store_id_taken",
                format!(
                    "Alipay store id {id} already belongs to '{other}'; each store has its own"
                ),
                format!("支付宝门店编号 {id} 已属于“{other}”；每个门店的编号不同"),
            ));
        }
    }
    Ok(problems)
}

/// Adds a store.
pub fn add(db: &mut Db, input: &StoreInput) -> Result<Store, StoreError> {
    let c = clean(input);
    let id = db.write(|tx| {
        let problems = validate(tx, &c, None)?;
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        tx.execute(
            "INSERT INTO store (name, floor, category, wechat_sub_mch_id, alipay_store_id)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![c.name, c.floor, c.category, c.wechat, c.alipay],
        )?;
        Ok(tx.last_insert_rowid())
    })?;
    get(db, id)
}

/// Replaces a store's fields.
pub fn edit(db: &mut Db, id: i64, input: &StoreInput) -> Result<Store, StoreError> {
    let c = clean(input);
    db.write(|tx| {
        let exists: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM store WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(StoreError::NotFound(id));
        }
        let problems = validate(tx, &c, Some(id))?;
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        tx.execute(
            "UPDATE store SET name = ?1, floor = ?2, category = ?3, wechat_sub_mch_id = ?4,
             alipay_store_id = ?5 WHERE id = ?6",
            params![c.name, c.floor, c.category, c.wechat, c.alipay, id],
        )?;
        Ok(())
    })?;
    // Bills are matched to stores by merchant id: re-match after ids changed.
    crate::import::reattribute(db)?;
    get(db, id)
}

/// Removes a store no campaign targets.
pub fn remove(db: &mut Db, id: i64) -> Result<(), StoreError> {
    db.write(|tx| {
        let mut stmt = tx.prepare(
            "SELECT campaign_id FROM campaign_store WHERE store_id = ?1 ORDER BY campaign_id",
        )?;
        let campaigns: Vec<i64> = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if !campaigns.is_empty() {
            return Err(StoreError::InUse { id, campaigns });
        }
        if tx.execute("DELETE FROM store WHERE id = ?1", [id])? == 0 {
            return Err(StoreError::NotFound(id));
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests;
