-- Thank-you detection (issue 15): "thanks @bob" noticed, and only the thanker asked
-- privately whether to keep it as kudos.
-- detect_settings: a community's switch (no row: on, the default).
CREATE TABLE detect_settings (
    community_id TEXT PRIMARY KEY,
    enabled      INTEGER NOT NULL
) WITHOUT ROWID;

-- Members who answered "Don't ask me again" (undone by /roots detect on).
CREATE TABLE detect_quiet (
    community_id TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    PRIMARY KEY (community_id, member_id)
) WITHOUT ROWID;

-- One offer per (message, thanker): a retried message is offered once. receiver_ids
-- are space-separated member ids; reason is the message's excerpt, humanized (the
-- giver's own text: erased with them). local_day counts the asks of a day (at most 5);
-- answer is the thanker's last answer, so "No" after "Keep" does not pretend otherwise.
-- A deleted message's offers are deleted.
CREATE TABLE detect_offers (
    offer_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id TEXT NOT NULL,
    channel_id   TEXT NOT NULL,
    message_id   TEXT NOT NULL,
    giver_id     TEXT NOT NULL,
    receiver_ids TEXT NOT NULL,
    reason       TEXT NOT NULL,
    local_day    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    answer       TEXT,                 -- NULL: not answered; 'keep' or 'no'
    UNIQUE (community_id, channel_id, message_id, giver_id)
);
CREATE INDEX detect_offers_day ON detect_offers (community_id, giver_id, local_day);
