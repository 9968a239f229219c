-- Reconnect (issue 16): "Not now" snoozes, direct messages a platform refused, and
-- members who left. The weekly nudge is a schedule of kind 'nudge' whose channel_id is
-- the member's id (their direct messages): it is planned by the same DST-correct
-- calendar and claimed exactly once per (schedule, local date) in posts, like every
-- scheduled post, so a member gets one nudge a week across restarts and processes.

-- "Not now": member_id hid other_id from their reconnect suggestions until until_at.
CREATE TABLE reconnect_snoozes (
    community_id TEXT NOT NULL REFERENCES communities(community_id),
    member_id    TEXT NOT NULL,
    other_id     TEXT NOT NULL,
    until_at     TEXT NOT NULL,              -- UTC, ISO 8601
    PRIMARY KEY (community_id, member_id, other_id)
);

-- The platform refused a direct message (Discord 50007: the member blocks DMs): the
-- member is told once, privately, at their next command (told = 1 after that).
CREATE TABLE dm_refusals (
    community_id TEXT NOT NULL REFERENCES communities(community_id),
    member_id    TEXT NOT NULL,
    refused_at   TEXT NOT NULL,
    told         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (community_id, member_id)
);

-- Members the platform said left the community (Slack: deactivated). Never suggested.
CREATE TABLE member_departures (
    community_id TEXT NOT NULL REFERENCES communities(community_id),
    member_id    TEXT NOT NULL,
    departed_at  TEXT NOT NULL,
    PRIMARY KEY (community_id, member_id)
);
