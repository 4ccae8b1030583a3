//! Making and storing a coupon's pool: generated codes or an imported list, each write one
//! IMMEDIATE transaction in which the UNIQUE index on `coupon_code.code` is the last word on
//! "never two equal codes" — a generated code another pool already has is drawn again.

use std::collections::HashMap;
use std::path::Path;

use crate::sql::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::alphabet::{self, ALPHABET};
use super::read::{self, Line};
use super::rules::{rules_for, CodeRules};
use super::{line_problem, CodesError, PoolInfo, PoolSource};
use crate::coupon::Product;
use crate::db::Db;
use crate::problem::Problem;

/// The most codes one pool holds (one WeChat stock's upload pool at a time, and what a
/// spreadsheet can still open).
pub const MAX_CODES: u32 = 1_000_000;
/// Random characters a code needs at least, whatever its count.
const MIN_RANDOM: usize = 8;
/// A guess must hit a code at most once in this many tries.
const GUESS_ODDS: f64 = 1e6;
/// Problems listed of an imported file; the rest are counted.
const MAX_LISTED: usize = 50;

/// What to generate.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct GenerateSpec {
    pub count: u32,
    /// Printed before the random part, from the code alphabet (e.g. "MX38").
    #[serde(default)]
    pub prefix: String,
    /// The whole code's length: prefix, random part and the check character.
    pub length: u32,
}

/// The coupon's facts a pool needs.
struct CouponFacts {
    product: Product,
}

fn coupon_facts(conn: &crate::sql::Connection, coupon: i64) -> Result<CouponFacts, CodesError> {
    let product: String = conn
        .query_row("SELECT product FROM coupon WHERE id = ?1", [coupon], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or(CodesError::CouponNotFound(coupon))?;
    let product = crate::db::known(0, "product", &product, Product::parse)?;
    Ok(CouponFacts { product })
}

fn rules(
    conn: &crate::sql::Connection,
    coupon: i64,
) -> Result<(CouponFacts, CodeRules), CodesError> {
    let facts = coupon_facts(conn, coupon)?;
    let rules = rules_for(facts.product).ok_or(CodesError::NoCodes(facts.product))?;
    Ok((facts, rules))
}

/// Removes the coupon's pool when `replace`; refuses when there is one and not `replace`.
fn clear(tx: &crate::sql::Transaction<'_>, coupon: i64, replace: bool) -> Result<(), CodesError> {
    let existing: Option<(i64, u64)> = tx
        .query_row(
            "SELECT p.id, (SELECT COUNT(*) FROM coupon_code WHERE pool_id = p.id)
             FROM code_pool p WHERE p.coupon_id = ?1",
            [coupon],
            |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)),
        )
        .optional()?;
    match existing {
        None => Ok(()),
        Some((_, codes)) if !replace => Err(CodesError::PoolExists { codes }),
        Some((pool, _)) => {
            tx.execute("DELETE FROM coupon_code WHERE pool_id = ?1", [pool])?;
            tx.execute("DELETE FROM code_pool WHERE id = ?1", [pool])?;
            Ok(())
        }
    }
}

