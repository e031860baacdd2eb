-- Taking part in check-ins is a choice: a member joins by checking in or with /checkins join,
-- and leaves with /checkins leave. Reminders and "who hasn't checked in" count participants
-- only. Whoever has checked in before takes part already.
ALTER TABLE checkin_members ADD COLUMN participating INTEGER NOT NULL DEFAULT 0;
UPDATE checkin_members SET participating = 1 WHERE last_week IS NOT NULL;
