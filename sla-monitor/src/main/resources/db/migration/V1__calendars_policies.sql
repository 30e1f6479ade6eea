-- Business calendars and SLA policies, every change a new version (the highest is in force). Clocks keep the
-- policy version they started under; a calendar change re-times the clocks on it.
CREATE TABLE calendar (
    id          TEXT        NOT NULL,
    version     BIGINT      NOT NULL,
    body        JSONB       NOT NULL,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE policy (
    plan        TEXT        NOT NULL,
    version     BIGINT      NOT NULL,
    body        JSONB       NOT NULL,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (plan, version)
);

-- The defaults a fresh installation starts with (docs/sla-monitor.md): an office calendar, and a policy per plan.
INSERT INTO calendar (id, version, body, created_by, created_at) VALUES ('office', 1, '{
  "name": "Office, Monday to Friday 09:00-18:00 Moscow time",
  "zone": "Europe/Moscow",
  "week": {"mon": [{"from": "09:00", "to": "18:00"}], "tue": [{"from": "09:00", "to": "18:00"}],
           "wed": [{"from": "09:00", "to": "18:00"}], "thu": [{"from": "09:00", "to": "18:00"}],
           "fri": [{"from": "09:00", "to": "18:00"}], "sat": [], "sun": []},
  "holidays": [], "workingDays": []}', 'defaults', now());

INSERT INTO policy (plan, version, body, created_by, created_at) VALUES
('premium', 1, '{"calendar": "24x7", "defaultPriority": "P3", "warnings": [0.75], "targets": {
  "P1": {"firstResponse": "PT15M", "nextReply": "PT30M", "resolution": "PT4H"},
  "P2": {"firstResponse": "PT30M", "nextReply": "PT1H", "resolution": "PT8H"},
  "P3": {"firstResponse": "PT1H", "nextReply": "PT2H", "resolution": "PT24H"},
  "P4": {"firstResponse": "PT4H", "nextReply": "PT8H", "resolution": "PT72H"}}}', 'defaults', now()),
('warranty', 1, '{"calendar": "office", "defaultPriority": "P3", "warnings": [0.75], "targets": {
  "P1": {"firstResponse": "PT30M", "nextReply": "PT1H", "resolution": "PT8H"},
  "P2": {"firstResponse": "PT1H", "nextReply": "PT2H", "resolution": "PT16H"},
  "P3": {"firstResponse": "PT4H", "nextReply": "PT4H", "resolution": "PT40H"},
  "P4": {"firstResponse": "PT8H", "nextReply": "PT8H", "resolution": "PT80H"}}}', 'defaults', now()),
('post-warranty', 1, '{"calendar": "office", "defaultPriority": "P3", "warnings": [0.75], "targets": {
  "P1": {"firstResponse": "PT1H", "nextReply": "PT2H", "resolution": "PT16H"},
  "P2": {"firstResponse": "PT2H", "nextReply": "PT4H", "resolution": "PT24H"},
  "P3": {"firstResponse": "PT8H", "nextReply": "PT8H", "resolution": "PT80H"},
  "P4": {"firstResponse": "PT16H", "nextReply": "PT16H", "resolution": "PT160H"}}}', 'defaults', now()),
('self-service', 1, '{"calendar": "office", "defaultPriority": "P4", "warnings": [0.75], "targets": {
  "P1": {"nextReply": "PT8H", "resolution": "PT40H"},
  "P2": {"nextReply": "PT16H", "resolution": "PT80H"},
  "P3": {"nextReply": "PT24H", "resolution": "PT160H"},
  "P4": {"nextReply": "PT40H"}}}', 'defaults', now());
