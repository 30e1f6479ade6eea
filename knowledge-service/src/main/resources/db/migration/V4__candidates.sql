-- Knowledge captured from solved tickets: the opening's text is kept with its subject, and a ticket resolved
-- without naming an article is a candidate for one until a draft is written from it.
ALTER TABLE ticket_context ADD COLUMN body TEXT NOT NULL DEFAULT '';

CREATE TABLE article_candidate (
    ticket_id         UUID PRIMARY KEY,
    solution_summary  TEXT        NOT NULL,
    resolved_by       TEXT        NOT NULL,
    resolved_at       TIMESTAMPTZ NOT NULL,
    article_id        UUID
);
CREATE INDEX article_candidate_open ON article_candidate (resolved_at DESC) WHERE article_id IS NULL;
