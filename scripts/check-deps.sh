#!/usr/bin/env bash
# Would scripts/install-deps.sh be enough on a fresh Debian 12 machine?
#
# Run after a build (CI runs it after the tests). It lists the Debian
# packages whose files the build and the tests used, and fails when one of
# them would be missing on a fresh machine: a package counts as present only
# when apt, starting from an empty system, would install it for the install
# script's list (with --no-install-recommends, as the script does) or when it
# is part of every Debian system (Essential or Priority required, with what
# those pull in). A package someone installed by hand on this machine does
# not count.
#
# What "used" means here:
#   - headers the compiler read (ninja's deps log) and tools and libraries
#     named in build.ninja;
#   - the CMake package files find_package loaded, and the programs and
#     libraries configure found (the compiler, ninja, libpq);
#   - the shared libraries and Qt plugins the built programs load;
#   - the programs the test suite and the embedded cluster run.
#
#   bash scripts/check-deps.sh [BUILD_DIR [INSTALL_SCRIPT]]     exit 0: covered, 1: gaps, 2: cannot check
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-${BUILD_DIR:-build}}
install_script=${2:-scripts/install-deps.sh}

die() { echo "check-deps: $*" >&2; exit 2; }
[ -f "$build/build.ninja" ] || die "no $build/build.ninja: build first (bash scripts/build.sh)"
for tool in dpkg-query apt-get ninja ldd perl; do
  command -v "$tool" >/dev/null || die "needs $tool"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Programs the suite runs at test time, besides what it builds: the throwaway
# cluster (core/db/localcluster.cpp), the screenshot test's X server and the
# keyring session of scripts/test.sh.
RUNTIME_PROGRAMS=(initdb pg_ctl postgres xvfb-run Xvfb xauth dbus-run-session gnome-keyring-daemon)

# 1. What a fresh machine would have after the install script: apt's own
#    answer, simulated against an empty package database. The base system
#    (Essential and Priority required) goes into the same simulation, so that
#    what it pulls in counts too.
bash "$install_script" --list | sort -u >"$work/named"
[ -s "$work/named" ] || die "scripts/install-deps.sh --list printed nothing"
dpkg-query -W -f='${Package} ${Priority} ${Essential}\n' | awk '$2 == "required" || $3 == "yes" { print $1 }' \
  | sort -u >"$work/base"
: >"$work/empty-status"
simulate() {
  apt-get --simulate --no-install-recommends -o Debug::NoLocking=1 -o Dir::State::status="$work/empty-status" \
    install $(cat "$work/base" "$work/named") >"$work/simulation" 2>&1
}
# A machine whose package lists were cleaned (as in container images) needs them read once.
if ! simulate && [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && simulate || true
fi
if ! grep -q '^Inst ' "$work/simulation"; then
  sed -n '/^E:/p; /is not going to be installed/p' "$work/simulation" | head -20 >&2
  die "apt cannot resolve the install list on an empty system (a package name is wrong, or apt-get update is due)"
fi
awk '/^Inst / { print $2 }' "$work/simulation" | sort -u >"$work/covered"

# 2. The files the build and the tests used.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
{
  ninja -C "$build" -t deps | awk '/^    \// { print $1 }'
  grep -ohE '(^|[ =:;"])/usr/[A-Za-z0-9_./+-]+' "$build/build.ninja" | sed -E 's/^[ =:;"]//'
  sed -nE 's|^[A-Za-z0-9_]+_DIR:PATH=(/usr/.*)$|\1|p' "$build/CMakeCache.txt" \
    | while read -r dir; do ls "$dir"/*Config.cmake "$dir"/*-config.cmake 2>/dev/null || true; done
  # The compiler, the generator and what our own CMake code looks for.
  # (FindOpenGL's optional probes, EGL and GLU, are left out: nothing links them.)
  sed -nE 's#^(CMAKE_[A-Z_]+|PKG_CONFIG_EXECUTABLE|PostgreSQL_[A-Z_]+|XVFB_RUN):FILEPATH=(/usr/.*)$#\2#p' \
    "$build/CMakeCache.txt"
  # Libraries of every program and library the build made, and of the Qt
  # plugins they load at run time (the QPSQL driver, platform plugins).
  qt_plugins=$(ls -d /usr/lib/*/qt6/plugins 2>/dev/null | head -1 || true)
  find "$build" -type f \( -perm -u+x -o -name '*.so*' \) -print0 \
    | perl -0 -ne 'chomp; open my $f, "<", $_ or next; read $f, my $magic, 4; print "$_\n" if $magic eq "\x7fELF"' \
    >"$work/elves"
  [ -n "$qt_plugins" ] && find "$qt_plugins/sqldrivers" "$qt_plugins/platforms" -name '*.so' >>"$work/elves"
  while read -r elf; do
    ldd "$elf" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'
    echo "$elf"
  done <"$work/elves" | grep '^/usr/\|^/lib'
  for program in "${RUNTIME_PROGRAMS[@]}"; do
    if [ -n "$pg_bin" ] && [ -x "$pg_bin/$program" ]; then echo "$pg_bin/$program"; continue; fi
    command -v "$program" || echo "check-deps: the tests run $program, which is not installed here" >&2
  done
} | sort -u | while read -r f; do
  [ -e "$f" ] && { echo "$f"; readlink -f "$f"; }
done | sort -u >"$work/files"

# 3. Their packages ("pkg[:arch][, pkg2]: /path" per line).
xargs -a "$work/files" -d '\n' -n 200 dpkg-query -S 2>/dev/null | grep -v '^diversion' >"$work/owners-by-file" || true
sed 's/: \/.*//' "$work/owners-by-file" | tr ',' '\n' | sed 's/^ *//; s/:.*//' | sort -u >"$work/used"

missing=$(comm -23 "$work/used" "$work/covered")
if [ -n "$missing" ]; then
  echo "check-deps: the build or the tests use files of packages that scripts/install-deps.sh does not install on a fresh machine:"
  for package in $missing; do
    example=$(grep -E "(^|, )$package(:[a-z0-9]+)?(, |: )" "$work/owners-by-file" | head -1 | sed 's/^[^/]*: //')
    echo "  $package   (e.g. $example)"
  done
  echo "check-deps: add them to PACKAGES in scripts/install-deps.sh"
  exit 1
fi
echo "check-deps: every package used ($(wc -l <"$work/used")) comes with scripts/install-deps.sh ($(wc -l <"$work/named") named, $(wc -l <"$work/covered") on a fresh machine)"
