-- The organiser dashboard: one-time sign-in links, the sessions they open, and the indexes that
-- let each figure be one indexed query for a community of tens of thousands.

-- Only a hash of each secret is kept: a copy of the database opens no dashboard.
CREATE TABLE dashboard_links (
    token_hash    TEXT PRIMARY KEY,
    community_id  TEXT NOT NULL,
    member_id     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    used_at       TEXT
);
CREATE INDEX dashboard_links_member ON dashboard_links (community_id, member_id);
CREATE INDEX dashboard_links_age ON dashboard_links (expires_at);

CREATE TABLE dashboard_sessions (
    session_hash  TEXT PRIMARY KEY,
    community_id  TEXT NOT NULL,
    member_id     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX dashboard_sessions_member ON dashboard_sessions (community_id, member_id);
CREATE INDEX dashboard_sessions_age ON dashboard_sessions (expires_at);

CREATE INDEX mentor_requests_created ON mentor_requests (community_id, created_at);
CREATE INDEX mentorships_request ON mentorships (request_id);
CREATE INDEX mentorships_started ON mentorships (community_id, started_at);
CREATE INDEX interview_requests_created ON interview_requests (community_id, created_at);
CREATE INDEX interview_pairings_requester ON interview_pairings (community_id, requester_id);
CREATE INDEX interview_pairings_request ON interview_pairings (request_id);
CREATE INDEX wins_shared ON wins (community_id, created_at) WHERE shared = 1;
