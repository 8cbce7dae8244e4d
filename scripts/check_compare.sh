#!/usr/bin/env bash
# End-to-end check of `repsim compare` (a ctest test, tests/CMakeLists.txt), on the tiny sweep world
# (tests/data/sweep_tiny.json, a few milliseconds a run) with a variant in which its Good-only
# gateway takes Neutral:
#  1. -j 1 and -j 2 write byte-identical compare.md, differences.csv and replications.csv;
#  2. the headline says the variant is better for the contractor (its strict gateway no longer
#     refuses a Neutral pool), and a design compared with itself is "same" everywhere;
#  3. bad input (a missing file, an unknown variant, --replications 1 or 10001, a bad --until) exits
#     2 with one line on stderr and writes nothing.
#
# Usage: scripts/check_compare.sh BUILD_DIR   (BUILD_DIR holds the built `repsim`)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# == 1)) || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
REPSIM="$(cd "$1" && pwd)/repsim"
[[ -x "$REPSIM" ]] || { echo "check_compare: $REPSIM not built" >&2; exit 2; }

NAME=check_compare
# shellcheck source=scripts/sweep_check_common.sh
source "$ROOT/scripts/sweep_check_common.sh"

python3 - "$ROOT/tests/data/sweep_tiny.json" "$WORK/tiny.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["variants"] = [{"name": "lenient", "set": {"/gateways/0/policy": "neutral_ok"}}]
json.dump(doc, open(sys.argv[2], "w"), indent=1)
PY

compare() {
  local name="$1" rc=0
  shift
  "$REPSIM" compare "$@" --replications 5 --seed 3 --out "$WORK/$name" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" ||
    rc=$?
  if ((rc != 0)); then
    fail "repsim compare $* exited $rc: $(head -c 2000 "$WORK/$name.stderr")"
    return 1
  fi
}

compare j1 "$WORK/tiny.json" --variant lenient -j 1
compare j2 "$WORK/tiny.json" "$WORK/tiny.json#lenient" -j 2
same=1
for f in compare.md differences.csv replications.csv; do
  cmp -s "$WORK/j1/$f" "$WORK/j2/$f" || { fail "-j 1 and -j 2 wrote different $f"; same=0; }
done
((same)) && pass "-j 1 and -j 2 write identical outputs"

if grep -q '^- contractor (tenant): B is better: .* h less cut off (95% CI ' "$WORK/j1/compare.md"; then
  pass "the headline says B is better for the contractor"
else
  fail "no 'contractor (tenant): B is better' headline: $(grep contractor "$WORK/j1/compare.md" | head -3)"
fi

compare self "$WORK/tiny.json" "$WORK/tiny.json" -j 2
if grep '^- ' "$WORK/self/compare.md" | head -5 | grep -qv ': same$'; then
  fail "a design compared with itself is not 'same' everywhere"
elif awk -F, 'NR > 1 && ($6 != "0" || $8 != "0" || $9 != "0") { bad = 1 } END { exit !bad }' \
  "$WORK/self/differences.csv"; then
  fail "a design compared with itself has a nonzero difference or interval"
else
  pass "a design compared with itself: every difference and interval exactly 0, every verdict 'same'"
fi

# refused WHAT EXPECTED ARGS...: exit 2, one stderr line containing EXPECTED, no output directory.
refused() {
  local what="$1" expected="$2" rc=0
  shift 2
  rm -rf "$WORK/bad"
  "$REPSIM" compare "$@" --out "$WORK/bad" >/dev/null 2>"$WORK/bad.stderr" || rc=$?
  if ((rc != 2)); then
    fail "$what: exit $rc, expected 2"
  elif [[ -e "$WORK/bad" ]]; then
    fail "$what: wrote $WORK/bad"
  elif (($(wc -l <"$WORK/bad.stderr") != 1)) || ! grep -qF -- "$expected" "$WORK/bad.stderr"; then
    fail "$what: stderr is not one line with '$expected': $(head -c 500 "$WORK/bad.stderr")"
  else
    pass "$what: exit 2, nothing written: $(cat "$WORK/bad.stderr")"
  fi
}
refused "a missing file" "$WORK/nope.json: /: " "$WORK/nope.json" "$WORK/tiny.json"
refused "an unknown variant" "tiny.json: /variants: no variant named 'dedicated' (it declares: lenient)" \
  "$WORK/tiny.json" --variant dedicated
refused "one replication" "--replications: must be 2 .. 10000, got 1" "$WORK/tiny.json" --variant lenient \
  --replications 1
refused "10001 replications" "--replications: must be 2 .. 10000, got 10001" "$WORK/tiny.json" \
  --variant lenient --replications 10001
refused "a bad --until" "--until: " "$WORK/tiny.json" --variant lenient --until soon
refused "one file without --variant" "give two designs" "$WORK/tiny.json"

((failures == 0)) || exit 1
echo "$NAME: all checks passed" >&2
