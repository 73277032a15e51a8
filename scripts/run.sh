#!/usr/bin/env bash
# Installs, builds and starts QueueDesk on its embedded local PostgreSQL
# (a private cluster started on first use; no server to set up).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
BUILD_DIR="${BUILD_DIR:-build}"
# Until the desktop app lands: migrate the local cluster and show its queues.
exec "$BUILD_DIR/app/worker/queuedesk-worker" queues "$@"
