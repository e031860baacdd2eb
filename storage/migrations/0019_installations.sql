-- Apps installed into workspaces through OAuth (Slack's "Add to Slack"), one row a workspace,
-- keyed by the community the workspace is. `sealed` is encrypted by the adapter with a key only
-- the deployment's environment holds: the database never sees a token in the clear.
CREATE TABLE installations (
    community_id TEXT PRIMARY KEY,
    sealed       TEXT NOT NULL,
    installed_at TEXT NOT NULL
);

-- The one-time `state` of an OAuth install in progress: checked once, then gone.
CREATE TABLE auth_states (
    state      TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL
);
