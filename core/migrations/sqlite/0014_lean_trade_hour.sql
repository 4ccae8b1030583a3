-- The hourly rollup in few bytes, as trade_row did for the trades, and merchant ids named once
-- (core/src/db/rollup.rs and core/src/db/lean.rs say why). At ten million trades the old rollup
-- took 47 bytes a trade, more than a third of the database: at ordinary days' density it holds
-- one row per three or four trades, and kept every row twice (the table and its covering index)
-- with 'wechat_pay', 'payment' and the merchant id as text. Now:
-- - merchant ids are kept once, in merchant_ref (a mall has a few hundred), and trades and the
--   rollup keep a small number for them (five bytes less a trade, and a rollup row);
-- - the rollup is one WITHOUT ROWID table clustered on what a dashboard range reads (the hour
--   first), with provider and kind as small integers (lean::PROVIDERS, refund 0/1), "no coupon"
--   as 0 (a primary key holds no NULL) and 应结 as its shortfall from the order amount;
-- - trades per merchant account are counted as they are written (trade_merchant), for the
--   questions asked of accounts, not hours.
-- The `trade`, `trade_hour` and `trade_with_store`/`trade_hour_with_store` views give every
-- column back as before, so readers do not change; readers that need an index on a coupon or
-- an account read the stored tables.

CREATE TABLE merchant_ref (
    id          INTEGER PRIMARY KEY,
    merchant_id TEXT    NOT NULL UNIQUE
) STRICT;
INSERT INTO merchant_ref (merchant_id)
SELECT DISTINCT m FROM (SELECT pd_unpack(merchant_id) AS m FROM trade_row
                        UNION SELECT merchant_id FROM trade_hour)
ORDER BY m;

-- The trade view and its triggers read merchant_id; they are made again below.
DROP VIEW trade_with_store;
DROP VIEW trade;
DROP TRIGGER trade_dirty_update;
ALTER TABLE trade_row RENAME COLUMN merchant_id TO merchant_ref;
UPDATE trade_row
SET merchant_ref = (SELECT r.id FROM merchant_ref r WHERE r.merchant_id = pd_unpack(trade_row.merchant_ref));

CREATE VIEW trade AS
SELECT t.id, t.batch_id,
       CASE t.provider WHEN 0 THEN 'wechat_pay' WHEN 1 THEN 'alipay' WHEN 2 THEN 'unionpay'
                       WHEN 3 THEN 'bank_card' WHEN 4 THEN 'member_card' END AS provider,
       CASE t.refund WHEN 0 THEN 'payment' ELSE 'refund' END AS kind,
       pd_key(t.key, t.trade_no, t.merchant_order_no) AS key,
       pd_unpack(t.trade_no) AS trade_no, pd_unpack(t.merchant_order_no) AS merchant_order_no,
       t.occurred_at, (SELECT r.merchant_id FROM merchant_ref r WHERE r.id = t.merchant_ref) AS merchant_id,
       t.order_fen, t.order_fen - t.settle_less AS settlement_fen, t.coupon_fen,
       t.provider_discount_fen, t.merchant_discount_fen, t.refund_fen, t.fee_e5, t.coupon_name,
       t.coupon_id, t.line
FROM trade_row t;

CREATE VIEW trade_with_store AS
SELECT t.*, m.store_id FROM trade t
LEFT JOIN merchant_account m ON m.provider = t.provider AND m.merchant_id = t.merchant_id;

-- Writing through the view (tests, tools) stores the same rows the importer does. A key seen
-- before is ignored, as the old unique index did.
CREATE TRIGGER trade_insert INSTEAD OF INSERT ON trade
WHEN NOT EXISTS (
    SELECT 1 FROM trade_row r
    WHERE r.key_hash BETWEEN pd_key_hash(new.provider, new.kind, new.key)
                         AND pd_key_hash(new.provider, new.kind, new.key) + 7
      AND r.provider = CASE new.provider WHEN 'wechat_pay' THEN 0 WHEN 'alipay' THEN 1 WHEN 'unionpay' THEN 2
                                         WHEN 'bank_card' THEN 3 WHEN 'member_card' THEN 4 END
      AND r.refund = (new.kind = 'refund')
      AND pd_key(r.key, r.trade_no, r.merchant_order_no) = new.key)
BEGIN
    INSERT OR IGNORE INTO merchant_ref (merchant_id) VALUES (COALESCE(new.merchant_id, ''));
    INSERT INTO trade_row
    VALUES (new.id, new.batch_id,
            CASE new.provider WHEN 'wechat_pay' THEN 0 WHEN 'alipay' THEN 1 WHEN 'unionpay' THEN 2
                              WHEN 'bank_card' THEN 3 WHEN 'member_card' THEN 4 END,
            CASE new.kind WHEN 'payment' THEN 0 WHEN 'refund' THEN 1 END,
            -- The first free slot of the key's hash.
            (SELECT MIN(h + k) FROM (SELECT pd_key_hash(new.provider, new.kind, new.key) AS h),
                    (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
                     UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7)
             WHERE NOT EXISTS (SELECT 1 FROM trade_row WHERE key_hash = h + k)),
            pd_key_form(new.key, new.trade_no, COALESCE(new.merchant_order_no, '')),
            pd_pack(new.trade_no), pd_pack(COALESCE(new.merchant_order_no, '')), new.occurred_at,
            (SELECT id FROM merchant_ref WHERE merchant_id = COALESCE(new.merchant_id, '')),
            COALESCE(new.order_fen, 0),
            COALESCE(new.order_fen, 0) - COALESCE(new.settlement_fen, 0), COALESCE(new.coupon_fen, 0),
            COALESCE(new.provider_discount_fen, 0), COALESCE(new.merchant_discount_fen, 0),
            COALESCE(new.refund_fen, 0), COALESCE(new.fee_e5, 0), COALESCE(new.coupon_name, ''),
            new.coupon_id, new.line);
