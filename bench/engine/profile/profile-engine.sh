#!/usr/bin/env bash
# Where the engine's time goes: one in-process drain under perf (DWARF call
# graphs), then inclusive CPU shares per thread and function.
#
#   bench/engine/profile/profile-engine.sh [build-dir] [executors] [jobs]
#
# Defaults: build-enginebench, 16 executors, 30000 jobs. Needs perf (linux-perf).
# The server is a child of the bench, so its processes are profiled too
# ("postgres" in the thread list). Set TZ=UTC in the environment to see the
# run without glibc's per-call /etc/localtime check.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
BUILD="${1:-$ROOT/build-enginebench}"
EXECUTORS="${2:-16}"
JOBS="${3:-30000}"
OUT="$(mktemp -d /tmp/enginebench-perf.XXXXXX)"
chmod 755 "$OUT"   # the server runs as postgres when we are root
perf record -F 999 --call-graph dwarf,16384 -o "$OUT/perf.data" -- \
    "$BUILD/bench/engine/queuedesk_bench_engine" --only drain --executors "$EXECUTORS" --jobs "$JOBS" \
    --no-ceiling --data-dir "$OUT/cluster" | grep -v '^RESULT'
perf script -i "$OUT/perf.data" -F comm,tid,ip,sym 2>/dev/null >"$OUT/perf.txt"
python3 "$HERE/perfbreakdown.py" --threads dispatcher claims acks executors queuedesk_bench --top 40 <"$OUT/perf.txt"
echo "raw data: $OUT (perf.data, perf.txt)"
