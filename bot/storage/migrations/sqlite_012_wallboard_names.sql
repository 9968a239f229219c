-- The dashboard, continued (issue #14). (The lead may renumber this file.)
-- 1. The community's name as its platform shows it (Discord server, Slack workspace),
--    recorded by the adapters when they learn it; NULL until then (the pages show the id).
ALTER TABLE communities ADD COLUMN display_name TEXT;

-- 2. The wallboard: a read-only page for a screen in the office, at an unguessable URL
--    (/roots-config wallboard on). One per community; the token is stored as its SHA-256
--    only, so a copy of the database opens no wallboard. Turning it on again replaces the
--    row (the old URL stops working); off deletes it. Internal bookkeeping, never exported.
CREATE TABLE web_wallboards (
    community_id TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL
) WITHOUT ROWID;

-- 3. The weekly charts now count team kudos (migration 009's team_given) like the
--    leaderboards' own: the kept figures of finished weeks are counted again.
DELETE FROM web_figures WHERE figure_key LIKE 'week:%';
