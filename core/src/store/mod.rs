//! Stores: the mall's tenants. Each carries the merchant ids the providers print in their bills
//! (see [`merchant`]), which is how a bill row is matched to a store.

use crate::sql::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::problem::{join_localized, Problem};
use crate::provider::Provider;
use crate::text::{char_len, Localized};

mod merchant;

pub use merchant::{Assigned, MerchantAccount, MerchantIdKind};

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
    /// The ids the providers print on their bills for this store, by provider and kind.
    pub merchant_ids: Vec<MerchantAccount>,
}

impl Store {
    /// The store's first id of that provider and kind.
    pub fn merchant_id(&self, provider: Provider, kind: MerchantIdKind) -> Option<&str> {
        self.merchant_ids
            .iter()
            .find(|a| a.provider == provider && a.kind == kind)
            .map(|a| a.merchant_id.as_str())
    }
}

/// A store named in an answer: "moved from …".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StoreRef {
    pub id: i64,
    pub name: String,
}

/// Everything needed to create a store, or the full new state when editing one.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, TS)]
pub struct StoreInput {
    pub name: String,
    #[serde(default)]
    pub floor: String,
    #[serde(default)]
    pub category: String,
    /// The store's whole set of merchant ids; ids left out are removed from it.
    #[serde(default)]
    pub merchant_ids: Vec<MerchantAccount>,
    /// Move ids that another store holds (the user confirmed) instead of refusing them.
    #[serde(default)]
    #[ts(optional)]
    pub move_taken_ids: Option<bool>,
}

/// Errors of stores.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", crate::problem::join(.0, crate::text::Lang::En))]
    Invalid(Vec<Problem>),
    #[error("store {0} does not exist; it may have been removed — reload the store list")]
    NotFound(i64),
    #[error("store {id} is a target of campaign(s) {}; remove it from those campaigns first", join_ids(.campaigns))]
    InUse { id: i64, campaigns: Vec<i64> },
    #[error("{} {} {} already belongs to '{}'; confirm to move it to this store", .account.provider.name().en, .account.kind.label().0, .account.merchant_id, .owner.name)]
    MerchantIdTaken {
        account: MerchantAccount,
        owner: StoreRef,
    },
    #[error("no store has the {} id {merchant_id}", .provider.name().en)]
    MerchantIdNotFound {
        provider: Provider,
        merchant_id: String,
    },
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
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
            StoreError::MerchantIdTaken { .. } => "store.merchant_id_taken",
            StoreError::MerchantIdNotFound { .. } => "store.merchant_id_not_found",
            StoreError::Db(e) => crate::fault::db_code(e),
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
            StoreError::MerchantIdTaken { account, owner } => Localized::new(
                en,
                format!(
                    "{}{} {} 已属于“{}”；确认后可将它移到本门店",
                    account.provider.name().zh,
                    account.kind.label().1,
                    account.merchant_id,
                    owner.name
                ),
            ),
            StoreError::MerchantIdNotFound {
                provider,
                merchant_id,
            } => Localized::new(
                en,
                format!("没有门店使用{}编号 {merchant_id}", provider.name().zh),
            ),
            StoreError::Db(e) => {
                Localized::new(en, crate::fault::db_message(e, crate::text::Lang::ZhCn))
            }
        }
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            StoreError::Invalid(p) => p,
            _ => &[],
        }
    }
}

const COLUMNS: &str = "id, name, floor, category";

fn from_row(r: &Row<'_>) -> crate::sql::Result<Store> {
    Ok(Store {
        id: r.get(0)?,
        name: r.get(1)?,
        floor: r.get(2)?,
        category: r.get(3)?,
        merchant_ids: Vec::new(),
    })
}

fn with_accounts(conn: &Connection, mut store: Store) -> crate::sql::Result<Store> {
    store.merchant_ids = merchant::of_store(conn, store.id)?;
    Ok(store)
}

/// Every store, by name.
pub fn list(db: &Db) -> Result<Vec<Store>, StoreError> {
    let mut stmt = db
        .conn()
        .prepare(&format!("SELECT {COLUMNS} FROM store ORDER BY name, id"))?;
    let stores = stmt
        .query_map([], from_row)?
        .map(|s| with_accounts(db.conn(), s?))
        .collect::<Result<_, _>>()?;
    Ok(stores)
}

/// One store.
pub fn get(db: &Db, id: i64) -> Result<Store, StoreError> {
    get_in(db.conn(), id)
}

fn get_in(conn: &Connection, id: i64) -> Result<Store, StoreError> {
    let store = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM store WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or(StoreError::NotFound(id))?;
    Ok(with_accounts(conn, store)?)
}

/// A store input with whitespace trimmed.
struct Clean {
    name: String,
    floor: String,
    category: String,
    accounts: Vec<MerchantAccount>,
    move_taken: bool,
}

