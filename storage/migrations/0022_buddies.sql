-- Study buddies: members who opted in, grouped every week or two, and whether each group met.

CREATE TABLE buddy_schedules (
    community_id  TEXT PRIMARY KEY,
    channel_id    TEXT NOT NULL,
    cadence       TEXT NOT NULL,
    weekday       INTEGER NOT NULL,
    time_of_day   TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    group_size    INTEGER NOT NULL,
    paused        INTEGER NOT NULL DEFAULT 0,
    first_day     TEXT,
    updated_at    TEXT NOT NULL
);

CREATE TABLE buddies (
    community_id  TEXT NOT NULL,
    member_id     TEXT NOT NULL,
    topics        TEXT NOT NULL DEFAULT '[]',
    note          TEXT,
    skip_day      TEXT,
    joined_at     TEXT NOT NULL,
    PRIMARY KEY (community_id, member_id)
);

CREATE TABLE buddy_rounds (
    id            {{id_key}},
    community_id  TEXT NOT NULL,
    day           TEXT NOT NULL,
    opened_at     TEXT NOT NULL,
    ends_at       TEXT NOT NULL,
    halfway_at    TEXT NOT NULL,
    asked_at      TEXT,
    UNIQUE (community_id, day)
);
CREATE INDEX buddy_rounds_to_ask ON buddy_rounds (halfway_at) WHERE asked_at IS NULL;

CREATE TABLE buddy_groups (
    id            {{id_key}},
    community_id  TEXT NOT NULL,
    round_id      {{id_ref}} NOT NULL REFERENCES buddy_rounds (id) ON DELETE CASCADE,
    score         INTEGER NOT NULL,
    reasons       TEXT NOT NULL
);
CREATE INDEX buddy_groups_by_round ON buddy_groups (round_id);

CREATE TABLE buddy_group_members (
    community_id  TEXT NOT NULL,
    group_id      {{id_ref}} NOT NULL REFERENCES buddy_groups (id) ON DELETE CASCADE,
    member_id     TEXT NOT NULL,
    met           TEXT,
    answered_at   TEXT,
    left_at       TEXT,
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX buddy_group_members_by_member ON buddy_group_members (community_id, member_id);
CREATE INDEX buddy_group_members_answered ON buddy_group_members (community_id, answered_at);
