-- What customers typed into a portal or a bot before filing, what they were shown, and what followed: their own
-- word (solved or not), or a ticket they opened soon after about the same thing (not deflected).
CREATE TABLE self_service_query (
    query_id     UUID PRIMARY KEY,
    channel      TEXT        NOT NULL,
    customer     TEXT        NOT NULL,
    text         TEXT        NOT NULL,
    articles     JSONB       NOT NULL,
    asked_at     TIMESTAMPTZ NOT NULL,
    solved       BOOLEAN,
    ticket_id    UUID
);
CREATE INDEX self_service_query_customer ON self_service_query (customer, asked_at DESC);