fn clean(input: &StoreInput) -> Clean {
    Clean {
        name: input.name.trim().to_string(),
        floor: input.floor.trim().to_string(),
        category: input.category.trim().to_string(),
        accounts: input
            .merchant_ids
            .iter()
            .map(|a| MerchantAccount::new(a.provider, a.kind, &a.merchant_id))
            .collect(),
        move_taken: input.move_taken_ids.unwrap_or(false),
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
/// edited). Returns every problem at once; a merchant id's problems name `merchant_ids.N`.
fn validate(
    conn: &Connection,
    c: &Clean,
    except: Option<i64>,
) -> Result<Vec<Problem>, crate::sql::Error> {
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
    let except = except.unwrap_or(-1);
    if !c.name.is_empty() {
        let other: Option<String> = conn
            .query_row(
                "SELECT name FROM store WHERE name = ?1 AND id <> ?2",
                params![c.name, except],
                |r| r.get(0),
            )
            .optional()?;
        if other.is_some() {
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
    }
    for (i, a) in c.accounts.iter().enumerate() {
        let field = format!("merchant_ids.{i}");
        let own = merchant::check(&field, a);
        if !own.is_empty() {
            problems.extend(own);
            continue;
        }
        let repeated = c.accounts[..i]
            .iter()
            .any(|b| b.provider == a.provider && b.merchant_id == a.merchant_id);
        if repeated {
            problems.push(Problem::new(
                &field,
                "store.merchant_id_repeated",
                format!("{} is listed twice; keep one", a.merchant_id),
                format!("{} 重复填写了；请只保留一个", a.merchant_id),
            ));
            continue;
        }
        if !c.move_taken {
            if let Some(owner) =
                merchant::holder(conn, a.provider, &a.merchant_id)?.filter(|o| o.id != except)
            {
                problems.push(merchant::taken_problem(&field, a, &owner));
            }
        }
    }
    Ok(problems)
}

/// Makes the store's accounts exactly `accounts` (the triggers re-derive the trades involved).
fn set_accounts(
    conn: &Connection,
    store_id: i64,
    accounts: &[MerchantAccount],
) -> Result<(), StoreError> {
    for old in merchant::of_store(conn, store_id)? {
        let kept = accounts
            .iter()
            .any(|a| a.provider == old.provider && a.merchant_id == old.merchant_id);
        if !kept {
            conn.execute(
                "DELETE FROM merchant_account WHERE provider = ?1 AND merchant_id = ?2",
                params![old.provider.key(), old.merchant_id],
            )?;
        }
    }
    for a in accounts {
        merchant::assign_in(conn, store_id, a, true)?;
    }
    Ok(())
}

/// Adds a store.
pub fn add(db: &mut Db, input: &StoreInput) -> Result<Store, StoreError> {
    let c = clean(input);
    let id = db.write(|tx| {
        let problems = validate(tx, &c, None)?;
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let id = tx.insert(
            "INSERT INTO store (name, floor, category) VALUES (?1, ?2, ?3)",
            params![c.name, c.floor, c.category],
        )?;
        set_accounts(tx, id, &c.accounts)?;
        Ok(id)
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
            "UPDATE store SET name = ?1, floor = ?2, category = ?3 WHERE id = ?4",
            params![c.name, c.floor, c.category, id],
        )?;
        set_accounts(tx, id, &c.accounts)
    })?;
    get(db, id)
}

/// Removes a store that no campaign or coupon targets.
pub fn remove(db: &mut Db, id: i64) -> Result<(), StoreError> {
    db.write(|tx| {
        let mut stmt = tx.prepare(
            "SELECT campaign_id FROM campaign_store WHERE store_id = ?1
             UNION SELECT c.campaign_id FROM coupon_store cs JOIN coupon c ON c.id = cs.coupon_id
             WHERE cs.store_id = ?1 ORDER BY 1",
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

/// Gives a store one more merchant id — the one operation behind the Stores screen's "add id",
/// `store id add` and the import's one-click mapping of an unmatched merchant. An id another
/// store holds is refused with [`StoreError::MerchantIdTaken`] (saying which store) unless
/// `allow_move`; then it moves and the answer names the store it came from. The trades of that
/// merchant id are counted for the store when this returns.
pub fn assign_merchant_id(
    db: &mut Db,
    store_id: i64,
    account: &MerchantAccount,
    allow_move: bool,
) -> Result<Assigned, StoreError> {
    let account = MerchantAccount::new(account.provider, account.kind, &account.merchant_id);
    db.write(|tx| {
        let store = get_in(tx, store_id)?;
        let moved_from = merchant::assign_in(tx, store.id, &account, allow_move)?;
        Ok(moved_from)
    })
    .and_then(|moved_from| {
        let matched: i64 = db.conn().query_row(
            // Trades are counted per merchant account as they are written: no scan.
            "SELECT COALESCE(SUM(t.n), 0) FROM trade_merchant t
             JOIN merchant_account m ON m.store_id = ?1 AND m.provider = ?2 AND m.merchant_id = ?3
             WHERE t.merchant_ref = (SELECT id FROM merchant_ref WHERE merchant_id = ?3)
               AND t.provider = ?4",
            params![
                store_id,
                account.provider.key(),
                account.merchant_id,
                crate::db::lean::provider_code(account.provider.key()),
            ],
            |r| r.get(0),
        )?;
        Ok(Assigned {
            store: get(db, store_id)?,
            account,
            moved_from,
            matched_trades: matched as u64,
        })
    })
}

/// Takes a merchant id away from whichever store holds it; its trades become unmatched.
pub fn unassign_merchant_id(
    db: &mut Db,
    provider: Provider,
    merchant_id: &str,
) -> Result<StoreRef, StoreError> {
    let merchant_id = merchant_id.trim();
    db.write(|tx| {
        let owner = merchant::holder(tx, provider, merchant_id)?.ok_or_else(|| {
            StoreError::MerchantIdNotFound {
                provider,
                merchant_id: merchant_id.to_string(),
            }
        })?;
        tx.execute(
            "DELETE FROM merchant_account WHERE provider = ?1 AND merchant_id = ?2",
            params![provider.key(), merchant_id],
        )?;
        Ok(owner)
    })
}

#[cfg(test)]
mod tests;
