-- Goals on PostgreSQL: same tables as sqlite_006 (ids are BIGSERIAL, text columns
-- compare bytewise like SQLite: COLLATE "C").
CREATE TABLE goals (
    goal_id      BIGSERIAL PRIMARY KEY,
    community_id TEXT COLLATE "C" NOT NULL REFERENCES communities(community_id),
    member_id    TEXT COLLATE "C" NOT NULL,
    text         TEXT COLLATE "C" NOT NULL,
    status       TEXT COLLATE "C" NOT NULL DEFAULT 'open',
    created_at   TEXT COLLATE "C" NOT NULL,
    closed_at    TEXT COLLATE "C",
    closed_by    TEXT COLLATE "C"
);
CREATE UNIQUE INDEX goals_one_open ON goals (community_id, member_id) WHERE status = 'open';
CREATE INDEX goals_status ON goals (community_id, status, created_at);

CREATE TABLE goal_help (
    help_id      BIGSERIAL PRIMARY KEY,
    goal_id      BIGINT NOT NULL REFERENCES goals(goal_id),
    community_id TEXT COLLATE "C" NOT NULL,
    helper_id    TEXT COLLATE "C" NOT NULL,
    minutes      INTEGER NOT NULL,
    note         TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_at   TEXT COLLATE "C" NOT NULL,
    week_key     TEXT COLLATE "C" NOT NULL,
    event_id     TEXT COLLATE "C"
);
CREATE INDEX goal_help_goal ON goal_help (goal_id, created_at);
CREATE INDEX goal_help_helper ON goal_help (community_id, helper_id, week_key);
CREATE INDEX goal_help_time ON goal_help (community_id, created_at);
CREATE UNIQUE INDEX goal_help_once ON goal_help (community_id, event_id)
    WHERE event_id IS NOT NULL;

CREATE TABLE audit_log (
    audit_id     BIGSERIAL PRIMARY KEY,
    community_id TEXT COLLATE "C" NOT NULL REFERENCES communities(community_id),
    actor_id     TEXT COLLATE "C" NOT NULL,
    action       TEXT COLLATE "C" NOT NULL,
    subject_id   TEXT COLLATE "C" NOT NULL,
    ref_id       BIGINT,
    created_at   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX audit_log_community ON audit_log (community_id, created_at);
