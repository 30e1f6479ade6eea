-- Human ticket numbers: TD-000123. Gaps after a rolled-back transaction are harmless.
CREATE SEQUENCE ticket_number_seq;

-- Customers and the plan in force; stamped on TicketOpened.
CREATE TABLE customer (
    external_id       TEXT PRIMARY KEY,
    name              TEXT,
    email             TEXT,
    phone             TEXT,
    organisation      TEXT,
    language          TEXT,
    plan              TEXT        NOT NULL,
    plan_valid_until  DATE,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- Channel idempotency: (source, id) of every CloudEvent accepted, with the answer it got.
CREATE TABLE channel_receipt (
    source        TEXT        NOT NULL,
    event_id      TEXT        NOT NULL,
    payload_hash  TEXT        NOT NULL,
    answer        JSONB       NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (source, event_id)
);

-- Which ticket a channel's own thread (e-mail thread, chat session, bot conversation) belongs to.
CREATE TABLE ticket_thread (
    channel    TEXT NOT NULL,
    thread_id  TEXT NOT NULL,
    ticket_id  UUID NOT NULL,
    PRIMARY KEY (channel, thread_id)
);

-- Ticket number -> id, written with TicketOpened in the command's transaction (the view may lag).
CREATE TABLE ticket_number (
    number     TEXT PRIMARY KEY,
    ticket_id  UUID NOT NULL UNIQUE
);

-- Resolved tickets waiting for the customer; the auto-close timer works through it. Survives restarts.
CREATE TABLE auto_close_timer (
    ticket_id  UUID PRIMARY KEY,
    due_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX auto_close_timer_due ON auto_close_timer (due_at);

-- The agents' view: a projection over tierdesk.tickets; the other services' facts are in the tables below,
-- joined when read, because their events may arrive before the ticket's own (rebuildable by replay).
CREATE TABLE ticket_view (
    ticket_id          UUID PRIMARY KEY,
    number             TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    channel            TEXT        NOT NULL,
    customer_id        TEXT        NOT NULL,
    customer           JSONB       NOT NULL,
    plan               TEXT        NOT NULL,
    subject            TEXT        NOT NULL,
    body               TEXT        NOT NULL,
    diagnostics        JSONB       NOT NULL,
    category           TEXT,
    stated_urgency     TEXT,
    repeat_of          UUID,
    version            BIGINT      NOT NULL,
    opened_at          TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    resolved_at        TIMESTAMPTZ,
    closed_at          TIMESTAMPTZ
);
CREATE INDEX ticket_view_status ON ticket_view (status, updated_at DESC);
CREATE INDEX ticket_view_customer ON ticket_view (customer_id);

-- From tierdesk.routing: priority, tier, owner (the first L1 assignee, kept after escalation), assignee.
CREATE TABLE ticket_routing (
    ticket_id   UUID PRIMARY KEY,
    priority    TEXT,
    tier        TEXT,
    category    TEXT,
    skill       TEXT,
    owner       TEXT,
    assignee    TEXT,
    queued      BOOLEAN     NOT NULL DEFAULT false,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- From tierdesk.sla: one row per clock (first-response, resolution).
CREATE TABLE ticket_sla_clock (
    ticket_id   UUID        NOT NULL,
    clock       TEXT        NOT NULL,
    state       TEXT        NOT NULL,
    policy      TEXT,
    due_at      TIMESTAMPTZ,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (ticket_id, clock)
);

-- From tierdesk.knowledge: the articles offered for the ticket, best first.
CREATE TABLE ticket_suggestion (
    ticket_id     UUID PRIMARY KEY,
    articles      JSONB       NOT NULL,
    suggested_at  TIMESTAMPTZ NOT NULL
);

-- The journal: every event about a ticket from every service, read in the order the events happened.
CREATE TABLE ticket_timeline (
    position     BIGSERIAL PRIMARY KEY,
    ticket_id    UUID        NOT NULL,
    event_id     TEXT        NOT NULL UNIQUE,
    source       TEXT        NOT NULL,
    type         TEXT        NOT NULL,
    actor        TEXT,
    occurred_at  TIMESTAMPTZ NOT NULL,
    data         JSONB       NOT NULL
);
CREATE INDEX ticket_timeline_ticket ON ticket_timeline (ticket_id, occurred_at, position);
