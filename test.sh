#!/usr/bin/env bash
# Build everything (installing what is missing: the packages ./run.sh leaves out too), then run the
# test suite with ctest.
# BUILD_DIR and CMAKE_ARGS are honoured as in scripts/bootstrap.sh, e.g.
#   BUILD_DIR=build-asan CMAKE_ARGS="-DREPSIM_SANITIZE=ON" ./test.sh
# Extra arguments go to ctest (e.g. ./test.sh -R calendar).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
# The suite must be configured in, whatever an earlier configure of this build directory chose.
CMAKE_ARGS="-DREPSIM_TESTS=ON ${CMAKE_ARGS:-}" scripts/bootstrap.sh
BUILD_DIR="${BUILD_DIR:-build}"
echo "test: ctest in $BUILD_DIR" >&2
exec ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)" "$@"
