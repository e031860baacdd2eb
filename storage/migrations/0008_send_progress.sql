-- The steps a message of several platform calls has finished (a thread created, a post made
-- before its files), as JSON, so a retry continues where the last attempt stopped.
ALTER TABLE outbox ADD COLUMN progress TEXT NOT NULL DEFAULT '{}';
