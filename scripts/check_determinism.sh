#!/usr/bin/env bash
# End-to-end check of `repsim run` (a ctest test, tests/CMakeLists.txt):
#  1. a run is a pure function of (scenario, seed): two runs of the shipped six_day_outage scenario
#     write byte-identical summary.json, timeseries.csv, events.csv and report.html;
#  2. the seed matters: --seed 7 writes a different summary.json (else 1. proves nothing about
#     randomness being seeded rather than absent);
#  3. a failing run writes nothing: a malformed scenario exits 2 and leaves no output directory;
#  4. a provider-sized run is as deterministic as a small one: scenarios/scale_week.json at
#     --scale 0.125 (12,500 tenants, about 9 million messages, millions queued at once) twice gives
#     the same bytes. REPSIM_DETERMINISM_SCALE sets another scale (CI's sanitizer stage uses a
#     smaller one).
#
# Usage: scripts/check_determinism.sh BUILD_DIR   (BUILD_DIR holds the built `repsim`)
# Exits 0 when every check holds; otherwise prints what failed and exits 1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# == 1)) || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
REPSIM="$(cd "$1" && pwd)/repsim"
[[ -x "$REPSIM" ]] || { echo "check_determinism: $REPSIM not built" >&2; exit 2; }
SCENARIO="$ROOT/scenarios/six_day_outage.json"
OUTPUTS=(summary.json timeseries.csv events.csv report.html)

WORK="$(mktemp -d "${TMPDIR:-/tmp}/repsim-determinism.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "check_determinism: FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "check_determinism: ok: $*" >&2; }

# run_ok NAME ARGS...: repsim run SCENARIO --out WORK/NAME --quiet ARGS..., which must succeed.
run_ok() {
  local name="$1" rc=0
  shift
  "$REPSIM" run "$SCENARIO" --out "$WORK/$name" --quiet "$@" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" || rc=$?
  if ((rc != 0)); then
    fail "repsim run $* exited $rc: $(head -c 2000 "$WORK/$name.stderr")"
    return 1
  fi
}

# same_bytes A B WHAT: every output of runs A and B is there and identical.
same_bytes() {
  local f
  for f in "${OUTPUTS[@]}"; do
    if [[ ! -s "$WORK/$1/$f" ]]; then
      fail "$3: $f is missing or empty"
    elif cmp "$WORK/$1/$f" "$WORK/$2/$f" >&2; then
      pass "$3: $f identical in two runs ($(wc -c <"$WORK/$1/$f") bytes)"
    else
      fail "$3: $f differs between two runs of the same scenario and seed"
    fi
  done
}

# 1. Same scenario, same seed: the same bytes.
if run_ok a && run_ok b; then
  same_bytes a b six_day_outage
fi

# 2. Another seed: another summary.
if run_ok seed7 --seed 7; then
  if [[ -s "$WORK/seed7/summary.json" ]] && ! cmp -s "$WORK/a/summary.json" "$WORK/seed7/summary.json"; then
    pass "summary.json differs with --seed 7"
  else
    fail "summary.json with --seed 7 is missing or identical to the default seed's"
  fi
fi

# 3. A failing run exits 2 and creates no output directory: neither --out nor the default
#    out/<name> (relative to the working directory, here an empty one).
# expect_refused NAME FILE: FILE is a scenario repsim must refuse.
expect_refused() {
  local name="$1" file="$2" rc_out=0 rc_default=0
  mkdir "$WORK/cwd-$name"
  (cd "$WORK/cwd-$name" && "$REPSIM" run "$file" --out "$WORK/out-$name" --quiet) >/dev/null 2>"$WORK/$name.stderr" ||
    rc_out=$?
  (cd "$WORK/cwd-$name" && "$REPSIM" run "$file" --quiet) >/dev/null 2>>"$WORK/$name.stderr" || rc_default=$?
  if ((rc_out != 2 || rc_default != 2)); then
    fail "$name scenario: exit $rc_out with --out, $rc_default without; expected 2 ($(head -c 2000 "$WORK/$name.stderr"))"
  elif [[ -e "$WORK/out-$name" ]] || [[ -n "$(ls -A "$WORK/cwd-$name")" ]]; then
    fail "$name scenario: a refused run left output behind: $(find "$WORK/out-$name" "$WORK/cwd-$name" -mindepth 1 2>/dev/null | tr "\n" " ")"
  else
    pass "$name scenario refused with exit 2, nothing written: $(head -n1 "$WORK/$name.stderr")"
  fi
}
# Not JSON: the document ends inside an object.
printf '{"name": "broken", "start": "2012-05-09T16:30:00-04:00", "duration": ' >"$WORK/truncated.json"
expect_refused truncated "$WORK/truncated.json"
# Valid JSON, invalid scenario: a misspelt key.
printf '{"name": "typo", "start": "2012-05-09T16:30:00-04:00", "duration": "1d", "sample_evry": "1h"}\n' \
  >"$WORK/unknown_key.json"
expect_refused unknown_key "$WORK/unknown_key.json"

# 4. The provider-sized week, scaled down: the same bytes twice.
SCALE="${REPSIM_DETERMINISM_SCALE:-0.125}"
SCENARIO="$ROOT/scenarios/scale_week.json"
if run_ok scale_a --scale "$SCALE" && run_ok scale_b --scale "$SCALE"; then
  same_bytes scale_a scale_b "scale_week --scale $SCALE"
fi

if ((failures)); then
  echo "check_determinism: $failures check(s) failed" >&2
  exit 1
fi
echo "check_determinism: all checks passed" >&2
