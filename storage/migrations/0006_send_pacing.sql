-- Send pacing shared by every process: each reserves its next send times here, so however many
-- processes drain the outbox, together they stay under the platform's rate.
CREATE TABLE send_pacing (
    platform      TEXT PRIMARY KEY,
    next_free_at  DOUBLE PRECISION NOT NULL  -- wall-clock seconds since the epoch
);
