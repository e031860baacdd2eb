-- Mentoring: offers to mentor, requests for a mentor, proposals asked of mentors, mentorships.

CREATE TABLE mentor_offers (
    community_id      TEXT NOT NULL,
    member_id         TEXT NOT NULL,
    topics            TEXT NOT NULL,
    capacity          INTEGER NOT NULL,
    note              TEXT,
    active            INTEGER NOT NULL DEFAULT 1,
    expired_in_a_row  INTEGER NOT NULL DEFAULT 0,
    confirmed_at      TEXT NOT NULL,
    confirm_asked_at  TEXT,
    created_at        TEXT NOT NULL,
    PRIMARY KEY (community_id, member_id)
);

CREATE TABLE mentor_requests (
    id               {{id_key}},
    community_id     TEXT NOT NULL,
    member_id        TEXT NOT NULL,
    topics           TEXT NOT NULL,
    goal             TEXT NOT NULL,
    status           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    waiting_told_at  TEXT,
    closed_at        TEXT
);
-- One open request per member: the database enforces it, not only the command.
CREATE UNIQUE INDEX mentor_requests_one_open ON mentor_requests (community_id, member_id)
    WHERE status IN ('open', 'proposed');
CREATE INDEX mentor_requests_status ON mentor_requests (community_id, status);

CREATE TABLE mentor_proposals (
    id            {{id_key}},
    community_id  TEXT NOT NULL,
    request_id    {{id_ref}} NOT NULL REFERENCES mentor_requests (id) ON DELETE CASCADE,
    mentee_id     TEXT NOT NULL,
    mentor_id     TEXT NOT NULL,
    score         INTEGER NOT NULL,
    explanation   TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    decided_at    TEXT
);
CREATE INDEX mentor_proposals_pending ON mentor_proposals (expires_at) WHERE status = 'pending';
CREATE INDEX mentor_proposals_request ON mentor_proposals (request_id);

CREATE TABLE mentorships (
    id            {{id_key}},
    community_id  TEXT NOT NULL,
    mentee_id     TEXT NOT NULL,
    mentor_id     TEXT NOT NULL,
    request_id    {{id_ref}},
    explanation   TEXT NOT NULL,
    status        TEXT NOT NULL,
    met           TEXT NOT NULL DEFAULT 'unknown',
    check_due_at  TEXT,
    nudged        INTEGER NOT NULL DEFAULT 0,
    started_at    TEXT NOT NULL,
    ended_at      TEXT,
    end_reason    TEXT,
    rating        INTEGER,
    note          TEXT
);
CREATE INDEX mentorships_active ON mentorships (community_id, status);
CREATE INDEX mentorships_check ON mentorships (check_due_at) WHERE check_due_at IS NOT NULL;
