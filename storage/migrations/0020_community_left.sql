-- A community whose workspace removed liftup: since when. Its data waits for a reinstall, then
-- is erased by housekeeping (bot/features/installs.py says how long).
ALTER TABLE communities ADD COLUMN left_at TEXT;
