-- Records a relay could not publish because the broker (or the producer) refused them for good - too large, say.
-- They are set aside so that the rest of the table flows on; operators list and republish them
-- (GET /api/v1/relay/parked, POST /api/v1/relay/parked/{eventId}/republish). The event itself stays in the event table.
CREATE TABLE relay_parked (
    relay      TEXT        NOT NULL,
    event_id   UUID        NOT NULL REFERENCES event (event_id),
    reason     TEXT        NOT NULL,
    parked_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (relay, event_id)
);
