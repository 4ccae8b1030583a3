-- People, history and sign-off (docs/TEAM-DATABASE.md, "People, roles, sign-off"): the same
-- tables as the team database's 0015, so the history and the sign-off read the same on both
-- stores.
--
-- On the embedded store the person is who PromoDesk acts for (the operating system's user):
-- each write transaction of PromoDesk names them in `write_actor` first (`Db::write`) and empties
-- it before committing, so a change made by another program (the sqlite3 shell) still works and
-- its history says "outside PromoDesk" rather than failing on a missing function.
-- There are no roles to check here (one desktop, one person who may do everything), and no
-- trigger refuses a launch without a sign-off: signing off is optional on the embedded store.

CREATE TABLE write_actor (
    name TEXT NOT NULL
) STRICT;

CREATE TABLE person (
    role_name    TEXT    PRIMARY KEY,
    display_name TEXT    NOT NULL,
    created_at   INTEGER NOT NULL
) STRICT;

-- Every change to a campaign, its coupons, stores, status and sign-offs, written by the
-- triggers below; `before`/`after` are the rows as JSON objects (NULL on insert / delete).
CREATE TABLE audit (
    id           INTEGER PRIMARY KEY,
    campaign_id  INTEGER NOT NULL,
    table_name   TEXT    NOT NULL,
    row_id       INTEGER NOT NULL,
    action       TEXT    NOT NULL CHECK (action IN ('insert','update','delete')),
    role_name    TEXT    NOT NULL,
    display_name TEXT    NOT NULL DEFAULT '',
    changed_at   INTEGER NOT NULL,
    before       TEXT,
    after        TEXT
) STRICT;
CREATE INDEX audit_campaign ON audit (campaign_id, id);

-- How often what the launch checklist covers changed (the campaign but its status, its coupons,
-- its stores): a sign-off records the version it saw.
-- `entries` is the team database's numbering of a campaign's history (its audit has no rowid
-- to order by); here audit's own rowid orders it and the column stays 0.
CREATE TABLE campaign_content (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaign (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL DEFAULT 0,
    entries     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE launch_signoff (
    id               INTEGER PRIMARY KEY,
    campaign_id      INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    checklist_sha256 TEXT    NOT NULL,
    signed_by        TEXT    NOT NULL,
    signed_at        INTEGER NOT NULL,
    content_version  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX launch_signoff_campaign ON launch_signoff (campaign_id, id);

ALTER TABLE campaign ADD COLUMN checklist_sha256 TEXT;

-- One trigger per table and change (generated from the column lists; SQLite has no to_jsonb).
CREATE TRIGGER campaign_audit_insert AFTER INSERT ON campaign
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT NEW.id, 'campaign', NEW.id, 'insert', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), NULL, json_object('id', NEW.id, 'name', NEW.name, 'description', NEW.description, 'festival', NEW.festival, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at, 'status', NEW.status, 'budget_fen', NEW.budget_fen, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'checklist_sha256', NEW.checklist_sha256)
    WHERE NEW.id IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT NEW.id, 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = NEW.id)
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER campaign_audit_update AFTER UPDATE ON campaign
    WHEN json_object('id', OLD.id, 'name', OLD.name, 'description', OLD.description, 'festival', OLD.festival, 'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at, 'status', OLD.status, 'budget_fen', OLD.budget_fen, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'checklist_sha256', OLD.checklist_sha256) IS NOT json_object('id', NEW.id, 'name', NEW.name, 'description', NEW.description, 'festival', NEW.festival, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at, 'status', NEW.status, 'budget_fen', NEW.budget_fen, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'checklist_sha256', NEW.checklist_sha256)
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT NEW.id, 'campaign', NEW.id, 'update', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), json_object('id', OLD.id, 'name', OLD.name, 'description', OLD.description, 'festival', OLD.festival, 'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at, 'status', OLD.status, 'budget_fen', OLD.budget_fen, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'checklist_sha256', OLD.checklist_sha256), json_object('id', NEW.id, 'name', NEW.name, 'description', NEW.description, 'festival', NEW.festival, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at, 'status', NEW.status, 'budget_fen', NEW.budget_fen, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'checklist_sha256', NEW.checklist_sha256)
    WHERE NEW.id IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT NEW.id, 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = NEW.id)
      AND json_object('id', OLD.id, 'name', OLD.name, 'description', OLD.description, 'festival', OLD.festival, 'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at, 'budget_fen', OLD.budget_fen, 'created_at', OLD.created_at)
          IS NOT json_object('id', NEW.id, 'name', NEW.name, 'description', NEW.description, 'festival', NEW.festival, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at, 'budget_fen', NEW.budget_fen, 'created_at', NEW.created_at)
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER campaign_audit_delete AFTER DELETE ON campaign
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT OLD.id, 'campaign', OLD.id, 'delete', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), json_object('id', OLD.id, 'name', OLD.name, 'description', OLD.description, 'festival', OLD.festival, 'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at, 'status', OLD.status, 'budget_fen', OLD.budget_fen, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'checklist_sha256', OLD.checklist_sha256), NULL
    WHERE OLD.id IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT OLD.id, 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = OLD.id)
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER coupon_audit_insert AFTER INSERT ON coupon
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT NEW.campaign_id, 'coupon', NEW.id, 'insert', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), NULL, json_object('id', NEW.id, 'campaign_id', NEW.campaign_id, 'offer_id', NEW.offer_id, 'product', NEW.product, 'provider', NEW.provider, 'name', NEW.name, 'bill_name', NEW.bill_name, 'description', NEW.description, 'kind', NEW.kind, 'face_fen', NEW.face_fen, 'threshold_fen', NEW.threshold_fen, 'pay_percent', NEW.pay_percent, 'cap_fen', NEW.cap_fen, 'price_fen', NEW.price_fen, 'original_price_fen', NEW.original_price_fen, 'multiplier', NEW.multiplier, 'max_discount_fen', NEW.max_discount_fen, 'quantity', NEW.quantity, 'per_user_limit', NEW.per_user_limit, 'per_user_period', NEW.per_user_period, 'daily_cap', NEW.daily_cap, 'validity_kind', NEW.validity_kind, 'valid_from', NEW.valid_from, 'valid_to', NEW.valid_to, 'valid_days', NEW.valid_days, 'wait_days', NEW.wait_days, 'time_slots', NEW.time_slots, 'mall_share', NEW.mall_share, 'tenant_share', NEW.tenant_share, 'provider_share', NEW.provider_share, 'exclusive', NEW.exclusive, 'stackable_with', NEW.stackable_with, 'priority', NEW.priority, 'provider_ref', NEW.provider_ref, 'card_bins', NEW.card_bins, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'wallet_color', NEW.wallet_color)
    WHERE NEW.campaign_id IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT NEW.campaign_id, 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = NEW.campaign_id)
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER coupon_audit_update AFTER UPDATE ON coupon
    WHEN json_object('id', OLD.id, 'campaign_id', OLD.campaign_id, 'offer_id', OLD.offer_id, 'product', OLD.product, 'provider', OLD.provider, 'name', OLD.name, 'bill_name', OLD.bill_name, 'description', OLD.description, 'kind', OLD.kind, 'face_fen', OLD.face_fen, 'threshold_fen', OLD.threshold_fen, 'pay_percent', OLD.pay_percent, 'cap_fen', OLD.cap_fen, 'price_fen', OLD.price_fen, 'original_price_fen', OLD.original_price_fen, 'multiplier', OLD.multiplier, 'max_discount_fen', OLD.max_discount_fen, 'quantity', OLD.quantity, 'per_user_limit', OLD.per_user_limit, 'per_user_period', OLD.per_user_period, 'daily_cap', OLD.daily_cap, 'validity_kind', OLD.validity_kind, 'valid_from', OLD.valid_from, 'valid_to', OLD.valid_to, 'valid_days', OLD.valid_days, 'wait_days', OLD.wait_days, 'time_slots', OLD.time_slots, 'mall_share', OLD.mall_share, 'tenant_share', OLD.tenant_share, 'provider_share', OLD.provider_share, 'exclusive', OLD.exclusive, 'stackable_with', OLD.stackable_with, 'priority', OLD.priority, 'provider_ref', OLD.provider_ref, 'card_bins', OLD.card_bins, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'wallet_color', OLD.wallet_color) IS NOT json_object('id', NEW.id, 'campaign_id', NEW.campaign_id, 'offer_id', NEW.offer_id, 'product', NEW.product, 'provider', NEW.provider, 'name', NEW.name, 'bill_name', NEW.bill_name, 'description', NEW.description, 'kind', NEW.kind, 'face_fen', NEW.face_fen, 'threshold_fen', NEW.threshold_fen, 'pay_percent', NEW.pay_percent, 'cap_fen', NEW.cap_fen, 'price_fen', NEW.price_fen, 'original_price_fen', NEW.original_price_fen, 'multiplier', NEW.multiplier, 'max_discount_fen', NEW.max_discount_fen, 'quantity', NEW.quantity, 'per_user_limit', NEW.per_user_limit, 'per_user_period', NEW.per_user_period, 'daily_cap', NEW.daily_cap, 'validity_kind', NEW.validity_kind, 'valid_from', NEW.valid_from, 'valid_to', NEW.valid_to, 'valid_days', NEW.valid_days, 'wait_days', NEW.wait_days, 'time_slots', NEW.time_slots, 'mall_share', NEW.mall_share, 'tenant_share', NEW.tenant_share, 'provider_share', NEW.provider_share, 'exclusive', NEW.exclusive, 'stackable_with', NEW.stackable_with, 'priority', NEW.priority, 'provider_ref', NEW.provider_ref, 'card_bins', NEW.card_bins, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'wallet_color', NEW.wallet_color)
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT NEW.campaign_id, 'coupon', NEW.id, 'update', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), json_object('id', OLD.id, 'campaign_id', OLD.campaign_id, 'offer_id', OLD.offer_id, 'product', OLD.product, 'provider', OLD.provider, 'name', OLD.name, 'bill_name', OLD.bill_name, 'description', OLD.description, 'kind', OLD.kind, 'face_fen', OLD.face_fen, 'threshold_fen', OLD.threshold_fen, 'pay_percent', OLD.pay_percent, 'cap_fen', OLD.cap_fen, 'price_fen', OLD.price_fen, 'original_price_fen', OLD.original_price_fen, 'multiplier', OLD.multiplier, 'max_discount_fen', OLD.max_discount_fen, 'quantity', OLD.quantity, 'per_user_limit', OLD.per_user_limit, 'per_user_period', OLD.per_user_period, 'daily_cap', OLD.daily_cap, 'validity_kind', OLD.validity_kind, 'valid_from', OLD.valid_from, 'valid_to', OLD.valid_to, 'valid_days', OLD.valid_days, 'wait_days', OLD.wait_days, 'time_slots', OLD.time_slots, 'mall_share', OLD.mall_share, 'tenant_share', OLD.tenant_share, 'provider_share', OLD.provider_share, 'exclusive', OLD.exclusive, 'stackable_with', OLD.stackable_with, 'priority', OLD.priority, 'provider_ref', OLD.provider_ref, 'card_bins', OLD.card_bins, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'wallet_color', OLD.wallet_color), json_object('id', NEW.id, 'campaign_id', NEW.campaign_id, 'offer_id', NEW.offer_id, 'product', NEW.product, 'provider', NEW.provider, 'name', NEW.name, 'bill_name', NEW.bill_name, 'description', NEW.description, 'kind', NEW.kind, 'face_fen', NEW.face_fen, 'threshold_fen', NEW.threshold_fen, 'pay_percent', NEW.pay_percent, 'cap_fen', NEW.cap_fen, 'price_fen', NEW.price_fen, 'original_price_fen', NEW.original_price_fen, 'multiplier', NEW.multiplier, 'max_discount_fen', NEW.max_discount_fen, 'quantity', NEW.quantity, 'per_user_limit', NEW.per_user_limit, 'per_user_period', NEW.per_user_period, 'daily_cap', NEW.daily_cap, 'validity_kind', NEW.validity_kind, 'valid_from', NEW.valid_from, 'valid_to', NEW.valid_to, 'valid_days', NEW.valid_days, 'wait_days', NEW.wait_days, 'time_slots', NEW.time_slots, 'mall_share', NEW.mall_share, 'tenant_share', NEW.tenant_share, 'provider_share', NEW.provider_share, 'exclusive', NEW.exclusive, 'stackable_with', NEW.stackable_with, 'priority', NEW.priority, 'provider_ref', NEW.provider_ref, 'card_bins', NEW.card_bins, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'wallet_color', NEW.wallet_color)
    WHERE NEW.campaign_id IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT NEW.campaign_id, 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = NEW.campaign_id)
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER coupon_audit_delete AFTER DELETE ON coupon
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT OLD.campaign_id, 'coupon', OLD.id, 'delete', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), json_object('id', OLD.id, 'campaign_id', OLD.campaign_id, 'offer_id', OLD.offer_id, 'product', OLD.product, 'provider', OLD.provider, 'name', OLD.name, 'bill_name', OLD.bill_name, 'description', OLD.description, 'kind', OLD.kind, 'face_fen', OLD.face_fen, 'threshold_fen', OLD.threshold_fen, 'pay_percent', OLD.pay_percent, 'cap_fen', OLD.cap_fen, 'price_fen', OLD.price_fen, 'original_price_fen', OLD.original_price_fen, 'multiplier', OLD.multiplier, 'max_discount_fen', OLD.max_discount_fen, 'quantity', OLD.quantity, 'per_user_limit', OLD.per_user_limit, 'per_user_period', OLD.per_user_period, 'daily_cap', OLD.daily_cap, 'validity_kind', OLD.validity_kind, 'valid_from', OLD.valid_from, 'valid_to', OLD.valid_to, 'valid_days', OLD.valid_days, 'wait_days', OLD.wait_days, 'time_slots', OLD.time_slots, 'mall_share', OLD.mall_share, 'tenant_share', OLD.tenant_share, 'provider_share', OLD.provider_share, 'exclusive', OLD.exclusive, 'stackable_with', OLD.stackable_with, 'priority', OLD.priority, 'provider_ref', OLD.provider_ref, 'card_bins', OLD.card_bins, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'wallet_color', OLD.wallet_color), NULL
    WHERE OLD.campaign_id IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT OLD.campaign_id, 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = OLD.campaign_id)
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER campaign_store_audit_insert AFTER INSERT ON campaign_store
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT NEW.campaign_id, 'campaign_store', NEW.store_id, 'insert', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), NULL, json_object('campaign_id', NEW.campaign_id, 'store_id', NEW.store_id)
    WHERE NEW.campaign_id IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT NEW.campaign_id, 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = NEW.campaign_id)
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER campaign_store_audit_update AFTER UPDATE ON campaign_store
    WHEN json_object('campaign_id', OLD.campaign_id, 'store_id', OLD.store_id) IS NOT json_object('campaign_id', NEW.campaign_id, 'store_id', NEW.store_id)
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT NEW.campaign_id, 'campaign_store', NEW.store_id, 'update', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), json_object('campaign_id', OLD.campaign_id, 'store_id', OLD.store_id), json_object('campaign_id', NEW.campaign_id, 'store_id', NEW.store_id)
    WHERE NEW.campaign_id IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT NEW.campaign_id, 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = NEW.campaign_id)
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER campaign_store_audit_delete AFTER DELETE ON campaign_store
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT OLD.campaign_id, 'campaign_store', OLD.store_id, 'delete', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), json_object('campaign_id', OLD.campaign_id, 'store_id', OLD.store_id), NULL
    WHERE OLD.campaign_id IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT OLD.campaign_id, 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = OLD.campaign_id)
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER coupon_store_audit_insert AFTER INSERT ON coupon_store
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT (SELECT c.campaign_id FROM coupon c WHERE c.id = NEW.coupon_id), 'coupon_store', NEW.store_id, 'insert', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), NULL, json_object('coupon_id', NEW.coupon_id, 'store_id', NEW.store_id)
    WHERE (SELECT c.campaign_id FROM coupon c WHERE c.id = NEW.coupon_id) IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT (SELECT c.campaign_id FROM coupon c WHERE c.id = NEW.coupon_id), 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = (SELECT c.campaign_id FROM coupon c WHERE c.id = NEW.coupon_id))
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER coupon_store_audit_update AFTER UPDATE ON coupon_store
    WHEN json_object('coupon_id', OLD.coupon_id, 'store_id', OLD.store_id) IS NOT json_object('coupon_id', NEW.coupon_id, 'store_id', NEW.store_id)
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT (SELECT c.campaign_id FROM coupon c WHERE c.id = NEW.coupon_id), 'coupon_store', NEW.store_id, 'update', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), json_object('coupon_id', OLD.coupon_id, 'store_id', OLD.store_id), json_object('coupon_id', NEW.coupon_id, 'store_id', NEW.store_id)
    WHERE (SELECT c.campaign_id FROM coupon c WHERE c.id = NEW.coupon_id) IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT (SELECT c.campaign_id FROM coupon c WHERE c.id = NEW.coupon_id), 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = (SELECT c.campaign_id FROM coupon c WHERE c.id = NEW.coupon_id))
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER coupon_store_audit_delete AFTER DELETE ON coupon_store
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT (SELECT c.campaign_id FROM coupon c WHERE c.id = OLD.coupon_id), 'coupon_store', OLD.store_id, 'delete', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), json_object('coupon_id', OLD.coupon_id, 'store_id', OLD.store_id), NULL
    WHERE (SELECT c.campaign_id FROM coupon c WHERE c.id = OLD.coupon_id) IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT (SELECT c.campaign_id FROM coupon c WHERE c.id = OLD.coupon_id), 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = (SELECT c.campaign_id FROM coupon c WHERE c.id = OLD.coupon_id))
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER campaign_provider_budget_audit_insert AFTER INSERT ON campaign_provider_budget
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT NEW.campaign_id, 'campaign_provider_budget', 0, 'insert', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), NULL, json_object('campaign_id', NEW.campaign_id, 'provider', NEW.provider, 'budget_fen', NEW.budget_fen)
    WHERE NEW.campaign_id IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT NEW.campaign_id, 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = NEW.campaign_id)
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER campaign_provider_budget_audit_update AFTER UPDATE ON campaign_provider_budget
    WHEN json_object('campaign_id', OLD.campaign_id, 'provider', OLD.provider, 'budget_fen', OLD.budget_fen) IS NOT json_object('campaign_id', NEW.campaign_id, 'provider', NEW.provider, 'budget_fen', NEW.budget_fen)
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT NEW.campaign_id, 'campaign_provider_budget', 0, 'update', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), json_object('campaign_id', OLD.campaign_id, 'provider', OLD.provider, 'budget_fen', OLD.budget_fen), json_object('campaign_id', NEW.campaign_id, 'provider', NEW.provider, 'budget_fen', NEW.budget_fen)
    WHERE NEW.campaign_id IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT NEW.campaign_id, 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = NEW.campaign_id)
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER campaign_provider_budget_audit_delete AFTER DELETE ON campaign_provider_budget
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT OLD.campaign_id, 'campaign_provider_budget', 0, 'delete', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), json_object('campaign_id', OLD.campaign_id, 'provider', OLD.provider, 'budget_fen', OLD.budget_fen), NULL
    WHERE OLD.campaign_id IS NOT NULL;
    INSERT INTO campaign_content (campaign_id, version) SELECT OLD.campaign_id, 1
    WHERE EXISTS (SELECT 1 FROM campaign WHERE id = OLD.campaign_id)
    ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER launch_signoff_audit_insert AFTER INSERT ON launch_signoff
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT NEW.campaign_id, 'launch_signoff', NEW.id, 'insert', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), NULL, json_object('id', NEW.id, 'campaign_id', NEW.campaign_id, 'checklist_sha256', NEW.checklist_sha256, 'signed_by', NEW.signed_by, 'signed_at', NEW.signed_at, 'content_version', NEW.content_version)
    WHERE NEW.campaign_id IS NOT NULL;
    UPDATE launch_signoff
    SET content_version = COALESCE((SELECT version FROM campaign_content WHERE campaign_id = NEW.campaign_id), 0)
    WHERE id = NEW.id;
END;

CREATE TRIGGER launch_signoff_audit_delete AFTER DELETE ON launch_signoff
BEGIN
    INSERT INTO audit (campaign_id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    SELECT OLD.campaign_id, 'launch_signoff', OLD.id, 'delete', COALESCE((SELECT name FROM write_actor), 'outside PromoDesk'),
           COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = COALESCE((SELECT name FROM write_actor), 'outside PromoDesk')), ''),
           CAST(strftime('%s', 'now') AS INTEGER), json_object('id', OLD.id, 'campaign_id', OLD.campaign_id, 'checklist_sha256', OLD.checklist_sha256, 'signed_by', OLD.signed_by, 'signed_at', OLD.signed_at, 'content_version', OLD.content_version), NULL
    WHERE OLD.campaign_id IS NOT NULL;
END;

