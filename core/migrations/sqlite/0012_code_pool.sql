-- Coupon code pools: the codes the mall hands out itself (WeChat Pay 商家券 MERCHANT_UPLOAD,
-- printed vouchers, a tenant's POS). One pool per coupon; a code is unique across every pool
-- of the database, so the same code can never be given out twice.
CREATE TABLE code_pool (
    id         INTEGER PRIMARY KEY,
    coupon_id  INTEGER NOT NULL UNIQUE REFERENCES coupon (id) ON DELETE CASCADE,
    source     TEXT    NOT NULL CHECK (source IN ('generated', 'imported')),
    prefix     TEXT    NOT NULL DEFAULT '',
    length     INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE coupon_code (
    id      INTEGER PRIMARY KEY,
    pool_id INTEGER NOT NULL REFERENCES code_pool (id) ON DELETE CASCADE,
    code    TEXT    NOT NULL UNIQUE
) STRICT;

CREATE INDEX coupon_code_pool ON coupon_code (pool_id);

-- Redemption exports (POS, member system, WeChat's redemption detail) as read: each use of a
-- code with its time and store. Kept by code text, not by pool, so a use of a code no pool
-- has yet (or any more) is still counted once it has one.
CREATE TABLE code_redemption_file (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT    NOT NULL,
    digest      TEXT    NOT NULL UNIQUE,
    imported_at INTEGER NOT NULL
) STRICT;

CREATE TABLE code_redemption (
    id       INTEGER PRIMARY KEY,
    file_id  INTEGER NOT NULL REFERENCES code_redemption_file (id) ON DELETE CASCADE,
    line     INTEGER NOT NULL,
    code     TEXT    NOT NULL,
    used_at  INTEGER NOT NULL,
    store    TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX code_redemption_code ON code_redemption (code);
