#!/usr/bin/env bash
# Installs what QueueDesk needs to build, run and test on Debian 12 (as root).
# Skips apt when everything is already there, so repeated runs are quick.
set -euo pipefail

PACKAGES=(
  cmake g++ ninja-build ccache pkg-config
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-httpserver-dev qt6-websockets-dev
  qtkeychain-qt6-dev qt6-tools-dev qt6-l10n-tools libqt6sql6-psql libpq-dev
  postgresql-15 postgresql-client-15 xvfb xauth dbus-daemon dbus-x11 gnome-keyring stress-ng
  help2man dpkg-dev file lintian desktop-file-utils appstream systemd man-db
)

# --list prints the list (scripts/check-deps.sh reads it from here).
if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${PACKAGES[@]}"
  exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts the packaged cluster on install; QueueDesk runs its own.
if command -v pg_ctlcluster >/dev/null && pg_lsclusters -h 2>/dev/null | grep -q online; then
  $SUDO pg_ctlcluster 15 main stop 2>/dev/null || true
fi
