-- A message finds its ticket by number or by channel thread only when it comes from that ticket's customer, and a
-- channel thread belongs to the adapter that posted it (the token's subject), not to the channel named in the
-- payload: one adapter cannot reach into another's threads, and one customer cannot write into another's ticket.
ALTER TABLE ticket_number ADD COLUMN customer_id TEXT;
UPDATE ticket_number n SET customer_id = e.payload -> 'customer' ->> 'externalId'
FROM event e WHERE e.stream_id = CAST(n.ticket_id AS text) AND e.version = 1;
CREATE INDEX ticket_number_customer ON ticket_number (customer_id);

ALTER TABLE ticket_thread ADD COLUMN adapter TEXT;
ALTER TABLE ticket_thread ADD COLUMN customer_id TEXT;
-- The adapter that opened the thread's ticket, read from the opening event's actor (channel:/adapters/<adapter>/...).
UPDATE ticket_thread t SET adapter = substring(e.actor FROM '^channel:/adapters/([^/]+)'),
                           customer_id = e.payload -> 'customer' ->> 'externalId'
FROM event e WHERE e.stream_id = CAST(t.ticket_id AS text) AND e.version = 1;
DELETE FROM ticket_thread WHERE adapter IS NULL;
ALTER TABLE ticket_thread DROP CONSTRAINT ticket_thread_pkey;
ALTER TABLE ticket_thread DROP COLUMN channel;
ALTER TABLE ticket_thread ALTER COLUMN adapter SET NOT NULL;
ALTER TABLE ticket_thread ADD PRIMARY KEY (adapter, thread_id);
