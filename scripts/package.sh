#!/usr/bin/env bash
# Builds the Debian packages queuedesk and queuedesk-worker with CPack
# (cmake/Packaging.cmake) into ${BUILD_DIR:-build}/packages, from the usual
# build folder: what scripts/build.sh or scripts/test.sh built is reused,
# not compiled again.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-build}"
bash scripts/install-deps.sh
bash scripts/build.sh
# Packages install under /usr; the unit's ExecStart and /etc/queuedesk are
# written at configure time from the prefix, so set it before packing.
# Only those generated files change: nothing is compiled again.
cmake -S . -B "$BUILD_DIR" -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build "$BUILD_DIR" --parallel "$(nproc)"
rm -f "$BUILD_DIR"/packages/*.deb
(cd "$BUILD_DIR" && nice cpack -G DEB)
ls -l "$BUILD_DIR"/packages/*.deb
