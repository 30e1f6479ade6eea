-- Live streams read the deliveries to agents and supervisors in this order. A reader only takes rows of
-- transactions older than the oldest one still running (as the relay does), so a row that commits late with a
-- lower number is never skipped.
ALTER TABLE delivery ADD COLUMN seq BIGSERIAL;
ALTER TABLE delivery ADD COLUMN transaction_id XID8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX delivery_stream ON delivery (seq) WHERE medium = 'stream';
