-- Questions a volunteer left unanswered since their last answer: three in a row pause the offer,
-- as they do a mentor's.
ALTER TABLE interview_offers ADD COLUMN expired_in_a_row INTEGER NOT NULL DEFAULT 0;
