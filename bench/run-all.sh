#!/usr/bin/env bash
# Runs every queue-core benchmark against ONE fresh throwaway PostgreSQL
# cluster (fsync and synchronous_commit on), so that every ratio compares
# figures taken on the same server in the same run. See BENCHMARKS.md.
#
#   bench/run-all.sh                 the full suite (about 10 minutes on 2 cores)
#   bench/run-all.sh --quick         smoke run: small sizes, 3 s runs (about 1.5 minutes)
#   BUILD_DIR=build-bench bench/run-all.sh
#   ONLY="claim enqueue" bench/run-all.sh        (words: claim enqueue claimcost bloat)
#   CLAIM_ARGS="--batches 50,500" bench/run-all.sh   extra arguments for one program
#     (CLAIM_ARGS, ENQUEUE_ARGS, CLAIMCOST_ARGS, BLOAT_ARGS)
#   NICE=-10 bench/run-all.sh        on a shared box: run the programs, their
#     cluster and pgbench at a higher priority (negative values need root), so
#     that other people's builds disturb the figures less. With autogroup
#     scheduling (Linux's default for sessions) a process's nice only ranks
#     it inside its session, so the sessions' own nice is set too: ours and
#     the postmaster's (pg_ctl starts it in a session of its own). The "other
#     processes" figure in each result line says how much the rest still took.
#
# Output: the programs' lines on stdout, and the same in a log under /tmp.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
BUILD_DIR="${BUILD_DIR:-$ROOT/build-bench}"
ONLY="${ONLY:-claim enqueue claimcost bloat}"
QUICK=()
[ "${1:-}" = "--quick" ] && QUICK=(--quick)

for b in $ONLY; do
  [ -x "$BUILD_DIR/bench/queuedesk_bench_$b" ] || {
    echo "no $BUILD_DIR/bench/queuedesk_bench_$b: build first (cmake -DCMAKE_BUILD_TYPE=Release, ninja)" >&2; exit 1; }
done

WORK="$(mktemp -d /tmp/queuedesk-bench.XXXXXX)"
chmod 755 "$WORK"
CLUSTER="$WORK/cluster"
LOG="/tmp/queuedesk-bench-$(date -u +%Y%m%dT%H%M%SZ).log"

stop_cluster() {
  local bin pgctl
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  pgctl="${QUEUEDESK_PG_BIN:-$bin}/pg_ctl"
  if [ -f "$CLUSTER/pgdata/postmaster.pid" ]; then
    if [ "$(id -u)" = 0 ]; then
      runuser -u "${QUEUEDESK_PG_USER:-postgres}" -- "$pgctl" -D "$CLUSTER/pgdata" -m fast -w stop >/dev/null || true
    else
      "$pgctl" -D "$CLUSTER/pgdata" -m fast -w stop >/dev/null || true
    fi
  fi
  rm -rf "$WORK"
}
trap stop_cluster EXIT

# Autogroup priority (see NICE above): ours now, the postmaster's once it runs.
if [ -n "${NICE:-}" ] && [ -w /proc/self/autogroup ]; then
  echo "$NICE" > /proc/self/autogroup 2>/dev/null || true
  ( while sleep 1; do
      pm="$(head -1 "$CLUSTER/pgdata/postmaster.pid" 2>/dev/null)" || continue
      [ -n "$pm" ] && echo "$NICE" > "/proc/$pm/autogroup" 2>/dev/null
    done ) &
  KEEPER=$!
  trap 'kill $KEEPER 2>/dev/null; stop_cluster' EXIT
fi

{
  echo "queuedesk benchmarks $(date -u +%FT%TZ) ${QUICK[*]:-(full)}"
  echo "host: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME")"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown), load: $(cut -d' ' -f1-3 /proc/loadavg), nice ${NICE:-0}"
} | tee "$LOG"

for b in $ONLY; do
  var="$(echo "$b" | tr '[:lower:]' '[:upper:]')_ARGS"
  # shellcheck disable=SC2206
  extra=(${!var:-})
  start=$(date +%s)
  nice -n "${NICE:-0}" "$BUILD_DIR/bench/queuedesk_bench_$b" --data-dir "$CLUSTER" --keep-cluster "${QUICK[@]}" "${extra[@]}" 2>&1 | tee -a "$LOG"
  echo "($b took $(( $(date +%s) - start )) s, load now $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$LOG"
done
echo "log: $LOG"
