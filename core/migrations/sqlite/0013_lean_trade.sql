-- Trades in few bytes (core/src/db/lean.rs says how and why): long numbers kept as their values
-- (pd_pack), provider and kind as small integers, the dedupe key only when the trade's numbers
-- do not already spell it, found through a hash and its slot; 应结 as its shortfall from the order
-- amount. The `trade` view gives every column back as before, so readers do not change; the
-- importer writes `trade_row` itself. Existing trades are converted here, inside the migration's
-- transaction, after the backup Db::open takes before any migration.
CREATE TABLE trade_row (
    id                    INTEGER PRIMARY KEY,
    -- No foreign key: checking it was one more index seek for every imported row, and the one
    -- way a batch goes (import::undo) deletes its trades first.
    batch_id              INTEGER NOT NULL,
    -- Index into lean::PROVIDERS: 0 wechat_pay, 1 alipay, 2 unionpay, 3 bank_card, 4 member_card.
    provider              INTEGER NOT NULL CHECK (provider BETWEEN 0 AND 4),
    refund                INTEGER NOT NULL CHECK (refund IN (0, 1)),
    key_hash              INTEGER NOT NULL,
    -- NULL: trade_no || '/' || merchant_order_no; 0: trade_no; else the key (pd_pack).
    key                   ANY,
    trade_no              ANY     NOT NULL,
    merchant_order_no     ANY     NOT NULL,
    occurred_at           INTEGER NOT NULL,
    merchant_id           ANY     NOT NULL,
    order_fen             INTEGER NOT NULL,
    -- order_fen - settlement_fen.
    settle_less           INTEGER NOT NULL,
    coupon_fen            INTEGER NOT NULL,
    provider_discount_fen INTEGER NOT NULL,
    merchant_discount_fen INTEGER NOT NULL,
    refund_fen            INTEGER NOT NULL,
    fee_e5                INTEGER NOT NULL,
    coupon_name           TEXT    NOT NULL,
    coupon_id             INTEGER,
    line                  INTEGER NOT NULL
) STRICT;

INSERT INTO trade_row
SELECT id, batch_id,
       CASE provider WHEN 'wechat_pay' THEN 0 WHEN 'alipay' THEN 1 WHEN 'unionpay' THEN 2
                     WHEN 'bank_card' THEN 3 WHEN 'member_card' THEN 4 END,
       kind = 'refund', pd_key_hash(provider, kind, key), pd_key_form(key, trade_no, merchant_order_no),
       pd_pack(trade_no), pd_pack(merchant_order_no), occurred_at, pd_pack(merchant_id), order_fen,
       order_fen - settlement_fen, coupon_fen, provider_discount_fen, merchant_discount_fen,
       refund_fen, fee_e5, coupon_name, coupon_id, line
FROM trade ORDER BY id;

-- Keys that share a hash (a few in ten million) take the next of their eight slots.
CREATE TEMP TABLE lean_slot AS
SELECT id, ROW_NUMBER() OVER (PARTITION BY key_hash ORDER BY id) - 1 AS k FROM trade_row
WHERE key_hash IN (SELECT key_hash FROM trade_row GROUP BY key_hash HAVING COUNT(*) > 1);
UPDATE trade_row SET key_hash = key_hash + (SELECT k FROM lean_slot s WHERE s.id = trade_row.id)
WHERE id IN (SELECT id FROM lean_slot);
DROP TABLE lean_slot;

DROP VIEW trade_with_store;
DROP TABLE trade;

CREATE UNIQUE INDEX trade_row_key ON trade_row (key_hash);
CREATE INDEX trade_row_time ON trade_row (occurred_at);

CREATE VIEW trade AS
SELECT id, batch_id,
       CASE provider WHEN 0 THEN 'wechat_pay' WHEN 1 THEN 'alipay' WHEN 2 THEN 'unionpay'
                     WHEN 3 THEN 'bank_card' WHEN 4 THEN 'member_card' END AS provider,
       CASE refund WHEN 0 THEN 'payment' ELSE 'refund' END AS kind,
       pd_key(key, trade_no, merchant_order_no) AS key,
       pd_unpack(trade_no) AS trade_no, pd_unpack(merchant_order_no) AS merchant_order_no,
       occurred_at, pd_unpack(merchant_id) AS merchant_id, order_fen,
       order_fen - settle_less AS settlement_fen, coupon_fen, provider_discount_fen,
       merchant_discount_fen, refund_fen, fee_e5, coupon_name, coupon_id, line
FROM trade_row;

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
            pd_pack(COALESCE(new.merchant_id, '')), COALESCE(new.order_fen, 0),
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

-- The rollup follows the stored rows, as it followed the old table (migration 0010).
CREATE TRIGGER trade_dirty_delete AFTER DELETE ON trade_row BEGIN
    INSERT OR IGNORE INTO trade_dirty_hour VALUES (old.occurred_at - ((old.occurred_at % 3600) + 3600) % 3600);
END;
CREATE TRIGGER trade_dirty_update AFTER UPDATE OF occurred_at, provider, refund, merchant_id, order_fen,
    settle_less, coupon_fen, provider_discount_fen, merchant_discount_fen, refund_fen, fee_e5, coupon_name
ON trade_row BEGIN
    INSERT OR IGNORE INTO trade_dirty_hour VALUES (old.occurred_at - ((old.occurred_at % 3600) + 3600) % 3600);
    INSERT OR IGNORE INTO trade_dirty_hour VALUES (new.occurred_at - ((new.occurred_at % 3600) + 3600) % 3600);
END;
