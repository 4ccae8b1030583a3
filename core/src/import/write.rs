//! One bill, one batch: rows go into `trade_row` inside one IMMEDIATE transaction (so a
//! refused, cancelled or crashed import leaves nothing behind), with stores matched by merchant
//! account and coupons attributed on the way (by the same [`Matcher`] that re-derives trades
//! when stores or coupons change later), read on one thread and written on another
//! (`pipeline`).

use std::path::Path;

use crate::sql::{params, OptionalExtension};
use chrono::NaiveDateTime;
use chrono_tz::Tz;

use super::amount::format_scaled;
use super::pipeline::Counts;
use super::{
    alipay, read, wechat, BatchSummary, Format, ImportError, ImportOptions, ImportReport, Totals,
    UnattributedTrade, UnmatchedMerchant,
};
use crate::db::derive::Matcher;
use crate::db::Db;
use crate::time::{now_ts, rfc3339};

/// Payment or refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Payment,
    Refund,
}

/// One bill row, normalised. Buffers are reused from row to row.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub kind: Kind,
    pub key: String,
    pub trade_no: String,
    pub merchant_order_no: String,
    pub occurred_at: i64,
    pub merchant_id: String,
    pub order_fen: i64,
    pub settlement_fen: i64,
    pub coupon_fen: i64,
    pub provider_discount_fen: i64,
    pub merchant_discount_fen: i64,
    pub refund_fen: i64,
    pub fee_e5: i64,
    pub coupon_name: String,
    pub line: u64,
}

/// "2019-02-19 05:01:46" (also with `/`) in the mall's zone → UTC seconds.
pub fn local_time(text: &str, zone: Tz) -> Option<i64> {
    let naive = fixed_date_time(text)
        .or_else(|| NaiveDateTime::parse_from_str(text, "%Y/%m/%d %H:%M:%S").ok())?;
    crate::time::local_to_utc(naive, zone)
        .ok()
        .map(|t| t.timestamp())
}

/// The bills' own layout, `YYYY-MM-DD HH:MM:SS`, read by position: with a million rows,
/// chrono's general format parser is a visible cost. Impossible dates still give `None`.
fn fixed_date_time(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    if b.len() != 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b' '
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let date = chrono::NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
    date.and_hms_opt(num(11..13)?, num(14..16)?, num(17..19)?)
}

/// The provider whose trades a file of that format holds.
fn parsed_provider(format: Format, mapping: Option<&super::Mapping>) -> &str {
    match (format, mapping) {
        (Format::AlipayTrade, _) => "alipay",
        (Format::Csv, Some(m)) => m.provider.as_str(),
        _ => "wechat_pay",
    }
}

fn totals(c: &Counts) -> Totals {
    Totals {
        order: format_scaled(c.order, 2),
        settlement: format_scaled(c.settlement, 2),
        coupon: format_scaled(c.coupon, 2),
        refund: format_scaled(c.refund, 2),
        fee: format_scaled(c.fee_e5, 5),
    }
}

/// Whether the bill at `path` likely brings five times as many trades as are stored: bills
/// take 150–300 bytes a row, ids are dense.
fn few_trades_yet(tx: &crate::sql::Transaction<'_>, path: &Path) -> crate::sql::Result<bool> {
    let stored: i64 = tx.query_row(
        "SELECT COALESCE(MAX(id) - MIN(id) + 1, 0) FROM trade_row",
        [],
        |r| r.get(0),
    )?;
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    Ok(stored * 5 < (bytes / 300) as i64)
}

