#!/usr/bin/env bash
# End-to-end check of bench/scale_curve.sh (a ctest test, tests/CMakeLists.txt), at scales small
# enough to take a few seconds:
#  1. three rounds give one table row per scale, and the first scale's ratios are 1.00;
#  2. the row reports the median of the scale's three timed runs (the untimed warm-up run prints
#     nothing), which is what makes repeated rounds worth running;
#  3. a round count that is not a positive integer is refused with exit status 2.
#
# Usage: scripts/check_scale_curve.sh BUILD_DIR   (BUILD_DIR holds the built `repsim`)
# Exits 0 when every check holds; otherwise prints what failed and exits 1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# == 1)) || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
BUILD="$1"
CURVE="$ROOT/bench/scale_curve.sh"
fail() { echo "check_scale_curve: $*" >&2; exit 1; }
err="$(mktemp)"
trap 'rm -f "$err"' EXIT

table="$(REPSIM_CURVE_ROUNDS=3 "$CURVE" "$BUILD" 0.01 0.02 2>"$err")"
# column: INDEX ROW -> the field (| scale | messages | events | seconds | us | ratio | rss | kib | ratio |)
column() { awk -F'|' -v c="$1" '{ gsub(/ /, "", $c); print $c }' <<<"$2"; }

# 1.
[[ "$(grep -c '^| 0\.0[12] ' <<<"$table")" == 2 ]] || fail "expected one row for each of 0.01 and 0.02:
$table"
first="$(grep '^| 0\.01 ' <<<"$table")"
[[ "$(column 7 "$first")" == 1.00 && "$(column 10 "$first")" == 1.00 ]] ||
  fail "the first scale's ratios are not 1.00: $first"

# 2.
runs="$(sed -n 's/^repsim-scale scale=0\.01 .* seconds=\([^ ]*\) .*/\1/p' "$err" | sort -g)"
[[ "$(wc -l <<<"$runs")" == 3 ]] || fail "expected three timed runs of scale 0.01, got:
$runs"
[[ "$(column 5 "$first")" == "$(sed -n 2p <<<"$runs")" ]] ||
  fail "the row's $(column 5 "$first") s is not the median of $(tr '\n' ' ' <<<"$runs")"

# 3.
rc=0
REPSIM_CURVE_ROUNDS=0 "$CURVE" "$BUILD" 0.01 >/dev/null 2>&1 || rc=$?
[[ "$rc" == 2 ]] || fail "REPSIM_CURVE_ROUNDS=0 exited $rc, not 2"

echo "check_scale_curve: ok"
