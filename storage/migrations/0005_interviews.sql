-- Informational interviews: volunteers, requests from career switchers, and pairings.

CREATE TABLE interview_offers (
    community_id  TEXT NOT NULL,
    member_id     TEXT NOT NULL,
    role          TEXT NOT NULL,
    industry      TEXT NOT NULL,
    per_month     INTEGER NOT NULL,
    topics        TEXT NOT NULL DEFAULT '[]',
    note          TEXT,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (community_id, member_id)
);

CREATE TABLE interview_requests (
    id               {{id_key}},
    community_id     TEXT NOT NULL,
    member_id        TEXT NOT NULL,
    target_role      TEXT NOT NULL,
    target_industry  TEXT,
    goal             TEXT NOT NULL,
    status           TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX interview_requests_open ON interview_requests (community_id, status);

CREATE TABLE interview_pairings (
    id            {{id_key}},
    community_id  TEXT NOT NULL,
    request_id    {{id_ref}} NOT NULL REFERENCES interview_requests (id) ON DELETE CASCADE,
    requester_id  TEXT NOT NULL,
    volunteer_id  TEXT NOT NULL,
    score         INTEGER NOT NULL,
    explanation   TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    decided_at    TEXT,
    follow_up_at  TEXT,
    happened      INTEGER,
    helpful       INTEGER,
    note          TEXT
);
CREATE INDEX interview_pairings_pending ON interview_pairings (expires_at) WHERE status = 'pending';
CREATE INDEX interview_pairings_follow_up ON interview_pairings (follow_up_at)
    WHERE follow_up_at IS NOT NULL;
