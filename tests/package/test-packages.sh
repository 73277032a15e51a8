#!/usr/bin/env bash
# The Debian packages, end to end: builds them (scripts/package.sh), lints
# them, installs them as apt would, checks what they put in place and that
# the programs run, then purges them and checks they are gone.
# Run by CI after the test suite; as root on Debian 12, since it installs
# packages. Leaves the machine as it found it, except for what a purge keeps
# by design: the queuedesk user and /var/lib/queuedesk.
#   bash tests/package/test-packages.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR="${BUILD_DIR:-build}"
started=$SECONDS

say() { echo "test-packages: $*"; }
fail() { echo "test-packages: FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "run as root: it installs and purges packages"

bash scripts/package.sh
packages=$(realpath "$BUILD_DIR/packages")
console_deb=$(ls "$packages"/queuedesk_*.deb)
worker_deb=$(ls "$packages"/queuedesk-worker_*.deb)
version=$(dpkg-deb -f "$console_deb" Version)

app_id=org.queuedesk.QueueDesk
console_files=(
  /usr/bin/queuedesk
  "/usr/share/applications/$app_id.desktop"
  "/usr/share/metainfo/$app_id.metainfo.xml"
  "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
  /usr/share/man/man1/queuedesk.1.gz
  /usr/share/doc/queuedesk/copyright
)
for size in 16 22 24 32 48 64 128 256; do
  console_files+=("/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
worker_files=(
  /usr/bin/queuedesk-worker
  /usr/lib/systemd/system/queuedesk-worker.service
  /etc/queuedesk/worker.ini
  /usr/lib/sysusers.d/queuedesk.conf
  /usr/lib/tmpfiles.d/queuedesk.conf
  /usr/share/man/man1/queuedesk-worker.1.gz
  /usr/share/bash-completion/completions/queuedesk-worker
  /usr/share/doc/queuedesk-worker/copyright
)

# --- before installing ------------------------------------------------------
say "the worker package and program stay clear of the GUI libraries"
gui_libs='libqt6(widgets|charts|opengl|gui)'
worker_depends=$(dpkg-deb -f "$worker_deb" Depends)
if grep -Eqi "$gui_libs" <<<"$worker_depends"; then
  fail "queuedesk-worker depends on a GUI library: $worker_depends"
fi
if ldd "$BUILD_DIR/app/worker/queuedesk-worker" | grep -Eqi 'Qt6(Widgets|Charts|OpenGL|Gui)'; then
  fail "the worker binary links a GUI library: $(ldd "$BUILD_DIR/app/worker/queuedesk-worker" | grep -Ei 'Qt6')"
fi
dpkg-deb -f "$console_deb" Depends | grep -q libqt6sql6-psql || fail "queuedesk does not depend on the QPSQL driver"
grep -q libqt6sql6-psql <<<"$worker_depends" || fail "queuedesk-worker does not depend on the QPSQL driver"

say "lintian (errors and warnings fail; accepted infos: packaging/lintian-accepted.md)"
lintian_status=0
lintian_output=$(lintian --fail-on error,warning --display-info "$console_deb" "$worker_deb" 2>&1) || lintian_status=$?
# (It also notes that it runs as root.)
grep -v 'running with root privileges is not recommended' <<<"$lintian_output" || true
[ "$lintian_status" -eq 0 ] || fail "lintian found errors or warnings (above)"

# --- installed --------------------------------------------------------------
cleanup() {
  if dpkg-query -W -f='${Status}' queuedesk-worker queuedesk 2>/dev/null | grep -q 'ok installed'; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq queuedesk queuedesk-worker >/dev/null 2>&1 || true
  fi
  if [ -n "${cluster:-}" ] && [ -f "$cluster/pgdata/postmaster.pid" ]; then
    runuser -u "$(stat -c %U "$cluster/pgdata")" -- "$pg_bin/pg_ctl" -D "$cluster/pgdata" -m fast -w stop >/dev/null || true
  fi
  if [ -n "${scratch:-}" ]; then rm -rf "$scratch"; fi
}
trap cleanup EXIT

say "install both packages with apt"
# Same version as an earlier install: apt would keep that one, untested.
if dpkg-query -W -f='${Status}\n' queuedesk queuedesk-worker 2>/dev/null | grep -q 'ok installed'; then
  say "purging the queuedesk packages installed before this test"
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq queuedesk queuedesk-worker >/dev/null
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$console_deb" "$worker_deb" >/dev/null

say "installed files"
for f in "${console_files[@]}" "${worker_files[@]}"; do
  [ -e "$f" ] || fail "$f is missing"
done
dpkg-query -W -f='${Conffiles}\n' queuedesk-worker | grep -q '^ /etc/queuedesk/worker.ini ' \
  || fail "/etc/queuedesk/worker.ini is not a conffile"
for bin in /usr/bin/queuedesk /usr/bin/queuedesk-worker; do
  file "$bin" | grep -q ', stripped' || fail "$bin is not stripped"
  ! readelf -d "$bin" | grep -Eq 'RPATH|RUNPATH' || fail "$bin has an RPATH: $(readelf -d "$bin" | grep -E 'RPATH|RUNPATH')"
done

say "the programs run (the console with no display)"
[ "$(queuedesk-worker --version)" = "queuedesk-worker $version" ] || fail "queuedesk-worker --version: $(queuedesk-worker --version)"
console_version=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM queuedesk --version)
[ "$console_version" = "queuedesk $version" ] || fail "queuedesk --version: $console_version"

say "desktop entry, metainfo, unit"
desktop-file-validate "/usr/share/applications/$app_id.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml" || fail "appstreamcli validate"
# verify exits 0 on some complaints (an unknown setting): any output fails.
verify_output=$(systemd-analyze verify /usr/lib/systemd/system/queuedesk-worker.service 2>&1) \
  || fail "systemd-analyze verify: $verify_output"
[ -z "$verify_output" ] || fail "systemd-analyze verify: $verify_output"
grep -qx 'ExecStart=/usr/bin/queuedesk-worker run --config /etc/queuedesk/worker.ini' \
  /usr/lib/systemd/system/queuedesk-worker.service || fail "the unit does not run /usr/bin/queuedesk-worker"

say "man pages render without warnings and cover every worker command"
for page in queuedesk queuedesk-worker; do
  warnings=$(MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "/usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null)
  [ -z "$warnings" ] || fail "man $page: $warnings"
  MANWIDTH=80 man -l "/usr/share/man/man1/$page.1.gz" >/dev/null 2>&1 || fail "man -l $page"
done
worker_man=$(MANWIDTH=200 man -l /usr/share/man/man1/queuedesk-worker.1.gz 2>/dev/null | col -b)
commands=$(queuedesk-worker --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }')
[ -n "$commands" ] || fail "queuedesk-worker --help lists no commands"
for command in $commands; do
  grep -q "^QUEUEDESK-WORKER ${command^^}\$" <<<"$worker_man" || fail "the man page has no section for '$command'"
  for option in $(queuedesk-worker "$command" --help | grep -oE '^  (-[a-z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
    grep -q -- "$option" <<<"$worker_man" || fail "the man page misses $command $option"
  done
done

say "bash completion offers the commands and their options"
completion_of() {
  bash -c '. /usr/share/bash-completion/completions/queuedesk-worker
    COMP_LINE=$1; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<<"$COMP_LINE"
    [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _queuedesk_worker; echo "${COMPREPLY[*]}"' bash "$1"
}
[ "$(completion_of 'queuedesk-worker req')" = requeue-failed ] || fail "completion of 'req': $(completion_of 'queuedesk-worker req')"
[ "$(completion_of 'queuedesk-worker run --shut')" = --shutdown-timeout ] || fail "completion of 'run --shut'"
[ "$(completion_of 'queuedesk-worker schedule add --missed ')" = 'skip catch-up' ] || fail "completion of '--missed '"

say "the queuedesk user and its state folder; the service installed, not enabled"
getent passwd queuedesk >/dev/null || fail "no queuedesk user"
[ "$(stat -c '%U:%G %a' /var/lib/queuedesk)" = "queuedesk:queuedesk 750" ] \
  || fail "/var/lib/queuedesk is $(stat -c '%U:%G %a' /var/lib/queuedesk)"
state=$(systemctl is-enabled queuedesk-worker.service 2>/dev/null || true)
[ "$state" = disabled ] || fail "queuedesk-worker.service is '$state', not disabled"

say "migrate an embedded cluster, as the service's user and as root"
pg_bin=$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -1)
scratch=$(mktemp -d)
chown queuedesk: "$scratch"
cluster=$scratch/as-queuedesk
out=$(runuser -u queuedesk -- env HOME=/var/lib/queuedesk queuedesk-worker migrate --local "$cluster") \
  || fail "migrate --local as queuedesk: $out"
grep -q '^schema at version' <<<"$out" || fail "migrate said: $out"
runuser -u queuedesk -- env HOME=/var/lib/queuedesk queuedesk-worker queues --local "$cluster" | grep -q '^default ' \
  || fail "the migrated cluster has no default queue"

say "the service's command line runs a job as the queuedesk user, and drains on SIGTERM"
# What the unit's ExecStart runs, with the DSN its worker.env would give; no
# systemd here to start the unit itself. setpriv execs, so $! is the worker.
export QUEUEDESK_DSN="host=$cluster/socket port=5432 user=postgres dbname=queuedesk"
as_queuedesk=(setpriv --reuid=queuedesk --regid=queuedesk --init-groups env HOME=/var/lib/queuedesk)
"${as_queuedesk[@]}" queuedesk-worker run --config /etc/queuedesk/worker.ini 2>"$scratch/worker.log" &
worker=$!
"${as_queuedesk[@]}" queuedesk-worker enqueue --type noop >/dev/null || fail "enqueue failed"
for _ in $(seq 1 300); do
  completed=$("${as_queuedesk[@]}" queuedesk-worker stats | awk '$1 == "default" { print $6 }')
  [ "$completed" = 1 ] && break
  kill -0 "$worker" 2>/dev/null || fail "the worker ended: $(cat "$scratch/worker.log")"
  sleep 0.1
done
[ "$completed" = 1 ] || fail "the job was not completed in 30 s: $(cat "$scratch/worker.log")"
kill -TERM "$worker"
worker_status=0
wait "$worker" || worker_status=$?
[ "$worker_status" -eq 0 ] || fail "the worker exited with $worker_status after SIGTERM: $(cat "$scratch/worker.log")"
unset QUEUEDESK_DSN
runuser -u queuedesk -- "$pg_bin/pg_ctl" -D "$cluster/pgdata" -m fast -w stop >/dev/null
# As root PostgreSQL runs as the queuedesk user the package made.
cluster=$scratch/as-root
out=$(queuedesk-worker migrate --local "$cluster") || fail "migrate --local as root: $out"
grep -q '^schema at version' <<<"$out" || fail "migrate as root said: $out"
[ "$(stat -c %U "$cluster/pgdata")" = queuedesk ] || fail "root's cluster belongs to $(stat -c %U "$cluster/pgdata")"
runuser -u queuedesk -- "$pg_bin/pg_ctl" -D "$cluster/pgdata" -m fast -w stop >/dev/null
cluster=""

say "an upgrade keeps an edited worker.ini, the user and the state folder"
# The same worker package with a higher version: dpkg's upgrade path through
# the maintainer scripts, without a second build.
echo '; edited by the package test' >>/etc/queuedesk/worker.ini
dpkg-deb -R "$worker_deb" "$scratch/upgrade"
sed -i "s/^Version: .*/Version: $version+upgradetest/" "$scratch/upgrade/DEBIAN/control"
dpkg-deb -b "$scratch/upgrade" "$scratch/queuedesk-worker-upgrade.deb" >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$scratch/queuedesk-worker-upgrade.deb" >/dev/null
[ "$(dpkg-query -W -f='${Version}' queuedesk-worker)" = "$version+upgradetest" ] || fail "the upgrade did not install"
grep -q '^; edited by the package test' /etc/queuedesk/worker.ini || fail "the upgrade replaced the edited worker.ini"
getent passwd queuedesk >/dev/null || fail "the upgrade lost the queuedesk user"
[ "$(stat -c '%U:%G %a' /var/lib/queuedesk)" = "queuedesk:queuedesk 750" ] || fail "the upgrade changed /var/lib/queuedesk"

# --- purged -----------------------------------------------------------------
say "purge both packages"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq queuedesk queuedesk-worker >/dev/null
for f in "${console_files[@]}" "${worker_files[@]}"; do
  [ ! -e "$f" ] || fail "$f is still there after the purge"
done
command -v queuedesk >/dev/null && fail "queuedesk is still on the PATH"
command -v queuedesk-worker >/dev/null && fail "queuedesk-worker is still on the PATH"
# Kept on purpose (see packaging/debian/queuedesk-worker/postrm).
[ -d /var/lib/queuedesk ] || fail "the purge removed /var/lib/queuedesk, which it should keep"

say "passed in $((SECONDS - started)) s"
