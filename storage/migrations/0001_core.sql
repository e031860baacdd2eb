-- Communities, members and profiles; the outbox, inbound idempotency keys and one-time effects.

CREATE TABLE communities (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL
);

CREATE TABLE community_settings (
    community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    value        TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (community_id, key)
);

CREATE TABLE members (
    community_id  TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    member_id     TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    paused_until  TEXT,
    PRIMARY KEY (community_id, member_id)
);
CREATE INDEX members_pause_end ON members (paused_until) WHERE paused_until IS NOT NULL;

CREATE TABLE profiles (
    community_id     TEXT NOT NULL,
    member_id        TEXT NOT NULL,
    timezone         TEXT,
    phase            TEXT,
    role             TEXT,
    industry         TEXT,
    target_role      TEXT,
    target_industry  TEXT,
    topics_known     TEXT NOT NULL DEFAULT '[]',
    topics_learning  TEXT NOT NULL DEFAULT '[]',
    languages        TEXT NOT NULL DEFAULT '[]',
    bio              TEXT,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (community_id, member_id),
    FOREIGN KEY (community_id, member_id) REFERENCES members (community_id, member_id)
        ON DELETE CASCADE
);

CREATE TABLE outbox (
    id               {{id_key}},
    community_id     TEXT NOT NULL,
    platform         TEXT NOT NULL,
    key              TEXT NOT NULL,
    destination      TEXT NOT NULL,
    reply            TEXT NOT NULL,
    recipient_id     TEXT,
    status           TEXT NOT NULL DEFAULT 'pending',
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    finished_at      TEXT,
    reference        TEXT,
    last_error       TEXT,
    UNIQUE (community_id, key)
);
CREATE INDEX outbox_due ON outbox (platform, next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_recipient ON outbox (community_id, recipient_id);
CREATE INDEX outbox_failed ON outbox (community_id, finished_at) WHERE status = 'failed';

CREATE TABLE idempotency (
    community_id TEXT NOT NULL,
    key          TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (community_id, key)
);
CREATE INDEX idempotency_member ON idempotency (community_id, member_id);
CREATE INDEX idempotency_age ON idempotency (created_at);

CREATE TABLE effects (
    community_id TEXT NOT NULL,
    key          TEXT NOT NULL,
    member_id    TEXT,
    done_at      TEXT NOT NULL,
    PRIMARY KEY (community_id, key)
);
CREATE INDEX effects_member ON effects (community_id, member_id) WHERE member_id IS NOT NULL;
