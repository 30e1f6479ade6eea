-- Each ticket's clocks (SlaTicket as JSON) and the version of its stream of SLA events; written with the events in
-- one transaction, and locked row by row, so consumers and the timer loop of any instance take turns per ticket.
CREATE TABLE sla_ticket (
    ticket_id       UUID PRIMARY KEY,
    state           JSONB       NOT NULL,
    stream_version  BIGINT      NOT NULL DEFAULT 0,
    tier            TEXT,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- Every moment still to come: each warning threshold (below 1) and the breach (1) of every clock that counts,
-- rewritten with the ticket's state. The timer loop reads the due ones by due_at.
CREATE TABLE sla_timer (
    ticket_id  UUID             NOT NULL,
    clock      TEXT             NOT NULL,
    threshold  DOUBLE PRECISION NOT NULL,
    due_at     TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (ticket_id, clock, threshold)
);
CREATE INDEX sla_timer_due ON sla_timer (due_at);
