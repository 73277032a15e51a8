#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test against a throwaway
# PostgreSQL cluster that the suite starts itself (CTest fixture), or against
# $QUEUEDESK_TEST_DSN when that is set. Widget tests run offscreen; a private
# D-Bus session with an unlocked keyring gives QtKeychain a real backend.
set -euo pipefail
cd "$(dirname "$0")/.."
# QUEUEDESK_TESTS_PREBUILT=1: the build is done already (scripts/stress-tests.sh).
if [ -z "${QUEUEDESK_TESTS_PREBUILT:-}" ]; then
  bash scripts/install-deps.sh
  bash scripts/build.sh
fi
BUILD_DIR="${BUILD_DIR:-build}"

run_ctest() {
  ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 900 "$@"
}
export QT_QPA_PLATFORM=offscreen
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  export -f run_ctest
  export BUILD_DIR
  dbus-run-session -- bash -c '
    export HOME=$(mktemp -d) XDG_RUNTIME_DIR=$(mktemp -d)
    printf %s queuedesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
    run_ctest "$@"' bash "$@"
else
  run_ctest "$@"
fi
