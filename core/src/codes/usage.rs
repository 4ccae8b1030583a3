//! Which codes were used: a redemption export (a POS's or the member system's CSV/XLSX, or
//! WeChat's redemption detail) read by its column headers, and per pool the figures staff
//! could not get from Excel — issued, used, unused, used twice or more (where and when), used
//! outside the coupon's validity or at a store outside its scope.
//!
//! Uses are stored by code text, so a file imported before its pool was made still counts
//! once the pool exists. The same file twice (by its content) is stored once.

use std::collections::BTreeMap;
use std::path::Path;

use crate::sql::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::read;
use super::{line_problem, CodeUse, CodesError, PoolUsage, RedemptionImport, RepeatedUse};
use crate::db::Db;
use crate::problem::Problem;
use crate::time::Bound;

/// Header names of the redemption file's columns; empty ones are found by their usual names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RedemptionColumns {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub store: String,
}

const CODE_NAMES: &[&str] = &[
    "券码",
    "code",
    "coupon code",
    "coupon_code",
    "优惠码",
    "核销码",
    "券号",
    "券code",
    "兑换码",
];
const TIME_NAMES: &[&str] = &[
    "核销时间",
    "使用时间",
    "交易时间",
    "时间",
    "time",
    "used at",
    "used_at",
    "redeemed at",
];
const STORE_NAMES: &[&str] = &[
    "核销门店",
    "门店",
    "门店名称",
    "店铺",
    "store",
    "store name",
    "核销商户号",
    "商户号",
    "门店编号",
];

fn find(header: &[String], given: &str, usual: &[&str]) -> Option<usize> {
    if given.trim().is_empty() {
        read::column(header, usual)
    } else {
        read::column(header, &[given.trim()])
    }
}

fn missing(what_en: &str, what_zh: &str, given: &str) -> Problem {
    let (en, zh) = if given.trim().is_empty() {
        (
            format!("the file has no {what_en} column under a usual name; name its header"),
            format!("文件中找不到{what_zh}列；请指定该列的表头"),
        )
    } else {
        (
            format!(
                "the file has no column '{}' for the {what_en}",
                given.trim()
            ),
            format!("文件中没有“{}”列（{what_zh}）", given.trim()),
        )
    };
    Problem::new(what_en, "codes.column", en, zh)
}

/// Reads `path` and stores its uses of codes.
pub fn import_redemptions(
    db: &mut Db,
    path: &Path,
    columns: &RedemptionColumns,
) -> Result<RedemptionImport, CodesError> {
    let zone = crate::mall::get(db)?.zone();
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let digest = std::fs::read(path)
        .map(|b| format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&b)))
        .map_err(|e| {
            let (en, zh) = crate::text::io_reason(&e);
            CodesError::Unreadable {
                file: file.clone(),
                reason: en.into(),
                zh: zh.into(),
            }
        })?;
    let rows = read::rows(path)?;
    let Some((header, body)) = rows.split_first() else {
        return Err(CodesError::Invalid(vec![Problem::new(
            "file",
            "codes.empty",
            "the file is empty",
            "文件是空的",
        )]));
    };
    let code_col = find(&header.cells, &columns.code, CODE_NAMES);
    let time_col = find(&header.cells, &columns.time, TIME_NAMES);
    let store_col = find(&header.cells, &columns.store, STORE_NAMES);
    let mut problems = Vec::new();
    if code_col.is_none() {
        problems.push(missing("code", "券码", &columns.code));
    }
    if time_col.is_none() {
        problems.push(missing("time", "核销时间", &columns.time));
    }
    if !columns.store.trim().is_empty() && store_col.is_none() {
        problems.push(missing("store", "门店", &columns.store));
    }
    let (Some(code_col), Some(time_col)) = (code_col, time_col) else {
        return Err(CodesError::Invalid(problems));
    };
    let cell = |row: &read::Line, i: usize| row.cells.get(i).cloned().unwrap_or_default();
    let mut uses = Vec::with_capacity(body.len());
    for row in body {
        let code = cell(row, code_col);
        if code.is_empty() {
            continue;
        }
        let text = cell(row, time_col);
        match crate::time::parse_local(&text, zone, Bound::Start) {
            Ok(at) => uses.push((
                row.line,
                code,
                at.timestamp(),
                store_col.map(|i| cell(row, i)).unwrap_or_default(),
            )),
            Err(_) if problems.len() < 50 => problems.push(line_problem(
                row.line,
                "codes.time",
                format!("'{text}' is not a time; write it like 2027-03-08 14:30"),
                format!("“{text}”不是时间；请写成 2027-03-08 14:30 的形式"),
            )),
            Err(_) => {}
        }
    }
    if !problems.is_empty() {
        return Err(CodesError::Invalid(problems));
    }
    let rows = uses.len() as u64;
    db.write(|tx| {
        let earlier: Option<i64> = tx
            .query_row(
                "SELECT id FROM code_redemption_file WHERE digest = ?1",
                [&digest],
                |r| r.get(0),
            )
            .optional()?;
        let mut known = tx.prepare("SELECT EXISTS(SELECT 1 FROM coupon_code WHERE code = ?1)")?;
        let mut matched = 0;
        for (_, code, _, _) in &uses {
            if known.query_row([code], |r| r.get::<_, bool>(0))? {
                matched += 1;
            }
        }
        if earlier.is_none() {
            let id = tx.insert(
                "INSERT INTO code_redemption_file (file_name, digest, imported_at) VALUES (?1, ?2, ?3)",
                params![file, digest, crate::time::now_ts()],
            )?;
            let mut insert = tx.prepare(
                "INSERT INTO code_redemption (file_id, line, code, used_at, store) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (line, code, at, store) in &uses {
                insert.execute(params![id, *line as i64, code, at, store])?;
            }
        }
        Ok(RedemptionImport {
            file: file.clone(),
            rows,
            matched,
            unknown: rows - matched,
            already_imported: earlier.is_some(),
        })
    })
}

