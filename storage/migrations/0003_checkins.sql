-- Weekly learning check-ins: each community's schedule, the weeks it opened, members' entries,
-- their preferences and their streaks.

CREATE TABLE checkin_schedules (
    community_id     TEXT PRIMARY KEY,
    channel_id       TEXT NOT NULL,
    weekday          INTEGER NOT NULL,
    time_of_day      TEXT NOT NULL,
    timezone         TEXT NOT NULL,
    remind_minutes   INTEGER NOT NULL,
    enabled          INTEGER NOT NULL DEFAULT 1,
    updated_at       TEXT NOT NULL
);

-- A week is known by the local date it opened on; one row per community and week, so a
-- duplicate tick, a restart or a clock jump cannot open it twice.
CREATE TABLE checkin_weeks (
    community_id  TEXT NOT NULL,
    week          TEXT NOT NULL,
    channel_id    TEXT NOT NULL,
    opened_at     TEXT NOT NULL,
    closes_at     TEXT NOT NULL,
    closed_at     TEXT,
    PRIMARY KEY (community_id, week)
);
CREATE INDEX checkin_weeks_open ON checkin_weeks (closes_at) WHERE closed_at IS NULL;

CREATE TABLE checkins (
    community_id  TEXT NOT NULL,
    member_id     TEXT NOT NULL,
    week          TEXT NOT NULL,
    learned       TEXT NOT NULL,
    minutes       INTEGER,
    next_goal     TEXT,
    blocker       TEXT,
    kept_goal     INTEGER,
    via           TEXT NOT NULL,
    revisions     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (community_id, member_id, week)
);
CREATE INDEX checkins_week ON checkins (community_id, week);

CREATE TABLE checkin_members (
    community_id     TEXT NOT NULL,
    member_id        TEXT NOT NULL,
    reminders        INTEGER NOT NULL DEFAULT 1,
    public           INTEGER NOT NULL DEFAULT 1,
    streak_current   INTEGER NOT NULL DEFAULT 0,
    streak_longest   INTEGER NOT NULL DEFAULT 0,
    freezes          INTEGER NOT NULL DEFAULT 0,
    last_week        TEXT,
    reminded_week    TEXT,
    PRIMARY KEY (community_id, member_id)
);
