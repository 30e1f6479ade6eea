-- The agent directory: the state the router keeps beside the agent stream (both written in one transaction).
CREATE TABLE agent (
    agent_id    TEXT PRIMARY KEY,
    profile     JSONB       NOT NULL,
    tier        TEXT        NOT NULL,
    presence    TEXT        NOT NULL DEFAULT 'offline',
    -- Since when the agent has had nothing new: the tie-breaker of assignment.
    idle_since  TIMESTAMPTZ,
    version     BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX agent_tier_presence ON agent (tier, presence);
