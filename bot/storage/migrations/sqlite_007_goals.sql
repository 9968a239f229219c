-- Goals others give time to (issue 16). A member has at most one open goal; others
-- record the minutes they gave to it; the owner thanks them when it is done.
-- status: open, done (closed by its owner), dropped (withdrawn by its owner),
-- removed (taken down by an admin: see audit_log), erased (its owner was forgotten).
CREATE TABLE goals (
    goal_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id TEXT NOT NULL REFERENCES communities(community_id),
    member_id    TEXT NOT NULL,
    text         TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open',
    created_at   TEXT NOT NULL,
    closed_at    TEXT,
    closed_by    TEXT
);
CREATE UNIQUE INDEX goals_one_open ON goals (community_id, member_id) WHERE status = 'open';
CREATE INDEX goals_status ON goals (community_id, status, created_at);

-- Time given to a goal: one row per /goal help. week_key is the ISO week in the
-- community's zone when it was given (for /roots' "this week").
CREATE TABLE goal_help (
    help_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    goal_id      INTEGER NOT NULL REFERENCES goals(goal_id),
    community_id TEXT NOT NULL,
    helper_id    TEXT NOT NULL,
    minutes      INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    week_key     TEXT NOT NULL,
    event_id     TEXT
);
CREATE INDEX goal_help_goal ON goal_help (goal_id, created_at);
CREATE INDEX goal_help_helper ON goal_help (community_id, helper_id, week_key);
CREATE INDEX goal_help_time ON goal_help (community_id, created_at);
CREATE UNIQUE INDEX goal_help_once ON goal_help (community_id, event_id)
    WHERE event_id IS NOT NULL;

-- What admins did to members' content, for the record: action 'goal.remove' (ref_id:
-- the goal, subject_id: its owner).
CREATE TABLE audit_log (
    audit_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id TEXT NOT NULL REFERENCES communities(community_id),
    actor_id     TEXT NOT NULL,
    action       TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    ref_id       INTEGER,
    created_at   TEXT NOT NULL
);
CREATE INDEX audit_log_community ON audit_log (community_id, created_at);
