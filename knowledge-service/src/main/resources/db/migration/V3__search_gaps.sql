-- Queries that found nothing: what customers and agents look for that no article answers yet.
CREATE TABLE search_gap (
    query     TEXT PRIMARY KEY,
    searches  BIGINT      NOT NULL,
    first_at  TIMESTAMPTZ NOT NULL,
    last_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX search_gap_most ON search_gap (searches DESC, last_at DESC);
