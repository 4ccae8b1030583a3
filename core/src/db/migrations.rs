//! Versioned schema migrations: `.sql` files embedded at compile time, applied in order, each in
//! its own transaction together with the `user_version` bump. A schema change is a new file,
//! never an edit to an old one.

use crate::sql::Connection;

/// One schema step: applying it moves the database to `version`.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, in order. Versions are 1, 2, 3, … without gaps.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sql: include_str!("../../migrations/sqlite/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "campaign_status_history",
        sql: include_str!("../../migrations/sqlite/0002_campaign_status_history.sql"),
    },
    Migration {
        version: 3,
        name: "app_setting",
        sql: include_str!("../../migrations/sqlite/0003_app_setting.sql"),
    },
    Migration {
        version: 4,
        name: "campaign_provider_budget",
        sql: include_str!("../../migrations/sqlite/0004_campaign_provider_budget.sql"),
    },
    Migration {
        version: 5,
        name: "coupon",
        sql: include_str!("../../migrations/sqlite/0005_coupon.sql"),
    },
    Migration {
        version: 6,
        name: "import",
        sql: include_str!("../../migrations/sqlite/0006_import.sql"),
    },
    Migration {
        version: 7,
        name: "import_mapping",
        sql: include_str!("../../migrations/sqlite/0007_import_mapping.sql"),
    },
    Migration {
        version: 8,
        name: "stats_rollup_footfall",
        sql: include_str!("../../migrations/sqlite/0008_stats_rollup_footfall.sql"),
    },
    Migration {
        version: 9,
        name: "coupon_wallet_color",
        sql: include_str!("../../migrations/sqlite/0009_coupon_wallet_color.sql"),
    },
    Migration {
        version: 10,
        name: "merchant_account",
        sql: include_str!("../../migrations/sqlite/0010_merchant_account.sql"),
    },
    Migration {
        version: 11,
        name: "mall_logo",
        sql: include_str!("../../migrations/sqlite/0011_mall_logo.sql"),
    },
    Migration {
        version: 12,
        name: "code_pool",
        sql: include_str!("../../migrations/sqlite/0012_code_pool.sql"),
    },
    Migration {
        version: 13,
        name: "lean_trade",
        sql: include_str!("../../migrations/sqlite/0013_lean_trade.sql"),
    },
    Migration {
        version: 14,
        name: "lean_trade_hour",
        sql: include_str!("../../migrations/sqlite/0014_lean_trade_hour.sql"),
    },
    Migration {
        version: 15,
        name: "people_signoff",
        sql: include_str!("../../migrations/sqlite/0015_people_signoff.sql"),
    },
    Migration {
        version: 16,
        name: "concurrent_edits",
        sql: include_str!("../../migrations/sqlite/0016_concurrent_edits.sql"),
    },
    Migration {
        version: 17,
        name: "plazas",
        sql: include_str!("../../migrations/sqlite/0017_plazas.sql"),
    },
];

pub(crate) fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Applies every migration above the database's version, up to and including `target`.
pub(crate) fn apply(conn: &mut Connection, target: i64) -> Result<(), crate::sql::Error> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for migration in MIGRATIONS
        .iter()
        .filter(|m| m.version > current && m.version <= target)
    {
        let tx = conn.transaction_with_behavior(crate::sql::TransactionBehavior::Immediate)?;
        tx.execute_batch(migration.sql)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", migration.version))?;
        // Derived data is brought up to date by today's code, which writes today's schema: so
        // only in the last migration's transaction. The marks older migrations leave (dirty
        // hours, windows, merchants) are kept in the file until then.
        if migration.version == latest_version() {
            super::revision::flush(&tx, "")?;
            super::derive::flush(&tx)?;
            super::rollup::flush(&tx)?;
        }
        tx.commit()?;
        if migration.version == latest_version() {
            compact_if_mostly_free(conn)?;
        }
    }
    Ok(())
}

/// Migrations that rewrite the trades (0013, 0014) leave their old pages free inside the file:
/// at ten million trades a third of it. SQLite does not give them back by itself, so the file
/// is rewritten once, after the upgrade (the backup of the old file was taken before it).
fn compact_if_mostly_free(conn: &Connection) -> Result<(), crate::sql::Error> {
    let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    if free * 4 > pages {
        conn.execute_batch("VACUUM")?;
    }
    Ok(())
}

/// Test support: a database stopped at an older schema version, as an older PromoDesk left it.
#[cfg(test)]
pub(crate) fn open_at_version(path: &std::path::Path, version: i64) -> Connection {
    let raw = rusqlite::Connection::open(path).expect("open");
    super::lean::register(&raw).expect("functions");
    raw.pragma_update(None, "foreign_keys", true).expect("fk");
    let mut conn = Connection::from(raw);
    apply(&mut conn, version).expect("migrate");
    conn
}
