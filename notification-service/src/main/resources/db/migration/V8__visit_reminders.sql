-- A visit's reminder waits for its moment (next_attempt_at) and is withdrawn when the visit moves or is cancelled.
ALTER TABLE delivery ADD COLUMN visit_id UUID;
CREATE INDEX delivery_visit ON delivery (visit_id) WHERE visit_id IS NOT NULL AND state = 'pending';
