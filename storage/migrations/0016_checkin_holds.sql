-- The weeks a member's pause covers (first and last): they neither break nor extend a streak.
ALTER TABLE checkin_members ADD COLUMN held_from TEXT;
ALTER TABLE checkin_members ADD COLUMN held_until TEXT;
