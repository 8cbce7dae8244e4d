#!/usr/bin/env bash
# End-to-end check of the Slurm example (experiments/slurm/), a ctest test: the job array of
# sweep.sbatch (2 shards) followed by merge.sbatch (afterok) writes results.csv and summary.csv
# byte-identical to the same sweep run unsharded. It proves the scripts really run under Slurm:
# the array-to-shard mapping, the submit-directory-relative paths, the dependency.
#
# Usage: scripts/check_slurm.sh BUILD_DIR   (BUILD_DIR holds the built `repsim`)
# Exits 77 (skipped) when sbatch is not installed or no cluster answers sinfo within a few seconds;
# it never starts a cluster. Otherwise 0 when the tables match, 1 with what failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# == 1)) || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
REPSIM="$(cd "$1" && pwd)/repsim"
[[ -x "$REPSIM" ]] || { echo "check_slurm: $REPSIM not built" >&2; exit 2; }
skip() { echo "check_slurm: SKIPPED: $*" >&2; exit 77; }
command -v sbatch >/dev/null 2>&1 || skip "sbatch not found (no Slurm client installed)"
timeout 5 sinfo -h -o %T 2>/dev/null | grep -qE 'idle|mixed|alloc' \
  || skip "no Slurm cluster with a usable node answers sinfo within 5 s"

# A directory the compute node sees too: this test assumes the node shares this file system (true of
# a one-node cluster and of clusters with a shared home); TMPDIR may point elsewhere.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/repsim-slurm.XXXXXX")"
jobs=()
cleanup() { ((${#jobs[@]})) && scancel "${jobs[@]}" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
cp "$ROOT/tests/data/sweep_tiny.json" "$WORK/tiny.json"
cat >"$WORK/spec.json" <<'SPEC'
{
  "scenario": "tiny.json",
  "vary": [{"path": "/gateways/0/policy", "values": ["good_only", "neutral_ok"]}],
  "replications": 5,
  "seed": 3,
  "metrics": [
    {"name": "outage_pair_hours", "path": "/tenants/contractor/outage_pair_hours"},
    {"name": "delivered", "path": "/tenants/*/delivered"}
  ]
}
SPEC

"$REPSIM" sweep "$WORK/spec.json" -j 1 --out "$WORK/unsharded" >"$WORK/unsharded.log" 2>&1 \
  || { echo "check_slurm: FAIL: the unsharded sweep: $(cat "$WORK/unsharded.log")" >&2; exit 1; }

# Relative paths, from the submit directory, as a user would type them; one CPU per task so the
# two tasks (of two shards: fewer scheduling rounds, a quicker test) fit a small node at once.
cd "$WORK"
export REPSIM
# Submitted as a user would: the array, and the merge held until it succeeded (afterok). Waited for
# by polling scontrol rather than with sbatch --wait, whose backoff adds up to 10 s a job.
array=$(sbatch --parsable --chdir="$WORK" --array=0-1 --cpus-per-task=1 --time=5 \
  "$ROOT/experiments/slurm/sweep.sbatch" spec.json out)
array="${array%%;*}"
jobs+=("$array")
merge=$(sbatch --parsable --chdir="$WORK" --time=5 --dependency="afterok:$array" \
  "$ROOT/experiments/slurm/merge.sbatch" spec.json out)
merge="${merge%%;*}"
jobs+=("$merge")

# wait_job ID: 0 once every task of the job COMPLETED; 1 when one ended otherwise or after 60 s.
wait_job() {
  local states i
  for ((i = 0; i < 300; i++)); do
    states=$(scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 | sort -u)
    if [[ -n "$states" && "$states" == COMPLETED ]]; then return 0; fi
    if grep -qE 'FAIL|CANCEL|TIMEOUT|PREEMPT|OUT_OF_MEMORY|DEADLINE' <<<"$states"; then break; fi
    sleep 0.2
  done
  echo "check_slurm: FAIL: job $1 did not complete (states: ${states:-unknown}); job logs:" >&2
  tail -n 20 "$WORK"/slurm-*.out >&2 || true
  return 1
}
wait_job "$array" || exit 1
wait_job "$merge" || exit 1
jobs=()
failures=0
for f in results.csv summary.csv; do
  if cmp -s "$WORK/unsharded/$f" "$WORK/out/merged/$f"; then
    echo "check_slurm: ok: 2 array tasks + merge = unsharded ($f)" >&2
  else
    echo "check_slurm: FAIL: $f differs between the Slurm run and the unsharded sweep" >&2
    diff "$WORK/unsharded/$f" "$WORK/out/merged/$f" | head -5 >&2 || true
    failures=$((failures + 1))
  fi
done
((failures == 0)) || exit 1
echo "check_slurm: all checks passed" >&2
