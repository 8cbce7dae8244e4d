#!/usr/bin/env bash
# Fuzz the scenario loader (fuzz/fuzz_scenario_loader.cpp) with libFuzzer for SECONDS (default 60).
# Installs clang and its libFuzzer runtime if missing, configures a clang build with REPSIM_FUZZ=ON
# (only when needed), builds the harness, then runs it from the shipped scenarios as seeds.
#
# Usage: scripts/fuzz.sh [SECONDS]
# Environment: FUZZ_BUILD_DIR (default: build-fuzz; its own variable, so that a BUILD_DIR meant for
# the g++ build is never reconfigured with clang), REPSIM_NO_DEPS=1 (skip the package check).
# Exits 0 when the time runs out without a finding. On a finding (crash, sanitizer report, an
# exception other than io::LoadError, timeout, out of memory) exits non-zero and prints the
# reproducer's path; replay it with: FUZZ_BUILD_DIR/fuzz/repsim_fuzz_loader REPRODUCER
# Progress goes to stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf 'fuzz: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

DURATION="${1:-60}"
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || die "SECONDS must be a positive integer, not '$DURATION' (see --help)"
(($# <= 1)) || die "too many arguments (see --help)"
BUILD_DIR="${FUZZ_BUILD_DIR:-build-fuzz}"

# ---------------------------------------------------------------------------------------------------
# 1. Packages: libFuzzer comes with clang; Debian 12's clang is clang-14, whose runtimes (libFuzzer,
#    ASan, UBSan) are in libclang-rt-14-dev. Same policy as scripts/bootstrap.sh: one apt call, and
#    only for what dpkg says is missing.
PACKAGES=(clang libclang-rt-14-dev)
if [[ "${REPSIM_NO_DEPS:-0}" != 1 ]] && command -v dpkg >/dev/null 2>&1; then
  missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "packages: installing ${missing[*]}"
    sudo=()
    if [[ "$(id -u)" != 0 ]]; then
      command -v sudo >/dev/null 2>&1 || die "not root and no sudo; please install: ${missing[*]}"
      sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends "${missing[@]}" >&2
  fi
fi
command -v clang++ >/dev/null 2>&1 || die "clang++ not found (Debian: apt-get install clang libclang-rt-14-dev)"

# ---------------------------------------------------------------------------------------------------
# 2. Configure and build. The compiler is fixed when a build directory is first configured, so a
#    directory configured with another compiler loses its cache first.
CACHE="$BUILD_DIR/CMakeCache.txt"
if [[ -f "$CACHE" ]] && ! sed -n 's/^CMAKE_CXX_COMPILER:[^=]*=//p' "$CACHE" | grep -q 'clang'; then
  log "configure: $BUILD_DIR was configured with another compiler; configuring it afresh with clang++"
  rm -rf "$CACHE" "$BUILD_DIR/CMakeFiles"
fi
# RelWithDebInfo: optimised like the real thing, with line numbers in the reports. The tests and
# the visualizer are not needed here.
CXX=clang++ scripts/bootstrap.sh --build-dir "$BUILD_DIR" --target repsim_fuzz_loader \
  --cmake-args "-DREPSIM_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREPSIM_TESTS=OFF -DREPSIM_VIZ=OFF"
FUZZER="$BUILD_DIR/fuzz/repsim_fuzz_loader"

# ---------------------------------------------------------------------------------------------------
# 3. Run. The corpus starts from the shipped scenarios, copied so that what libFuzzer adds to it
#    never lands in the repository; findings are kept in the build directory.
CORPUS="$(mktemp -d "${TMPDIR:-/tmp}/repsim-fuzz-corpus.XXXXXX")"
LOG="$(mktemp "${TMPDIR:-/tmp}/repsim-fuzz-log.XXXXXX")"
trap 'rm -rf "$CORPUS" "$LOG"' EXIT
cp scenarios/*.json "$CORPUS/"
FINDINGS="$BUILD_DIR/fuzz-findings"
mkdir -p "$FINDINGS"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

log "run: $FUZZER for ${DURATION}s, seeds: $(find "$CORPUS" -type f | wc -l) file(s) from scenarios/"
# -timeout: no scenario, however large, should take half a minute to load (libFuzzer's default: 20 min).
set +e
"$FUZZER" "$CORPUS" -max_total_time="$DURATION" -dict=fuzz/scenario.dict -max_len=65536 -rss_limit_mb=2048 \
  -timeout=30 -artifact_prefix="$FINDINGS/" -print_final_stats=1 2>&1 | tee "$LOG" >&2
rc=${PIPESTATUS[0]}
set -e

log "corpus: $(find "$CORPUS" -type f | wc -l) inputs, $(du -sk "$CORPUS" | cut -f1) KiB"
if ((rc != 0)); then
  reproducer="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$LOG" | tail -n1)"
  log "FINDING (libFuzzer exit $rc): reproducer ${reproducer:-not written (see the log above)}"
  [[ -n "$reproducer" ]] && log "replay: $FUZZER $reproducer"
  exit 1
fi
log "no finding in ${DURATION}s ($(sed -n 's/^stat::average_exec_per_sec: *//p' "$LOG") exec/s)"
