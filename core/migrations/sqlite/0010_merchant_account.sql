-- Merchant identities as data: a store has any number of ids per provider (WeChat Pay
-- sub-merchant or merchant number, Alipay store id or PID, UnionPay merchant number, bank
-- terminal, member-card/POS code). A bill row names (provider, merchant id), and that pair
-- belongs to at most one store, whatever its kind.
CREATE TABLE merchant_account (
    provider    TEXT    NOT NULL CHECK (provider IN ('wechat_pay','alipay','unionpay','bank_card','member_card')),
    merchant_id TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('sub_mch_id','mch_id','store_id','pid','merchant_no','terminal','pos_code')),
    store_id    INTEGER NOT NULL REFERENCES store (id) ON DELETE CASCADE,
    PRIMARY KEY (provider, merchant_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX merchant_account_store ON merchant_account (store_id);

INSERT INTO merchant_account (provider, merchant_id, kind, store_id)
SELECT 'wechat_pay', wechat_sub_mch_id, 'sub_mch_id', id FROM store WHERE wechat_sub_mch_id IS NOT NULL;

-- The old one-click mapping wrote every non-WeChat merchant id into alipay_store_id, so a
-- UnionPay, bank or member-card number may sit there. Where the bills show the number under
-- another provider (and never under Alipay), it goes to that provider; otherwise it stays Alipay's.
INSERT OR IGNORE INTO merchant_account (provider, merchant_id, kind, store_id)
SELECT DISTINCT t.provider, s.alipay_store_id,
       CASE t.provider WHEN 'member_card' THEN 'pos_code' ELSE 'merchant_no' END, s.id
FROM store s JOIN trade t ON t.merchant_id = s.alipay_store_id
WHERE s.alipay_store_id IS NOT NULL AND t.provider IN ('unionpay','bank_card','member_card')
  AND NOT EXISTS (SELECT 1 FROM trade a WHERE a.provider = 'alipay' AND a.merchant_id = s.alipay_store_id);

INSERT OR IGNORE INTO merchant_account (provider, merchant_id, kind, store_id)
SELECT 'alipay', alipay_store_id, 'store_id', id FROM store s
WHERE alipay_store_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM merchant_account m WHERE m.store_id = s.id AND m.merchant_id = s.alipay_store_id);

DROP INDEX store_wechat_sub_mch_id;
DROP INDEX store_alipay_store_id;
ALTER TABLE store DROP COLUMN wechat_sub_mch_id;
ALTER TABLE store DROP COLUMN alipay_store_id;

