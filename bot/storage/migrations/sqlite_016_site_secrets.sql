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

-- The Community page counts this week's new connections at every view: on 008's partial
-- index SQLite still read each pair's row to check `opened` (60 ms at 1M kudos). With
-- `opened` in the index the count reads the index alone (2 ms); it replaces 008's.
CREATE INDEX kudos_pairs_opened_first ON kudos_pairs (community_id, opened, first_at);
DROP INDEX kudos_pairs_opened;