fn check_spec(spec: &GenerateSpec, rules: &CodeRules, existing: u64) -> Vec<Problem> {
    let mut problems = Vec::new();
    let prefix = spec.prefix.trim();
    if spec.count == 0 || spec.count > MAX_CODES {
        problems.push(Problem::new(
            "count",
            "codes.count",
            format!("generate between 1 and {MAX_CODES} codes"),
            format!("券码数量须在 1 到 {MAX_CODES} 之间"),
        ));
    }
    if !alphabet::in_alphabet(prefix) {
        let letters = std::str::from_utf8(ALPHABET).unwrap_or_default();
        problems.push(Problem::new(
            "prefix",
            "codes.prefix_alphabet",
            format!("the prefix may only use {letters} (no 0/O, 1/I/L or U, which people misread)"),
            "前缀只能使用数字 2–9 和大写字母，易看错的字母不可用".to_string(),
        ));
    }
    if spec.length > rules.max_len {
        problems.push(Problem::new(
            "length",
            "codes.too_long",
            format!(
                "{} takes codes of at most {} characters",
                rules.source_en, rules.max_len
            ),
            format!("{}的券码最长 {} 位", rules.source_zh, rules.max_len),
        ));
    }
    let random = (spec.length as usize).saturating_sub(prefix.len() + 1);
    if random < MIN_RANDOM {
        problems.push(Problem::new(
            "length",
            "codes.too_short",
            format!("a code needs at least {MIN_RANDOM} random characters after the prefix and a check character: make it at least {} long", prefix.len() + MIN_RANDOM + 1),
            format!("前缀之后至少需要 {MIN_RANDOM} 位随机字符和 1 位校验字符：长度至少 {} 位", prefix.len() + MIN_RANDOM + 1),
        ));
    } else {
        // Everyone who guesses a code must miss: at most one hit in GUESS_ODDS tries.
        let space = (ALPHABET.len() as f64).powi(random as i32);
        let held = existing as f64 + f64::from(spec.count);
        if space / held < GUESS_ODDS {
            problems.push(Problem::new(
                "length",
                "codes.guessable",
                format!("{} codes of {random} random characters could be guessed too easily; make the codes longer", spec.count),
                format!("{} 个券码只有 {random} 位随机字符，容易被猜中；请加长券码", spec.count),
            ));
        }
    }
    problems
}

