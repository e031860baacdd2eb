-- When a member waiting for an interview was last told why, as mentees are: nobody waits
-- silently.
ALTER TABLE interview_requests ADD COLUMN waiting_told_at TEXT;
