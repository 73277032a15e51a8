-- QueueDesk schema, version 6: jobs without a store cost no entry in jobs_store.
--
-- jobs_store (version 4) is a full index, so every job took an entry in it
-- at enqueue, claim and completion. Most deployments put no store ('') on
-- most jobs, and nobody browses "all jobs without a store" among millions
-- (that filter still works, by id order with a filter, fast while such
-- jobs are common). The browser's store filter names a store, so the
-- planner proves this predicate from it. BENCHMARKS.md ("Worker engine")
-- has what the entries cost the claim path.
--
-- Migrations run in one transaction, so the index is rebuilt without
-- CONCURRENTLY: writes to the jobs table wait while it builds (13 s on the
-- jobs browser benchmark's 10 million jobs, all with a store).
DROP INDEX queuedesk.jobs_store;
CREATE INDEX jobs_store ON queuedesk.jobs (store, id) WHERE store <> '';
