#!/usr/bin/env bash
# Runs the timing-sensitive tests (engine, scheduler, store threads, the
# worker processes and every widget test) many times in a row while
# stress-ng keeps every core busy, and stops at the first failure. A test
# that fails one run in twenty here is a bug to find, not a run to retry.
#
#   bash scripts/stress-tests.sh [RUNS] [CTEST_REGEX]     (defaults: 20 runs)
#
# It builds once, then each run is `scripts/test.sh -R REGEX -j2` without the
# build (the README's test command on a subset: its own throwaway cluster, the
# offscreen platform, the keyring session). Sources edited meanwhile are not
# picked up: to stress a commit while working on the next one, use a worktree
# (git worktree add ../stress HEAD; cd ../stress; bash scripts/stress-tests.sh).
# The log of every run is kept in $LOG_DIR (default build/stress-logs); the
# last line says how many runs passed.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
regex=${2:-'^(tst_engine|tst_outcomes|tst_leasefence|tst_whywaiting|tst_heldjobs|tst_storethread|tst_scheduler|tst_cron_schedules|tst_metrics_health|tst_worker_processes|tst_connection|tst_dashboard|tst_deadletterbulk|tst_jobsbrowser|tst_localworker|tst_operatordialogs|tst_operatorpages|tst_queuespage|screenshots)$'}
BUILD_DIR="${BUILD_DIR:-build}"
log_dir=${LOG_DIR:-$BUILD_DIR/stress-logs}

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "stress-tests: RUNS must be a positive number, not '$runs'" >&2; exit 2; }
bash scripts/install-deps.sh
bash scripts/build.sh >/dev/null
command -v stress-ng >/dev/null || { echo "stress-tests: stress-ng is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
mkdir -p "$log_dir"

# The load: one CPU hog per core for as long as the runs take.
stress-ng --cpu "$(nproc)" --cpu-method matrixprod --quiet &
load=$!
trap 'kill "$load" 2>/dev/null; wait "$load" 2>/dev/null || true' EXIT

started=$(date +%s)
for ((run = 1; run <= runs; run++)); do
  log="$log_dir/run-$run.log"
  run_started=$(date +%s)
  if QUEUEDESK_TESTS_PREBUILT=1 BUILD_DIR="$BUILD_DIR" bash scripts/test.sh -R "$regex" -j2 >"$log" 2>&1; then
    summary=$(grep -E 'tests passed' "$log" | tail -1)
    echo "stress-tests: run $run/$runs passed in $(($(date +%s) - run_started)) s ($summary)"
  else
    echo "stress-tests: run $run/$runs FAILED after $(($(date +%s) - run_started)) s; log: $log" >&2
    grep -E 'FAIL!|Actual|Expected|Failed|\*\*\*' "$log" | head -30 >&2
    echo "stress-tests: $((run - 1)) of $runs runs passed before the first failure" >&2
    exit 1
  fi
done
echo "stress-tests: $runs of $runs runs passed under stress-ng --cpu $(nproc) in $(($(date +%s) - started)) s"
