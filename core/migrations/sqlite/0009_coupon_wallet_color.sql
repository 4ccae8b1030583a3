-- The background colour of a WeChat Pay coupon card (pattern_info.background_color,
-- Color010…Color100). Empty = WeChat's default green, Color020.
ALTER TABLE coupon ADD COLUMN wallet_color TEXT NOT NULL DEFAULT '';
