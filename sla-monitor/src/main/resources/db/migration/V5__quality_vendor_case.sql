-- The quality report's vendor figures: one row per case a ticket opened at a vendor on going to L4, kept by the
-- routing consumer. Breaches come from quality_fact (the vendor clocks' outcomes) within the case's span.
CREATE TABLE quality_vendor_case (
    ticket_id       UUID        NOT NULL,
    escalated_at    TIMESTAMPTZ NOT NULL,
    vendor_id       TEXT        NOT NULL,
    case_reference  TEXT        NOT NULL,
    answered_at     TIMESTAMPTZ,
    resolved_at     TIMESTAMPTZ,
    updates         INT         NOT NULL DEFAULT 0,
    ended_at        TIMESTAMPTZ,
    PRIMARY KEY (ticket_id, escalated_at)
);
CREATE INDEX quality_vendor_case_escalated ON quality_vendor_case (escalated_at);
