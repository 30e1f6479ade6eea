-- Per-stream order by construction. PostgreSQL gives a transaction its id at its first write, not when it reads a
-- stream, and the relay publishes in transaction-id order: a transaction that wrote something else first (an inbox
-- row, a receipt, a row lock) could append version n+1 with an older id than the transaction that appended version n
-- and committed before it, and version n+1 would reach Kafka first. So an append whose transaction id is older than
-- that of the stream's latest event is refused as a serialization failure (40001): the inbox retries it, a REST
-- request answers 503 with Retry-After, and the retry runs with a newer id. Within a stream, versions then rise with
-- transaction ids, and transaction-id order is version order.
CREATE FUNCTION event_keeps_stream_order() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    latest xid8;
BEGIN
    SELECT transaction_id INTO latest FROM event WHERE stream_id = NEW.stream_id ORDER BY version DESC LIMIT 1;
    IF latest IS NOT NULL AND latest > NEW.transaction_id THEN
        RAISE EXCEPTION 'stream % has an event of a later transaction (%) than this append''s (%); retry',
            NEW.stream_id, latest, NEW.transaction_id
            USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER event_keeps_stream_order BEFORE INSERT ON event
    FOR EACH ROW EXECUTE FUNCTION event_keeps_stream_order();
