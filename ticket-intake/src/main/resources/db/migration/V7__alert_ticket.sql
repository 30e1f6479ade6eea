-- The ticket a monitored failure opened, per customer and alert key: the same key raised again while that ticket is
-- open (or resolved within the reopen window) is counted on it rather than opening another.
CREATE TABLE alert_ticket (
    customer_id      TEXT        NOT NULL,
    alert_key        TEXT        NOT NULL,
    ticket_id        UUID        NOT NULL,
    object           TEXT        NOT NULL,
    severity         TEXT        NOT NULL,
    raised           INT         NOT NULL,
    first_raised_at  TIMESTAMPTZ NOT NULL,
    last_raised_at   TIMESTAMPTZ NOT NULL,
    cleared_at       TIMESTAMPTZ,
    PRIMARY KEY (customer_id, alert_key)
);
CREATE INDEX alert_ticket_ticket ON alert_ticket (ticket_id);
