-- Channel adapters and integrations that receive notifications by signed HTTP POST (Standard Webhooks). The secret
-- is kept to sign with; after a rotation the previous one signs too until previous_until.
CREATE TABLE webhook (
    webhook_id       TEXT PRIMARY KEY,
    url              TEXT        NOT NULL,
    secret           TEXT        NOT NULL,
    previous_secret  TEXT,
    previous_until   TIMESTAMPTZ,
    channels         TEXT[]      NOT NULL,
    types            TEXT[]      NOT NULL,
    enabled          BOOLEAN     NOT NULL,
    disabled_reason  TEXT,
    changed_by       TEXT        NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL
);

-- What a webhook delivery posts (JSON), fixed when the delivery is written so that every attempt sends the same.
ALTER TABLE delivery ADD COLUMN payload TEXT;

-- The customer as their channel knows them, for an adapter to address its message.
ALTER TABLE ticket_card ADD COLUMN customer_ref TEXT;
