-- Same as sqlite_010_announce: where a community's public kudos confirmations go.
CREATE TABLE announce_settings (
    community_id TEXT COLLATE "C" PRIMARY KEY,
    mode         TEXT NOT NULL,
    channel_id   TEXT COLLATE "C"
);
