-- The quality report's projection: one row per ticket with what its figures need, kept by the ticket and routing
-- consumers in the transaction that takes the event in.
CREATE TABLE quality_ticket (
    ticket_id          UUID PRIMARY KEY,
    plan               TEXT,
    channel            TEXT,
    opened_at          TIMESTAMPTZ,
    repeat_contact     BOOLEAN     NOT NULL DEFAULT false,
    tier               TEXT        NOT NULL DEFAULT 'L1',
    agent              TEXT,
    first_response_at  TIMESTAMPTZ,
    public_messages    INT         NOT NULL DEFAULT 0,
    resolved_at        TIMESTAMPTZ,
    resolved_tier      TEXT,
    reopens            INT         NOT NULL DEFAULT 0,
    closed_at          TIMESTAMPTZ,
    rating             INT,
    rated_at           TIMESTAMPTZ
);
CREATE INDEX quality_ticket_opened ON quality_ticket (opened_at);
CREATE INDEX quality_ticket_resolved ON quality_ticket (resolved_at);
CREATE INDEX quality_ticket_closed ON quality_ticket (closed_at);
CREATE INDEX quality_ticket_rated ON quality_ticket (rated_at);
CREATE INDEX quality_ticket_open ON quality_ticket (tier) WHERE resolved_at IS NULL AND closed_at IS NULL;

-- What is counted at the moment it happened: reopenings, escalations (detail 'L1>L2'), SLA clocks met or breached
-- (detail: the clock), the latter written with the SLA event that says so.
CREATE TABLE quality_fact (
    ticket_id  UUID        NOT NULL,
    kind       TEXT        NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    detail     TEXT
);
CREATE INDEX quality_fact_at ON quality_fact (at);
