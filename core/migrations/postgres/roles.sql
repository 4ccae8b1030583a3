-- PromoDesk team database: the group roles and what each may change. For the mall's IT.
--
-- Run it as a superuser (or a role with CREATEROLE that may grant on the database's tables),
-- connected to the team database, after PromoDesk has created its tables there once:
--
--     promodesk team roles-sql > roles.sql
--     psql "postgres://admin@server/promodesk" -v ON_ERROR_STOP=1 -f roles.sql
--
-- It can be run again at any time (after a PromoDesk update, say): roles that exist are kept,
-- grants that exist are granted again. Then give each member of staff a login role in one group:
--
--     CREATE ROLE zhangsan LOGIN PASSWORD '…' IN ROLE promodesk_planner;
--
-- The roles (each includes the one before it where said):
--   promodesk_viewer    reads everything, changes nothing (only their own display name)
--   promodesk_importer  viewer + imports bills and footfall (trades, statistics, derived data)
--   promodesk_planner   viewer + campaigns, coupons, stores, codes, settings, derived data
--   promodesk_approver  planner + signs off launch checklists and changes campaign statuses
-- The server refuses a write outside the role, from PromoDesk or from any other program.
-- Status changes and sign-offs are also checked by triggers (migration 0015), which is why the
-- planner's UPDATE on campaign includes the status column.

DO $$
DECLARE
    r TEXT;
BEGIN
    FOREACH r IN ARRAY ARRAY['promodesk_viewer', 'promodesk_importer', 'promodesk_planner', 'promodesk_approver'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END $$;

GRANT promodesk_viewer TO promodesk_importer;
GRANT promodesk_viewer TO promodesk_planner;
GRANT promodesk_planner TO promodesk_approver;

-- Connecting and reading: everything, for everyone.
DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO promodesk_viewer', current_database());
END $$;
GRANT USAGE ON SCHEMA public TO promodesk_viewer;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO promodesk_viewer;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO promodesk_viewer;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO promodesk_viewer;

-- Tables PromoDesk creates later (a newer version's migrations run as the database's owner)
-- are readable at once.
DO $$
DECLARE
    owner TEXT := (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database());
BEGIN
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT SELECT ON TABLES TO promodesk_viewer', owner);
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT SELECT ON SEQUENCES TO promodesk_viewer', owner);
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO promodesk_viewer', owner);
END $$;

-- Everyone names themselves (row-level security keeps each to their own row).
GRANT INSERT, UPDATE ON person TO promodesk_viewer;

-- Writers take new ids.
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO promodesk_importer, promodesk_planner;

-- Derived data: what an import or a campaign change makes PromoDesk work out again before it
-- commits (core/src/db/derive.rs, core/src/db/rollup.rs).
GRANT SELECT, INSERT, UPDATE, DELETE ON
    derive_dirty_window, derive_dirty_merchant, merchant_coupon_payment,
    trade_dirty_hour, trade_hour_total, trade_hour_row, trade_merchant, merchant_ref
    TO promodesk_importer, promodesk_planner;
GRANT UPDATE ON trade_row, trade TO promodesk_planner;

-- The importer: bills, footfall, code redemption files.
GRANT INSERT, UPDATE, DELETE ON
    import_batch, import_mapping, trade_row, trade, footfall, app_setting,
    code_redemption_file, code_redemption
    TO promodesk_importer;

-- The planner: campaigns, coupons, stores, codes, the mall's settings.
GRANT INSERT, UPDATE, DELETE ON
    campaign, campaign_store, campaign_provider_budget, campaign_status_history,
    coupon_offer, coupon, coupon_store,
    store, merchant_account, code_pool, coupon_code, code_redemption_file, code_redemption,
    mall, mall_logo, provider_setting, app_setting
    TO promodesk_planner;

-- Revisions (migration 0016): a planner's save marks and keeps them, so someone else's save of
-- the same campaign or coupon is told what changed (core/src/db/revision.rs).
GRANT SELECT, INSERT, UPDATE, DELETE ON revision_mark, campaign_revision, coupon_revision
    TO promodesk_planner;

-- The approver: sign-offs (status changes are the guard trigger's to check).
GRANT INSERT ON launch_signoff TO promodesk_approver;
