#!/usr/bin/env bash
# End-to-end check of bench/work_and_world.sh (a ctest test, tests/CMakeLists.txt), in worlds
# small enough to take a few seconds:
#  1. one table row per cell, the first one's ratio 1.00, and twice the volume per member gives
#     twice the messages (within 5%) in the same world: the scenario copy really scales volume;
#  2. with three rounds the row reports the median of the cell's three runs (time per message of
#     the run, loading excluded);
#  3. a cell that is not WORLD:VOLUME, or a round count that is not a positive integer, is refused
#     with exit status 2.
#
# Usage: scripts/check_work_and_world.sh BUILD_DIR   (BUILD_DIR holds the built `repsim`)
# Exits 0 when every check holds; otherwise prints what failed and exits 1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# == 1)) || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
BUILD="$1"
GRID="$ROOT/bench/work_and_world.sh"
fail() { echo "check_work_and_world: $*" >&2; exit 1; }
err="$(mktemp)"
trap 'rm -f "$err"' EXIT

table="$(REPSIM_GRID_ROUNDS=3 "$GRID" "$BUILD" 0.01:1 0.01:2 2>"$err")"
# column: INDEX ROW -> the field (| world | volume | messages | events | run s | ns | ratio |)
column() { awk -F'|' -v c="$1" '{ gsub(/ /, "", $c); print $c }' <<<"$2"; }

# 1.
[[ "$(grep -c '^| 0\.01 | [12] ' <<<"$table")" == 2 ]] || fail "expected one row for each cell:
$table"
one="$(grep '^| 0\.01 | 1 ' <<<"$table")"
two="$(grep '^| 0\.01 | 2 ' <<<"$table")"
[[ "$(column 8 "$one")" == 1.00 ]] || fail "the first cell's ratio is not 1.00: $one"
awk -v a="$(column 4 "$one")" -v b="$(column 4 "$two")" 'BEGIN { exit !(b > 1.9 * a && b < 2.1 * a) }' ||
  fail "volume 2 gave $(column 4 "$two") messages against $(column 4 "$one") at volume 1"

# 2.
# Each run prints one detail line (run_seconds) and one summary line (messages), in either order:
# the k-th of each belong together, and runs alternate between the two cells.
runs="$(awk '{ for (i = 1; i <= NF; ++i) {
    if ($i ~ /^run_seconds=/) { sub(/.*=/, "", $i); s[ns++] = $i }
    if ($i ~ /^messages=/) { sub(/.*=/, "", $i); m[nm++] = $i } } }
  END { for (k = 0; k < ns; k += 2) printf "%.1f\n", s[k] * 1e9 / m[k] }' "$err" | sort -g)"
[[ "$(wc -l <<<"$runs")" == 3 ]] || fail "expected three runs of the first cell, got:
$runs"
[[ "$(column 7 "$one")" == "$(sed -n 2p <<<"$runs")" ]] ||
  fail "the row's $(column 7 "$one") ns is not the median of $(tr '\n' ' ' <<<"$runs")"

# 3.
for bad in "0.01" "0.01:x" "a:1"; do
  rc=0
  "$GRID" "$BUILD" "$bad" >/dev/null 2>&1 || rc=$?
  [[ "$rc" == 2 ]] || fail "cell '$bad' exited $rc, not 2"
done
rc=0
REPSIM_GRID_ROUNDS=0 "$GRID" "$BUILD" 0.01:1 >/dev/null 2>&1 || rc=$?
[[ "$rc" == 2 ]] || fail "REPSIM_GRID_ROUNDS=0 exited $rc, not 2"

echo "check_work_and_world: ok"
