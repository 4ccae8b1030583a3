//! How many merchant ids in the bills no store carries, and how many trades they hold — the
//! home screen's count, without listing them.
//!
//! [`super::unmatched_merchants`] groups every hourly rollup row by merchant: at ten million
//! trades that reads ~2.8 million rows (3–5 s), too slow for the first screen. The same two
//! numbers come from far fewer rows: the distinct merchant ids are found by skipping along the
//! rollup's merchant index (one or two seeks per id), and the trades are summed over whichever
//! side has fewer ids — the unmatched ids' rollup rows, or the grand total (`trade_hour_total`,
//! kept in step with `trade_hour`) less the mapped and blank ids' rows. At 10M trades with 8
//! of 192 ids mapped that is ~140 ms.

use std::collections::HashSet;

use rusqlite::OptionalExtension;

use super::ImportError;
use crate::db::Db;

/// Merchant ids in imported trades that no store carries, and their trades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UnmatchedCount {
    pub merchants: u64,
    pub trades: u64,
}

/// The count of [`super::unmatched_merchants`] and the sum of their trades.
pub fn unmatched_count(db: &Db) -> Result<UnmatchedCount, ImportError> {
    let conn = db.conn();
    let mapped: HashSet<(String, String)> = conn
        .prepare("SELECT provider, merchant_id FROM merchant_account")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    // Every distinct (merchant id, provider) of the rollup, one or two index seeks each: the
    // next provider of the same id, else the next id. (A row-value `(merchant_id, provider) >
    // (?1, ?2)` seeks by the id alone and then steps over all of its rows.)
    let mut next_provider = conn.prepare(
        "SELECT provider FROM trade_hour WHERE merchant_id = ?1 AND provider > ?2
         ORDER BY provider LIMIT 1",
    )?;
    let mut next_merchant = conn.prepare(
        "SELECT merchant_id, provider FROM trade_hour WHERE merchant_id > ?1
         ORDER BY merchant_id, provider LIMIT 1",
    )?;
    // The walk starts before every key, blank id included: no provider is blank.
    let mut key = Some((String::new(), String::new()));
    let (mut unmatched, mut others) = (Vec::new(), Vec::new());
    while let Some((merchant, provider)) = key {
        key = match next_provider
            .query_row([&merchant, &provider], |r| r.get::<_, String>(0))
            .optional()?
        {
            Some(p) => Some((merchant.clone(), p)),
            None => next_merchant
                .query_row([&merchant], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?,
        };
        if provider.is_empty() {
            continue; // the start, not a key
        }
        let pair = (provider, merchant);
        if pair.1.is_empty() || mapped.contains(&pair) {
            others.push(pair);
        } else {
            unmatched.push(pair);
        }
    }
    let trades_of = |pairs: &[(String, String)]| -> rusqlite::Result<i64> {
        let mut total = 0i64;
        for chunk in pairs.chunks(PAIRS_A_QUERY) {
            total += conn.query_row(
                &sum_of_rows(chunk.len()),
                rusqlite::params_from_iter(chunk.iter().flat_map(|(p, m)| [m, p])),
                |r| r.get::<_, i64>(0),
            )?;
        }
        Ok(total)
    };
    let trades = if unmatched.len() <= others.len() {
        trades_of(&unmatched)?
    } else {
        let all: i64 = conn.query_row(
            "SELECT coalesce(sum(n), 0) FROM trade_hour_total",
            [],
            |r| r.get(0),
        )?;
        all - trades_of(&others)?
    };
    Ok(UnmatchedCount {
        merchants: unmatched.len() as u64,
        trades: trades as u64,
    })
}

/// Ids summed by one query: well under SQLite's 500 terms of a compound SELECT (2 in tests, so
/// the fixtures' few ids span several queries).
const PAIRS_A_QUERY: usize = if cfg!(test) { 2 } else { 200 };

/// The sum of `n` over the rollup rows of `pairs` (merchant id, provider) ids. Their row ids
/// are gathered through the merchant index first and the rows read in row-id order: summing id
/// by id re-reads the table pages every id shares (rows are stored by hour, each hour holding
/// every id), a third slower at 10M trades.
fn sum_of_rows(pairs: usize) -> String {
    let seek = "SELECT rowid FROM trade_hour WHERE merchant_id = ? AND provider = ?";
    format!(
        "SELECT coalesce(sum(n), 0) FROM trade_hour WHERE rowid IN ({})",
        vec![seek; pairs].join(" UNION ALL ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_file, unmatched_merchants, ImportOptions};
    use crate::store::{assign_merchant_id, MerchantAccount, StoreInput};

    fn bill(name: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../fixtures/bills")
            .join(name)
    }

    /// What the full listing says, summed.
    fn listed(db: &Db) -> UnmatchedCount {
        let all = unmatched_merchants(db).unwrap();
        UnmatchedCount {
            merchants: all.len() as u64,
            trades: all.iter().map(|m| m.trades).sum(),
        }
    }

    #[test]
    fn the_count_agrees_with_the_listing_however_many_ids_are_mapped() {
        let mut db = Db::open_in_memory().unwrap();
        assert_eq!(unmatched_count(&db).unwrap(), UnmatchedCount::default());
        for name in [
            "wechatpay-provider-2016.csv",
            "alipay-trade-detail-gbk.csv",
            "wechatpay-tradebill-ALL.csv",
        ] {
            import_file(&mut db, &bill(name), &ImportOptions::default(), &mut |_| {
                true
            })
            .unwrap();
        }
        let ids = unmatched_merchants(&db).unwrap();
        assert!(ids.len() >= 4, "{ids:?}");
        assert_eq!(unmatched_count(&db).unwrap(), listed(&db));
        // Mapping one id after another moves the count from summing the unmatched ids to
        // subtracting the mapped ones from the total; both must agree with the listing.
        let store = crate::store::add(
            &mut db,
            &StoreInput {
                name: "测试门店".into(),
                ..Default::default()
            },
        )
        .unwrap();
        for id in &ids {
            let account = match id.provider.as_str() {
                "alipay" => MerchantAccount::alipay(&id.merchant_id),
                _ => MerchantAccount::wechat(&id.merchant_id),
            };
            assign_merchant_id(&mut db, store.id, &account, false).unwrap();
            assert_eq!(unmatched_count(&db).unwrap(), listed(&db), "after {id:?}");
        }
        assert_eq!(unmatched_count(&db).unwrap(), UnmatchedCount::default());
    }
}
