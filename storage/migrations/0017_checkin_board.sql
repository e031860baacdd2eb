-- Whether a member chose `public` themselves (with /checkins settings): the streak board shows
-- only those who chose public:on, never anyone by default.
ALTER TABLE checkin_members ADD COLUMN public_chosen INTEGER NOT NULL DEFAULT 0;