/// Imports one bill as one batch. `progress` gets the rows written so far and returns false to
/// cancel, which rolls everything back. The bill is read on a second thread while this one
/// writes (`pipeline`).
pub fn import_file(
    db: &mut Db,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<ImportReport, ImportError> {
    let zone = crate::mall::get(db)?.zone();
    let mapping = match &options.mapping {
        Some(name) => Some(super::generic::get_mapping(db, name)?),
        None if options.format == super::FormatChoice::Only(Format::Csv) => {
            return Err(ImportError::MappingRequired)
        }
        None => None,
    };
    // With a mapping the file is a generic export, whatever its headers look like.
    let choice = if mapping.is_some() {
        super::FormatChoice::Only(Format::Csv)
    } else {
        options.format
    };
    let file = path.display().to_string();
    let file_name = path
        .file_name()
        .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
    let spreadsheet = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["xlsx", "xlsm", "xls", "ods"].contains(&e.to_ascii_lowercase().as_str()));
    if spreadsheet && mapping.is_none() {
        return Err(ImportError::MappingRequired);
    }
    let written = db.write(|tx| {
        // A bill can be millions of rows: give SQLite room to keep the indexes' hot pages.
        if let Some(c) = tx.sqlite() {
            c.pragma_update(None, "cache_size", -65_536)?;
        }
        let batch = tx.insert(
            "INSERT INTO import_batch (file_name, format, sha256, imported_at, rows, payments, refunds, inserted,
                duplicates, reconciled, order_fen, settlement_fen, coupon_fen, refund_fen, fee_e5)
             VALUES (?1, '', '', ?2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)",
            params![file_name, now_ts()],
        )?;
        let matcher = Matcher::load(tx)?;
        let mapping = mapping.as_ref();
        let read_bill = |reader: &mut super::pipeline::Reader<'_>| {
            let parse_bill = |format: Format, text: &mut dyn std::io::Read| {
                reader.start(parsed_provider(format, mapping))?;
                let on_row = &mut |row: &Row| reader.row(row);
                let mismatches = match format {
                    Format::WechatTrade => wechat::parse(text, zone, on_row)?,
                    Format::AlipayTrade => alipay::parse(text, zone, on_row)?,
                    Format::Csv => match mapping {
                        Some(m) => super::generic::parse(text, zone, m, on_row)?,
                        None => return Err(ImportError::MappingRequired),
                    },
                };
                Ok((format, mismatches))
            };
            if spreadsheet {
                read::with_spreadsheet(path, parse_bill)
            } else {
                read::with_bill(path, choice, parse_bill)
            }
        };
        // Into a table that holds few trades yet, sorting the new rows' times once after the
        // load costs less than placing each in the time index as it comes (make bench-import):
        // nothing reads trades by time during the load. Inside the transaction like the rows.
        // Never on a team database: there dropping the index would lock every other desktop's
        // statistics out of the trades until the import commits.
        let rebuild = tx.sqlite().is_some() && few_trades_yet(tx, path)?;
        if rebuild {
            tx.execute_batch("DROP INDEX trade_row_time")?;
        }
        let (read, inserted) = super::pipeline::run(tx, batch, &matcher, progress, read_bill)?;
        if rebuild {
            tx.execute_batch("CREATE INDEX trade_row_time ON trade_row (occurred_at)")?;
        }
        let ((format, mismatches), sha) = read.parsed;
        let counts = read.counts;
        progress(counts.rows);
        if !mismatches.is_empty() && !options.accept_mismatch {
            return Err(ImportError::Mismatch(mismatches));
        }
        let duplicates = counts.rows - inserted;
        let earlier: Option<i64> = if inserted == 0 {
            tx.query_row(
                "SELECT id FROM import_batch WHERE sha256 = ?1 AND id <> ?2 ORDER BY id LIMIT 1",
                params![sha, batch],
                |r| r.get(0),
            )
            .optional()?
        } else {
            None
        };
        let batch_id = match earlier {
            // The very same file again: nothing new, so no new batch either.
            Some(id) => {
                tx.execute("DELETE FROM import_batch WHERE id = ?1", [batch])?;
                id
            }
            None => {
                tx.execute(
                    "UPDATE import_batch SET format = ?1, sha256 = ?2, rows = ?3, payments = ?4, refunds = ?5,
                        inserted = ?6, duplicates = ?7, reconciled = ?8, order_fen = ?9, settlement_fen = ?10,
                        coupon_fen = ?11, refund_fen = ?12, fee_e5 = ?13, mismatches = ?14 WHERE id = ?15",
                    params![
                        format.key(),
                        sha,
                        counts.rows as i64,
                        counts.payments as i64,
                        counts.refunds as i64,
                        inserted as i64,
                        duplicates as i64,
                        mismatches.is_empty(),
                        counts.order,
                        counts.settlement,
                        counts.coupon,
                        counts.refund,
                        counts.fee_e5,
                        serde_json::to_string(&mismatches).unwrap_or_default(),
                        batch
                    ],
                )?;
                batch
            }
        };
        Ok(ImportReport {
            file: file.clone(),
            format,
            batch_id,
            rows: counts.rows,
            payments: counts.payments,
            refunds: counts.refunds,
            inserted,
            duplicates,
            reconciled: mismatches.is_empty(),
            totals: totals(&counts),
            mismatches,
        })
    });
    written.map_err(|e| super::room::when_full(e, path, db))
}

