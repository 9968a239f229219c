-- Team kudos (issue 15): a Discord role or Slack user group thanked at once. Each
-- member gets a kudos row (source 'team'), shown in their roots and the digest, but
-- never on leaderboards: its counts go to team_given / team_received, which the
-- boards don't read and a member's tallies add in. (The lead may renumber this file.)
ALTER TABLE kudos_totals ADD COLUMN team_given INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kudos_totals ADD COLUMN team_received INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER kudos_count;
CREATE TRIGGER kudos_count AFTER INSERT ON kudos WHEN NEW.source <> 'team' BEGIN
    INSERT INTO kudos_totals (community_id, period, member_id, given) VALUES
        (NEW.community_id, 'life', NEW.giver_id, 1),
        (NEW.community_id, 's' || NEW.season, NEW.giver_id, 1),
        (NEW.community_id, 's' || NEW.season || ':w' || NEW.week_key, NEW.giver_id, 1),
        (NEW.community_id, 's' || NEW.season || ':m' || NEW.month_key, NEW.giver_id, 1)
    ON CONFLICT (community_id, period, member_id) DO UPDATE SET given = given + 1;
    INSERT INTO kudos_totals (community_id, period, member_id, received) VALUES
        (NEW.community_id, 'life', NEW.receiver_id, 1),
        (NEW.community_id, 's' || NEW.season, NEW.receiver_id, 1),
        (NEW.community_id, 's' || NEW.season || ':w' || NEW.week_key, NEW.receiver_id, 1),
        (NEW.community_id, 's' || NEW.season || ':m' || NEW.month_key, NEW.receiver_id, 1)
    ON CONFLICT (community_id, period, member_id) DO UPDATE SET received = received + 1;
    INSERT INTO kudos_pairs (community_id, giver_id, receiver_id, count, last_at)
        VALUES (NEW.community_id, NEW.giver_id, NEW.receiver_id, 1, NEW.created_at)
    ON CONFLICT (community_id, giver_id, receiver_id) DO UPDATE SET
        count = count + 1, last_at = max(last_at, excluded.last_at);
END;

CREATE TRIGGER kudos_count_team AFTER INSERT ON kudos WHEN NEW.source = 'team' BEGIN
    INSERT INTO kudos_totals (community_id, period, member_id, team_given) VALUES
        (NEW.community_id, 'life', NEW.giver_id, 1),
        (NEW.community_id, 's' || NEW.season, NEW.giver_id, 1),
        (NEW.community_id, 's' || NEW.season || ':w' || NEW.week_key, NEW.giver_id, 1),
        (NEW.community_id, 's' || NEW.season || ':m' || NEW.month_key, NEW.giver_id, 1)
    ON CONFLICT (community_id, period, member_id) DO UPDATE SET team_given = team_given + 1;
    INSERT INTO kudos_totals (community_id, period, member_id, team_received) VALUES
        (NEW.community_id, 'life', NEW.receiver_id, 1),
        (NEW.community_id, 's' || NEW.season, NEW.receiver_id, 1),
        (NEW.community_id, 's' || NEW.season || ':w' || NEW.week_key, NEW.receiver_id, 1),
        (NEW.community_id, 's' || NEW.season || ':m' || NEW.month_key, NEW.receiver_id, 1)
    ON CONFLICT (community_id, period, member_id) DO UPDATE SET
        team_received = team_received + 1;
    INSERT INTO kudos_pairs (community_id, giver_id, receiver_id, count, last_at)
        VALUES (NEW.community_id, NEW.giver_id, NEW.receiver_id, 1, NEW.created_at)
    ON CONFLICT (community_id, giver_id, receiver_id) DO UPDATE SET
        count = count + 1, last_at = max(last_at, excluded.last_at);
END;

DROP TRIGGER kudos_uncount;
CREATE TRIGGER kudos_uncount AFTER UPDATE OF revoked_at ON kudos
WHEN OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL BEGIN
    UPDATE kudos_totals SET
        given = given - (OLD.source <> 'team'), team_given = team_given - (OLD.source = 'team')
     WHERE community_id = OLD.community_id AND member_id = OLD.giver_id AND period IN
       ('life', 's' || OLD.season, 's' || OLD.season || ':w' || OLD.week_key,
        's' || OLD.season || ':m' || OLD.month_key);
    UPDATE kudos_totals SET
        received = received - (OLD.source <> 'team'),
        team_received = team_received - (OLD.source = 'team')
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
