#!/usr/bin/env bash
# End-to-end check of `repsim sweep --mpi` (a ctest test when built with REPSIM_MPI=ON):
#  1. two MPI ranks (rank 0 deals, rank 1 runs) write results.csv and summary.csv byte-identical to
#     `-j 1`: the dealer must neither lose, repeat nor reorder a run, nor change a number in transit;
#  2. --mpi composes with --shard (a shard under MPI equals the same shard with -j 1) and --resume
#     (resuming a finished MPI sweep runs nothing and leaves the tables as they were).
#
# Usage: scripts/check_sweep_mpi.sh BUILD_DIR   (BUILD_DIR holds a `repsim` built with REPSIM_MPI=ON)
# Exits 0 when every check holds, 77 (skipped) without mpirun, otherwise prints what failed and exits 1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# == 1)) || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
REPSIM="$(cd "$1" && pwd)/repsim"
[[ -x "$REPSIM" ]] || { echo "check_sweep_mpi: $REPSIM not built" >&2; exit 2; }
if ! command -v mpirun >/dev/null 2>&1; then
  echo "check_sweep_mpi: SKIPPED: mpirun not found (install openmpi-bin)" >&2
  exit 77
fi

NAME=check_sweep_mpi
# shellcheck source=scripts/sweep_check_common.sh
source "$ROOT/scripts/sweep_check_common.sh"

# The tiny test world: 2 policies x 10 replications = 20 runs of a few milliseconds.
write_tiny_spec 10

# Open MPI refuses root without these two variables, and a 1-core runner without oversubscription.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
run() {  # run NAME CMD...: must succeed; its output goes to WORK/NAME.log
  local name="$1" rc=0
  shift
  "$@" >"$WORK/$name.log" 2>&1 || rc=$?
  ((rc == 0)) || { fail "$name exited $rc: $(tail -c 2000 "$WORK/$name.log")"; return 1; }
}
mpi() { mpirun --allow-run-as-root --oversubscribe -np 2 "$REPSIM" sweep "$WORK/spec.json" --mpi "$@"; }
same_tables() {  # same_tables A B WHAT
  local f ok=1
  for f in results.csv summary.csv; do
    cmp -s "$WORK/$1/$f" "$WORK/$2/$f" || { fail "$3: $f differs"; diff "$WORK/$1/$f" "$WORK/$2/$f" | head -5 >&2; ok=0; }
  done
  ((ok)) && pass "$3"
  return 0
}

run serial "$REPSIM" sweep "$WORK/spec.json" -j 1 --out "$WORK/serial"
if run mpi mpi --out "$WORK/mpi"; then
  same_tables serial mpi "-np 2 --mpi = -j 1 (results.csv, summary.csv)"
  [[ $(wc -l <"$WORK/mpi/runs.jsonl") == 20 ]] || fail "the MPI journal holds $(wc -l <"$WORK/mpi/runs.jsonl") lines, not 20"
  cp "$WORK/mpi/results.csv" "$WORK/before.csv"
  if run resume mpi --out "$WORK/mpi" --resume; then
    grep -q "0 of 20 runs done now (20 were done before)" "$WORK/resume.log" \
      && cmp -s "$WORK/before.csv" "$WORK/mpi/results.csv" && pass "--mpi --resume of a finished sweep runs nothing" \
      || fail "--mpi --resume: $(grep 'runs done' "$WORK/resume.log")"
  fi
fi
run shard_serial "$REPSIM" sweep "$WORK/spec.json" -j 1 --shard 1/3 --out "$WORK/shard_serial" \
  && run shard_mpi mpi --shard 1/3 --out "$WORK/shard_mpi" \
  && same_tables shard_serial shard_mpi "--mpi --shard 1/3 = -j 1 --shard 1/3"

if ((failures)); then
  echo "check_sweep_mpi: $failures check(s) failed" >&2
  exit 1
fi
echo "check_sweep_mpi: all checks passed" >&2
