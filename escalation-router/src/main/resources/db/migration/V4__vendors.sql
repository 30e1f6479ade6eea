-- The vendors L4 works with: each change a new version, the highest in force.
CREATE TABLE vendor (
    id          TEXT        NOT NULL,
    version     BIGINT      NOT NULL,
    body        JSONB       NOT NULL,
    created_by  TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (id, version)
);

-- The vendor case a ticket has open at L4: an escalation there opens it, a return from there ends it. What a vendor
-- update is recorded against.
CREATE TABLE vendor_case (
    ticket_id       UUID        PRIMARY KEY,
    vendor_id       TEXT        NOT NULL,
    case_reference  TEXT        NOT NULL,
    opened_at       TIMESTAMPTZ NOT NULL
);
