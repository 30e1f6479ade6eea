-- What the service knows of a ticket to address and word its notifications, kept from the ticket and routing
-- streams: its number and subject, the customer and how they wrote, and who works on it.
CREATE TABLE ticket_card (
    ticket_id        UUID PRIMARY KEY,
    number           TEXT NOT NULL,
    subject          TEXT NOT NULL,
    channel          TEXT NOT NULL,
    customer_name    TEXT,
    customer_email   TEXT,
    language         TEXT NOT NULL,
    agent_id         TEXT,
    tier             TEXT
);

-- The rules, versioned: the latest row is in force; every earlier one is kept.
CREATE TABLE notification_rules (
    version     BIGINT PRIMARY KEY,
    rules       JSONB       NOT NULL,
    changed_by  TEXT        NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL
);

-- Templates an admin changed; the defaults shipped with the service stand for the others.
CREATE TABLE notification_template (
    key         TEXT        NOT NULL,
    language    TEXT        NOT NULL,
    subject     TEXT        NOT NULL,
    text        TEXT        NOT NULL,
    html        TEXT,
    version     BIGINT      NOT NULL,
    changed_by  TEXT        NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (key, language)
);

-- The outbox of deliveries: written in the transaction that records the event in the inbox, then sent by workers
-- that claim due rows with FOR UPDATE SKIP LOCKED. One row per event, recipient and medium, whatever the
-- redeliveries.
CREATE TABLE delivery (
    delivery_id      UUID PRIMARY KEY,
    event_id         TEXT        NOT NULL,
    ticket_id        UUID        NOT NULL,
    kind             TEXT        NOT NULL,
    audience         TEXT        NOT NULL,
    recipient        TEXT        NOT NULL,
    medium           TEXT        NOT NULL,
    language         TEXT        NOT NULL,
    subject          TEXT        NOT NULL,
    text             TEXT        NOT NULL,
    html             TEXT,
    -- pending (due at next_attempt_at), sending (a worker holds it until next_attempt_at: one that died lets it go
    -- then), delivered, dead.
    state            TEXT        NOT NULL,
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_error       TEXT,
    event_time       TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    delivered_at     TIMESTAMPTZ,
    CONSTRAINT delivery_once UNIQUE (event_id, recipient, medium)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE state IN ('pending', 'sending');
CREATE INDEX delivery_ticket ON delivery (ticket_id, created_at);
