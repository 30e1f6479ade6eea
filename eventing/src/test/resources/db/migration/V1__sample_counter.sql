CREATE TABLE sample_counter (
    ticket_id  TEXT PRIMARY KEY,
    events     INT  NOT NULL,
    last_type  TEXT NOT NULL
);
