#!/usr/bin/env bash
# Installs, builds and starts QueueDesk on its embedded local PostgreSQL
# (a private cluster started on first use; no server to set up).
# With a display: the desktop app. Without one (a server over ssh): the
# headless worker on the same embedded cluster, so the command still runs
# QueueDesk's main job. Extra arguments go to the program.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
BUILD_DIR="${BUILD_DIR:-build}"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$BUILD_DIR/app/desktop/queuedesk" "$@"
fi
echo "run.sh: no display here, so starting the headless worker on the embedded PostgreSQL instead" >&2
echo "run.sh: (on a desktop this command opens the QueueDesk app; Ctrl+C drains and stops the worker)" >&2
exec "$BUILD_DIR/app/worker/queuedesk-worker" run "$@"
