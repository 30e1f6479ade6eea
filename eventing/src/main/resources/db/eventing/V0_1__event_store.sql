-- Eventing migrations are versioned 0.x so they sort before every service's own (1, 2, ...); services run
-- Flyway with out-of-order enabled so a later 0.x still applies. They never depend on a service's tables.
-- The event backbone's tables, the same in every service's own database.

-- Every event a service decides, in the same transaction as the state it keeps.
CREATE TABLE event (
    id              BIGSERIAL PRIMARY KEY,
    event_id        UUID        NOT NULL UNIQUE,
    stream_id       TEXT        NOT NULL,
    stream_type     TEXT        NOT NULL,
    version         BIGINT      NOT NULL CHECK (version > 0),
    type            TEXT        NOT NULL,
    topic           TEXT        NOT NULL,
    payload         JSONB       NOT NULL,
    actor           TEXT,
    correlation_id  TEXT,
    causation_id    TEXT,
    occurred_at     TIMESTAMPTZ NOT NULL,
    -- clock_timestamp(), not now(): the relay's lag is measured from the moment of the append.
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    -- The appending transaction. The relay reads in (transaction_id, id) order and only below the oldest
    -- transaction still running, so a slow transaction's events are never skipped.
    transaction_id  XID8        NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT event_stream_version UNIQUE (stream_id, version)
);

CREATE INDEX event_relay_order ON event (transaction_id, id);

-- Where the relay got to. The row is also the relay's lease: it is held with FOR UPDATE SKIP LOCKED while a
-- batch is published, so replicas never publish in parallel.
CREATE TABLE relay_checkpoint (
    name                 TEXT PRIMARY KEY,
    last_transaction_id  XID8        NOT NULL DEFAULT '0',
    last_id              BIGINT      NOT NULL DEFAULT 0,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

INSERT INTO relay_checkpoint (name) VALUES ('kafka');

-- Wakes the relay when appended events commit (NOTIFY is delivered on commit).
CREATE FUNCTION notify_event_appended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tierdesk_event_appended', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER event_appended AFTER INSERT ON event
    FOR EACH STATEMENT EXECUTE FUNCTION notify_event_appended();

-- The consumers' inbox: one row per event a consumer has applied, written in the projection's transaction.
CREATE TABLE processed_event (
    consumer      TEXT        NOT NULL,
    event_id      TEXT        NOT NULL,
    processed_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (consumer, event_id)
);
