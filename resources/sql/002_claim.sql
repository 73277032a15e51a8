-- The claim: one round trip that applies pause, concurrency, rate limit and
-- per-store fairness, then takes due jobs with FOR UPDATE SKIP LOCKED.
--
-- p_floor: the caller's ready_seq floor (0 = scan from the head). Claimed
--   rows leave dead entries at the head of jobs_claim until vacuum; a floor
--   lets the index scan reject them without visiting the heap.
-- p_store_after: the fair claim's rotation cursor (the last store served).
--   Rows come back in the order they were taken, so the last row's store is
--   the next cursor.

CREATE FUNCTION queuedesk.claim(
    p_queue text, p_worker text, p_limit integer, p_lease_seconds integer,
    p_floor bigint DEFAULT 0, p_store_after text DEFAULT NULL)
RETURNS SETOF queuedesk.jobs
LANGUAGE plpgsql AS $$
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
        RETURN QUERY
        UPDATE queuedesk.jobs j
           SET state = 'active', locked_by = p_worker, attempts = j.attempts + 1,
               started_at = now(), lease_until = now() + make_interval(secs => p_lease_seconds)
         WHERE j.id = ANY (ARRAY(
            SELECT id FROM queuedesk.jobs
             WHERE queue = p_queue AND state = 'waiting' AND ready_seq >= p_floor
             ORDER BY priority DESC, ready_seq
             LIMIT wanted FOR UPDATE SKIP LOCKED))
        RETURNING j.*;
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
                     coalesce((SELECT weight FROM queuedesk.store_weights
                                WHERE queue = p_queue AND store = next_store), 1);
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
                RETURNING j.*;
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
