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
