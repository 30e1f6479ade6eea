-- When an answer was written, by the database's clock: every replica reads the answers written since it last looked
-- to weigh them in its ranking.
ALTER TABLE article_feedback ADD COLUMN recorded_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp();
CREATE INDEX article_feedback_recorded ON article_feedback (recorded_at);
