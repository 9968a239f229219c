-- Daily prompts on PostgreSQL: same tables as sqlite_002 (ids are BIGSERIAL, text
-- columns compare bytewise like SQLite: COLLATE "C").
ALTER TABLE communities ADD COLUMN catchup_minutes INTEGER NOT NULL DEFAULT 180;

-- One row per (channel, kind, ref): kind 'prompt' (daily prompt), 'digest' (weekly
-- digest), 'challenge' (ref_id = challenge_id, bounded by first_date..last_date).
CREATE TABLE schedules (
    schedule_id      BIGSERIAL PRIMARY KEY,
    community_id     TEXT COLLATE "C" NOT NULL REFERENCES communities(community_id),
    channel_id       TEXT COLLATE "C" NOT NULL,
    kind             TEXT COLLATE "C" NOT NULL,
    ref_id           BIGINT NOT NULL DEFAULT 0,
    at_time          TEXT COLLATE "C" NOT NULL,          -- HH:MM local
    timezone         TEXT COLLATE "C" NOT NULL,          -- IANA name
    days             TEXT COLLATE "C" NOT NULL,          -- weekday digits, Monday = 0: '01234'
    locale           TEXT COLLATE "C" NOT NULL,
    enabled          INTEGER NOT NULL DEFAULT 1,
    paused_reason    TEXT COLLATE "C",                   -- set when the channel became unavailable
    pause_notified   INTEGER NOT NULL DEFAULT 0,
    first_date       TEXT COLLATE "C",
    last_date        TEXT COLLATE "C",
    next_local_date  TEXT COLLATE "C",
    next_due_at      TEXT COLLATE "C",                   -- NULL when nothing is planned
    created_at       TEXT COLLATE "C" NOT NULL,
    updated_at       TEXT COLLATE "C" NOT NULL,
    UNIQUE (community_id, channel_id, kind, ref_id)
);
CREATE INDEX schedules_due ON schedules (next_due_at)
    WHERE enabled = 1 AND paused_reason IS NULL AND next_due_at IS NOT NULL;

-- The claim: one row per (schedule, local date), inserted before sending.
-- status: claimed (sending, or in doubt after a crash), sent, failed, skipped.
-- Manual posts (/prompt now) have schedule_id NULL, which never conflicts.
CREATE TABLE posts (
    post_id              BIGSERIAL PRIMARY KEY,
    schedule_id          BIGINT REFERENCES schedules(schedule_id),
    community_id         TEXT COLLATE "C" NOT NULL,
    channel_id           TEXT COLLATE "C" NOT NULL,
    kind                 TEXT COLLATE "C" NOT NULL,
    ref_id               BIGINT NOT NULL DEFAULT 0,
    local_date           TEXT COLLATE "C" NOT NULL,
    prompt_id            TEXT COLLATE "C",
    cycle                INTEGER NOT NULL DEFAULT 0,
    due_at               TEXT COLLATE "C" NOT NULL,
    status               TEXT COLLATE "C" NOT NULL,
    attempts             INTEGER NOT NULL DEFAULT 0,
    late                 INTEGER NOT NULL DEFAULT 0,
    claimed_by           TEXT COLLATE "C",
    claimed_at           TEXT COLLATE "C" NOT NULL,
    next_attempt_at      TEXT COLLATE "C",
    sent_at              TEXT COLLATE "C",
    platform_message_id  TEXT COLLATE "C",
    error                TEXT COLLATE "C",
    UNIQUE (schedule_id, local_date)
);
CREATE INDEX posts_retry ON posts (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX posts_channel ON posts (community_id, channel_id, post_id);
CREATE INDEX posts_message ON posts (community_id, platform_message_id);

-- Rotation per channel: prompt ids used in the current cycle, comma-separated.
CREATE TABLE rotations (
    community_id TEXT COLLATE "C" NOT NULL,
    channel_id   TEXT COLLATE "C" NOT NULL,
    cycle        INTEGER NOT NULL DEFAULT 0,
    used         TEXT COLLATE "C" NOT NULL DEFAULT '',
    PRIMARY KEY (community_id, channel_id)
);

CREATE TABLE excluded_themes (
    community_id TEXT COLLATE "C" NOT NULL,
    theme        TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (community_id, theme)
);

-- Admin prompts (status active) and members' suggestions (pending, then active or
-- rejected). removed: taken out by an admin. norm_text: lower-case, single spaces.
CREATE TABLE custom_prompts (
    custom_id    BIGSERIAL PRIMARY KEY,
    community_id TEXT COLLATE "C" NOT NULL REFERENCES communities(community_id),
    text         TEXT COLLATE "C" NOT NULL,
    norm_text    TEXT COLLATE "C" NOT NULL,
    status       TEXT COLLATE "C" NOT NULL,
    author_id    TEXT COLLATE "C" NOT NULL,
    created_at   TEXT COLLATE "C" NOT NULL,
    decided_by   TEXT COLLATE "C",
    decided_at   TEXT COLLATE "C"
);
CREATE UNIQUE INDEX custom_prompts_once ON custom_prompts (community_id, norm_text)
    WHERE status IN ('active', 'pending');

CREATE TABLE checkins (
    post_id      BIGINT NOT NULL REFERENCES posts(post_id),
    member_id    TEXT COLLATE "C" NOT NULL,
    community_id TEXT COLLATE "C" NOT NULL,
    local_date   TEXT COLLATE "C" NOT NULL,              -- the post's local date
    note         TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_at   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (post_id, member_id)
);
CREATE INDEX checkins_member ON checkins (community_id, member_id, local_date);

CREATE TABLE challenges (
    challenge_id BIGSERIAL PRIMARY KEY,
    community_id TEXT COLLATE "C" NOT NULL REFERENCES communities(community_id),
    channel_id   TEXT COLLATE "C" NOT NULL,
    start_date   TEXT COLLATE "C" NOT NULL,
    end_date     TEXT COLLATE "C" NOT NULL,
    created_by   TEXT COLLATE "C" NOT NULL,
    created_at   TEXT COLLATE "C" NOT NULL,
    status       TEXT COLLATE "C" NOT NULL DEFAULT 'active'   -- active, ended
);
CREATE INDEX challenges_community ON challenges (community_id, status);

CREATE TABLE challenge_participants (
    challenge_id BIGINT NOT NULL REFERENCES challenges(challenge_id),
    member_id    TEXT COLLATE "C" NOT NULL,
    joined_at    TEXT COLLATE "C" NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (challenge_id, member_id)
);
