-- Every status change of a campaign, so the campaign page can show who moved it when.
-- Existing campaigns get one entry for the status they have now.

CREATE TABLE campaign_status_history (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status   TEXT    NOT NULL,
    changed_at  INTEGER NOT NULL,
    changed_by  TEXT    NOT NULL DEFAULT '',
    reason      TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX campaign_status_history_campaign ON campaign_status_history (campaign_id, changed_at);

INSERT INTO campaign_status_history (campaign_id, from_status, to_status, changed_at, reason)
SELECT id, NULL, status, updated_at, 'migrated' FROM campaign;
