-- QueueDesk schema, version 3: cron schedules, metrics history and queue health.
-- Written by the scheduler leader (core/engine/scheduler); read by the
-- dashboard and the CLI.

-- A cron schedule enqueues one job per fire time. next_run_at is the fire
-- the leader takes next: it moves with an UPDATE ... WHERE next_run_at = <the
-- value it read>, so exactly one engine claims each fire, and the job's
-- unique key (schedule:<name>:<fire time, UTC ISO>) guards the enqueue too.
-- missed_policy, after downtime: 'skip' drops the fires that are long past
-- and waits for the next one; 'catch_up_once' enqueues one job for all of
-- them, then goes on from the next fire. A schedule's jobs go with its queue.
CREATE TABLE queuedesk.schedules (
    name          text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9_.:-]{1,100}$'),
    queue         text NOT NULL REFERENCES queuedesk.queues (name) ON DELETE CASCADE ON UPDATE CASCADE,
    type          text NOT NULL CHECK (type <> ''),
    payload       jsonb NOT NULL DEFAULT '{}',
    cron          text NOT NULL,
    timezone      text NOT NULL DEFAULT 'UTC',
    enabled       boolean NOT NULL DEFAULT true,
    priority      integer NOT NULL DEFAULT 0,
    store         text NOT NULL DEFAULT '',
    missed_policy text NOT NULL DEFAULT 'skip' CHECK (missed_policy IN ('skip', 'catch_up_once')),
    last_run_at   timestamptz,
    next_run_at   timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (NOT enabled OR next_run_at IS NOT NULL)
);

CREATE INDEX schedules_due ON queuedesk.schedules (next_run_at) WHERE enabled;

-- One row per queue per sampling interval (default 10 s). Depth is the
-- queue's jobs by state at the sample; completed, failed and the timings
-- cover the jobs that finished (completed or failed) since the queue's
-- previous sample. Pool figures are the sampling engine's own connections;
-- server_connections counts pg_stat_activity of this database by state.
-- Totals of finished jobs may be estimates (totals_estimated).
CREATE TABLE queuedesk.metrics (
    at                 timestamptz NOT NULL,
    queue              text NOT NULL,
    delayed            bigint NOT NULL DEFAULT 0,
    retrying           bigint NOT NULL DEFAULT 0,
    waiting            bigint NOT NULL DEFAULT 0,
    active             bigint NOT NULL DEFAULT 0,
    stalled            bigint NOT NULL DEFAULT 0,
    completed_total    bigint NOT NULL DEFAULT 0,
    failed_total       bigint NOT NULL DEFAULT 0,
    cancelled_total    bigint NOT NULL DEFAULT 0,
    totals_estimated   boolean NOT NULL DEFAULT false,
    completed          bigint NOT NULL DEFAULT 0,
    failed             bigint NOT NULL DEFAULT 0,
    runtime_avg_ms     double precision,
    runtime_p95_ms     double precision,
    wait_avg_ms        double precision,
    wait_p95_ms        double precision,
    top_stores         jsonb NOT NULL DEFAULT '[]',   -- [{"store", "waiting", "active"}], busiest first
    pool_total         integer NOT NULL DEFAULT 0,
    pool_idle          integer NOT NULL DEFAULT 0,
    pool_in_use        integer NOT NULL DEFAULT 0,
    pool_waiting       integer NOT NULL DEFAULT 0,
    server_connections jsonb NOT NULL DEFAULT '{}',   -- {"active": n, "idle": n, "idle in transaction": n, ...}
    sampled_by         text,
    PRIMARY KEY (queue, at)                           -- charts read one queue's range
);

CREATE INDEX metrics_at ON queuedesk.metrics (at);   -- pruning by age

-- Health of each queue, re-evaluated after every sample. Thresholds come
-- from queues.health (jsonb); a missing key takes its default, a null
-- switches the rule off:
--   failure_rate      0.10  error:   failed / (completed + failed) over the last hour above this,
--   failure_min_jobs  10             counted once at least this many jobs finished in that hour
--   max_waiting       100   warning: more waiting jobs than this
--   slow_factor       2.0   warning: active jobs running longer than this times the
--   slow_min_jobs     5              queue's average runtime of the last hour (from this many jobs)
--   no_worker         true  error:   waiting jobs, queue not paused, and no live worker serving it
-- Errors are rules under which work is lost or does not move; warnings are
-- rules under which it moves, late.
CREATE TABLE queuedesk.queue_health (
    queue      text PRIMARY KEY REFERENCES queuedesk.queues (name) ON DELETE CASCADE ON UPDATE CASCADE,
    state      text NOT NULL CHECK (state IN ('healthy', 'warning', 'error')),
    reasons    jsonb NOT NULL DEFAULT '[]',   -- [{"rule", "level", "message"}]
    since      timestamptz NOT NULL DEFAULT now(),
    checked_at timestamptz NOT NULL DEFAULT now()
);

-- One row per change of a queue's health state; each insert also sends
-- NOTIFY queuedesk_health '<queue>' so the desktop app can tell people.
CREATE TABLE queuedesk.health_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    queue      text NOT NULL,
    from_state text NOT NULL CHECK (from_state IN ('healthy', 'warning', 'error')),
    to_state   text NOT NULL CHECK (to_state IN ('healthy', 'warning', 'error')),
    reasons    jsonb NOT NULL DEFAULT '[]'
);

CREATE INDEX health_events_queue ON queuedesk.health_events (queue, id);
CREATE INDEX health_events_at ON queuedesk.health_events (at);

-- Queue and state are far from independent (a busy queue is mostly
-- completed), so the planner needs their joint most-common values to
-- estimate "queue = x AND state = y" (pg_stats_ext shows them).
CREATE STATISTICS queuedesk.jobs_queue_state (mcv) ON queue, state FROM queuedesk.jobs;