-- Derived facts of a trade (its store, its coupon) are re-derived inside the write transaction
-- that changed their inputs (core/src/db/derive.rs). Triggers on the inputs record what could
-- have changed: a (provider, merchant id) pair, or a window of time in which coupon attribution
-- may differ. Nothing else needs to remember to refresh anything.
CREATE TABLE derive_dirty_merchant (
    provider    TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    PRIMARY KEY (provider, merchant_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE derive_dirty_window (
    from_ts INTEGER NOT NULL,
    to_ts   INTEGER NOT NULL,
    PRIMARY KEY (from_ts, to_ts)
) STRICT, WITHOUT ROWID;

-- When a coupon can be redeemed: its own dates, else its campaign's, stretched by a relative
-- validity. The attribution and the triggers below read this one definition.
CREATE VIEW coupon_window AS
SELECT c.id, c.campaign_id, c.provider, c.bill_name,
       CASE WHEN c.kind = 'fixed' THEN c.face_fen END AS face_fen,
       COALESCE(c.valid_from, k.starts_at) AS from_ts,
       COALESCE(c.valid_to, k.ends_at + COALESCE(c.valid_days, 0) * 86400) AS to_ts,
       k.status AS campaign_status
FROM coupon c JOIN campaign k ON k.id = c.campaign_id;

-- A trade keeps the merchant its bill names, never a store: the store is looked up through
-- merchant_account when read (the trade_with_store and trade_hour_with_store views), so adding,
-- moving or removing an id changes no trade row. The coupon a trade redeemed stays stored (it is
-- the one derivation worth keeping), without a foreign key: removing a coupon re-derives its
-- window instead of scanning every trade. The table is rebuilt to drop the two columns' keys.
CREATE TABLE trade_new (
    id                  INTEGER PRIMARY KEY,
    batch_id            INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
    provider            TEXT    NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('payment','refund')),
    key                 TEXT    NOT NULL,
    trade_no            TEXT    NOT NULL,
    merchant_order_no   TEXT    NOT NULL DEFAULT '',
    occurred_at         INTEGER NOT NULL,
    merchant_id         TEXT    NOT NULL DEFAULT '',
    order_fen           INTEGER NOT NULL DEFAULT 0,
    settlement_fen      INTEGER NOT NULL DEFAULT 0,
    coupon_fen          INTEGER NOT NULL DEFAULT 0,
    provider_discount_fen INTEGER NOT NULL DEFAULT 0,
    merchant_discount_fen INTEGER NOT NULL DEFAULT 0,
    refund_fen          INTEGER NOT NULL DEFAULT 0,
    fee_e5              INTEGER NOT NULL DEFAULT 0,
    coupon_name         TEXT    NOT NULL DEFAULT '',
    coupon_id           INTEGER,
    line                INTEGER NOT NULL
) STRICT;
INSERT INTO trade_new
SELECT id, batch_id, provider, kind, key, trade_no, merchant_order_no, occurred_at, merchant_id,
       order_fen, settlement_fen, coupon_fen, provider_discount_fen, merchant_discount_fen, refund_fen,
       fee_e5, coupon_name, coupon_id, line
FROM trade;
DROP TABLE trade;
ALTER TABLE trade_new RENAME TO trade;
CREATE UNIQUE INDEX trade_key ON trade (provider, kind, key);
CREATE INDEX trade_time ON trade (occurred_at);
-- The coupon payments a store can decide (inside the window of a store-limited coupon), by
-- merchant, so a mapping finds its merchant's without an index on every trade (see
-- StoreLimited in core/src/db/derive.rs). Filled below, when every window is re-derived.
CREATE TABLE merchant_coupon_payment (
    provider    TEXT    NOT NULL,
    merchant_id TEXT    NOT NULL,
    trade_id    INTEGER NOT NULL,
    PRIMARY KEY (provider, merchant_id, trade_id)
) STRICT, WITHOUT ROWID;

