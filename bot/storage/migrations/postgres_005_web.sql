-- Same as sqlite_005: the dashboard's one-time sign-in links and sessions, stored hashed.
CREATE TABLE web_login_tokens (
    token_hash   TEXT COLLATE "C" PRIMARY KEY,
    community_id TEXT COLLATE "C" NOT NULL,
    member_id    TEXT COLLATE "C" NOT NULL,
    is_admin     INTEGER NOT NULL DEFAULT 0,
    expires_at   TEXT COLLATE "C" NOT NULL,
    used_at      TEXT COLLATE "C"
);
CREATE INDEX web_login_tokens_expiry ON web_login_tokens (expires_at);
CREATE INDEX web_login_tokens_member ON web_login_tokens (community_id, member_id);

CREATE TABLE web_sessions (
    session_hash TEXT COLLATE "C" PRIMARY KEY,
    community_id TEXT COLLATE "C" NOT NULL,
    member_id    TEXT COLLATE "C" NOT NULL,
    is_admin     INTEGER NOT NULL DEFAULT 0,
    csrf         TEXT COLLATE "C" NOT NULL,
    created_at   TEXT COLLATE "C" NOT NULL,
    expires_at   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX web_sessions_member ON web_sessions (community_id, member_id);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
