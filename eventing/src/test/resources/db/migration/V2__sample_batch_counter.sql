-- The same count kept by the sample's batch consumer, so both inbox modes are checked against the same events.
CREATE TABLE sample_batch_counter (
    ticket_id  TEXT PRIMARY KEY,
    events     INT  NOT NULL,
    last_type  TEXT NOT NULL
);
