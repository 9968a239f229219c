-- Same as sqlite_005: the dashboard's one-time sign-in links and sessions, stored hashed.
CREATE TABLE web_login_tokens (
    token_hash   TEXT COLLATE "C" PRIMARY KEY,
    community_id TEXT COLLATE "C" NOT NULL,
    member_id    TEXT COLLATE "C" NOT NULL,
    is_admin     INTEGER NOT NULL DEFAULT 0,
    expires_at   TEXT COLLATE "C" NOT NULL,
    used_at      TEXT COLLATE "C"
);
CREATE INDEX web_login_tokens_expiry ON web_login_tokens (expires_at);
CREATE INDEX web_login_tokens_member ON web_login_tokens (community_id, member_id);

CREATE TABLE web_sessions (
    session_hash TEXT COLLATE "C" PRIMARY KEY,
    community_id TEXT COLLATE "C" NOT NULL,
    member_id    TEXT COLLATE "C" NOT NULL,
    is_admin     INTEGER NOT NULL DEFAULT 0,
    csrf         TEXT COLLATE "C" NOT NULL,
    created_at   TEXT COLLATE "C" NOT NULL,
    expires_at   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX web_sessions_member ON web_sessions (community_id, member_id);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);

-- Same as sqlite_005: the dashboard's figures from aggregates and indexes.
ALTER TABLE kudos_pairs ADD COLUMN first_at TEXT COLLATE "C";
ALTER TABLE kudos_pairs ADD COLUMN opened INTEGER NOT NULL DEFAULT 0;
UPDATE kudos_pairs p SET first_at = (
    SELECT min(k.created_at) FROM kudos k WHERE k.community_id = p.community_id
    AND k.giver_id = p.giver_id AND k.receiver_id = p.receiver_id);
UPDATE kudos_pairs SET first_at = last_at WHERE first_at IS NULL;
UPDATE kudos_pairs p SET opened = 1 WHERE p.giver_id <> p.receiver_id AND NOT EXISTS (
    SELECT 1 FROM kudos_pairs b WHERE b.community_id = p.community_id
    AND b.giver_id = p.receiver_id AND b.receiver_id = p.giver_id
    AND (b.first_at < p.first_at OR (b.first_at = p.first_at AND b.giver_id < p.giver_id)));
-- A row the kudos trigger inserts (no first_at): set once, when the pair is created. The
-- ON CONFLICT path of an existing pair runs this too, its values then unused.
CREATE FUNCTION roots_pairs_first() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.first_at IS NULL THEN
        NEW.first_at := NEW.last_at;
        NEW.opened := (NOT EXISTS (SELECT 1 FROM kudos_pairs b
            WHERE b.community_id = NEW.community_id AND b.giver_id = NEW.receiver_id
            AND b.receiver_id = NEW.giver_id))::int;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER kudos_pairs_first BEFORE INSERT ON kudos_pairs
    FOR EACH ROW EXECUTE FUNCTION roots_pairs_first();
CREATE INDEX kudos_pairs_opened ON kudos_pairs (community_id, first_at) WHERE opened = 1;
CREATE INDEX kudos_receiver_time ON kudos (community_id, receiver_id, created_at);
CREATE INDEX checkins_day ON checkins (community_id, local_date);

-- 4. The dashboard's figures of finished weeks (and of the day, for the health figures),
--    computed once and kept: 'week:<Monday>' and 'health:<local date>' -> JSON counts.
--    A revocation drops the community's rows, a late check-in its week's; no member data.
CREATE TABLE web_figures (
    community_id TEXT COLLATE "C" NOT NULL,
    figure_key   TEXT COLLATE "C" NOT NULL,
    figures      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (community_id, figure_key)
);
