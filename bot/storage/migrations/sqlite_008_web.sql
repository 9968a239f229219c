-- The web dashboard's sign-in (issue #14): one-time links and server-side sessions, in
-- the database so that every process on it (bots, `roots web`) shares them.
-- Secrets are stored as their SHA-256 only (bot/weblogin.py): a copy of the database
-- gives no working link and no live session. Times are UTC ISO 8601 text.
-- Internal bookkeeping, never exported; erasing a member deletes their rows.
CREATE TABLE web_login_tokens (
    token_hash   TEXT PRIMARY KEY,
    community_id TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    is_admin     INTEGER NOT NULL DEFAULT 0,
    expires_at   TEXT NOT NULL,
    used_at      TEXT
) WITHOUT ROWID;
CREATE INDEX web_login_tokens_expiry ON web_login_tokens (expires_at);
CREATE INDEX web_login_tokens_member ON web_login_tokens (community_id, member_id);

CREATE TABLE web_sessions (
    session_hash TEXT PRIMARY KEY,
    community_id TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    is_admin     INTEGER NOT NULL DEFAULT 0,
    csrf         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX web_sessions_member ON web_sessions (community_id, member_id);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);

-- The dashboard's figures, read from aggregates and indexes, never by scanning the
-- ledger per request (bench/ measures the pages at 1M kudos).
-- 1. When two people first connected: first_at on each pair, and opened = 1 on the pair
--    whose thank-you came first (the other had never thanked this one), both set once when
--    the pair's row is created (the kudos trigger's insert, once per pair: an import
--    brings its own values).
ALTER TABLE kudos_pairs ADD COLUMN first_at TEXT;
ALTER TABLE kudos_pairs ADD COLUMN opened INTEGER NOT NULL DEFAULT 0;
UPDATE kudos_pairs SET first_at = (
    SELECT min(k.created_at) FROM kudos k WHERE k.community_id = kudos_pairs.community_id
    AND k.giver_id = kudos_pairs.giver_id AND k.receiver_id = kudos_pairs.receiver_id);
UPDATE kudos_pairs SET first_at = last_at WHERE first_at IS NULL;
UPDATE kudos_pairs SET opened = 1 WHERE giver_id <> receiver_id AND NOT EXISTS (
    SELECT 1 FROM kudos_pairs b WHERE b.community_id = kudos_pairs.community_id
    AND b.giver_id = kudos_pairs.receiver_id AND b.receiver_id = kudos_pairs.giver_id
    AND (b.first_at < kudos_pairs.first_at
         OR (b.first_at = kudos_pairs.first_at AND b.giver_id < kudos_pairs.giver_id)));
CREATE TRIGGER kudos_pairs_first AFTER INSERT ON kudos_pairs WHEN NEW.first_at IS NULL BEGIN
    UPDATE kudos_pairs SET first_at = NEW.last_at,
        opened = NOT EXISTS (SELECT 1 FROM kudos_pairs b
            WHERE b.community_id = NEW.community_id AND b.giver_id = NEW.receiver_id
            AND b.receiver_id = NEW.giver_id)
     WHERE community_id = NEW.community_id
       AND giver_id = NEW.giver_id AND receiver_id = NEW.receiver_id;
END;
-- New connections by time: the opening pairs only.
CREATE INDEX kudos_pairs_opened ON kudos_pairs (community_id, first_at) WHERE opened = 1;
-- 2. The thanks a member received, newest first (My roots, paged; helpers of 90 days).
CREATE INDEX kudos_receiver_time ON kudos (community_id, receiver_id, created_at);
-- 3. Check-ins per week (the Community page).
CREATE INDEX checkins_day ON checkins (community_id, local_date);

-- 4. The dashboard's figures of finished weeks (and of the day, for the health figures),
--    computed once and kept: 'week:<Monday>' and 'health:<local date>' -> JSON counts.
--    A revocation drops the community's rows, a late check-in its week's; no member data.
CREATE TABLE web_figures (
    community_id TEXT NOT NULL,
    figure_key   TEXT NOT NULL,
    figures      TEXT NOT NULL,
    PRIMARY KEY (community_id, figure_key)
);
