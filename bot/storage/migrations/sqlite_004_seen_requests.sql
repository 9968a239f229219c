-- Signed platform requests seen recently (issue #12, item 12): a captured Slack request
-- replayed within its 5-minute window, to this process or to another one on the same
-- database, runs once. request_key is the request's signature (v0=<hex>, a retry
-- number appended for Slack's own retries); expires_at is Unix seconds, the time after
-- which the signature check refuses the request anyway and the row may be dropped.
-- No member data: nothing here to export or to erase.
CREATE TABLE seen_requests (
    request_key TEXT PRIMARY KEY,
    expires_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX seen_requests_expiry ON seen_requests (expires_at);
