-- Roots core schema: communities, members, the kudos ledger and its aggregates.
CREATE TABLE communities (
    community_id        TEXT PRIMARY KEY,
    platform            TEXT NOT NULL,
    timezone            TEXT NOT NULL,
    locale              TEXT NOT NULL,
    daily_budget        INTEGER NOT NULL DEFAULT 5,
    kudos_emoji         TEXT NOT NULL DEFAULT '🌱',
    reason_required     INTEGER NOT NULL DEFAULT 1,
    leaderboards_enabled INTEGER NOT NULL DEFAULT 1,
    cooldown_seconds    INTEGER NOT NULL DEFAULT 60,
    season              INTEGER NOT NULL DEFAULT 1,
    season_started_at   TEXT,
    created_at          TEXT NOT NULL
);

CREATE TABLE members (
    community_id  TEXT NOT NULL REFERENCES communities(community_id),
    member_id     TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    is_bot        INTEGER NOT NULL DEFAULT 0,
    opted_out     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (community_id, member_id)
);
CREATE INDEX members_name ON members (community_id, display_name COLLATE NOCASE);

-- One row per (action, receiver). Revoked rows stay (audit) with revoked_at set.
CREATE TABLE kudos (
    kudos_id        INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id    TEXT NOT NULL REFERENCES communities(community_id),
    action_id       TEXT NOT NULL,
    giver_id        TEXT NOT NULL,
    receiver_id     TEXT NOT NULL,
    reason          TEXT NOT NULL,
    channel_id      TEXT NOT NULL,
    source          TEXT NOT NULL,
    source_event_id TEXT,
    created_at      TEXT NOT NULL,          -- UTC, ISO 8601
    local_day       TEXT NOT NULL,          -- YYYY-MM-DD in the community's zone
    season          INTEGER NOT NULL,
    week_key        TEXT NOT NULL,          -- ISO week, e.g. 2026-W13
    month_key       TEXT NOT NULL,          -- 2026-03
    revoked_at      TEXT
);
CREATE UNIQUE INDEX kudos_source_once ON kudos (community_id, source_event_id, receiver_id)
    WHERE source_event_id IS NOT NULL;
CREATE INDEX kudos_giver_day ON kudos (community_id, giver_id, local_day);
CREATE INDEX kudos_pair_time ON kudos (community_id, giver_id, receiver_id, created_at);
CREATE INDEX kudos_giver_time ON kudos (community_id, giver_id, created_at);

CREATE TABLE kudos_revocations (
    kudos_id    INTEGER PRIMARY KEY REFERENCES kudos(kudos_id),
    revoked_by  TEXT NOT NULL,
    kind        TEXT NOT NULL,              -- 'undo' or 'revoke'
    revoked_at  TEXT NOT NULL
);

-- Totals per period ('life', 's1', 's1:w2026-W13', 's1:m2026-03'), kept by triggers.
CREATE TABLE kudos_totals (
    community_id TEXT NOT NULL,
    period       TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    given        INTEGER NOT NULL DEFAULT 0,
    received     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (community_id, period, member_id)
);
CREATE INDEX kudos_totals_given ON kudos_totals (community_id, period, given DESC, member_id);
CREATE INDEX kudos_totals_received ON kudos_totals (community_id, period, received DESC, member_id);

-- Who thanked whom, how often, and when last (for "roots").
CREATE TABLE kudos_pairs (
    community_id TEXT NOT NULL,
    giver_id     TEXT NOT NULL,
    receiver_id  TEXT NOT NULL,
    count        INTEGER NOT NULL DEFAULT 0,
    last_at      TEXT NOT NULL,
    PRIMARY KEY (community_id, giver_id, receiver_id)
);
CREATE INDEX kudos_pairs_receiver ON kudos_pairs (community_id, receiver_id, count DESC);

CREATE TRIGGER kudos_count AFTER INSERT ON kudos BEGIN
    INSERT INTO kudos_totals (community_id, period, member_id, given, received) VALUES
        (NEW.community_id, 'life', NEW.giver_id, 1, 0),
        (NEW.community_id, 's' || NEW.season, NEW.giver_id, 1, 0),
        (NEW.community_id, 's' || NEW.season || ':w' || NEW.week_key, NEW.giver_id, 1, 0),
        (NEW.community_id, 's' || NEW.season || ':m' || NEW.month_key, NEW.giver_id, 1, 0),
        (NEW.community_id, 'life', NEW.receiver_id, 0, 1),
        (NEW.community_id, 's' || NEW.season, NEW.receiver_id, 0, 1),
        (NEW.community_id, 's' || NEW.season || ':w' || NEW.week_key, NEW.receiver_id, 0, 1),
        (NEW.community_id, 's' || NEW.season || ':m' || NEW.month_key, NEW.receiver_id, 0, 1)
    ON CONFLICT (community_id, period, member_id) DO UPDATE SET
        given = given + excluded.given, received = received + excluded.received;
    INSERT INTO kudos_pairs (community_id, giver_id, receiver_id, count, last_at)
        VALUES (NEW.community_id, NEW.giver_id, NEW.receiver_id, 1, NEW.created_at)
    ON CONFLICT (community_id, giver_id, receiver_id) DO UPDATE SET
        count = count + 1, last_at = max(last_at, excluded.last_at);
END;

CREATE TRIGGER kudos_uncount AFTER UPDATE OF revoked_at ON kudos
WHEN OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL BEGIN
    UPDATE kudos_totals SET given = given - 1
     WHERE community_id = OLD.community_id AND member_id = OLD.giver_id AND period IN
       ('life', 's' || OLD.season, 's' || OLD.season || ':w' || OLD.week_key,
        's' || OLD.season || ':m' || OLD.month_key);
    UPDATE kudos_totals SET received = received - 1
     WHERE community_id = OLD.community_id AND member_id = OLD.receiver_id AND period IN
       ('life', 's' || OLD.season, 's' || OLD.season || ':w' || OLD.week_key,
        's' || OLD.season || ':m' || OLD.month_key);
    UPDATE kudos_pairs SET count = count - 1,
        last_at = coalesce((SELECT max(created_at) FROM kudos k
                             WHERE k.community_id = OLD.community_id AND k.giver_id = OLD.giver_id
                               AND k.receiver_id = OLD.receiver_id AND k.revoked_at IS NULL),
                           last_at)
     WHERE community_id = OLD.community_id AND giver_id = OLD.giver_id
       AND receiver_id = OLD.receiver_id;
END;
