-- Two people editing the same campaign do not overwrite each other (docs/TEAM-DATABASE.md,
-- "Concurrent edits"). A campaign and a coupon carry a revision, bumped once per transaction
-- that changed what their editor shows, and who made that change. An editor saves with the
-- revision it loaded; a save whose revision is no longer current is refused with what changed.
--
-- The triggers only mark what a statement touched; `core/src/db/revision.rs` bumps the
-- revision, writes `changed_by` (the acting person) and keeps the state of each revision
-- before the transaction commits — the same shape as the derived trades (migration 0010), so
-- no caller has to remember it and both stores run the same code.

ALTER TABLE campaign ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE campaign ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE coupon ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE coupon ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';

-- What this transaction touched: kind 'campaign' (the campaign, its stores, its provider
-- budgets) or 'coupon' (the coupon, its stores). Emptied by the flush before every commit.
CREATE TABLE revision_mark (
    kind TEXT    NOT NULL CHECK (kind IN ('campaign','coupon')),
    id   INTEGER NOT NULL
) STRICT;

-- What each recent revision looked like (JSON written by core), so a refused save can say
-- field by field what changed since the revision its editor loaded. The last 50 are kept.
CREATE TABLE campaign_revision (
    campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    state       TEXT    NOT NULL,
    changed_by  TEXT    NOT NULL,
    changed_at  INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, revision)
) STRICT, WITHOUT ROWID;

CREATE TABLE coupon_revision (
    coupon_id  INTEGER NOT NULL REFERENCES coupon (id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,
    state      TEXT    NOT NULL,
    changed_by TEXT    NOT NULL,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (coupon_id, revision)
) STRICT, WITHOUT ROWID;

-- An update that sets the revision itself is the flush's own bump: not marked again.
CREATE TRIGGER campaign_revision_insert AFTER INSERT ON campaign
BEGIN INSERT INTO revision_mark (kind, id) VALUES ('campaign', NEW.id); END;
CREATE TRIGGER campaign_revision_update AFTER UPDATE ON campaign
    WHEN NEW.revision = OLD.revision
BEGIN INSERT INTO revision_mark (kind, id) VALUES ('campaign', NEW.id); END;

CREATE TRIGGER campaign_store_revision_insert AFTER INSERT ON campaign_store
BEGIN INSERT INTO revision_mark (kind, id) VALUES ('campaign', NEW.campaign_id); END;
CREATE TRIGGER campaign_store_revision_update AFTER UPDATE ON campaign_store
BEGIN
    INSERT INTO revision_mark (kind, id) VALUES ('campaign', OLD.campaign_id);
    INSERT INTO revision_mark (kind, id) VALUES ('campaign', NEW.campaign_id);
END;
CREATE TRIGGER campaign_store_revision_delete AFTER DELETE ON campaign_store
BEGIN INSERT INTO revision_mark (kind, id) VALUES ('campaign', OLD.campaign_id); END;

CREATE TRIGGER campaign_provider_budget_revision_insert AFTER INSERT ON campaign_provider_budget
BEGIN INSERT INTO revision_mark (kind, id) VALUES ('campaign', NEW.campaign_id); END;
CREATE TRIGGER campaign_provider_budget_revision_update AFTER UPDATE ON campaign_provider_budget
BEGIN
    INSERT INTO revision_mark (kind, id) VALUES ('campaign', OLD.campaign_id);
    INSERT INTO revision_mark (kind, id) VALUES ('campaign', NEW.campaign_id);
END;
CREATE TRIGGER campaign_provider_budget_revision_delete AFTER DELETE ON campaign_provider_budget
BEGIN INSERT INTO revision_mark (kind, id) VALUES ('campaign', OLD.campaign_id); END;

CREATE TRIGGER coupon_revision_insert AFTER INSERT ON coupon
BEGIN INSERT INTO revision_mark (kind, id) VALUES ('coupon', NEW.id); END;
CREATE TRIGGER coupon_revision_update AFTER UPDATE ON coupon
    WHEN NEW.revision = OLD.revision
BEGIN INSERT INTO revision_mark (kind, id) VALUES ('coupon', NEW.id); END;

CREATE TRIGGER coupon_store_revision_insert AFTER INSERT ON coupon_store
BEGIN INSERT INTO revision_mark (kind, id) VALUES ('coupon', NEW.coupon_id); END;
CREATE TRIGGER coupon_store_revision_update AFTER UPDATE ON coupon_store
BEGIN
    INSERT INTO revision_mark (kind, id) VALUES ('coupon', OLD.coupon_id);
    INSERT INTO revision_mark (kind, id) VALUES ('coupon', NEW.coupon_id);
END;
CREATE TRIGGER coupon_store_revision_delete AFTER DELETE ON coupon_store
BEGIN INSERT INTO revision_mark (kind, id) VALUES ('coupon', OLD.coupon_id); END;

-- Every existing campaign and coupon gets the state of its revision 1 from the flush that
-- ends this migration.
INSERT INTO revision_mark (kind, id) SELECT 'campaign', id FROM campaign;
INSERT INTO revision_mark (kind, id) SELECT 'coupon', id FROM coupon;
