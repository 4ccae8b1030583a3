-- A campaign's budget split per payment provider (the rest stays unallocated).
CREATE TABLE campaign_provider_budget (
    campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    provider    TEXT    NOT NULL CHECK (provider IN ('wechat_pay','alipay','unionpay','bank_card','member_card')),
    budget_fen  INTEGER NOT NULL CHECK (budget_fen >= 0),
    PRIMARY KEY (campaign_id, provider)
) STRICT, WITHOUT ROWID;
