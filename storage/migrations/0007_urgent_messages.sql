-- Urgent messages (crisis support, and the alert to moderators) are claimed before everything
-- else pending, so they never wait behind a week's reminders. The partial index stays tiny.
ALTER TABLE outbox ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_urgent ON outbox (platform, next_attempt_at)
    WHERE status = 'pending' AND urgent = 1;
