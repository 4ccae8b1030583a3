-- The first schema: the mall, its tenant stores, campaigns and provider settings.
-- Money is INTEGER fen; instants are INTEGER unix seconds (UTC).

CREATE TABLE mall (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    name      TEXT    NOT NULL,
    time_zone TEXT    NOT NULL,
    currency  TEXT    NOT NULL DEFAULT 'CNY' CHECK (currency = 'CNY')
) STRICT;

INSERT INTO mall (id, name, time_zone) VALUES (1, 'My Mall', 'Asia/Shanghai');

CREATE TABLE store (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    floor              TEXT NOT NULL DEFAULT '',
    category           TEXT NOT NULL DEFAULT '',
    wechat_sub_mch_id  TEXT,
    alipay_store_id    TEXT
) STRICT;

CREATE UNIQUE INDEX store_wechat_sub_mch_id ON store (wechat_sub_mch_id) WHERE wechat_sub_mch_id IS NOT NULL;
CREATE UNIQUE INDEX store_alipay_store_id ON store (alipay_store_id) WHERE alipay_store_id IS NOT NULL;

CREATE TABLE campaign (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    festival    TEXT,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL CHECK (ends_at >= starts_at),
    status      TEXT    NOT NULL CHECK (status IN ('draft','scheduled','live','ended','paused','cancelled')),
    budget_fen  INTEGER NOT NULL CHECK (budget_fen >= 0),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX campaign_starts_at ON campaign (starts_at);

CREATE TABLE campaign_store (
    campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    store_id    INTEGER NOT NULL REFERENCES store (id) ON DELETE RESTRICT,
    PRIMARY KEY (campaign_id, store_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX campaign_store_store ON campaign_store (store_id);

CREATE TABLE provider_setting (
    provider        TEXT    PRIMARY KEY CHECK (provider IN ('wechat_pay','alipay','unionpay','bank_card','member_card')),
    fee_rate        TEXT    NOT NULL,
    settlement_days INTEGER NOT NULL CHECK (settlement_days BETWEEN 0 AND 365)
) STRICT;

INSERT INTO provider_setting (provider, fee_rate, settlement_days) VALUES
    ('wechat_pay',  '0.60', 1),
    ('alipay',      '0.60', 1),
    ('unionpay',    '0.55', 1),
    ('bank_card',   '0.60', 1),
    ('member_card', '0',    0);
