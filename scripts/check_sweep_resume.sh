#!/usr/bin/env bash
# End-to-end check of `repsim sweep` (a ctest test, tests/CMakeLists.txt):
#  1. a sweep killed with SIGKILL at any moment and restarted with --resume writes results.csv and
#     summary.csv byte-identical to an uninterrupted sweep (several kill delays, so the kill lands
#     before, during and after the runs);
#  2. -j 1 and -j 2 write the same tables;
#  3. shards 0/2 and 1/2 joined by `repsim merge` equal the unsharded sweep;
#  4. a bad spec exits 2 and writes nothing; --resume after the spec changed exits 2.
#
# Usage: scripts/check_sweep_resume.sh BUILD_DIR   (BUILD_DIR holds the built `repsim`)
# Exits 0 when every check holds; otherwise prints what failed and exits 1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# == 1)) || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
REPSIM="$(cd "$1" && pwd)/repsim"
[[ -x "$REPSIM" ]] || { echo "check_sweep_resume: $REPSIM not built" >&2; exit 2; }

NAME=check_sweep_resume
# shellcheck source=scripts/sweep_check_common.sh
source "$ROOT/scripts/sweep_check_common.sh"

# The tiny test world (a few milliseconds a run): 2 policies x 100 replications = 200 runs, about a
# second in all, so the kills below land at different stages.
write_tiny_spec 100

# sweep NAME ARGS...: repsim sweep WORK/spec.json --out WORK/NAME ARGS..., which must succeed.
sweep() {
  local name="$1" rc=0
  shift
  "$REPSIM" sweep "$WORK/spec.json" --out "$WORK/$name" "$@" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" || rc=$?
  if ((rc != 0)); then
    fail "repsim sweep --out $name $* exited $rc: $(head -c 2000 "$WORK/$name.stderr")"
    return 1
  fi
}

# same_tables NAME WHAT: NAME's tables equal the reference's.
same_tables() {
  local name="$1" what="$2" f ok=1
  for f in results.csv summary.csv; do
    if ! cmp -s "$WORK/ref/$f" "$WORK/$name/$f"; then
      fail "$what: $f differs from the uninterrupted sweep's"
      ok=0
    fi
  done
  ((ok)) && pass "$what: results.csv and summary.csv identical to the uninterrupted sweep's"
  return 0
}

sweep ref -j 2 || { echo "check_sweep_resume: no reference sweep" >&2; exit 1; }
rows=$(($(wc -l <"$WORK/ref/results.csv") - 1))
((rows == 200)) || fail "reference results.csv has $rows rows, not 200"
# Guard against a sweep whose runs all print the same numbers (identity would prove nothing).
distinct=$(tail -n +2 "$WORK/ref/results.csv" | cut -d, -f7- | sort -u | wc -l)
((distinct > 10)) || fail "only $distinct distinct metric rows in 200 runs"

# 1. Kill at several moments, resume, compare.
for delay in 0.02 0.1 0.25 0.5; do
  name="killed-$delay"
  "$REPSIM" sweep "$WORK/spec.json" --out "$WORK/$name" -j 2 >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  done_before=0
  [[ -f "$WORK/$name/runs.jsonl" ]] && done_before=$(wc -l <"$WORK/$name/runs.jsonl")
  if sweep "$name" -j 2 --resume; then
    same_tables "$name" "killed after ${delay}s with $done_before journal lines, resumed"
  fi
done

# 2. One thread against two.
sweep j1 -j 1 && same_tables j1 "-j 1"

# 3. Two shards, merged.
if sweep shard0 -j 2 --shard 0/2 && sweep shard1 -j 1 --shard 1/2; then
  if "$REPSIM" merge "$WORK/shard0" "$WORK/shard1" --out "$WORK/merged" >"$WORK/merge.stdout" 2>"$WORK/merge.stderr"; then
    same_tables merged "shards 0/2 + 1/2 merged"
  else
    fail "repsim merge failed: $(head -c 2000 "$WORK/merge.stderr")"
  fi
  rc=0
  "$REPSIM" merge "$WORK/shard0" --out "$WORK/half" >/dev/null 2>"$WORK/half.stderr" || rc=$?
  if ((rc == 2)) && [[ ! -e "$WORK/half" ]]; then
    pass "merging one shard of two is refused: $(head -n1 "$WORK/half.stderr")"
  else
    fail "merging one shard of two exited $rc (expected 2, nothing written)"
  fi
fi

# 4. A bad spec: exit 2, nothing written (neither --out nor the default out/sweeps/<stem>).
sed 's/"replications"/"replicatoins"/' "$WORK/spec.json" >"$WORK/bad.json"
mkdir "$WORK/cwd"
rc=0
(cd "$WORK/cwd" && "$REPSIM" sweep "$WORK/bad.json" --out "$WORK/bad-out") >/dev/null 2>"$WORK/bad.stderr" || rc=$?
rc_default=0
(cd "$WORK/cwd" && "$REPSIM" sweep "$WORK/bad.json") >/dev/null 2>>"$WORK/bad.stderr" || rc_default=$?
if ((rc == 2 && rc_default == 2)) && [[ ! -e "$WORK/bad-out" ]] && [[ -z "$(ls -A "$WORK/cwd")" ]]; then
  pass "bad spec refused with exit 2, nothing written: $(head -n1 "$WORK/bad.stderr")"
else
  fail "bad spec: exit $rc / $rc_default (expected 2), or output left behind: $(head -c 500 "$WORK/bad.stderr")"
fi
# --resume into the reference directory after the spec changed.
sed 's/"seed": 3/"seed": 4/' "$WORK/spec.json" >"$WORK/changed.json"
rc=0
"$REPSIM" sweep "$WORK/changed.json" --out "$WORK/ref" --resume >/dev/null 2>"$WORK/changed.stderr" || rc=$?
if ((rc == 2)) && grep -q "another spec" "$WORK/changed.stderr"; then
  pass "--resume with a changed spec refused: $(head -n1 "$WORK/changed.stderr")"
else
  fail "--resume with a changed spec exited $rc: $(head -c 500 "$WORK/changed.stderr")"
fi

if ((failures)); then
  echo "check_sweep_resume: $failures check(s) failed" >&2
  exit 1
fi
echo "check_sweep_resume: all checks passed" >&2
