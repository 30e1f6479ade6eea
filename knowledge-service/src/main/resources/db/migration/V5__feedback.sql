-- Agents' word on a suggested article for a ticket: helpful or not, one answer per agent, ticket and article.
CREATE TABLE article_feedback (
    article_id  UUID        NOT NULL,
    ticket_id   UUID        NOT NULL,
    agent       TEXT        NOT NULL,
    helpful     BOOLEAN     NOT NULL,
    given_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, ticket_id, agent)
);
