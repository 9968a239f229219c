-- Secrets Roots makes for itself and shares between its processes (issue #14): the key
-- that signs the dashboard's picture URLs for Slack ('pictures'). Made at first use by
-- whichever process needs it first (INSERT … ON CONFLICT DO NOTHING, then read: every
-- process gets the same one). Internal: never exported nor copied; a database without
-- it makes a new one (the old picture links then stop working, which is safe).
CREATE TABLE site_secrets (
    name       TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;
