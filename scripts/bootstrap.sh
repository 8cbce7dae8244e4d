#!/usr/bin/env bash
# Install the Debian 12 packages the build needs (only those missing), configure (only when needed)
# and build. Safe to call repeatedly: a second call makes no apt call and rebuilds nothing up to date.
#
# Usage: scripts/bootstrap.sh [--build-dir DIR] [--cmake-args "ARGS"] [--target T]... [--no-deps]
#                             [--configure-only] [--run-only] [--dry-run]
# --run-only: only the packages `repsim run` needs (./run.sh); without Catch2 the suite is configured
# out (-DREPSIM_TESTS=OFF), and the visualizer builds only where its libraries are (REPSIM_VIZ=AUTO).
# --dry-run: say which packages would be installed and how cmake would be called; change nothing.
# Environment (flags win): BUILD_DIR (default: build), CMAKE_ARGS (extra configure arguments, appended
# after the defaults so e.g. -DCMAKE_BUILD_TYPE=RelWithDebInfo overrides Release), BUILD_TARGETS
# (space-separated; default: all), REPSIM_NO_DEPS=1 (skip the package check).
# Progress goes to stderr, and so does the build's own output, so stdout stays free for callers.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf 'bootstrap: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

BUILD_DIR="${BUILD_DIR:-build}"
CMAKE_ARGS="${CMAKE_ARGS:-}"
read -r -a TARGETS <<<"${BUILD_TARGETS:-}"
NO_DEPS="${REPSIM_NO_DEPS:-0}"
CONFIGURE_ONLY=0
RUN_ONLY=0
DRY_RUN=0

while (($#)); do
  case "$1" in
    --build-dir) BUILD_DIR="${2:?--build-dir needs a value}"; shift 2 ;;
    --build-dir=*) BUILD_DIR="${1#*=}"; shift ;;
    --cmake-args) CMAKE_ARGS="${2?--cmake-args needs a value}"; shift 2 ;;
    --cmake-args=*) CMAKE_ARGS="${1#*=}"; shift ;;
    --target) TARGETS+=("${2:?--target needs a value}"); shift 2 ;;
    --target=*) TARGETS+=("${1#*=}"); shift ;;
    --no-deps) NO_DEPS=1; shift ;;
    --configure-only) CONFIGURE_ONLY=1; shift ;;
    --run-only) RUN_ONLY=1; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

# ---------------------------------------------------------------------------------------------------
# 1. Packages
# What the repsim executable includes and links (CMakeLists.txt's find_package calls, and Boost.Math's
# Student t in experiments/statistics.cpp): all ./run.sh installs.
RUN_PACKAGES=(
  build-essential cmake ninja-build
  libeigen3-dev libboost-graph-dev libboost-math-dev
  nlohmann-json3-dev libcli11-dev
)
# The rest: the test suite (Catch2, the schema and plotting scripts), the visualizer and its headless
# screenshot check (imgui, found through pkg-config, GLFW, GL, Xvfb), MPI sweeps.
REST_PACKAGES=(
  pkg-config libboost-random-dev catch2
  libimgui-dev libglfw3-dev libstb-dev libgl-dev xvfb xauth fonts-dejavu-core
  python3 python3-jsonschema python3-matplotlib python3-pandas
  openmpi-bin libopenmpi-dev
)
PACKAGES=("${RUN_PACKAGES[@]}")
if [[ "$RUN_ONLY" == 0 ]]; then PACKAGES+=("${REST_PACKAGES[@]}"); fi

install_missing_packages() {
  if ! command -v dpkg >/dev/null 2>&1; then
    log "dpkg not found (not Debian?); skipping the package check"
    return 0
  fi
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    log "packages: all ${#PACKAGES[@]} present"
    return 0
  fi
  if [[ "$DRY_RUN" == 1 ]]; then
    log "packages: would install ${missing[*]}"
    return 0
  fi
  log "packages: installing ${missing[*]}"
  local sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo; please install: ${missing[*]}"
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}" >&2
}

if [[ "$NO_DEPS" == 1 ]]; then
  log "packages: check skipped"
