-- Every ticket the router has seen, where it is in the lines and who works on it.
CREATE TABLE routed_ticket (
    ticket_id   UUID PRIMARY KEY,
    plan        TEXT        NOT NULL,
    category    TEXT,
    skill       TEXT,
    impact      TEXT        NOT NULL,
    urgency     TEXT        NOT NULL,
    priority    TEXT        NOT NULL,
    tier        TEXT        NOT NULL,
    owner       TEXT,
    assignee    TEXT,
    -- queued: waits in its tier's queue; assigned: counts as the assignee's load;
    -- inactive: resolved or waiting for the customer (no load); closed.
    state       TEXT        NOT NULL,
    sla_due_at  TIMESTAMPTZ,
    queued_at   TIMESTAMPTZ,
    opened_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX routed_ticket_queue ON routed_ticket (tier, state, priority, sla_due_at, queued_at);
CREATE INDEX routed_ticket_load ON routed_ticket (assignee, state);

-- Routing rules, versioned; the newest row is in force.
CREATE TABLE routing_rules (
    version     BIGINT PRIMARY KEY,
    rules       JSONB       NOT NULL,
    created_by  TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);
