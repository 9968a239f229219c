-- Same as sqlite_005: thank-you detection (issue 15), a community's switch, the members
-- who asked not to be asked again, and the pending offers (one per message and thanker).
CREATE TABLE detect_settings (
    community_id TEXT COLLATE "C" PRIMARY KEY,
    enabled      INTEGER NOT NULL
);

CREATE TABLE detect_quiet (
    community_id TEXT COLLATE "C" NOT NULL,
    member_id    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (community_id, member_id)
);

CREATE TABLE detect_offers (
    offer_id     BIGSERIAL PRIMARY KEY,
    community_id TEXT COLLATE "C" NOT NULL,
    channel_id   TEXT COLLATE "C" NOT NULL,
    message_id   TEXT COLLATE "C" NOT NULL,
    giver_id     TEXT COLLATE "C" NOT NULL,
    receiver_ids TEXT COLLATE "C" NOT NULL,
    reason       TEXT COLLATE "C" NOT NULL,
    local_day    TEXT COLLATE "C" NOT NULL,
    created_at   TEXT COLLATE "C" NOT NULL,
    answer       TEXT COLLATE "C",
    UNIQUE (community_id, channel_id, message_id, giver_id)
);
CREATE INDEX detect_offers_day ON detect_offers (community_id, giver_id, local_day);
