-- The times suggested when a conversation is agreed (JSON list), the one the two settled on, and
-- which reminders have gone out (0 none, 1 the day before, 2 the hour before as well).
ALTER TABLE interview_pairings ADD COLUMN slots TEXT NOT NULL DEFAULT '[]';
ALTER TABLE interview_pairings ADD COLUMN meets_at TEXT;
ALTER TABLE interview_pairings ADD COLUMN reminders_sent INTEGER NOT NULL DEFAULT 0;
CREATE INDEX interview_pairings_meeting ON interview_pairings (meets_at)
    WHERE meets_at IS NOT NULL AND reminders_sent < 2;
