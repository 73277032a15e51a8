-- QueueDesk schema, version 7: the rate limit's first claim, and a fixed
-- search_path for the claim function.
--
-- The token bucket read "clock_timestamp() - coalesce(rate_refilled_at,
-- clock_timestamp())": two readings of the clock, the second later than the
-- first. For a bucket never used (rate_refilled_at NULL) that is a few
-- microseconds below zero, so a full bucket of one token held 0.99999 of a
-- token and the first claim of a queue limited to one job a minute took
-- nothing (tst_whywaiting::rateLimitReached, 4 runs in 30 on a loaded
-- machine). Now the clock is read once per claim, the elapsed time is never
-- negative, and the refill time written back is the one the tokens were
-- counted at (the time between the two readings was lost before).
--
-- search_path: the function names every object with its schema; fixing the
-- path to pg_catalog keeps a caller's search_path (a schema of theirs with
-- an "unnest" or "least" of its own) out of it.

CREATE OR REPLACE FUNCTION queuedesk.claim(
    p_queue text, p_worker text, p_limit integer, p_lease_seconds integer,
    p_floor_priority integer DEFAULT NULL, p_floor_seq bigint DEFAULT 0, p_store_after text DEFAULT NULL)
RETURNS TABLE (id bigint, queue text, type text, store text, payload jsonb, priority integer, state text,
               ready_seq bigint, attempts integer, max_attempts integer, unique_key text, parent_id bigint,
               locked_by text, lease_until timestamptz)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    q          queuedesk.queues;
    wanted     integer := p_limit;
    tokens     double precision;
    taken      integer := 0;
    n          integer;
    share      integer;
    cursor_at  text := p_store_after;
    next_store text;
    wrapped    boolean := false;
    ids        bigint[];
    rate_now   timestamptz;