else
  install_missing_packages
fi

# ---------------------------------------------------------------------------------------------------
# 2. Configure, only when the build directory is not configured or a requested -D value differs
#    from the cached one.
read -r -a EXTRA_ARGS <<<"$CMAKE_ARGS"
CONFIG_ARGS=(-DCMAKE_BUILD_TYPE=Release)
# ./run.sh does not install Catch2, and tests/CMakeLists.txt requires it whenever REPSIM_TESTS is ON
# (the default): configure the suite out while Catch2 is missing. Once ./test.sh has installed it
# (and turned the suite on), ./run.sh leaves the build directory's choice alone, so the two never
# undo each other's configuration. Before the caller's arguments, which win.
if [[ "$RUN_ONLY" == 1 ]] && command -v dpkg >/dev/null 2>&1 && ! dpkg -s catch2 >/dev/null 2>&1; then
  log "configure: catch2 is not installed: the test suite is left out (./test.sh installs it)"
  CONFIG_ARGS+=(-DREPSIM_TESTS=OFF)
fi
CONFIG_ARGS+=("${EXTRA_ARGS[@]}")
CACHE="$BUILD_DIR/CMakeCache.txt"

# Value of VAR in the cache (empty if absent).
cached_value() { sed -n "s/^$1:[^=]*=//p" "$CACHE" | head -n1; }

needs_configure() {
  [[ -f "$CACHE" ]] || { log "configure: $BUILD_DIR not configured yet"; return 0; }
  [[ -f "$BUILD_DIR/build.ninja" || -f "$BUILD_DIR/Makefile" ]] ||
    { log "configure: $BUILD_DIR has no build files"; return 0; }
  # The last -D for a variable wins, as it does for cmake.
  local -A want=()
  local i arg kv key
  for ((i = 0; i < ${#CONFIG_ARGS[@]}; i++)); do
    arg="${CONFIG_ARGS[i]}"
    if [[ "$arg" == -D ]]; then i=$((i + 1)); arg="-D${CONFIG_ARGS[i]:-}"; fi
    [[ "$arg" == -D?*=* ]] || continue
    kv="${arg#-D}"
    key="${kv%%=*}"
    want["${key%%:*}"]="${kv#*=}"
  done
  for key in "${!want[@]}"; do
    if [[ "$(cached_value "$key")" != "${want[$key]}" ]]; then
      log "configure: $key changed to '${want[$key]}'"
      return 0
    fi
  done
  return 1
}

if needs_configure; then
  GEN_ARGS=()
  if [[ -f "$CACHE" ]]; then
    : # keep the generator the directory was made with; cmake refuses to switch it in place
  elif command -v ninja >/dev/null 2>&1; then
    GEN_ARGS=(-G Ninja)
  else
    GEN_ARGS=(-G "Unix Makefiles")
  fi
  log "configure: cmake -S . -B $BUILD_DIR ${GEN_ARGS[*]} ${CONFIG_ARGS[*]}"
  [[ "$DRY_RUN" == 1 ]] || cmake -S . -B "$BUILD_DIR" "${GEN_ARGS[@]}" "${CONFIG_ARGS[@]}" >&2
else
  log "configure: $BUILD_DIR up to date ($(cached_value CMAKE_GENERATOR), $(cached_value CMAKE_BUILD_TYPE))"
fi

# ---------------------------------------------------------------------------------------------------
# 3. Build (incremental).
if [[ "$CONFIGURE_ONLY" == 1 ]]; then
  exit 0
fi
TARGET_ARGS=()
if ((${#TARGETS[@]})); then TARGET_ARGS=(--target "${TARGETS[@]}"); fi
if [[ "$DRY_RUN" == 1 ]]; then
  log "build: would build $BUILD_DIR ${TARGETS[*]:-all}"
  exit 0
fi
log "build: $BUILD_DIR ${TARGETS[*]:-all}"
cmake --build "$BUILD_DIR" -j"$(nproc)" "${TARGET_ARGS[@]}" >&2
log "build: done"
