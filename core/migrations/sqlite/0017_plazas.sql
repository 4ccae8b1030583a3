-- Plazas (issue 21, point 4). The embedded database holds one mall, as before; the team
-- database holds several (postgres/0017_plazas.sql). What the shared SQL needs to read and
-- write the same way on both:
-- - `current_mall`: the mall the session works in — here the one row.
-- - `mall_id` on the tables whose upserts name their key (`ON CONFLICT (mall_id, key)`): on the
--   team database the key is unique within a plaza, so the conflict target must name the
--   plaza; here the column is always 1 and the index is the old key's with it in front.
CREATE VIEW current_mall AS SELECT * FROM mall WHERE id = 1;

ALTER TABLE app_setting ADD COLUMN mall_id INTEGER NOT NULL DEFAULT 1 CHECK (mall_id = 1);
CREATE UNIQUE INDEX app_setting_mall_key ON app_setting (mall_id, key);

ALTER TABLE import_mapping ADD COLUMN mall_id INTEGER NOT NULL DEFAULT 1 CHECK (mall_id = 1);
CREATE UNIQUE INDEX import_mapping_mall_name ON import_mapping (mall_id, name);

ALTER TABLE footfall ADD COLUMN mall_id INTEGER NOT NULL DEFAULT 1 CHECK (mall_id = 1);
CREATE UNIQUE INDEX footfall_mall_key ON footfall (mall_id, date, hour, entrance);

ALTER TABLE trade_merchant ADD COLUMN mall_id INTEGER NOT NULL DEFAULT 1 CHECK (mall_id = 1);
CREATE UNIQUE INDEX trade_merchant_mall_key ON trade_merchant (mall_id, provider, merchant_ref);
