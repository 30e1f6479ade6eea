-- The inbox's rows are pruned by age (InboxPruner): an index keeps that a range scan instead of a full one.
CREATE INDEX processed_event_age ON processed_event (processed_at);
