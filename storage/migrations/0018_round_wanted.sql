-- Communities whose matching round should run at the next tick: large communities run their
-- whole round once per tick, only when something changed. `changes` counts the events since
-- the last round, so an event that lands while a round runs keeps the next one wanted.
CREATE TABLE round_wanted (
    feature      TEXT NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    changes      INTEGER NOT NULL,
    PRIMARY KEY (feature, community_id)
);

-- A provider's room is read by member: an arriving request checks its best few providers'
-- room without reading the whole community's questions.
CREATE INDEX mentor_proposals_mentor ON mentor_proposals (community_id, mentor_id, status);
CREATE INDEX mentorships_mentor ON mentorships (community_id, mentor_id, status);
CREATE INDEX interview_pairings_volunteer ON interview_pairings (community_id, volunteer_id, status);