END;
CREATE TRIGGER trade_delete INSTEAD OF DELETE ON trade BEGIN
    DELETE FROM trade_row WHERE id = old.id;
END;
CREATE TRIGGER trade_update_coupon INSTEAD OF UPDATE OF coupon_id ON trade BEGIN
    UPDATE trade_row SET coupon_id = new.coupon_id WHERE id = old.id;
END;
CREATE TRIGGER trade_dirty_update AFTER UPDATE OF occurred_at, provider, refund, merchant_ref, order_fen,
    settle_less, coupon_fen, provider_discount_fen, merchant_discount_fen, refund_fen, fee_e5, coupon_name
ON trade_row BEGIN
    INSERT OR IGNORE INTO trade_dirty_hour VALUES (old.occurred_at - ((old.occurred_at % 3600) + 3600) % 3600);
    INSERT OR IGNORE INTO trade_dirty_hour VALUES (new.occurred_at - ((new.occurred_at % 3600) + 3600) % 3600);
END;

CREATE TABLE trade_hour_row (
    hour_ts               INTEGER NOT NULL,
    provider              INTEGER NOT NULL,
    refund                INTEGER NOT NULL,
    merchant_ref          INTEGER NOT NULL,
    coupon_key            INTEGER NOT NULL,
    used                  INTEGER NOT NULL,
    n                     INTEGER NOT NULL,
    order_fen             INTEGER NOT NULL,
    settle_less           INTEGER NOT NULL,
    coupon_fen            INTEGER NOT NULL,
    provider_discount_fen INTEGER NOT NULL,
    merchant_discount_fen INTEGER NOT NULL,
    refund_fen            INTEGER NOT NULL,
    fee_e5                INTEGER NOT NULL,
    PRIMARY KEY (hour_ts, provider, refund, merchant_ref, coupon_key, used)
) STRICT, WITHOUT ROWID;

INSERT INTO trade_hour_row
SELECT hour_ts,
       CASE provider WHEN 'wechat_pay' THEN 0 WHEN 'alipay' THEN 1 WHEN 'unionpay' THEN 2
                     WHEN 'bank_card' THEN 3 WHEN 'member_card' THEN 4 END,
       kind = 'refund', (SELECT r.id FROM merchant_ref r WHERE r.merchant_id = trade_hour.merchant_id),
       COALESCE(coupon_id, 0), used, n, order_fen,
       order_fen - settlement_fen, coupon_fen, provider_discount_fen, merchant_discount_fen,
       refund_fen, fee_e5
FROM trade_hour;

DROP VIEW trade_hour_with_store;
DROP TABLE trade_hour;

-- A campaign's redemptions per coupon (statistics' cost, the report's coupon table).
CREATE INDEX trade_hour_row_coupon ON trade_hour_row (coupon_key) WHERE coupon_key <> 0;

-- How many trades each merchant account has, for the questions asked of accounts rather than
-- of hours (the ids no store holds, on the home screen at every start; a store's new account):
-- a few hundred rows instead of an index over every rollup row. Written with the rollup by
-- core/src/db/rollup.rs, in the same transaction.
CREATE TABLE trade_merchant (
    provider     INTEGER NOT NULL,
    merchant_ref INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (provider, merchant_ref)
) STRICT, WITHOUT ROWID;
INSERT INTO trade_merchant
SELECT provider, merchant_ref, SUM(n) FROM trade_hour_row GROUP BY provider, merchant_ref;

CREATE VIEW trade_merchant_count AS
SELECT CASE t.provider WHEN 0 THEN 'wechat_pay' WHEN 1 THEN 'alipay' WHEN 2 THEN 'unionpay'
                     WHEN 3 THEN 'bank_card' WHEN 4 THEN 'member_card' END AS provider,
       (SELECT r.merchant_id FROM merchant_ref r WHERE r.id = t.merchant_ref) AS merchant_id, n
FROM trade_merchant t;

CREATE VIEW trade_hour AS
SELECT hour_ts,
       CASE provider WHEN 0 THEN 'wechat_pay' WHEN 1 THEN 'alipay' WHEN 2 THEN 'unionpay'
                     WHEN 3 THEN 'bank_card' WHEN 4 THEN 'member_card' END AS provider,
       CASE refund WHEN 0 THEN 'payment' ELSE 'refund' END AS kind,
       (SELECT r.merchant_id FROM merchant_ref r WHERE r.id = h.merchant_ref) AS merchant_id,
       NULLIF(coupon_key, 0) AS coupon_id, used, n,
       order_fen, order_fen - settle_less AS settlement_fen, coupon_fen, provider_discount_fen,
       merchant_discount_fen, refund_fen, fee_e5
FROM trade_hour_row h;

CREATE VIEW trade_hour_with_store AS
SELECT h.*, m.store_id FROM trade_hour h
LEFT JOIN merchant_account m ON m.provider = h.provider AND m.merchant_id = h.merchant_id;
