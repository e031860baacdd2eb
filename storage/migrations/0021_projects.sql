-- Projects: an idea scoped before it is built, its team, its milestones and what it shipped.
-- A project taking teammates is the engine's offer (its owner is asked about each joiner);
-- join requests and the owner's questions are the engine's requests and questions.

CREATE TABLE projects (
    id                {{id_key}},
    community_id      TEXT NOT NULL,
    owner_id          TEXT NOT NULL,
    title             TEXT NOT NULL,
    problem           TEXT NOT NULL,
    size              TEXT NOT NULL,
    status            TEXT NOT NULL,
    topics            TEXT NOT NULL DEFAULT '[]',
    looking_for       TEXT NOT NULL DEFAULT '[]',
    capacity          INTEGER NOT NULL,
    private           INTEGER NOT NULL DEFAULT 0,
    scope             TEXT NOT NULL DEFAULT '{}',
    link              TEXT,
    summary           TEXT,
    active            INTEGER NOT NULL DEFAULT 1,
    expired_in_a_row  INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    confirmed_at      TEXT,
    shipped_at        TEXT
);
CREATE INDEX projects_by_community ON projects (community_id, status);
CREATE INDEX projects_by_owner ON projects (community_id, owner_id);

CREATE TABLE project_members (
    community_id  TEXT NOT NULL,
    project_id    {{id_ref}} NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    member_id     TEXT NOT NULL,
    is_owner      INTEGER NOT NULL DEFAULT 0,
    joined_at     TEXT NOT NULL,
    PRIMARY KEY (project_id, member_id)
);
CREATE INDEX project_members_by_member ON project_members (community_id, member_id);
CREATE INDEX project_members_by_community ON project_members (community_id, is_owner, project_id);

CREATE TABLE project_milestones (
    id            {{id_key}},
    community_id  TEXT NOT NULL,
    project_id    {{id_ref}} NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    done_at       TEXT,
    done_by       TEXT
);
CREATE INDEX project_milestones_by_project ON project_milestones (project_id, position);

CREATE TABLE join_requests (
    id               {{id_key}},
    community_id     TEXT NOT NULL,
    member_id        TEXT NOT NULL,
    project_id       {{id_ref}} REFERENCES projects (id) ON DELETE CASCADE,
    topics           TEXT NOT NULL DEFAULT '[]',
    goal             TEXT NOT NULL,
    status           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    waiting_told_at  TEXT
);
CREATE INDEX join_requests_open ON join_requests (community_id, status);

CREATE TABLE join_questions (
    id            {{id_key}},
    community_id  TEXT NOT NULL,
    request_id    {{id_ref}} NOT NULL REFERENCES join_requests (id) ON DELETE CASCADE,
    joiner_id     TEXT NOT NULL,
    owner_id      TEXT NOT NULL,
    project_id    {{id_ref}} NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    score         INTEGER NOT NULL,
    explanation   TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    decided_at    TEXT
);
CREATE INDEX join_questions_pending ON join_questions (expires_at) WHERE status = 'pending';
CREATE INDEX join_questions_by_owner ON join_questions (community_id, owner_id, status);
CREATE INDEX join_questions_by_project ON join_questions (project_id, status);
CREATE INDEX join_questions_by_request ON join_questions (community_id, request_id);
