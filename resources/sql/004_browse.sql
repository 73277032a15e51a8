-- QueueDesk schema, version 4: indexes for the jobs browser (desktop app).
--
-- The browser finds any job among millions and pages with a keyset cursor
-- (sort key, id), so each sort and each selective filter needs an index it
-- can seek. Sorting by "created" needs none: ids are handed out at insert,
-- so id order is creation order (JobBrowserStore says so).
--
-- The price: claim and complete change `state`, which the partial claim
-- indexes name, so those updates are never HOT and a full index takes an
-- entry per insert, per claim and per completion. BENCHMARKS.md ("Browser
-- indexes") measures what that costs the claim path; progress and heartbeat
-- updates touch none of these columns and stay HOT.

-- One tenant's jobs, the most common filter after state and queue.
CREATE INDEX jobs_store ON queuedesk.jobs (store, id);

-- payload @> '{"url": "https://…"}': the search operators ask for most.
-- jsonb_path_ops is smaller than jsonb_ops and serves @> only, the one
-- operator JobFilter uses.
CREATE INDEX jobs_payload ON queuedesk.jobs USING gin (payload jsonb_path_ops);

-- Sorts other than id, each for the jobs it means something for, as a
-- partial index that a job enters once: priority orders what runs next
-- (waiting), run-at what is due when (scheduled), runtime what has run
-- (finished), finish time and runtime what has finished. A full index would take three entries per job (insert, claim,
-- completion); these take one. Each (key, id) matches the cursor's row
-- comparison. Sorting every job by one of them is a sort of all matches,
-- which the browser allows but does not promise to make fast.
CREATE INDEX jobs_waiting_priority ON queuedesk.jobs (priority, id) WHERE state = 'waiting';
CREATE INDEX jobs_scheduled_run_at ON queuedesk.jobs (run_at, id) WHERE state = 'scheduled';
CREATE INDEX jobs_finished_at ON queuedesk.jobs (finished_at, id)
    WHERE state IN ('completed', 'failed', 'cancelled');
-- The expression must stay as JobBrowserStore::sortKey writes it.
CREATE INDEX jobs_finished_runtime ON queuedesk.jobs
    ((coalesce(extract(epoch FROM finished_at - started_at)::float8, -1::float8)), id)
    WHERE state IN ('completed', 'failed', 'cancelled');
