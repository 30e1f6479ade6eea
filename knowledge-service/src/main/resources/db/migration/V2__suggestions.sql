-- What a ticket is about, kept from its opening so that a customer's later message is searched with it; and the
-- latest suggestion for each ticket, as published in SolutionsSuggested.
CREATE TABLE ticket_context (
    ticket_id  UUID PRIMARY KEY,
    subject    TEXT NOT NULL
);

CREATE TABLE ticket_suggestion (
    ticket_id     UUID PRIMARY KEY,
    articles      JSONB       NOT NULL,
    suggested_at  TIMESTAMPTZ NOT NULL
);
