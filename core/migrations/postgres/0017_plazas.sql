-- Plazas (issue 21, point 4): a team database holds the malls of a group, one `mall` row per
-- plaza, and every mall-owned row carries the plaza it belongs to. The session chooses its
-- plaza right after connecting (`SELECT promodesk_use_mall(id)`, core/src/mall/plaza.rs); from
-- then on row-level security shows and accepts only that plaza's rows, so every query of
-- core/src runs unchanged inside it and every insert lands in it (mall_id's default).
--
-- Soundness: the policies do not trust the setting alone. `promodesk_current_mall()` answers the
-- chosen plaza only while `session_user` may use it (a grant in `mall_grant` to the login role or
-- a group role it belongs to, or the login owns the database); a session that sets
-- `promodesk.mall` itself to a plaza it was not granted sees no row and can write none. The
-- grant table is readable and writable by the database owner only (the functions below are
-- SECURITY DEFINER and read it for everyone). FORCE makes the policies bind the tables' owner
-- too; PostgreSQL's superusers and BYPASSRLS roles are never bound by any policy, which is why
-- PromoDesk refuses to work in a database of several plazas as one (core/src/mall/plaza.rs).
--
-- Views run as the caller (security_invoker, PostgreSQL 15+), so the policies of the tables
-- under them are the caller's whoever owns the view; on 14 they run as the view's owner, which
-- the policies bind as well (FORCE) unless the owner is a superuser.

-- ---------------------------------------------------------------------------------------------
-- Plazas and who may use them
-- ---------------------------------------------------------------------------------------------

ALTER TABLE mall DROP CONSTRAINT mall_id_check;
ALTER TABLE mall ADD CONSTRAINT mall_name_key UNIQUE (name);
SELECT setval(pg_get_serial_sequence('mall', 'id'), (SELECT max(id) FROM mall));

-- role_name: a login role or a group role (its members inherit the grant). No foreign key on
-- the role (roles are not rows); a grant to a role that does not exist grants nothing.
CREATE TABLE mall_grant (
    role_name TEXT COLLATE "C" NOT NULL,
    -- Deferred: promodesk_add_mall grants a new plaza before its row exists.
    mall_id   BIGINT NOT NULL REFERENCES mall (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (role_name, mall_id)
);
REVOKE ALL ON mall_grant FROM PUBLIC;
-- And should a role be given rights on it later (GRANT … ON ALL TABLES), the rows still answer
-- only to the database's owner and to the functions below (which run as the table's owner).
ALTER TABLE mall_grant ENABLE ROW LEVEL SECURITY;
ALTER TABLE mall_grant FORCE ROW LEVEL SECURITY;
CREATE POLICY mall_grant_owner ON mall_grant
    USING (current_user = (SELECT tableowner FROM pg_tables
                           WHERE tablename = 'mall_grant' AND schemaname = current_schema())
           OR pg_has_role(session_user,
                          (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER'));
-- Roles given rights on every table by earlier migrations' default privileges lose them here.
DO $$
DECLARE g RECORD;
BEGIN
    FOR g IN SELECT DISTINCT grantee FROM information_schema.role_table_grants
             WHERE table_name = 'mall_grant' AND table_schema = current_schema()
               AND grantee <> (SELECT tableowner FROM pg_tables
                               WHERE tablename = 'mall_grant' AND schemaname = current_schema())
    LOOP
        EXECUTE format('REVOKE ALL ON mall_grant FROM %I', g.grantee);
    END LOOP;
END $$;

-- Whether the login of this session may use plaza m: it owns the database (or is a member of
-- the role that does), or m is granted to it or to a role it belongs to.
CREATE FUNCTION promodesk_may_use(m BIGINT) RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT pg_has_role(session_user,
                       (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER')
        OR EXISTS (SELECT 1 FROM mall_grant g JOIN pg_roles r ON r.rolname = g.role_name
                   WHERE g.mall_id = m AND pg_has_role(session_user, r.oid, 'MEMBER'))
$$;

-- The plaza this session chose, if it may use it; NULL otherwise (then no policy matches).
CREATE FUNCTION promodesk_current_mall() RETURNS BIGINT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT m FROM (SELECT NULLIF(current_setting('promodesk.mall', true), '')::bigint AS m) s
    WHERE promodesk_may_use(m)
$$;

-- Chooses the plaza of this session (until it chooses another or ends).
CREATE FUNCTION promodesk_use_mall(m BIGINT) RETURNS BIGINT
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM mall WHERE id = m) OR NOT promodesk_may_use(m) THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('plaza %s is not granted to %s', m, session_user);
    END IF;
    PERFORM set_config('promodesk.mall', m::text, false);
    RETURN m;
END $$;

-- Whether the login of this session may add plazas and grant them: the database's owner, or an
-- approver (the role of migration 0015, when it exists) for the plazas it may use.
CREATE FUNCTION promodesk_may_manage(m BIGINT) RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT pg_has_role(session_user,
                       (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER')
        OR (to_regrole('promodesk_approver') IS NOT NULL
            AND pg_has_role(session_user, 'promodesk_approver', 'MEMBER')
            AND (m IS NULL OR promodesk_may_use(m)))
$$;

-- Adds a plaza (its provider settings as a new database has them) and grants it to the login
-- that added it. The session's plaza stays what it was.
CREATE FUNCTION promodesk_add_mall(p_name TEXT, p_zone TEXT) RETURNS BIGINT
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    v_id BIGINT;
    v_was TEXT := current_setting('promodesk.mall', true);
BEGIN
    IF NOT promodesk_may_manage(NULL) THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('%s may not add plazas', session_user);
    END IF;
    v_id := nextval(pg_get_serial_sequence('mall', 'id'));
    INSERT INTO mall_grant (role_name, mall_id) VALUES (session_user, v_id);
    INSERT INTO mall (id, name, time_zone) VALUES (v_id, p_name, p_zone);
    PERFORM set_config('promodesk.mall', v_id::text, true);
    INSERT INTO provider_setting (provider, fee_rate, settlement_days) VALUES
        ('wechat_pay',  '0.60', 1),
        ('alipay',      '0.60', 1),
        ('unionpay',    '0.55', 1),
        ('bank_card',   '0.60', 1),
        ('member_card', '0',    0);
    PERFORM set_config('promodesk.mall', COALESCE(v_was, ''), true);
    RETURN v_id;
END $$;

-- Grants plaza m to a role (a person's login role or a group role).
CREATE FUNCTION promodesk_grant_mall(p_role TEXT, m BIGINT) RETURNS BIGINT
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT promodesk_may_manage(m) THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('%s may not grant plaza %s', session_user, m);
    END IF;
    INSERT INTO mall_grant (role_name, mall_id) VALUES (p_role, m) ON CONFLICT DO NOTHING;
    RETURN m;
END $$;

-- A person sees the plazas they may use (the list to choose from), and changes only the
-- current one.
ALTER TABLE mall ENABLE ROW LEVEL SECURITY;
ALTER TABLE mall FORCE ROW LEVEL SECURITY;
CREATE POLICY mall_granted ON mall FOR SELECT USING (promodesk_may_use(id));
CREATE POLICY mall_current ON mall FOR UPDATE
    USING (id = (SELECT promodesk_current_mall()))
    WITH CHECK (id = (SELECT promodesk_current_mall()));
CREATE POLICY mall_add ON mall FOR INSERT WITH CHECK (promodesk_may_use(id));

-- What SQLite's readers of the singleton read (`WHERE id = 1` there): the current plaza.
CREATE VIEW current_mall AS
SELECT * FROM mall WHERE id = (SELECT promodesk_current_mall());

-- ---------------------------------------------------------------------------------------------
-- mall_id on every mall-owned table
-- ---------------------------------------------------------------------------------------------
-- Existing rows belong to the first plaza; new rows to the session's. `current_setting` without
-- its missing_ok argument: a session that chose no plaza cannot write a row.
DO $$
DECLARE t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['store', 'campaign', 'campaign_store', 'provider_setting',
        'campaign_status_history', 'app_setting', 'campaign_provider_budget', 'coupon_offer',
        'coupon', 'coupon_store', 'import_batch', 'import_mapping', 'trade_dirty_hour', 'footfall',
        'merchant_account', 'derive_dirty_merchant', 'derive_dirty_window',
        'merchant_coupon_payment', 'trade_hour_total', 'mall_logo', 'code_pool', 'coupon_code',
        'code_redemption_file', 'code_redemption', 'merchant_ref', 'trade_row', 'trade_hour_row',
        'trade_merchant', 'audit', 'campaign_content', 'launch_signoff', 'revision_mark',
        'campaign_revision', 'coupon_revision']
    LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN mall_id BIGINT NOT NULL DEFAULT 1', t);
        EXECUTE format($f$ALTER TABLE %I ALTER COLUMN mall_id
                       SET DEFAULT current_setting('promodesk.mall')::bigint$f$, t);
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY plaza ON %I
                        USING (mall_id = (SELECT promodesk_current_mall()))
                        WITH CHECK (mall_id = (SELECT promodesk_current_mall()))', t);
    END LOOP;
END $$;

-- What is unique within a mall is unique within a plaza (the plaza first: every query is within
-- one, so the keys' indexes serve it).
ALTER TABLE store DROP CONSTRAINT store_name_key, ADD CONSTRAINT store_name_key UNIQUE (mall_id, name);
ALTER TABLE provider_setting DROP CONSTRAINT provider_setting_pkey, ADD PRIMARY KEY (mall_id, provider);
ALTER TABLE app_setting DROP CONSTRAINT app_setting_pkey, ADD PRIMARY KEY (mall_id, key);
ALTER TABLE import_mapping DROP CONSTRAINT import_mapping_pkey, ADD PRIMARY KEY (mall_id, name);
ALTER TABLE trade_dirty_hour DROP CONSTRAINT trade_dirty_hour_pkey, ADD PRIMARY KEY (mall_id, hour_ts);
ALTER TABLE footfall DROP CONSTRAINT footfall_pkey, ADD PRIMARY KEY (mall_id, date, hour, entrance);
ALTER TABLE merchant_account DROP CONSTRAINT merchant_account_pkey,
    ADD PRIMARY KEY (mall_id, provider, merchant_id);
ALTER TABLE derive_dirty_merchant DROP CONSTRAINT derive_dirty_merchant_pkey,
    ADD PRIMARY KEY (mall_id, provider, merchant_id);
ALTER TABLE derive_dirty_window DROP CONSTRAINT derive_dirty_window_pkey,
    ADD PRIMARY KEY (mall_id, from_ts, to_ts);
ALTER TABLE merchant_coupon_payment DROP CONSTRAINT merchant_coupon_payment_pkey,
    ADD PRIMARY KEY (mall_id, provider, merchant_id, trade_id);
ALTER TABLE trade_hour_total DROP CONSTRAINT trade_hour_total_pkey,
    ADD PRIMARY KEY (mall_id, hour_ts, provider, kind, coupon_key, used);
-- One logo per plaza; the id column stays (always 1), as SQLite has it.
ALTER TABLE mall_logo DROP CONSTRAINT mall_logo_pkey, ADD PRIMARY KEY (mall_id);
ALTER TABLE coupon_code DROP CONSTRAINT coupon_code_code_key,
    ADD CONSTRAINT coupon_code_code_key UNIQUE (mall_id, code);
ALTER TABLE code_redemption_file DROP CONSTRAINT code_redemption_file_digest_key,
    ADD CONSTRAINT code_redemption_file_digest_key UNIQUE (mall_id, digest);
ALTER TABLE merchant_ref DROP CONSTRAINT merchant_ref_merchant_id_key,
    ADD CONSTRAINT merchant_ref_merchant_id_key UNIQUE (mall_id, merchant_id);
ALTER TABLE trade_row DROP CONSTRAINT trade_row_key,
    ADD CONSTRAINT trade_row_key UNIQUE (mall_id, provider, refund, key);
CREATE INDEX trade_row_mall_time ON trade_row (mall_id, occurred_at);
DROP INDEX trade_row_time;
ALTER TABLE trade_hour_row DROP CONSTRAINT trade_hour_row_pkey,
    ADD PRIMARY KEY (mall_id, hour_ts, provider, refund, merchant_ref, coupon_key, used);
ALTER TABLE trade_merchant DROP CONSTRAINT trade_merchant_pkey,
    ADD PRIMARY KEY (mall_id, provider, merchant_ref);

-- The trade view's insert finds a stored trade within the plaza (its ON CONFLICT names the
-- plaza's key); otherwise as in 0014.
CREATE OR REPLACE FUNCTION trade_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_provider BIGINT := CASE NEW.provider WHEN 'wechat_pay' THEN 0 WHEN 'alipay' THEN 1
                              WHEN 'unionpay' THEN 2 WHEN 'bank_card' THEN 3 WHEN 'member_card' THEN 4 END;
    v_refund   BIGINT := CASE NEW.kind WHEN 'payment' THEN 0 WHEN 'refund' THEN 1 END;
    v_key      TEXT := COALESCE(NEW.key, '');
    v_id       BIGINT;
BEGIN
    IF EXISTS (SELECT 1 FROM trade_row r
               WHERE r.provider = v_provider AND r.refund = (NEW.kind = 'refund')::int
                 AND r.key = v_key) THEN
        RETURN NULL;
    END IF;
    INSERT INTO merchant_ref (merchant_id) VALUES (COALESCE(NEW.merchant_id, '')) ON CONFLICT DO NOTHING;
    INSERT INTO trade_row (id, batch_id, provider, refund, key_hash, key, trade_no, merchant_order_no,
                           occurred_at, merchant_ref, order_fen, settle_less, coupon_fen,
                           provider_discount_fen, merchant_discount_fen, refund_fen, fee_e5,
                           coupon_name, coupon_id, line)
    VALUES (COALESCE(NEW.id, nextval(pg_get_serial_sequence('trade_row', 'id'))), NEW.batch_id,
            v_provider, v_refund, NULL, v_key, NEW.trade_no, COALESCE(NEW.merchant_order_no, ''),
            NEW.occurred_at,
            (SELECT m.id FROM merchant_ref m WHERE m.merchant_id = COALESCE(NEW.merchant_id, '')),
            COALESCE(NEW.order_fen, 0),
            COALESCE(NEW.order_fen, 0) - COALESCE(NEW.settlement_fen, 0), COALESCE(NEW.coupon_fen, 0),
            COALESCE(NEW.provider_discount_fen, 0), COALESCE(NEW.merchant_discount_fen, 0),
            COALESCE(NEW.refund_fen, 0), COALESCE(NEW.fee_e5, 0), COALESCE(NEW.coupon_name, ''),
            NEW.coupon_id, NEW.line)
    ON CONFLICT (mall_id, provider, refund, key) DO NOTHING
    RETURNING id INTO v_id;
    IF v_id IS NULL THEN
        RETURN NULL;
    END IF;
    NEW.id := v_id;
    NEW.key := v_key;
    NEW.merchant_order_no := COALESCE(NEW.merchant_order_no, '');
    NEW.merchant_id := COALESCE(NEW.merchant_id, '');
    RETURN NEW;
END $$;

-- Views read as their caller where the server can (15+).
DO $$
DECLARE v TEXT;
BEGIN
    IF current_setting('server_version_num')::int >= 150000 THEN
        FOR v IN SELECT viewname FROM pg_views WHERE schemaname = current_schema() LOOP
            EXECUTE format('ALTER VIEW %I SET (security_invoker = true)', v);
        END LOOP;
    END IF;
END $$;
