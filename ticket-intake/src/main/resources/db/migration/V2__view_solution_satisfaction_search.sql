-- The last solution given (kept when the ticket reopens: L2 wants to see what was tried) and the customer's rating.
ALTER TABLE ticket_view ADD COLUMN solution JSONB, ADD COLUMN satisfaction JSONB;

-- Free-text search in the agents' list is ILIKE '%…%' on subject and body: trigram indexes serve it.
-- pg_trgm is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX ticket_view_subject_trgm ON ticket_view USING gin (subject gin_trgm_ops);
CREATE INDEX ticket_view_body_trgm ON ticket_view USING gin (body gin_trgm_ops);
