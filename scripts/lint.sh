#!/usr/bin/env bash
# Static checks: clang-tidy (config: .clang-tidy) over the project's sources, using the build's
# compile_commands.json, and clang-format (config: .clang-format) in check mode.
#
# Usage: scripts/lint.sh [--tidy-only | --format-only] [--fix-format]
#   --fix-format  rewrite files in place with clang-format instead of only reporting.
# Environment: BUILD_DIR (default: build) holds compile_commands.json; it is configured if absent.
# Exits non-zero if any check reports a finding.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf 'lint: %s\n' "$*" >&2; }

BUILD_DIR="${BUILD_DIR:-build}"
DO_TIDY=1
DO_FORMAT=1
FIX_FORMAT=0
while (($#)); do
  case "$1" in
    --tidy-only) DO_FORMAT=0; shift ;;
    --format-only) DO_TIDY=0; shift ;;
    --fix-format) FIX_FORMAT=1; shift ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) log "unknown argument: $1 (see --help)"; exit 2 ;;
  esac
done

# Prefer the unversioned tool, else the newest versioned one (clang-tidy-19 ... clang-tidy-14).
find_tool() {
  local name="$1" v
  if command -v "$name" >/dev/null 2>&1; then echo "$name"; return 0; fi
  for v in 19 18 17 16 15 14; do
    if command -v "$name-$v" >/dev/null 2>&1; then echo "$name-$v"; return 0; fi
  done
  log "$name not found (Debian: apt-get install $name)"
  return 1
}

# list_sources "EXT..." DIR...: project sources, sorted, NUL-separated; absent dirs are skipped.
list_sources() {
  local exts=() names=() dirs=() d e
  read -r -a exts <<<"$1"
  shift
  for e in "${exts[@]}"; do names+=(${names[0]+-o} -name "*.$e"); done
  for d in "$@"; do
    if [[ -d "$d" ]]; then dirs+=("$d"); fi
  done
  ((${#dirs[@]})) || return 0
  find "${dirs[@]}" -type f \( "${names[@]}" \) -print0 | sort -z
}

status=0

# tidy_all TOOL FILE...: one clang-tidy per file, in parallel; each file's report comes out in one
# piece, without the "N warnings generated." chatter. Fails if any file has a finding.
tidy_all() {
  local tool="$1"
  shift
  # shellcheck disable=SC2016 # the single-quoted script is expanded by the inner bash
  printf '%s\0' "$@" | xargs -0 -r -n1 -P"$(nproc)" bash -c '
    out="$("$0" -p "$1" --quiet --warnings-as-errors="*" --extra-arg=-Wno-unknown-warning-option "$2" 2>&1)"
    rc=$?
    out="$(printf "%s\n" "$out" | grep -Ev "^[0-9]+ (warning|error)s? (generated|treated as errors)\.?$")"
    if [[ -n "$out" ]]; then printf "%s\n" "$out"; fi
    exit $((rc != 0))' "$tool" "$BUILD_DIR"
}

if [[ "$DO_TIDY" == 1 ]]; then
  TIDY="$(find_tool clang-tidy)"
  if [[ ! -f "$BUILD_DIR/compile_commands.json" ]]; then
    log "no $BUILD_DIR/compile_commands.json; configuring"
    BUILD_DIR="$BUILD_DIR" scripts/bootstrap.sh --configure-only
  fi
  mapfile -d '' TIDY_FILES < <(list_sources cpp sim models io cli bench)
  log "$TIDY on ${#TIDY_FILES[@]} files"
  if ((${#TIDY_FILES[@]} == 0)); then
    log "clang-tidy: no sources"
  elif tidy_all "$TIDY" "${TIDY_FILES[@]}"; then
    log "clang-tidy: clean"
  else
    log "clang-tidy: findings above"
    status=1
  fi
fi

if [[ "$DO_FORMAT" == 1 ]]; then
  FORMAT="$(find_tool clang-format)"
  mapfile -d '' FORMAT_FILES < <(list_sources 'cpp hpp' \
    sim models io cli bench viz experiments tests)
  log "$FORMAT on ${#FORMAT_FILES[@]} files"
  if ((${#FORMAT_FILES[@]} == 0)); then
    :
  elif [[ "$FIX_FORMAT" == 1 ]]; then
    "$FORMAT" -i "${FORMAT_FILES[@]}"
    log "clang-format: files rewritten"
  elif ! "$FORMAT" --dry-run --Werror "${FORMAT_FILES[@]}"; then
    log "clang-format: findings above (scripts/lint.sh --format-only --fix-format rewrites them)"
    status=1
  else
    log "clang-format: clean"
  fi
fi

exit "$status"
