-- Same as sqlite_009_team: team kudos (source 'team') count in team_given /
-- team_received, which leaderboards don't read and a member's tallies add in.
ALTER TABLE kudos_totals ADD COLUMN team_given INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kudos_totals ADD COLUMN team_received INTEGER NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION roots_kudos_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s TEXT := 's' || NEW.season;
    team INTEGER := CASE WHEN NEW.source = 'team' THEN 1 ELSE 0 END;
BEGIN
    INSERT INTO kudos_totals AS t (community_id, period, member_id, given, team_given) VALUES
        (NEW.community_id, 'life', NEW.giver_id, 1 - team, team),
        (NEW.community_id, s, NEW.giver_id, 1 - team, team),
        (NEW.community_id, s || ':w' || NEW.week_key, NEW.giver_id, 1 - team, team),
        (NEW.community_id, s || ':m' || NEW.month_key, NEW.giver_id, 1 - team, team)
    ON CONFLICT (community_id, period, member_id) DO UPDATE
        SET given = t.given + excluded.given, team_given = t.team_given + excluded.team_given;
    INSERT INTO kudos_totals AS t (community_id, period, member_id, received, team_received)
    VALUES
        (NEW.community_id, 'life', NEW.receiver_id, 1 - team, team),
        (NEW.community_id, s, NEW.receiver_id, 1 - team, team),
        (NEW.community_id, s || ':w' || NEW.week_key, NEW.receiver_id, 1 - team, team),
        (NEW.community_id, s || ':m' || NEW.month_key, NEW.receiver_id, 1 - team, team)
    ON CONFLICT (community_id, period, member_id) DO UPDATE
        SET received = t.received + excluded.received,
            team_received = t.team_received + excluded.team_received;
    INSERT INTO kudos_pairs AS p (community_id, giver_id, receiver_id, count, last_at)
        VALUES (NEW.community_id, NEW.giver_id, NEW.receiver_id, 1, NEW.created_at)
    ON CONFLICT (community_id, giver_id, receiver_id) DO UPDATE SET
        count = p.count + 1, last_at = greatest(p.last_at, excluded.last_at);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION roots_kudos_uncount() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s TEXT := 's' || OLD.season;
    team INTEGER := CASE WHEN OLD.source = 'team' THEN 1 ELSE 0 END;
BEGIN
    UPDATE kudos_totals SET given = given - (1 - team), team_given = team_given - team
     WHERE community_id = OLD.community_id AND member_id = OLD.giver_id AND period IN
       ('life', s, s || ':w' || OLD.week_key, s || ':m' || OLD.month_key);
    UPDATE kudos_totals SET received = received - (1 - team), team_received = team_received - team
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
