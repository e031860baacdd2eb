-- A command waiting for its form (a Slack modal) whose answers so far don't fit in what the
-- platform carries for us (Slack's private_metadata holds 3,000 characters). Kept a day at most.
CREATE TABLE form_drafts (
    key          TEXT PRIMARY KEY,
    community_id TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    data         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX form_drafts_member ON form_drafts (community_id, member_id);
CREATE INDEX form_drafts_age ON form_drafts (created_at);
