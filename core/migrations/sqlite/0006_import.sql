-- Imported bills. Each file is one batch; its trades are deleted with it ("undo this import").
-- A payment is keyed by the provider's transaction number, a refund by its refund number, so
-- re-importing a bill or an overlapping one inserts only rows not seen before.
-- Money is INTEGER fen, except fees: WeChat prints them with 5 decimals, so fees are stored in
-- units of 0.00001 yuan (fee_e5) to stay exact.
CREATE TABLE import_batch (
    id            INTEGER PRIMARY KEY,
    file_name     TEXT    NOT NULL,
    format        TEXT    NOT NULL,
    sha256        TEXT    NOT NULL,
    imported_at   INTEGER NOT NULL,
    rows          INTEGER NOT NULL,
    payments      INTEGER NOT NULL,
    refunds       INTEGER NOT NULL,
    inserted      INTEGER NOT NULL,
    duplicates    INTEGER NOT NULL,
    reconciled    INTEGER NOT NULL,
    order_fen     INTEGER NOT NULL,
    settlement_fen INTEGER NOT NULL,
    coupon_fen    INTEGER NOT NULL,
    refund_fen    INTEGER NOT NULL,
    fee_e5        INTEGER NOT NULL,
    mismatches    TEXT    NOT NULL DEFAULT '[]'
) STRICT;

CREATE INDEX import_batch_sha256 ON import_batch (sha256);

CREATE TABLE trade (
    id                  INTEGER PRIMARY KEY,
    batch_id            INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
    provider            TEXT    NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('payment','refund')),
    key                 TEXT    NOT NULL,
    trade_no            TEXT    NOT NULL,
    merchant_order_no   TEXT    NOT NULL DEFAULT '',
    occurred_at         INTEGER NOT NULL,
    merchant_id         TEXT    NOT NULL DEFAULT '',
    store_id            INTEGER REFERENCES store (id) ON DELETE SET NULL,
    order_fen           INTEGER NOT NULL DEFAULT 0,
    settlement_fen      INTEGER NOT NULL DEFAULT 0,
    coupon_fen          INTEGER NOT NULL DEFAULT 0,
    provider_discount_fen INTEGER NOT NULL DEFAULT 0,
    merchant_discount_fen INTEGER NOT NULL DEFAULT 0,
    refund_fen          INTEGER NOT NULL DEFAULT 0,
    fee_e5              INTEGER NOT NULL DEFAULT 0,
    coupon_name         TEXT    NOT NULL DEFAULT '',
    coupon_id           INTEGER REFERENCES coupon (id) ON DELETE SET NULL,
    line                INTEGER NOT NULL
) STRICT;

CREATE UNIQUE INDEX trade_key ON trade (provider, kind, key);
CREATE INDEX trade_time ON trade (occurred_at);
