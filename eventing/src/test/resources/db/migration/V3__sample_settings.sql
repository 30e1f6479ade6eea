-- Settings kept as versions, as the services keep theirs: one per key, and a single one.
CREATE TABLE sample_setting (
    name        TEXT        NOT NULL,
    version     BIGINT      NOT NULL,
    body        JSONB       NOT NULL,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE TABLE sample_single_setting (
    version     BIGINT PRIMARY KEY,
    rules       JSONB       NOT NULL,
    changed_by  TEXT        NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL
);
