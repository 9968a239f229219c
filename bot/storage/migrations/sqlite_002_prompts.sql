-- Daily prompts: schedules, exactly-once posts, rotation, custom prompts, check-ins,
-- the 7-day challenge. Times are UTC ISO 8601 text; local dates are YYYY-MM-DD.
ALTER TABLE communities ADD COLUMN catchup_minutes INTEGER NOT NULL DEFAULT 180;

-- One row per (channel, kind, ref): kind 'prompt' (daily prompt), 'digest' (weekly
-- digest), 'challenge' (ref_id = challenge_id, bounded by first_date..last_date).
CREATE TABLE schedules (
    schedule_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id     TEXT NOT NULL REFERENCES communities(community_id),
    channel_id       TEXT NOT NULL,
    kind             TEXT NOT NULL,
    ref_id           INTEGER NOT NULL DEFAULT 0,
    at_time          TEXT NOT NULL,          -- HH:MM local
    timezone         TEXT NOT NULL,          -- IANA name
    days             TEXT NOT NULL,          -- weekday digits, Monday = 0: '01234'
    locale           TEXT NOT NULL,
    enabled          INTEGER NOT NULL DEFAULT 1,
    paused_reason    TEXT,                   -- set when the channel became unavailable
    pause_notified   INTEGER NOT NULL DEFAULT 0,
    first_date       TEXT,
    last_date        TEXT,
    next_local_date  TEXT,
    next_due_at      TEXT,                   -- NULL when nothing is planned
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (community_id, channel_id, kind, ref_id)
);
CREATE INDEX schedules_due ON schedules (next_due_at)
    WHERE enabled = 1 AND paused_reason IS NULL AND next_due_at IS NOT NULL;

-- The claim: one row per (schedule, local date), inserted before sending.
-- status: claimed (sending, or in doubt after a crash), sent, failed, skipped.
-- Manual posts (/prompt now) have schedule_id NULL, which never conflicts.
CREATE TABLE posts (
    post_id              INTEGER PRIMARY KEY AUTOINCREMENT,
    schedule_id          INTEGER REFERENCES schedules(schedule_id),
    community_id         TEXT NOT NULL,
    channel_id           TEXT NOT NULL,
    kind                 TEXT NOT NULL,
    ref_id               INTEGER NOT NULL DEFAULT 0,
    local_date           TEXT NOT NULL,
    prompt_id            TEXT,
    cycle                INTEGER NOT NULL DEFAULT 0,
    due_at               TEXT NOT NULL,
    status               TEXT NOT NULL,
    attempts             INTEGER NOT NULL DEFAULT 0,
    late                 INTEGER NOT NULL DEFAULT 0,
    claimed_by           TEXT,
    claimed_at           TEXT NOT NULL,
    next_attempt_at      TEXT,
    sent_at              TEXT,
    platform_message_id  TEXT,
    error                TEXT,
    UNIQUE (schedule_id, local_date)
);
CREATE INDEX posts_retry ON posts (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX posts_channel ON posts (community_id, channel_id, post_id);
CREATE INDEX posts_message ON posts (community_id, platform_message_id);

-- Rotation per channel: prompt ids used in the current cycle, comma-separated.
CREATE TABLE rotations (
    community_id TEXT NOT NULL,
    channel_id   TEXT NOT NULL,
    cycle        INTEGER NOT NULL DEFAULT 0,
    used         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (community_id, channel_id)
);

CREATE TABLE excluded_themes (
    community_id TEXT NOT NULL,
    theme        TEXT NOT NULL,
    PRIMARY KEY (community_id, theme)
);

-- Admin prompts (status active) and members' suggestions (pending, then active or
-- rejected). removed: taken out by an admin. norm_text: lower-case, single spaces.
CREATE TABLE custom_prompts (
    custom_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id TEXT NOT NULL REFERENCES communities(community_id),
    text         TEXT NOT NULL,
    norm_text    TEXT NOT NULL,
    status       TEXT NOT NULL,
    author_id    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    decided_by   TEXT,
    decided_at   TEXT
);
CREATE UNIQUE INDEX custom_prompts_once ON custom_prompts (community_id, norm_text)
    WHERE status IN ('active', 'pending');

CREATE TABLE checkins (
    post_id      INTEGER NOT NULL REFERENCES posts(post_id),
    member_id    TEXT NOT NULL,
    community_id TEXT NOT NULL,
    local_date   TEXT NOT NULL,              -- the post's local date
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    PRIMARY KEY (post_id, member_id)
);
CREATE INDEX checkins_member ON checkins (community_id, member_id, local_date);

CREATE TABLE challenges (
    challenge_id INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id TEXT NOT NULL REFERENCES communities(community_id),
    channel_id   TEXT NOT NULL,
    start_date   TEXT NOT NULL,
    end_date     TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'active'   -- active, ended
);
CREATE INDEX challenges_community ON challenges (community_id, status);

CREATE TABLE challenge_participants (
    challenge_id INTEGER NOT NULL REFERENCES challenges(challenge_id),
    member_id    TEXT NOT NULL,
    joined_at    TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (challenge_id, member_id)
);