/// The coupon's validity bounds (its own, else its campaign's) and the store ids in scope
/// (its own, else its campaign's; empty = the whole mall).
fn scope(db: &Db, coupon: i64) -> Result<(i64, i64, Vec<i64>), CodesError> {
    let conn = db.conn();
    let (from, to, campaign): (Option<i64>, Option<i64>, i64) = conn.query_row(
        "SELECT valid_from, valid_to, campaign_id FROM coupon WHERE id = ?1",
        [coupon],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let (start, end): (i64, i64) = conn.query_row(
        "SELECT starts_at, ends_at FROM campaign WHERE id = ?1",
        [campaign],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let ids = |sql: &str, id: i64| -> Result<Vec<i64>, CodesError> {
        let mut stmt = conn.prepare(sql)?;
        let v = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(v)
    };
    let mut stores = ids(
        "SELECT store_id FROM coupon_store WHERE coupon_id = ?1",
        coupon,
    )?;
    if stores.is_empty() {
        stores = ids(
            "SELECT store_id FROM campaign_store WHERE campaign_id = ?1",
            campaign,
        )?;
    }
    Ok((from.unwrap_or(start), to.unwrap_or(end), stores))
}

/// The store a file's store text names: by the store's name or one of its merchant ids.
fn store_of(db: &Db, text: &str) -> Result<Option<i64>, CodesError> {
    Ok(db
        .conn()
        .query_row(
            "SELECT id FROM store WHERE name = ?1
             UNION ALL SELECT store_id FROM merchant_account WHERE merchant_id = ?1 LIMIT 1",
            [text.trim()],
            |r| r.get(0),
        )
        .optional()?)
}

/// The figures of `coupon`'s pool.
pub fn pool_usage(db: &Db, coupon: i64) -> Result<PoolUsage, CodesError> {
    let pool = super::get_pool(db, coupon)?;
    let zone = crate::mall::get(db)?.zone();
    let (from, to, stores) = scope(db, coupon)?;
    let mut stmt = db.conn().prepare(
        "SELECT r.code, r.used_at, r.store, f.file_name, r.line
         FROM code_redemption r JOIN code_redemption_file f ON f.id = r.file_id
         JOIN coupon_code c ON c.code = r.code JOIN code_pool p ON p.id = c.pool_id
         WHERE p.coupon_id = ?1 ORDER BY r.code, r.used_at, r.id",
    )?;
    let rows: Vec<(String, i64, String, String, u64)> = stmt
        .query_map([coupon], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, i64>(4)? as u64,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut by_code: BTreeMap<String, Vec<CodeUse>> = BTreeMap::new();
    let mut outside_validity = Vec::new();
    let mut outside_stores = Vec::new();
    let mut store_cache: BTreeMap<String, Option<i64>> = BTreeMap::new();
    for (code, at, store, file, line) in &rows {
        let one = CodeUse {
            code: code.clone(),
            at: crate::time::rfc3339(*at, zone),
            store: store.clone(),
            file: file.clone(),
            line: *line,
        };
        if *at < from || *at > to {
            outside_validity.push(one.clone());
        }
        if !stores.is_empty() && !store.trim().is_empty() {
            let found = match store_cache.get(store) {
                Some(found) => *found,
                None => {
                    let found = store_of(db, store)?;
                    store_cache.insert(store.clone(), found);
                    found
                }
            };
            if !found.is_some_and(|s| stores.contains(&s)) {
                outside_stores.push(one.clone());
            }
        }
        by_code.entry(code.clone()).or_default().push(one);
    }
    let used = by_code.len() as u64;
    Ok(PoolUsage {
        coupon_id: coupon,
        coupon_name: pool.coupon_name,
        issued: pool.codes,
        used,
        unused: pool.codes.saturating_sub(used),
        uses: rows.len() as u64,
        repeated: by_code
            .into_iter()
            .filter(|(_, uses)| uses.len() > 1)
            .map(|(code, uses)| RepeatedUse { code, uses })
            .collect(),
        outside_validity,
        outside_stores,
    })
}

/// Every pool's figures of a campaign: what its statistics and report show beside the
/// wallets' bills.
pub fn campaign_figures(db: &Db, campaign: i64) -> Result<Vec<PoolUsage>, CodesError> {
    super::list_pools(db, Some(campaign))?
        .into_iter()
        .map(|p| pool_usage(db, p.coupon_id))
        .collect()
}
