-- Same as sqlite_005: signed requests seen in the last five minutes, so a replay runs
-- once whichever process it reaches (the primary key is the lock).
CREATE TABLE seen_requests (
    request_key TEXT COLLATE "C" PRIMARY KEY,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX seen_requests_expiry ON seen_requests (expires_at);