-- The rollup is keyed by merchant, not store, for the same reason; rebuilt and re-summed below.
DROP TABLE trade_hour;
CREATE TABLE trade_hour (
    hour_ts               INTEGER NOT NULL,
    provider              TEXT    NOT NULL,
    kind                  TEXT    NOT NULL,
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
-- Covering: a dashboard query over a range reads the index alone (a plain index by hour made
-- SQLite fetch every row it found, six times slower than reading the table).
CREATE INDEX trade_hour_key ON trade_hour (hour_ts, provider, kind, merchant_id, coupon_id, used,
    n, order_fen, settlement_fen, coupon_fen, provider_discount_fen, merchant_discount_fen,
    refund_fen, fee_e5);
CREATE INDEX trade_hour_coupon ON trade_hour (coupon_id) WHERE coupon_id IS NOT NULL;
CREATE INDEX trade_hour_merchant ON trade_hour (merchant_id, provider);

-- The rollup without merchants, for the dashboard queries that need no store: a few hundred
-- rows for a festival instead of one per tenant. Written by core/src/db/rollup.rs together with
-- trade_hour, the only writer of either. coupon_key is the coupon id, 0 for none (a primary key
-- cannot hold NULL); the view gives it back as coupon_id.
CREATE TABLE trade_hour_total (
    hour_ts               INTEGER NOT NULL,
    provider              TEXT    NOT NULL,
    kind                  TEXT    NOT NULL,
    coupon_key            INTEGER NOT NULL,
    used                  INTEGER NOT NULL,
    n                     INTEGER NOT NULL,
    order_fen             INTEGER NOT NULL,
    settlement_fen        INTEGER NOT NULL,
    coupon_fen            INTEGER NOT NULL,
    provider_discount_fen INTEGER NOT NULL,
    merchant_discount_fen INTEGER NOT NULL,
    refund_fen            INTEGER NOT NULL,
    fee_e5                INTEGER NOT NULL,
    PRIMARY KEY (hour_ts, provider, kind, coupon_key, used)
) STRICT, WITHOUT ROWID;

CREATE VIEW trade_hour_totals AS
SELECT hour_ts, provider, kind, NULLIF(coupon_key, 0) AS coupon_id, used, n, order_fen, settlement_fen, coupon_fen, provider_discount_fen, merchant_discount_fen, refund_fen, fee_e5
FROM trade_hour_total;

CREATE VIEW trade_with_store AS
SELECT t.*, m.store_id FROM trade t
LEFT JOIN merchant_account m ON m.provider = t.provider AND m.merchant_id = t.merchant_id;

CREATE VIEW trade_hour_with_store AS
SELECT h.*, m.store_id FROM trade_hour h
LEFT JOIN merchant_account m ON m.provider = h.provider AND m.merchant_id = h.merchant_id;

-- The rollup follows a trade's imported facts by re-summing its hour; a coupon re-derivation
-- moves figures between rollup rows by differences (core/src/db/rollup.rs).
CREATE TRIGGER trade_dirty_delete AFTER DELETE ON trade BEGIN
    INSERT OR IGNORE INTO trade_dirty_hour VALUES (old.occurred_at - ((old.occurred_at % 3600) + 3600) % 3600);
END;
CREATE TRIGGER trade_dirty_update AFTER UPDATE OF occurred_at, provider, kind, merchant_id, order_fen,
    settlement_fen, coupon_fen, provider_discount_fen, merchant_discount_fen, refund_fen, fee_e5, coupon_name
ON trade BEGIN
    INSERT OR IGNORE INTO trade_dirty_hour VALUES (old.occurred_at - ((old.occurred_at % 3600) + 3600) % 3600);
    INSERT OR IGNORE INTO trade_dirty_hour VALUES (new.occurred_at - ((new.occurred_at % 3600) + 3600) % 3600);
END;

CREATE TRIGGER merchant_account_insert AFTER INSERT ON merchant_account BEGIN
    INSERT OR IGNORE INTO derive_dirty_merchant VALUES (new.provider, new.merchant_id);
END;
CREATE TRIGGER merchant_account_delete AFTER DELETE ON merchant_account BEGIN
    INSERT OR IGNORE INTO derive_dirty_merchant VALUES (old.provider, old.merchant_id);
END;
CREATE TRIGGER merchant_account_update AFTER UPDATE ON merchant_account
    WHEN old.store_id IS NOT new.store_id OR old.provider IS NOT new.provider OR old.merchant_id IS NOT new.merchant_id
BEGIN
    INSERT OR IGNORE INTO derive_dirty_merchant VALUES (old.provider, old.merchant_id);
    INSERT OR IGNORE INTO derive_dirty_merchant VALUES (new.provider, new.merchant_id);
END;

CREATE TRIGGER coupon_derive_insert AFTER INSERT ON coupon BEGIN
    INSERT OR IGNORE INTO derive_dirty_window SELECT from_ts, to_ts FROM coupon_window WHERE id = new.id;
END;
-- BEFORE: the campaign is still there to say the old window (also inside a campaign's cascade).
CREATE TRIGGER coupon_derive_delete BEFORE DELETE ON coupon BEGIN
    INSERT OR IGNORE INTO derive_dirty_window SELECT from_ts, to_ts FROM coupon_window WHERE id = old.id;
END;
-- Edits write every column; only a change to what attribution reads counts. A change of what
-- the coupon is re-derives its whole window, old and new; a change of its dates only the time
-- between the old and the new edges (a trade inside both windows keeps its coupon).
CREATE TRIGGER coupon_derive_update_before BEFORE UPDATE ON coupon
    WHEN old.campaign_id IS NOT new.campaign_id OR old.provider IS NOT new.provider
      OR old.bill_name IS NOT new.bill_name OR old.kind IS NOT new.kind OR old.face_fen IS NOT new.face_fen
BEGIN
    INSERT OR IGNORE INTO derive_dirty_window SELECT from_ts, to_ts FROM coupon_window WHERE id = old.id;
END;
CREATE TRIGGER coupon_derive_update_after AFTER UPDATE ON coupon
    WHEN old.campaign_id IS NOT new.campaign_id OR old.provider IS NOT new.provider
      OR old.bill_name IS NOT new.bill_name OR old.kind IS NOT new.kind OR old.face_fen IS NOT new.face_fen
BEGIN
    INSERT OR IGNORE INTO derive_dirty_window SELECT from_ts, to_ts FROM coupon_window WHERE id = new.id;
END;
CREATE TRIGGER coupon_derive_dates AFTER UPDATE ON coupon
    WHEN old.valid_from IS NOT new.valid_from OR old.valid_to IS NOT new.valid_to OR old.valid_days IS NOT new.valid_days
BEGIN
    INSERT OR IGNORE INTO derive_dirty_window
        SELECT MIN(COALESCE(old.valid_from, k.starts_at), COALESCE(new.valid_from, k.starts_at)),
               MAX(COALESCE(old.valid_from, k.starts_at), COALESCE(new.valid_from, k.starts_at))
        FROM campaign k WHERE k.id = new.campaign_id;
    INSERT OR IGNORE INTO derive_dirty_window
        SELECT MIN(COALESCE(old.valid_to, k.ends_at + COALESCE(old.valid_days, 0) * 86400),
                   COALESCE(new.valid_to, k.ends_at + COALESCE(new.valid_days, 0) * 86400)),
               MAX(COALESCE(old.valid_to, k.ends_at + COALESCE(old.valid_days, 0) * 86400),
                   COALESCE(new.valid_to, k.ends_at + COALESCE(new.valid_days, 0) * 86400))
        FROM campaign k WHERE k.id = new.campaign_id;
END;

CREATE TRIGGER coupon_store_derive_insert AFTER INSERT ON coupon_store BEGIN
    INSERT OR IGNORE INTO derive_dirty_window SELECT from_ts, to_ts FROM coupon_window WHERE id = new.coupon_id;
END;
CREATE TRIGGER coupon_store_derive_delete BEFORE DELETE ON coupon_store BEGIN
    INSERT OR IGNORE INTO derive_dirty_window SELECT from_ts, to_ts FROM coupon_window WHERE id = old.coupon_id;
END;

-- A cancelled campaign's coupons count for nothing; other status changes change no trade.
CREATE TRIGGER campaign_derive_cancel AFTER UPDATE ON campaign
    WHEN (old.status = 'cancelled') <> (new.status = 'cancelled')
BEGIN
    INSERT OR IGNORE INTO derive_dirty_window SELECT from_ts, to_ts FROM coupon_window WHERE campaign_id = new.id;
    INSERT OR IGNORE INTO derive_dirty_window
        SELECT COALESCE(valid_from, old.starts_at), COALESCE(valid_to, old.ends_at + COALESCE(valid_days, 0) * 86400)
        FROM coupon WHERE campaign_id = new.id;
END;
-- Moved dates move the windows of the coupons that follow them, by their edges only.
CREATE TRIGGER campaign_derive_dates AFTER UPDATE ON campaign
    WHEN old.starts_at IS NOT new.starts_at OR old.ends_at IS NOT new.ends_at
BEGIN
    INSERT OR IGNORE INTO derive_dirty_window
        SELECT MIN(old.starts_at, new.starts_at), MAX(old.starts_at, new.starts_at)
        FROM coupon WHERE campaign_id = new.id AND valid_from IS NULL;
    INSERT OR IGNORE INTO derive_dirty_window
        SELECT MIN(old.ends_at, new.ends_at) + COALESCE(valid_days, 0) * 86400,
               MAX(old.ends_at, new.ends_at) + COALESCE(valid_days, 0) * 86400
        FROM coupon WHERE campaign_id = new.id AND valid_to IS NULL;
END;
CREATE TRIGGER campaign_derive_delete BEFORE DELETE ON campaign BEGIN
    INSERT OR IGNORE INTO derive_dirty_window SELECT from_ts, to_ts FROM coupon_window WHERE campaign_id = old.id;
END;

CREATE TRIGGER campaign_store_derive_insert AFTER INSERT ON campaign_store BEGIN
    INSERT OR IGNORE INTO derive_dirty_window SELECT from_ts, to_ts FROM coupon_window WHERE campaign_id = new.campaign_id;
END;
CREATE TRIGGER campaign_store_derive_delete BEFORE DELETE ON campaign_store BEGIN
    INSERT OR IGNORE INTO derive_dirty_window SELECT from_ts, to_ts FROM coupon_window WHERE campaign_id = old.campaign_id;
END;

-- Coupons were attributed with the stores of the old two columns: derive every one once, now,
-- and sum the new rollup.
INSERT OR IGNORE INTO derive_dirty_window SELECT from_ts, to_ts FROM coupon_window;
INSERT OR IGNORE INTO trade_dirty_hour
    SELECT DISTINCT occurred_at - ((occurred_at % 3600) + 3600) % 3600 FROM trade;
