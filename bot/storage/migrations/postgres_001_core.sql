-- Roots core schema on PostgreSQL: communities, members, the kudos ledger and its
-- aggregates. Same tables and columns as sqlite_001; instants are UTC ISO 8601 text
-- (sortable, one format on both backends), local days YYYY-MM-DD text, flags 0/1.
CREATE TABLE communities (
    community_id         TEXT COLLATE "C" PRIMARY KEY,
    platform             TEXT COLLATE "C" NOT NULL,
    timezone             TEXT COLLATE "C" NOT NULL,
    locale               TEXT COLLATE "C" NOT NULL,
    daily_budget         INTEGER NOT NULL DEFAULT 5,
    kudos_emoji          TEXT COLLATE "C" NOT NULL DEFAULT '🌱',
    reason_required      INTEGER NOT NULL DEFAULT 1,
    leaderboards_enabled INTEGER NOT NULL DEFAULT 1,
    cooldown_seconds     INTEGER NOT NULL DEFAULT 60,
    season               INTEGER NOT NULL DEFAULT 1,
    season_started_at    TEXT COLLATE "C",
    created_at           TEXT COLLATE "C" NOT NULL
);

CREATE TABLE members (
    community_id  TEXT COLLATE "C" NOT NULL REFERENCES communities(community_id),
    member_id     TEXT COLLATE "C" NOT NULL,
    display_name  TEXT COLLATE "C" NOT NULL,
    is_bot        INTEGER NOT NULL DEFAULT 0,
    opted_out     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (community_id, member_id)
);
CREATE INDEX members_name ON members (community_id, lower(display_name));

-- One row per (action, receiver). Revoked rows stay (audit) with revoked_at set.
CREATE TABLE kudos (
    kudos_id        BIGSERIAL PRIMARY KEY,
    community_id    TEXT COLLATE "C" NOT NULL REFERENCES communities(community_id),
    action_id       TEXT COLLATE "C" NOT NULL,
    giver_id        TEXT COLLATE "C" NOT NULL,
    receiver_id     TEXT COLLATE "C" NOT NULL,
    reason          TEXT COLLATE "C" NOT NULL,
    channel_id      TEXT COLLATE "C" NOT NULL,
    source          TEXT COLLATE "C" NOT NULL,
    source_event_id TEXT COLLATE "C",
    created_at      TEXT COLLATE "C" NOT NULL,
    local_day       TEXT COLLATE "C" NOT NULL,
    season          INTEGER NOT NULL,
    week_key        TEXT COLLATE "C" NOT NULL,
    month_key       TEXT COLLATE "C" NOT NULL,
    revoked_at      TEXT COLLATE "C"
);
CREATE UNIQUE INDEX kudos_source_once ON kudos (community_id, source_event_id, receiver_id)
    WHERE source_event_id IS NOT NULL;
CREATE INDEX kudos_giver_day ON kudos (community_id, giver_id, local_day);
CREATE INDEX kudos_pair_time ON kudos (community_id, giver_id, receiver_id, created_at);
CREATE INDEX kudos_giver_time ON kudos (community_id, giver_id, created_at);

CREATE TABLE kudos_revocations (
    kudos_id    BIGINT PRIMARY KEY REFERENCES kudos(kudos_id),
    revoked_by  TEXT COLLATE "C" NOT NULL,
    kind        TEXT COLLATE "C" NOT NULL,
    revoked_at  TEXT COLLATE "C" NOT NULL
);

CREATE TABLE kudos_totals (
    community_id TEXT COLLATE "C" NOT NULL,
    period       TEXT COLLATE "C" NOT NULL,
    member_id    TEXT COLLATE "C" NOT NULL,
    given        INTEGER NOT NULL DEFAULT 0,
    received     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (community_id, period, member_id)
);
CREATE INDEX kudos_totals_given ON kudos_totals (community_id, period, given DESC, member_id);
CREATE INDEX kudos_totals_received ON kudos_totals (community_id, period, received DESC, member_id);

CREATE TABLE kudos_pairs (
    community_id TEXT COLLATE "C" NOT NULL,
    giver_id     TEXT COLLATE "C" NOT NULL,
    receiver_id  TEXT COLLATE "C" NOT NULL,
    count        INTEGER NOT NULL DEFAULT 0,
    last_at      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (community_id, giver_id, receiver_id)
);
CREATE INDEX kudos_pairs_receiver ON kudos_pairs (community_id, receiver_id, count DESC);

CREATE FUNCTION roots_kudos_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s TEXT := 's' || NEW.season;
BEGIN
    INSERT INTO kudos_totals AS t (community_id, period, member_id, given, received) VALUES
        (NEW.community_id, 'life', NEW.giver_id, 1, 0),
        (NEW.community_id, s, NEW.giver_id, 1, 0),
        (NEW.community_id, s || ':w' || NEW.week_key, NEW.giver_id, 1, 0),
        (NEW.community_id, s || ':m' || NEW.month_key, NEW.giver_id, 1, 0)
    ON CONFLICT (community_id, period, member_id) DO UPDATE SET given = t.given + 1;
    INSERT INTO kudos_totals AS t (community_id, period, member_id, given, received) VALUES
        (NEW.community_id, 'life', NEW.receiver_id, 0, 1),
        (NEW.community_id, s, NEW.receiver_id, 0, 1),
        (NEW.community_id, s || ':w' || NEW.week_key, NEW.receiver_id, 0, 1),
        (NEW.community_id, s || ':m' || NEW.month_key, NEW.receiver_id, 0, 1)
    ON CONFLICT (community_id, period, member_id) DO UPDATE SET received = t.received + 1;
    INSERT INTO kudos_pairs AS p (community_id, giver_id, receiver_id, count, last_at)
        VALUES (NEW.community_id, NEW.giver_id, NEW.receiver_id, 1, NEW.created_at)
    ON CONFLICT (community_id, giver_id, receiver_id) DO UPDATE SET
        count = p.count + 1, last_at = greatest(p.last_at, excluded.last_at);
    RETURN NULL;
END;
$$;

CREATE TRIGGER kudos_count AFTER INSERT ON kudos
    FOR EACH ROW EXECUTE FUNCTION roots_kudos_count();

CREATE FUNCTION roots_kudos_uncount() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s TEXT := 's' || OLD.season;
BEGIN
    UPDATE kudos_totals SET given = given - 1
     WHERE community_id = OLD.community_id AND member_id = OLD.giver_id AND period IN
       ('life', s, s || ':w' || OLD.week_key, s || ':m' || OLD.month_key);
    UPDATE kudos_totals SET received = received - 1
     WHERE community_id = OLD.community_id AND member_id = OLD.receiver_id AND period IN
       ('life', s, s || ':w' || OLD.week_key, s || ':m' || OLD.month_key);
    UPDATE kudos_pairs SET count = count - 1,
        last_at = coalesce((SELECT max(k.created_at) FROM kudos k
                             WHERE k.community_id = OLD.community_id
                               AND k.giver_id = OLD.giver_id
                               AND k.receiver_id = OLD.receiver_id
                               AND k.revoked_at IS NULL),
                           last_at)
     WHERE community_id = OLD.community_id AND giver_id = OLD.giver_id
       AND receiver_id = OLD.receiver_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER kudos_uncount AFTER UPDATE OF revoked_at ON kudos
    FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
    EXECUTE FUNCTION roots_kudos_uncount();
