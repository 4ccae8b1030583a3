-- Coupons: one row per coupon on one provider product, attached to a campaign. Coupons created
-- together as "one offer on several wallets" share an offer_id. Money is INTEGER fen; the
-- discount rate is the percent the customer pays (88 = 8.8折) as exact decimal text.
CREATE TABLE coupon_offer (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE
) STRICT;

CREATE TABLE coupon (
    id                  INTEGER PRIMARY KEY,
    campaign_id         INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    offer_id            INTEGER REFERENCES coupon_offer (id) ON DELETE SET NULL,
    product             TEXT    NOT NULL,
    provider            TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    bill_name           TEXT    NOT NULL DEFAULT '',
    description         TEXT    NOT NULL DEFAULT '',
    kind                TEXT    NOT NULL CHECK (kind IN ('fixed','discount','exchange','gift','points')),
    face_fen            INTEGER CHECK (face_fen >= 0),
    threshold_fen       INTEGER NOT NULL DEFAULT 0 CHECK (threshold_fen >= 0),
    pay_percent         TEXT,
    cap_fen             INTEGER CHECK (cap_fen >= 0),
    price_fen           INTEGER CHECK (price_fen >= 0),
    original_price_fen  INTEGER CHECK (original_price_fen >= 0),
    multiplier          TEXT,
    max_discount_fen    INTEGER NOT NULL CHECK (max_discount_fen >= 0),
    quantity            INTEGER NOT NULL CHECK (quantity > 0),
    per_user_limit      INTEGER NOT NULL DEFAULT 0 CHECK (per_user_limit >= 0),
    per_user_period     TEXT    NOT NULL DEFAULT 'campaign',
    daily_cap           INTEGER NOT NULL DEFAULT 0 CHECK (daily_cap >= 0),
    validity_kind       TEXT    NOT NULL CHECK (validity_kind IN ('absolute','relative')),
    valid_from          INTEGER,
    valid_to            INTEGER,
    valid_days          INTEGER,
    wait_days           INTEGER NOT NULL DEFAULT 0,
    time_slots          TEXT    NOT NULL DEFAULT '[]',
    mall_share          TEXT    NOT NULL,
    tenant_share        TEXT    NOT NULL,
    provider_share      TEXT    NOT NULL,
    exclusive           INTEGER NOT NULL DEFAULT 0,
    stackable_with      TEXT    NOT NULL DEFAULT '[]',
    priority            INTEGER NOT NULL DEFAULT 0,
    provider_ref        TEXT    NOT NULL DEFAULT '',
    card_bins           TEXT    NOT NULL DEFAULT '[]',
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
) STRICT;

CREATE INDEX coupon_campaign ON coupon (campaign_id);
CREATE INDEX coupon_bill_name ON coupon (provider, bill_name);

CREATE TABLE coupon_store (
    coupon_id INTEGER NOT NULL REFERENCES coupon (id) ON DELETE CASCADE,
    store_id  INTEGER NOT NULL REFERENCES store (id) ON DELETE RESTRICT,
    PRIMARY KEY (coupon_id, store_id)
) STRICT, WITHOUT ROWID;
