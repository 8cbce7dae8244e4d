#!/usr/bin/env bash
# Submits a sweep as a job array and its merge, which starts only when every shard succeeded.
# Usage: experiments/slurm/submit.sh SPEC [OUT] [extra sbatch options for the array, e.g. --array=0-15]
# Prints the two job ids. Paths relative to the current directory, as for sbatch.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
spec="${1:?usage: submit.sh SPEC [OUT] [sbatch options]}"
out="${2:-out/sweeps/$(basename "$spec" .json)}"
shift $(($# >= 2 ? 2 : 1))
array=$(sbatch --parsable "$@" "$here/sweep.sbatch" "$spec" "$out")
merge=$(sbatch --parsable --dependency="afterok:${array%%;*}" "$here/merge.sbatch" "$spec" "$out")
echo "sweep array: job $array; merge: job $merge (after the array succeeds) -> $out/merged"
