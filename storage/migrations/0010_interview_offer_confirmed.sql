-- When a volunteer last said they're available (a new /interview offer): a question that lapsed
-- before then no longer keeps them from being asked again about the same request.
ALTER TABLE interview_offers ADD COLUMN confirmed_at TEXT;
