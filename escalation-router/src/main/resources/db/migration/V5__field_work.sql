-- Engineers' visits and remote-access sessions: the state the commands decide on (an engineer's bookings, what a
-- visit may still become); what happened is on the ticket's routing stream.
CREATE TABLE visit (
    visit_id     UUID        PRIMARY KEY,
    ticket_id    UUID        NOT NULL,
    place        TEXT        NOT NULL,
    engineer     TEXT        NOT NULL,
    starts_at    TIMESTAMPTZ NOT NULL,
    ends_at      TIMESTAMPTZ NOT NULL,
    address      TEXT,
    state        TEXT        NOT NULL,
    outcome      TEXT,
    note         TEXT,
    started_at   TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    booked_by    TEXT        NOT NULL,
    booked_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX visit_ticket ON visit (ticket_id, starts_at);
CREATE INDEX visit_engineer ON visit (engineer, starts_at);

CREATE TABLE remote_session (
    session_id  UUID        PRIMARY KEY,
    ticket_id   UUID        NOT NULL,
    tool        TEXT        NOT NULL,
    reference   TEXT,
    started_by  TEXT        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    ended_by    TEXT,
    ended_at    TIMESTAMPTZ,
    summary     TEXT
);
CREATE INDEX remote_session_ticket ON remote_session (ticket_id, started_at);
