-- Statistics rollup: trades summed per UTC hour and per everything the dashboard groups or
-- filters by, so a dashboard query reads thousands of rows instead of millions. It is derived
-- data: the hours whose trades changed are marked dirty — by the import for the rows it inserts
-- (once per hour rather than once per row, which keeps imports fast), by triggers for deletes and
-- updates (undo, re-attribution, a store or coupon removed through ON DELETE SET NULL) — and
-- every write transaction re-sums those hours before it commits (see core/src/db/rollup.rs), so
-- the rollup is never stale.
CREATE TABLE trade_hour (
    hour_ts               INTEGER NOT NULL,
    provider              TEXT    NOT NULL,
    kind                  TEXT    NOT NULL,
    store_id              INTEGER,
    merchant_id           TEXT    NOT NULL,
    coupon_id             INTEGER,
    used                  INTEGER NOT NULL,
    n                     INTEGER NOT NULL,
    order_fen             INTEGER NOT NULL,
    settlement_fen        INTEGER NOT NULL,
    coupon_fen            INTEGER NOT NULL,
    provider_discount_fen INTEGER NOT NULL,
    merchant_discount_fen INTEGER NOT NULL,
    refund_fen            INTEGER NOT NULL,
    fee_e5                INTEGER NOT NULL
) STRICT;

CREATE INDEX trade_hour_time ON trade_hour (hour_ts);
CREATE INDEX trade_hour_coupon ON trade_hour (coupon_id) WHERE coupon_id IS NOT NULL;

CREATE TABLE trade_dirty_hour (hour_ts INTEGER PRIMARY KEY) STRICT;

CREATE TRIGGER trade_dirty_delete AFTER DELETE ON trade BEGIN
    INSERT OR IGNORE INTO trade_dirty_hour VALUES (old.occurred_at - ((old.occurred_at % 3600) + 3600) % 3600);
END;

CREATE TRIGGER trade_dirty_update AFTER UPDATE ON trade BEGIN
    INSERT OR IGNORE INTO trade_dirty_hour VALUES (old.occurred_at - ((old.occurred_at % 3600) + 3600) % 3600);
    INSERT OR IGNORE INTO trade_dirty_hour VALUES (new.occurred_at - ((new.occurred_at % 3600) + 3600) % 3600);
END;

-- Trades already imported: every hour that has one is dirty; the migration's commit sums them.
INSERT OR IGNORE INTO trade_dirty_hour
    SELECT DISTINCT occurred_at - ((occurred_at % 3600) + 3600) % 3600 FROM trade;

-- Visitor counts from the mall's people counters. A row per local date, hour (-1 = the whole
-- day) and entrance ('' = all entrances). Re-importing the same file changes nothing; a later
-- file with a different count for the same key corrects it (the counters' vendors re-send).
CREATE TABLE footfall (
    date       TEXT    NOT NULL,
    hour       INTEGER NOT NULL CHECK (hour BETWEEN -1 AND 23),
    entrance   TEXT    NOT NULL,
    visitors   INTEGER NOT NULL CHECK (visitors >= 0),
    file_name  TEXT    NOT NULL,
    imported_at INTEGER NOT NULL,
    PRIMARY KEY (date, hour, entrance)
) STRICT, WITHOUT ROWID;
