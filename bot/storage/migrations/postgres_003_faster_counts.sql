-- Same as sqlite_003: find opted-out members without scanning everyone, and one
-- index less to write per kudos (undo finds the last action through kudos_giver_day).
-- (The totals trigger of postgres_001 already counts givers and receivers separately.)
CREATE INDEX members_opted_out ON members (community_id, member_id) WHERE opted_out = 1;
DROP INDEX kudos_giver_time;
