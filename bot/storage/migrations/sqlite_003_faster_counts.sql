-- Faster ranks and kudos writes (measured with bench/leaderboard_latency and
-- bench/kudos_throughput).
-- 1. Opted-out members, found without scanning everyone: a caller's rank counts
--    members above them on the totals index alone, minus the few opted-out ones.
CREATE INDEX members_opted_out ON members (community_id, member_id) WHERE opted_out = 1;

-- 2. One index less to write per kudos: undo finds the giver's last action through
--    kudos_giver_day (community_id, giver_id, local_day) instead.
DROP INDEX kudos_giver_time;

-- 3. Count givers and receivers with separate upserts, so each only rewrites
--    the ranking index of the column it changes.
DROP TRIGGER kudos_count;
CREATE TRIGGER kudos_count AFTER INSERT ON kudos BEGIN
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
