-- The articles as their streams leave them: one row per article (the latest version's facets, its state and the
-- live version) and one per version of the text. Written with the events in the command's transaction.
CREATE TABLE article (
    article_id      UUID PRIMARY KEY,
    state           TEXT        NOT NULL,
    latest_version  BIGINT      NOT NULL,
    live_version    BIGINT,
    title           TEXT        NOT NULL,
    language        TEXT        NOT NULL,
    audience        TEXT        NOT NULL,
    tier            TEXT        NOT NULL,
    products        TEXT[]      NOT NULL,
    author          TEXT        NOT NULL,
    comment         TEXT,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX article_listing ON article (updated_at DESC, article_id);

CREATE TABLE article_version (
    article_id  UUID        NOT NULL,
    version     BIGINT      NOT NULL,
    content     JSONB       NOT NULL,
    written_by  TEXT        NOT NULL,
    written_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, version)
);