/// Generates `spec.count` codes for `coupon`; with `replace`, its current pool goes first.
pub fn generate(
    db: &mut Db,
    coupon: i64,
    spec: &GenerateSpec,
    replace: bool,
) -> Result<PoolInfo, CodesError> {
    db.write(|tx| {
        let (_, rules) = rules(tx, coupon)?;
        let existing: i64 = tx.query_row("SELECT COUNT(*) FROM coupon_code", [], |r| r.get(0))?;
        let problems = check_spec(spec, &rules, existing as u64);
        if !problems.is_empty() {
            return Err(CodesError::Invalid(problems));
        }
        clear(tx, coupon, replace)?;
        let prefix = spec.prefix.trim();
        let pool = tx.insert(
            "INSERT INTO code_pool (coupon_id, source, prefix, length, created_at)
             VALUES (?1, 'generated', ?2, ?3, ?4)",
            params![coupon, prefix, spec.length, crate::time::now_ts()],
        )?;
        let random = spec.length as usize - prefix.len() - 1;
        let mut insert = tx.prepare(
            "INSERT INTO coupon_code (pool_id, code) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        )?;
        let mut rng = rand::rng();
        let mut made = 0;
        while made < spec.count {
            let code = alphabet::new_code(&mut rng, prefix, random);
            // 0 rows: another pool (or this one) has it already; draw again.
            made += insert.execute(params![pool, code])? as u32;
        }
        Ok(())
    })?;
    get_pool(db, coupon)
}

/// Checks each code of `lines` against `rules`; problems carry the line.
fn check_list(lines: &[Line], rules: &CodeRules) -> (Vec<(u64, String)>, Vec<Problem>, usize) {
    let mut codes = Vec::with_capacity(lines.len());
    let mut problems = Vec::new();
    let mut more = 0;
    let mut seen: HashMap<&str, u64> = HashMap::with_capacity(lines.len());
    let mut push = |p: Problem, problems: &mut Vec<Problem>| {
        if problems.len() < MAX_LISTED {
            problems.push(p);
        } else {
            more += 1;
        }
    };
    for row in lines {
        let code = row.cells.first().map_or("", String::as_str);
        let len = code.chars().count();
        if len > rules.max_len as usize {
            push(
                line_problem(
                    row.line,
                    "codes.too_long",
                    format!(
                        "'{code}' has {len} characters; {} takes at most {}",
                        rules.source_en, rules.max_len
                    ),
                    format!(
                        "“{code}”有 {len} 位；{}最多 {} 位",
                        rules.source_zh, rules.max_len
                    ),
                ),
                &mut problems,
            );
        } else if let Some(bad) = code.chars().find(|c| !rules.allows(*c)) {
            push(
                line_problem(
                    row.line,
                    "codes.character",
                    format!(
                        "'{code}' has '{bad}'; {} allows {}",
                        rules.source_en,
                        rules.allowed_text().0
                    ),
                    format!(
                        "“{code}”含有“{bad}”；{}只允许{}",
                        rules.source_zh,
                        rules.allowed_text().1
                    ),
                ),
                &mut problems,
            );
        } else if let Some(first) = seen.get(code) {
            push(
                line_problem(
                    row.line,
                    "codes.duplicate",
                    format!("'{code}' is already on line {first}"),
                    format!("“{code}”与第 {first} 行重复"),
                ),
                &mut problems,
            );
        } else {
            seen.insert(code, row.line);
            codes.push((row.line, code.to_string()));
        }
    }
    (codes, problems, more)
}

/// Names a header row: its first cell is a word for "code", not a code.
fn is_header(cell: &str) -> bool {
    read::column(
        &[cell.to_string()],
        &[
            "code",
            "codes",
            "coupon code",
            "券码",
            "优惠码",
            "核销码",
            "券号",
            "兑换码",
            "coupon_code",
        ],
    )
    .is_some()
}

/// Imports the codes of `path` (the first column; a header row is skipped) as `coupon`'s
/// pool: every code checked first, nothing written when one fails.
pub fn import_list(
    db: &mut Db,
    coupon: i64,
    path: &Path,
    replace: bool,
) -> Result<PoolInfo, CodesError> {
    let (_, rules) = rules(db.conn(), coupon)?;
    let mut lines = read::rows(path)?;
    if lines
        .first()
        .is_some_and(|l| l.cells.first().is_some_and(|c| is_header(c)))
    {
        lines.remove(0);
    }
    let (codes, mut problems, more) = check_list(&lines, &rules);
    if codes.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
            "file",
            "codes.empty",
            "the file has no codes; put one code per line (or in the first column)",
            "文件中没有券码；请每行一个券码（或放在第一列）",
        ));
    }
    if codes.len() > MAX_CODES as usize {
        problems.push(Problem::new(
            "file",
            "codes.count",
            format!("a pool holds at most {MAX_CODES} codes; split the file"),
            format!("一个券码池最多 {MAX_CODES} 个券码；请拆分文件"),
        ));
    }
    if more > 0 {
        problems.push(Problem::new(
            "file",
            "codes.more_problems",
            format!("and {more} more lines with problems"),
            format!("另有 {more} 行有问题"),
        ));
    }
    if !problems.is_empty() {
        return Err(CodesError::Invalid(problems));
    }
    db.write(|tx| {
        clear(tx, coupon, replace)?;
        let pool = tx.insert(
            "INSERT INTO code_pool (coupon_id, source, created_at) VALUES (?1, 'imported', ?2)",
            params![coupon, crate::time::now_ts()],
        )?;
        let mut insert = tx.prepare(
            "INSERT INTO coupon_code (pool_id, code) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        )?;
        let mut owner = tx.prepare(
            "SELECT k.name FROM coupon_code c JOIN code_pool p ON p.id = c.pool_id
             JOIN coupon k ON k.id = p.coupon_id WHERE c.code = ?1",
        )?;
        let mut taken = Vec::new();
        for (line, code) in &codes {
            if insert.execute(params![pool, code])? == 0 && taken.len() < MAX_LISTED {
                let other: String = owner.query_row([code], |r| r.get(0))?;
                taken.push(line_problem(
                    *line,
                    "codes.taken",
                    format!("'{code}' is already a code of the coupon {other}"),
                    format!("“{code}”已是优惠券 {other} 的券码"),
                ));
            }
        }
        if taken.is_empty() {
            Ok(())
        } else {
            Err(CodesError::Invalid(taken))
        }
    })?;
    get_pool(db, coupon)
}

const POOL_SELECT: &str = "SELECT p.id, p.coupon_id, k.name, k.campaign_id, c.name, k.product,
        p.source, p.prefix, p.length, k.quantity, p.created_at,
        (SELECT COUNT(*) FROM coupon_code WHERE pool_id = p.id)
    FROM code_pool p JOIN coupon k ON k.id = p.coupon_id JOIN campaign c ON c.id = k.campaign_id";

