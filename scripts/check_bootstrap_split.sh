#!/usr/bin/env bash
# Check of the package split between ./run.sh and ./test.sh (a ctest test, tests/CMakeLists.txt),
# through scripts/bootstrap.sh --dry-run with a stand-in dpkg that reports chosen packages missing:
#  1. --run-only (./run.sh) asks for none of the test suite's packages, and configures the suite
#     out while Catch2 is missing (tests/CMakeLists.txt requires it when REPSIM_TESTS is ON);
#  2. without --run-only (./test.sh) the missing test packages are installed;
#  3. ./run.sh then ./test.sh on one build directory: the suite is turned on; ./run.sh afterwards,
#     with Catch2 installed, leaves the directory as it is (no reconfigure, no ping-pong).
#
# Usage: scripts/check_bootstrap_split.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NAME=check_bootstrap_split
# shellcheck source=scripts/sweep_check_common.sh
source "$ROOT/scripts/sweep_check_common.sh"
command -v ninja >/dev/null 2>&1 || { echo "$NAME: SKIP: no ninja (the dry run's generator)"; exit 77; }

# The caller's build settings (./test.sh passes CMAKE_ARGS down to ctest) are not the cases below.
unset CMAKE_ARGS BUILD_DIR

# A dpkg for which the packages listed in WORK/missing are not installed.
mkdir -p "$WORK/bin"
cat >"$WORK/bin/dpkg" <<FAKE
#!/bin/sh
grep -qx "\$2" "$WORK/missing" && exit 1
exit 0
FAKE
chmod +x "$WORK/bin/dpkg"
bootstrap() { PATH="$WORK/bin:$PATH" "$ROOT/scripts/bootstrap.sh" --dry-run --build-dir "$WORK/build" "$@" 2>&1; }
has() { grep -qF -- "$2" <<<"$1" && pass "$3" || fail "$3: no [$2] in: $1"; }
lacks() { ! grep -qF -- "$2" <<<"$1" && pass "$3" || fail "$3: [$2] in: $1"; }

# 1. A machine with what repsim needs and nothing of the test suite.
printf '%s\n' catch2 libimgui-dev openmpi-bin python3-jsonschema >"$WORK/missing"
out="$(bootstrap --run-only --target repsim)"
has "$out" "packages: all 8 present" "run.sh asks for no test package"
has "$out" "-DREPSIM_TESTS=OFF" "run.sh configures the suite out without Catch2"
# ... and asks for what repsim itself needs when it is missing.
printf '%s\n' catch2 libcli11-dev >"$WORK/missing"
out="$(bootstrap --run-only --target repsim)"
has "$out" "packages: would install libcli11-dev" "run.sh installs what repsim needs"

# 2. test.sh installs the rest.
printf '%s\n' catch2 libimgui-dev openmpi-bin >"$WORK/missing"
out="$(CMAKE_ARGS=-DREPSIM_TESTS=ON bootstrap)"
has "$out" "packages: would install catch2 libimgui-dev openmpi-bin" "test.sh installs the test packages"

# 3. run.sh then test.sh on one directory (a cache as run.sh's configure leaves it).
mkdir -p "$WORK/build"
printf 'CMAKE_BUILD_TYPE:STRING=Release\nREPSIM_TESTS:BOOL=OFF\nCMAKE_GENERATOR:INTERNAL=Ninja\n' \
  >"$WORK/build/CMakeCache.txt"
touch "$WORK/build/build.ninja"
: >"$WORK/missing"  # test.sh has installed everything
out="$(CMAKE_ARGS=-DREPSIM_TESTS=ON bootstrap)"
has "$out" "REPSIM_TESTS changed to 'ON'" "test.sh after run.sh turns the suite on"
sed -i 's/^REPSIM_TESTS:BOOL=OFF/REPSIM_TESTS:BOOL=ON/' "$WORK/build/CMakeCache.txt"
out="$(bootstrap --run-only --target repsim)"
has "$out" "configure: $WORK/build up to date" "run.sh after test.sh keeps the suite"
lacks "$out" "REPSIM_TESTS=OFF" "run.sh after test.sh does not configure the suite out"

if ((failures)); then
  echo "$NAME: FAIL: $failures check(s)" >&2
  exit 1
fi
echo "$NAME: all checks passed" >&2
