-- A calendar change commits its new version at once; the tickets on it are re-timed afterwards in small
-- transactions of their own. Each ticket says which version of its calendar its timers were computed on, and each
-- calendar still being worked through has a row here.
ALTER TABLE sla_ticket ADD COLUMN timers_calendar_version BIGINT;
UPDATE sla_ticket s SET timers_calendar_version = (SELECT max(version) FROM calendar c
                                                   WHERE c.id = s.state -> 'policy' ->> 'calendar')
WHERE s.state -> 'policy' ->> 'calendar' IS NOT NULL;
CREATE INDEX sla_ticket_calendar ON sla_ticket ((state -> 'policy' ->> 'calendar'), timers_calendar_version);

CREATE TABLE calendar_retime (
    calendar_id   TEXT PRIMARY KEY,
    to_version    BIGINT      NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL
);
