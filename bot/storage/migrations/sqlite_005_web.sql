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
