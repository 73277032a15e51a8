-- QueueDesk schema, version 5: a claim that seeks past the dead head of the
-- claim index, plans once, and returns only what a worker needs.
--
-- Why (BENCHMARKS.md, "Worker engine"): every claimed row leaves a dead
-- entry in jobs_claim until vacuum, and autovacuum comes at most once a
-- minute. Version 2's floor was "ready_seq >= floor" under ORDER BY
-- priority DESC, ready_seq: with no bound on priority, the index's middle
-- column, every claim still started at the head of the queue and read
-- every dead entry there, so a drain slowed down as it went. The floor is
-- now a position in claim order, (priority, ready_seq) of the first row of
-- the caller's last full claim, and the claim reads three ranges that the
-- index can seek to, in claim order:
--   1. priority above the floor's (jobs that arrived since; usually none),
--   2. the floor's priority from its ready_seq on,
--   3. priority below it.
-- ready_seq is renewed whenever a job (re)enters 'waiting' (retry, release,
-- priority change), so no waiting job ever sits behind a floor. A NULL
-- floor priority scans from the head, as the dispatcher does now and then
-- (EngineSettings::floorRescanMs).
--
-- plan_cache_mode: the statements inside differ only in their parameters and
-- each has one right plan (a partial index in claim order), so planning them
-- on every call (custom plans, the default for parameterised statements)
-- was a tenth of the server's time per claim.

DROP FUNCTION queuedesk.claim(text, text, integer, integer, bigint, text);

CREATE FUNCTION queuedesk.claim(
    p_queue text, p_worker text, p_limit integer, p_lease_seconds integer,
    p_floor_priority integer DEFAULT NULL, p_floor_seq bigint DEFAULT 0, p_store_after text DEFAULT NULL)
RETURNS TABLE (id bigint, queue text, type text, store text, payload jsonb, priority integer, state text,
               ready_seq bigint, attempts integer, max_attempts integer, unique_key text, parent_id bigint,
               locked_by text, lease_until timestamptz)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
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
            tokens := least(q.rate_limit::double precision,
                coalesce(q.rate_tokens, q.rate_limit) +
                extract(epoch FROM clock_timestamp() - coalesce(q.rate_refilled_at, clock_timestamp()))
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
           SET rate_tokens = greatest(tokens - taken, 0), rate_refilled_at = clock_timestamp()
         WHERE name = p_queue;
    END IF;
END
$$;