/// Every batch, newest first.
pub fn history(db: &Db) -> Result<Vec<BatchSummary>, ImportError> {
    let zone = crate::mall::get(db)?.zone();
    let mut stmt = db.conn().prepare(
        "SELECT id, file_name, format, imported_at, rows, inserted, duplicates, reconciled, order_fen,
                settlement_fen, coupon_fen, refund_fen, fee_e5
         FROM import_batch ORDER BY id DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let counts = Counts {
                order: r.get(8)?,
                settlement: r.get(9)?,
                coupon: r.get(10)?,
                refund: r.get(11)?,
                fee_e5: r.get(12)?,
                ..Default::default()
            };
            Ok(BatchSummary {
                batch_id: r.get(0)?,
                file: r.get(1)?,
                format: r.get(2)?,
                imported_at: rfc3339(r.get(3)?, zone),
                rows: r.get::<_, i64>(4)? as u64,
                inserted: r.get::<_, i64>(5)? as u64,
                duplicates: r.get::<_, i64>(6)? as u64,
                reconciled: r.get(7)?,
                totals: totals(&counts),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Removes a batch and every trade it brought in; returns how many trades went.
pub fn undo(db: &mut Db, batch_id: i64) -> Result<u64, ImportError> {
    db.write(|tx| {
        let exists: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM import_batch WHERE id = ?1)",
            [batch_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(ImportError::BatchNotFound(batch_id));
        }
        tx.execute(
            "DELETE FROM merchant_coupon_payment WHERE trade_id IN (SELECT id FROM trade_row WHERE batch_id = ?1)",
            [batch_id],
        )?;
        let removed = tx.execute("DELETE FROM trade_row WHERE batch_id = ?1", [batch_id])?;
        tx.execute("DELETE FROM import_batch WHERE id = ?1", [batch_id])?;
        Ok(removed as u64)
    })
}

/// Merchant ids in imported trades that no store carries.
pub fn unmatched_merchants(db: &Db) -> Result<Vec<UnmatchedMerchant>, ImportError> {
    let mut stmt = db.conn().prepare(
        // Trades are counted per merchant account as they are written: a few hundred rows.
        "SELECT provider, merchant_id, n FROM trade_merchant_count a
         WHERE merchant_id <> '' AND NOT EXISTS (
             SELECT 1 FROM merchant_account m
             WHERE m.provider = a.provider AND m.merchant_id = a.merchant_id)
         ORDER BY n DESC, provider, merchant_id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(UnmatchedMerchant {
                provider: r.get(0)?,
                merchant_id: r.get(1)?,
                trades: r.get::<_, i64>(2)? as u64,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Payments with a coupon that no single coupon of PromoDesk explains.
pub fn unattributed(db: &Db) -> Result<Vec<UnattributedTrade>, ImportError> {
    let zone = crate::mall::get(db)?.zone();
    let mut stmt = db.conn().prepare(
        "SELECT id, provider, trade_no, occurred_at, coupon_fen, coupon_name FROM trade
         WHERE kind = 'payment' AND coupon_id IS NULL AND (coupon_fen > 0 OR coupon_name <> '')
         ORDER BY occurred_at LIMIT 1000",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(UnattributedTrade {
                trade_id: r.get(0)?,
                provider: r.get(1)?,
                trade_no: r.get(2)?,
                occurred_at: rfc3339(r.get(3)?, zone),
                coupon_amount: format_scaled(r.get(4)?, 2),
                coupon_name: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
