#!/usr/bin/env bash
# Build what is missing, then run repsim with the given arguments (none: replay the six-day outage).
# Installs only the packages repsim itself needs (./test.sh installs the rest: Catch2, the
# visualizer's libraries, MPI, Python). BUILD_DIR and CMAKE_ARGS are honoured as in scripts/bootstrap.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$ROOT/scripts/bootstrap.sh" --run-only --target repsim
BUILD_DIR="${BUILD_DIR:-build}"
[[ "$BUILD_DIR" = /* ]] || BUILD_DIR="$ROOT/$BUILD_DIR"
exec "$BUILD_DIR/repsim" "$@"
