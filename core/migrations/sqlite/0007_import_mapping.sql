-- Saved column mappings for generic CSV exports (POS, UnionPay, member-card systems): which
-- column holds what, by header name.
CREATE TABLE import_mapping (
    name     TEXT PRIMARY KEY,
    provider TEXT NOT NULL CHECK (provider IN ('wechat_pay','alipay','unionpay','bank_card','member_card')),
    columns  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
