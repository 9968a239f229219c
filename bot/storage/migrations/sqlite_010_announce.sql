-- Quiet announcements (issue 15): where a community's public kudos confirmations go.
-- mode: 'here' (no row: the default), 'thread', 'channel' (channel_id: a log channel the
-- platform vouched for) or 'private'. (The lead may renumber this file.)
CREATE TABLE announce_settings (
    community_id TEXT PRIMARY KEY,
    mode         TEXT NOT NULL,
    channel_id   TEXT
) WITHOUT ROWID;