fn pool_row(db: &Db, r: &crate::sql::Row<'_>) -> crate::sql::Result<(i64, PoolInfo)> {
    let zone = crate::mall::get(db)
        .map(|m| m.zone())
        .unwrap_or(chrono_tz::Asia::Shanghai);
    let product: String = r.get(5)?;
    let product = crate::db::known(5, "product", &product, Product::parse)?;
    let source: String = r.get(6)?;
    Ok((
        r.get(0)?,
        PoolInfo {
            coupon_id: r.get(1)?,
            coupon_name: r.get(2)?,
            campaign_id: r.get(3)?,
            campaign_name: r.get(4)?,
            product,
            source: if source == "generated" {
                PoolSource::Generated
            } else {
                PoolSource::Imported
            },
            prefix: r.get(7)?,
            length: r.get(8)?,
            quantity: r.get(9)?,
            created_at: crate::time::rfc3339(r.get(10)?, zone),
            codes: r.get::<_, i64>(11)? as u64,
            upload_mode: product == Product::WechatMerchant,
            sample: vec![],
        },
    ))
}

fn with_sample(db: &Db, (pool, mut info): (i64, PoolInfo)) -> Result<PoolInfo, CodesError> {
    let mut stmt = db
        .conn()
        .prepare_cached("SELECT code FROM coupon_code WHERE pool_id = ?1 ORDER BY id LIMIT 5")?;
    info.sample = stmt
        .query_map([pool], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(info)
}

/// The pool of `coupon`.
pub fn get_pool(db: &Db, coupon: i64) -> Result<PoolInfo, CodesError> {
    coupon_facts(db.conn(), coupon)?;
    let row = db
        .conn()
        .query_row(
            &format!("{POOL_SELECT} WHERE p.coupon_id = ?1"),
            [coupon],
            |r| pool_row(db, r),
        )
        .optional()?
        .ok_or(CodesError::NoPool)?;
    with_sample(db, row)
}

/// Every pool, of one campaign when given, by coupon.
pub fn list_pools(db: &Db, campaign: Option<i64>) -> Result<Vec<PoolInfo>, CodesError> {
    let mut stmt = db.conn().prepare(&format!(
        "{POOL_SELECT} WHERE k.campaign_id = ?1 OR ?1 IS NULL ORDER BY k.campaign_id, k.id"
    ))?;
    let rows = stmt
        .query_map([campaign], |r| pool_row(db, r))?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(|row| with_sample(db, row)).collect()
}

/// Every code of `coupon`'s pool, in the order they were made.
pub fn pool_codes(db: &Db, coupon: i64) -> Result<Vec<String>, CodesError> {
    get_pool(db, coupon)?;
    let mut stmt = db.conn().prepare(
        "SELECT c.code FROM coupon_code c JOIN code_pool p ON p.id = c.pool_id
         WHERE p.coupon_id = ?1 ORDER BY c.id",
    )?;
    let codes = stmt
        .query_map([coupon], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(codes)
}

/// Whether `coupon` is a WeChat Pay 商家券 in MERCHANT_UPLOAD mode — one that has a pool —
/// and how many codes it holds.
pub fn upload_mode(db: &Db, coupon: i64) -> Result<Option<u64>, crate::sql::Error> {
    db.conn()
        .query_row(
            "SELECT (SELECT COUNT(*) FROM coupon_code WHERE pool_id = p.id)
             FROM code_pool p JOIN coupon k ON k.id = p.coupon_id
             WHERE p.coupon_id = ?1 AND k.product = 'wechat_merchant'",
            [coupon],
            |r| r.get::<_, i64>(0).map(|n| n as u64),
        )
        .optional()
}

/// A campaign's WeChat Pay 商家券 in MERCHANT_UPLOAD mode: name, codes held and quantity.
pub fn upload_pools(db: &Db, campaign: i64) -> Result<Vec<(String, u64, u32)>, crate::sql::Error> {
    let mut stmt = db.conn().prepare(
        "SELECT k.name, (SELECT COUNT(*) FROM coupon_code WHERE pool_id = p.id), k.quantity
         FROM code_pool p JOIN coupon k ON k.id = p.coupon_id
         WHERE k.campaign_id = ?1 AND k.product = 'wechat_merchant' ORDER BY k.id",
    )?;
    let rows = stmt
        .query_map([campaign], |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)? as u64, r.get(2)?))
        })?
        .collect();
    rows
}
