-- Idempotency keys of agents' and supervisors' commands (IdempotencyKeys): the first answer to (caller, key), written
-- in the command's own transaction, so that a retry gets that answer again instead of doing the command twice.
-- Kept for tierdesk.eventing.idempotency.retention, then pruned.
CREATE TABLE command_receipt (
    caller        TEXT NOT NULL,
    key           TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    answer        TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (caller, key)
);
CREATE INDEX command_receipt_age ON command_receipt (created_at);
