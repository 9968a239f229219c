-- Issue 17: a kudos action in one round trip, and the concurrent actions of one process in
-- one transaction (as SQLite's writer task groups them).
--
-- 1. The totals trigger counts a whole INSERT at once (a statement trigger reading the
--    inserted rows), instead of three upserts per kudos row. It upserts kudos_totals, then
--    kudos_pairs, each in key order: two transactions thanking the same members (a group
--    of one process, another process's group) take those row locks in one order and wait
--    for each other instead of deadlocking. Same counts as the row trigger of 009.
-- 2. roots_record_kudos(batch) checks and records a run of kudos actions in one call
--    (bot/storage/pg_kudos.py sends it; the rules are bot/storage/kudos_rules.py's).
-- Both without JIT: the planner can't count a JSON array's elements, guesses 100 per
-- jsonb_array_elements, and would spend ~200 ms compiling statements that take 0.1 ms.

DROP TRIGGER kudos_count ON kudos;

CREATE OR REPLACE FUNCTION roots_kudos_count() RETURNS trigger LANGUAGE plpgsql
SET jit = off AS $$
BEGIN
    INSERT INTO kudos_totals AS t
        (community_id, period, member_id, given, team_given, received, team_received)
    SELECT e.community_id, e.period, e.member_id,
           sum(e.given), sum(e.team_given), sum(e.received), sum(e.team_received)
    FROM (
        SELECT a.community_id, p.period COLLATE "C" AS period, a.giver_id AS member_id,
               (a.source <> 'team')::integer AS given, (a.source = 'team')::integer AS team_given,
               0 AS received, 0 AS team_received
        FROM added a, LATERAL (VALUES ('life'), ('s' || a.season),
            ('s' || a.season || ':w' || a.week_key), ('s' || a.season || ':m' || a.month_key))
            AS p(period)
        UNION ALL
        SELECT a.community_id, p.period COLLATE "C", a.receiver_id, 0, 0,
               (a.source <> 'team')::integer, (a.source = 'team')::integer
        FROM added a, LATERAL (VALUES ('life'), ('s' || a.season),
            ('s' || a.season || ':w' || a.week_key), ('s' || a.season || ':m' || a.month_key))
            AS p(period)
    ) AS e
    GROUP BY e.community_id, e.period, e.member_id
    ORDER BY e.community_id, e.period, e.member_id
    ON CONFLICT (community_id, period, member_id) DO UPDATE
        SET given = t.given + excluded.given, team_given = t.team_given + excluded.team_given,
            received = t.received + excluded.received,
            team_received = t.team_received + excluded.team_received;
    INSERT INTO kudos_pairs AS p (community_id, giver_id, receiver_id, count, last_at)
    SELECT a.community_id, a.giver_id, a.receiver_id, count(*), max(a.created_at)
    FROM added a
    GROUP BY a.community_id, a.giver_id, a.receiver_id
    ORDER BY a.community_id, a.giver_id, a.receiver_id
    ON CONFLICT (community_id, giver_id, receiver_id) DO UPDATE SET
        count = p.count + excluded.count, last_at = greatest(p.last_at, excluded.last_at);
    RETURN NULL;
END;
$$;

CREATE TRIGGER kudos_count AFTER INSERT ON kudos REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION roots_kudos_count();

-- batch: a JSON array of actions, each an array:
--   [0 community_id, 1 action_id, 2 giver_id, 3 giver name, 4 giver is_bot (0/1),
--    5 receivers [[id, name, is_bot], ...], 6 reason, 7 channel_id, 8 source,
--    9 source_event_id or null, 10 created_at, 11 local_day, 12 season, 13 week_key,
--    14 month_key, 15 daily budget, 16 cooldown limit (UTC ISO text) or null]
-- One row per action (draft = its position, from 1): outcome 'recorded', 'duplicate',
-- 'opted_out', 'over_budget' or 'cooldown'; kudos_ids when recorded (in receiver order);
-- given_today (after the action when recorded, before it otherwise); cooling_receiver and
-- last_given_at for a cooldown, cooling_receiver for an opt-out.
--
-- The rules, checked in order for each action, the actions in batch order, each seeing
-- those recorded before it: a source event already counted (the ledger, or an earlier
-- action of the batch) is a duplicate; an opted-out receiver refuses it; so does a budget
-- the action's cost would exceed (one unit per receiver, one for a team); so does a
-- receiver this giver thanked after the cooldown limit.
CREATE FUNCTION roots_record_kudos(batch jsonb)
RETURNS TABLE (draft integer, outcome text, kudos_ids bigint[], given_today integer,
               cooling_receiver text, last_given_at text)
LANGUAGE plpgsql SET jit = off AS $$
#variable_conflict use_column
DECLARE
    q record;
    spent integer[] := '{}';      -- by (community, giver, day) slot
    counted boolean[] := '{}';    -- by (community, event) slot
    pair_at text[] := '{}';       -- by (community, giver, receiver) slot
    pair_known boolean[] := '{}';
    outcomes text[] := '{}';      -- by action
    todays integer[] := '{}';
    blockers text[] := '{}';
    blocked_ats text[] := '{}';
    sizes integer[] := '{}';
    recorded bigint[] := '{}';    -- positions of the actions recorded
    ids bigint[] := '{}';
    used integer;
    cost integer;
    verdict text;
    blocker text;
    blocked_at text;
    slot integer;
    j integer;
    taken integer := 0;
BEGIN
    -- A giver's actions one at a time, across processes (the lock of LOCK in postgres.py),
    -- every lock of the batch in one order.
    FOR q IN SELECT DISTINCT hashtext(e->>0) AS a, hashtext(e->>2) AS b
             FROM jsonb_array_elements(batch) AS e ORDER BY 1, 2 LOOP
        PERFORM pg_advisory_xact_lock(q.a, q.b);
    END LOOP;

    -- Members as last seen in the batch; a row that already says so is not touched (an
    -- upsert would lock it), the others are written in key order.
    INSERT INTO members AS m (community_id, member_id, display_name, is_bot)
    SELECT v.c, v.id, v.name, v.bot
    FROM (
        SELECT DISTINCT ON (w.c, w.id) w.c, w.id, w.name, w.bot
        FROM (
            SELECT x.n, 0::bigint AS p, x.e->>0 AS c, x.e->>2 AS id, x.e->>3 AS name,
                   (x.e->>4)::integer AS bot
            FROM jsonb_array_elements(batch) WITH ORDINALITY AS x(e, n)
            UNION ALL
            SELECT x.n, y.p, x.e->>0, y.r->>0, y.r->>1, (y.r->>2)::integer
            FROM jsonb_array_elements(batch) WITH ORDINALITY AS x(e, n),
                 jsonb_array_elements(x.e->5) WITH ORDINALITY AS y(r, p)
        ) AS w
        ORDER BY w.c, w.id, w.n DESC, w.p DESC
    ) AS v
    WHERE NOT EXISTS (SELECT 1 FROM members o WHERE o.community_id = v.c
                      AND o.member_id = v.id AND o.display_name = v.name AND o.is_bot = v.bot)
    ORDER BY v.c, v.id
    ON CONFLICT (community_id, member_id) DO UPDATE SET
        display_name = excluded.display_name, is_bot = excluded.is_bot
    WHERE m.display_name <> excluded.display_name OR m.is_bot <> excluded.is_bot;

    -- What the ledger says (read under the locks), one row per action, then the rules.
    FOR q IN
        WITH d AS (
            SELECT x.n::integer AS n, x.e->>0 AS c, x.e->>2 AS g, x.e->>8 AS src,
                   x.e->>9 AS ev, x.e->>10 AS created, x.e->>11 AS day,
                   (x.e->>15)::integer AS budget, x.e->>16 AS since,
                   jsonb_array_length(x.e->5) AS size, x.e->5 AS rs
            FROM jsonb_array_elements(batch) WITH ORDINALITY AS x(e, n)
        ),
        r AS (
            SELECT d.n, y.p, y.r->>0 AS rid,
                   dense_rank() OVER (ORDER BY d.c, d.g, y.r->>0)::integer AS pair_slot,
                   CASE WHEN d.since IS NOT NULL THEN
                       (SELECT max(k.created_at) FROM kudos k WHERE k.community_id = d.c
                        AND k.giver_id = d.g AND k.receiver_id = y.r->>0
                        AND k.revoked_at IS NULL)
                   END AS last_at,
                   EXISTS (SELECT 1 FROM members o WHERE o.community_id = d.c
                           AND o.member_id = y.r->>0 AND o.opted_out = 1) AS opted
            FROM d, jsonb_array_elements(d.rs) WITH ORDINALITY AS y(r, p)
        ),
        ra AS (
            SELECT r.n, array_agg(r.rid ORDER BY r.p) AS rids,
                   array_agg(r.pair_slot ORDER BY r.p) AS pair_slots,
                   array_agg(r.last_at ORDER BY r.p) AS last_ats,
                   (array_agg(r.rid ORDER BY r.p) FILTER (WHERE r.opted))[1] AS opted
            FROM r GROUP BY r.n
        )
        SELECT d.n, d.src, d.budget, d.since, d.size, d.created,
               dense_rank() OVER (ORDER BY d.c, d.g, d.day)::integer AS day_slot,
               CASE WHEN d.ev IS NOT NULL
                   THEN dense_rank() OVER (ORDER BY d.c, d.ev)::integer END AS event_slot,
               (SELECT count(CASE WHEN k.source <> 'team' THEN 1 END)
                       + count(DISTINCT CASE WHEN k.source = 'team' THEN k.action_id END)
                FROM kudos k WHERE k.community_id = d.c AND k.giver_id = d.g
                AND k.local_day = d.day AND k.revoked_at IS NULL)::integer AS used_before,
               d.ev IS NOT NULL AND EXISTS (SELECT 1 FROM kudos k WHERE k.community_id = d.c
                   AND k.source_event_id = d.ev) AS seen_before,
               ra.rids, ra.pair_slots, ra.last_ats, ra.opted
        FROM d LEFT JOIN ra ON ra.n = d.n
        ORDER BY d.n
    LOOP
        IF spent[q.day_slot] IS NULL THEN
            spent[q.day_slot] := q.used_before;
        END IF;
        IF q.event_slot IS NOT NULL AND counted[q.event_slot] IS NULL THEN
            counted[q.event_slot] := q.seen_before;
        END IF;
        used := spent[q.day_slot];
        cost := CASE WHEN q.src = 'team' THEN 1 ELSE q.size END;
        verdict := 'recorded';
        blocker := NULL;
        blocked_at := NULL;
        IF q.event_slot IS NOT NULL AND counted[q.event_slot] THEN
            verdict := 'duplicate';
        ELSIF q.opted IS NOT NULL THEN
            verdict := 'opted_out';
            blocker := q.opted;
        ELSIF used + cost > q.budget THEN
            verdict := 'over_budget';
        ELSIF q.since IS NOT NULL THEN
            FOR j IN 1 .. q.size LOOP
                slot := q.pair_slots[j];
                IF pair_known[slot] IS NULL THEN
                    pair_at[slot] := q.last_ats[j];
                    pair_known[slot] := true;
                END IF;
                IF pair_at[slot] COLLATE "C" > q.since THEN
                    verdict := 'cooldown';
                    blocker := q.rids[j];
                    blocked_at := pair_at[slot];
                    EXIT;
                END IF;
            END LOOP;
        END IF;
        IF verdict = 'recorded' THEN
            used := used + cost;
            spent[q.day_slot] := used;
            IF q.event_slot IS NOT NULL THEN
                counted[q.event_slot] := true;
            END IF;
            FOR j IN 1 .. q.size LOOP
                pair_at[q.pair_slots[j]] := q.created;
                pair_known[q.pair_slots[j]] := true;
            END LOOP;
            recorded := recorded || q.n::bigint;
            sizes[q.n] := q.size;
        END IF;
        outcomes[q.n] := verdict;
        todays[q.n] := used;
        blockers[q.n] := blocker;
        blocked_ats[q.n] := blocked_at;
    END LOOP;

    IF cardinality(recorded) > 0 THEN
        -- Rows in batch order, so the sequence numbers them in that order.
        WITH added AS (
            INSERT INTO kudos (community_id, action_id, giver_id, receiver_id, reason,
                channel_id, source, source_event_id, created_at, local_day, season,
                week_key, month_key)
            SELECT x.e->>0, x.e->>1, x.e->>2, y.r->>0, x.e->>6, x.e->>7, x.e->>8, x.e->>9,
                   x.e->>10, x.e->>11, (x.e->>12)::integer, x.e->>13, x.e->>14
            FROM jsonb_array_elements(batch) WITH ORDINALITY AS x(e, n),
                 jsonb_array_elements(x.e->5) WITH ORDINALITY AS y(r, p)
            WHERE x.n = ANY (recorded)
            ORDER BY x.n, y.p
            RETURNING kudos_id
        )
        SELECT array_agg(a.kudos_id ORDER BY a.kudos_id) INTO ids FROM added a;
    END IF;

    FOR j IN 1 .. cardinality(outcomes) LOOP
        draft := j;
        outcome := outcomes[j];
        given_today := todays[j];
        cooling_receiver := blockers[j];
        last_given_at := blocked_ats[j];
        IF outcomes[j] = 'recorded' THEN
            kudos_ids := ids[taken + 1 : taken + sizes[j]];
            taken := taken + sizes[j];
        ELSE
            kudos_ids := '{}';
        END IF;
        RETURN NEXT;
    END LOOP;
END;
$$;
