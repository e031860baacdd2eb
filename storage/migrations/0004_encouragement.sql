-- Encouragement: members' listener preference and reply bookkeeping (never message text),
-- their wins journal, and kudos between peers.

CREATE TABLE encouragement_members (
    community_id   TEXT NOT NULL,
    member_id      TEXT NOT NULL,
    listen         INTEGER NOT NULL DEFAULT 1,
    last_reply_at  TEXT,
    replies        INTEGER NOT NULL DEFAULT 0,
    crisis_replies INTEGER NOT NULL DEFAULT 0,
    pool_used      TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (community_id, member_id)
);

CREATE TABLE wins (
    id            {{id_key}},
    community_id  TEXT NOT NULL,
    member_id     TEXT NOT NULL,
    text          TEXT NOT NULL,
    shared        INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
CREATE INDEX wins_member ON wins (community_id, member_id, created_at);

CREATE TABLE kudos (
    id            {{id_key}},
    community_id  TEXT NOT NULL,
    from_member   TEXT NOT NULL,
    to_member     TEXT NOT NULL,
    message       TEXT NOT NULL,
    private       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
CREATE INDEX kudos_to ON kudos (community_id, to_member, created_at);
CREATE INDEX kudos_from ON kudos (community_id, from_member, created_at);
