-- Two people editing the same campaign do not overwrite each other: the same tables and marks
-- as SQLite's 0016 (read its comments); `core/src/db/revision.rs` does the rest on both stores.

ALTER TABLE campaign ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
ALTER TABLE campaign ADD COLUMN changed_by TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE coupon ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
ALTER TABLE coupon ADD COLUMN changed_by TEXT COLLATE "C" NOT NULL DEFAULT '';

-- No key: two sessions marking the same campaign must not wait on each other's mark (they
-- meet at the campaign's row instead); the flush reads the distinct ids.
CREATE TABLE revision_mark (
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('campaign','coupon')),
    id   BIGINT NOT NULL
);

CREATE TABLE campaign_revision (
    campaign_id BIGINT NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    revision    BIGINT NOT NULL,
    state       TEXT COLLATE "C" NOT NULL,
    changed_by  TEXT COLLATE "C" NOT NULL,
    changed_at  BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, revision)
);

CREATE TABLE coupon_revision (
    coupon_id  BIGINT NOT NULL REFERENCES coupon (id) ON DELETE CASCADE,
    revision   BIGINT NOT NULL,
    state      TEXT COLLATE "C" NOT NULL,
    changed_by TEXT COLLATE "C" NOT NULL,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (coupon_id, revision)
);

-- TG_ARGV: the mark's kind, then the column naming the campaign or coupon.
CREATE FUNCTION promodesk_revision_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO revision_mark (kind, id) VALUES (TG_ARGV[0], (to_jsonb(OLD)->>TG_ARGV[1])::bigint);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO revision_mark (kind, id) VALUES (TG_ARGV[0], (to_jsonb(NEW)->>TG_ARGV[1])::bigint);
    END IF;
    RETURN NULL;
END $$;

-- An update that sets the revision itself is the flush's own bump: not marked again.
CREATE TRIGGER campaign_revision_insert AFTER INSERT ON campaign
    FOR EACH ROW EXECUTE FUNCTION promodesk_revision_mark('campaign', 'id');
CREATE TRIGGER campaign_revision_update AFTER UPDATE ON campaign
    FOR EACH ROW WHEN (NEW.revision = OLD.revision)
    EXECUTE FUNCTION promodesk_revision_mark('campaign', 'id');
CREATE TRIGGER campaign_store_revision AFTER INSERT OR UPDATE OR DELETE ON campaign_store
    FOR EACH ROW EXECUTE FUNCTION promodesk_revision_mark('campaign', 'campaign_id');
CREATE TRIGGER campaign_provider_budget_revision AFTER INSERT OR UPDATE OR DELETE ON campaign_provider_budget
    FOR EACH ROW EXECUTE FUNCTION promodesk_revision_mark('campaign', 'campaign_id');
CREATE TRIGGER coupon_revision_insert AFTER INSERT ON coupon
    FOR EACH ROW EXECUTE FUNCTION promodesk_revision_mark('coupon', 'id');
CREATE TRIGGER coupon_revision_update AFTER UPDATE ON coupon
    FOR EACH ROW WHEN (NEW.revision = OLD.revision)
    EXECUTE FUNCTION promodesk_revision_mark('coupon', 'id');
CREATE TRIGGER coupon_store_revision AFTER INSERT OR UPDATE OR DELETE ON coupon_store
    FOR EACH ROW EXECUTE FUNCTION promodesk_revision_mark('coupon', 'coupon_id');

INSERT INTO revision_mark (kind, id) SELECT 'campaign', id FROM campaign;
INSERT INTO revision_mark (kind, id) SELECT 'coupon', id FROM coupon;

-- The history of 0015 compares whole rows: the flush's own update of `revision` and
-- `changed_by` must not read as a change (an entry, and a change of what a sign-off covers).
-- Its function again, with those two columns left out of the rows it compares and keeps.
CREATE OR REPLACE FUNCTION promodesk_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
    -- The revision and who made it are bookkeeping of 0016, written by the flush after the
    -- change itself: not a change of their own, nor part of what the history shows.
    old_row  JSONB := CASE WHEN TG_OP IN ('UPDATE','DELETE') THEN to_jsonb(OLD) - 'revision' - 'changed_by' END;
    new_row  JSONB := CASE WHEN TG_OP IN ('INSERT','UPDATE') THEN to_jsonb(NEW) - 'revision' - 'changed_by' END;
    row_data JSONB := COALESCE(new_row, old_row);
    campaign BIGINT;
    row_id   BIGINT;
    content  BOOLEAN := true;
    entry    BIGINT;
BEGIN
    IF TG_OP = 'UPDATE' AND old_row = new_row THEN
        RETURN NULL;
    END IF;
    CASE TG_TABLE_NAME
        WHEN 'campaign' THEN
            campaign := (row_data->>'id')::bigint;
            row_id := campaign;
            -- The status and the stored hash are not what the checklist checks.
            content := TG_OP <> 'UPDATE' OR (old_row - 'status' - 'updated_at' - 'checklist_sha256')
                       IS DISTINCT FROM (new_row - 'status' - 'updated_at' - 'checklist_sha256');
        WHEN 'coupon_store' THEN
            row_id := (row_data->>'store_id')::bigint;
            SELECT c.campaign_id INTO campaign FROM coupon c WHERE c.id = (row_data->>'coupon_id')::bigint;
        WHEN 'campaign_store' THEN
            campaign := (row_data->>'campaign_id')::bigint;
            row_id := (row_data->>'store_id')::bigint;
        WHEN 'campaign_provider_budget' THEN
            campaign := (row_data->>'campaign_id')::bigint;
            row_id := 0;
        WHEN 'launch_signoff' THEN
            campaign := (row_data->>'campaign_id')::bigint;
            row_id := (row_data->>'id')::bigint;
            content := false;
        ELSE
            campaign := (row_data->>'campaign_id')::bigint;
            row_id := (row_data->>'id')::bigint;
    END CASE;
    -- A coupon's stores removed with the coupon: the coupon's own entry says it.
    IF campaign IS NULL THEN
        RETURN NULL;
    END IF;
    -- One row per campaign numbers its entries and counts its content changes; the update
    -- locks it, so concurrent changes to one campaign take numbers one after the other.
    INSERT INTO campaign_content AS cc (campaign_id, version, entries)
    VALUES (campaign, CASE WHEN content THEN 1 ELSE 0 END, 1)
    ON CONFLICT (campaign_id) DO UPDATE
        SET version = cc.version + CASE WHEN content THEN 1 ELSE 0 END, entries = cc.entries + 1
    RETURNING entries INTO entry;
    INSERT INTO audit (campaign_id, id, table_name, row_id, action, role_name, display_name, changed_at, before, after)
    VALUES (campaign, entry, TG_TABLE_NAME, row_id, lower(TG_OP), session_user,
            COALESCE((SELECT p.display_name FROM person p WHERE p.role_name = session_user), ''),
            extract(epoch FROM clock_timestamp())::bigint, old_row::text, new_row::text);
    RETURN NULL;
END $$;

-- Planners (and approvers, who are planners) write campaigns and coupons, so their saves mark
-- and keep revisions; roles.sql grants the same to roles IT creates later.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'promodesk_planner') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON revision_mark, campaign_revision, coupon_revision
            TO promodesk_planner;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'promodesk_viewer') THEN
        GRANT SELECT ON revision_mark, campaign_revision, coupon_revision TO promodesk_viewer;
    END IF;
END $$;