BEGIN
    SELECT * INTO q FROM queuedesk.queues WHERE name = p_queue;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown queue "%"', p_queue USING ERRCODE = 'QD404';
    END IF;
    IF q.paused OR wanted <= 0 THEN
        RETURN;
    END IF;

    -- Delayed and retrying jobs that are due enter the line now.
    UPDATE queuedesk.jobs SET state = 'waiting', ready_seq = nextval('queuedesk.jobs_ready_seq')
     WHERE id = ANY (ARRAY(
        SELECT id FROM queuedesk.jobs
         WHERE queue = p_queue AND state = 'scheduled' AND run_at <= now()
         ORDER BY run_at LIMIT greatest(wanted, 100) FOR UPDATE SKIP LOCKED));

    IF q.concurrency IS NOT NULL OR q.rate_limit IS NOT NULL THEN
        -- Only limited queues serialise: their row lock is the gate.
        SELECT * INTO q FROM queuedesk.queues WHERE name = p_queue FOR UPDATE;
        IF q.paused THEN
            RETURN;
        END IF;
        IF q.concurrency IS NOT NULL THEN
            wanted := least(wanted, q.concurrency -
                (SELECT count(*) FROM queuedesk.jobs WHERE queue = p_queue AND state = 'active')::integer);
        END IF;
        IF q.rate_limit IS NOT NULL THEN
            rate_now := clock_timestamp();
            tokens := least(q.rate_limit::double precision,
                coalesce(q.rate_tokens, q.rate_limit) +
                greatest(0, extract(epoch FROM rate_now - coalesce(q.rate_refilled_at, rate_now)))
                    * q.rate_limit / 60.0);
            wanted := least(wanted, floor(tokens)::integer);
        END IF;
    END IF;

    IF wanted > 0 AND q.per_store_limit IS NULL AND q.store_concurrency IS NULL THEN
        IF p_floor_priority IS NULL THEN
            ids := ARRAY(
                SELECT id FROM queuedesk.jobs
                 WHERE queue = p_queue AND state = 'waiting'
                 ORDER BY priority DESC, ready_seq
                 LIMIT wanted FOR UPDATE SKIP LOCKED);
        ELSE
            ids := ARRAY(
                SELECT id FROM queuedesk.jobs
                 WHERE queue = p_queue AND state = 'waiting' AND priority > p_floor_priority
                 ORDER BY priority DESC, ready_seq
                 LIMIT wanted FOR UPDATE SKIP LOCKED);
            IF cardinality(ids) < wanted THEN
                ids := ids || ARRAY(
                    SELECT id FROM queuedesk.jobs
                     WHERE queue = p_queue AND state = 'waiting'
                       AND priority = p_floor_priority AND ready_seq >= p_floor_seq
                     ORDER BY priority DESC, ready_seq
                     LIMIT wanted - cardinality(ids) FOR UPDATE SKIP LOCKED);
            END IF;
            IF cardinality(ids) < wanted THEN
                ids := ids || ARRAY(
                    SELECT id FROM queuedesk.jobs
                     WHERE queue = p_queue AND state = 'waiting' AND priority < p_floor_priority
                     ORDER BY priority DESC, ready_seq
                     LIMIT wanted - cardinality(ids) FOR UPDATE SKIP LOCKED);
            END IF;
        END IF;
        RETURN QUERY
        UPDATE queuedesk.jobs j
           SET state = 'active', locked_by = p_worker, attempts = j.attempts + 1,
               started_at = now(), lease_until = now() + make_interval(secs => p_lease_seconds)
         WHERE j.id = ANY (ids)
        RETURNING j.id, j.queue, j.type, j.store, j.payload, j.priority, j.state, j.ready_seq, j.attempts,
                  j.max_attempts, j.unique_key, j.parent_id, j.locked_by, j.lease_until;
        GET DIAGNOSTICS taken = ROW_COUNT;
    ELSIF wanted > 0 THEN
        -- Fair claim: visit the stores that have waiting jobs, round-robin from
        -- the cursor (a loose index scan, so the cost follows the number of
        -- stores visited, not the backlog), taking each store's share.
        LOOP
            EXIT WHEN taken >= wanted;
            IF cursor_at IS NULL THEN
                SELECT store INTO next_store FROM queuedesk.jobs
                 WHERE queue = p_queue AND state = 'waiting' ORDER BY store LIMIT 1;
            ELSE
                SELECT store INTO next_store FROM queuedesk.jobs
                 WHERE queue = p_queue AND state = 'waiting' AND store > cursor_at ORDER BY store LIMIT 1;
            END IF;
            IF NOT FOUND THEN
                EXIT WHEN wrapped OR p_store_after IS NULL;
                wrapped := true;
                cursor_at := NULL;
                CONTINUE;
            END IF;
            EXIT WHEN wrapped AND next_store > p_store_after;

            share := coalesce(q.per_store_limit, wanted) *
                     coalesce((SELECT weight FROM queuedesk.store_weights w
                                WHERE w.queue = p_queue AND w.store = next_store), 1);
            IF q.store_concurrency IS NOT NULL THEN
                share := least(share, q.store_concurrency -
                    (SELECT count(*) FROM queuedesk.jobs
                      WHERE queue = p_queue AND state = 'active' AND store = next_store)::integer);
            END IF;
            share := least(share, wanted - taken);
            IF share > 0 THEN
                RETURN QUERY
                UPDATE queuedesk.jobs j
                   SET state = 'active', locked_by = p_worker, attempts = j.attempts + 1,
                       started_at = now(), lease_until = now() + make_interval(secs => p_lease_seconds)
                 WHERE j.id = ANY (ARRAY(
                    SELECT id FROM queuedesk.jobs
                     WHERE queue = p_queue AND state = 'waiting' AND store = next_store
                     ORDER BY priority DESC, ready_seq
                     LIMIT share FOR UPDATE SKIP LOCKED))
                RETURNING j.id, j.queue, j.type, j.store, j.payload, j.priority, j.state, j.ready_seq, j.attempts,
                          j.max_attempts, j.unique_key, j.parent_id, j.locked_by, j.lease_until;
                GET DIAGNOSTICS n = ROW_COUNT;
                taken := taken + n;
            END IF;
            cursor_at := next_store;
        END LOOP;
    END IF;

    IF q.rate_limit IS NOT NULL THEN
        UPDATE queuedesk.queues
           SET rate_tokens = greatest(tokens - taken, 0), rate_refilled_at = rate_now
         WHERE name = p_queue;
    END IF;
END
$$;
