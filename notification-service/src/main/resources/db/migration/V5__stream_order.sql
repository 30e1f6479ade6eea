-- Live streams read their notices in the order transactions became visible, (transaction_id, seq), as the relay
-- reads events: a seq is drawn at insert and may commit after a higher one.
DROP INDEX delivery_stream;
CREATE INDEX delivery_stream ON delivery (transaction_id, seq) WHERE medium = 'stream';
