#!/usr/bin/env bash
# The outputs of every shipped scenario, byte for byte (a ctest test, tests/CMakeLists.txt).
# A refactor must not change what a run writes: this runs each scenario of scenarios/ (scale_week at
# --scale 0.02, small enough for every build) and compares the SHA-256 of its four output files and
# of its printed story with tests/data/output_checksums.txt. A change of output that is meant goes
# into that file in the same commit, with the reason in the commit message:
#   scripts/check_output_checksums.sh BUILD_DIR --update
#
# Usage: scripts/check_output_checksums.sh BUILD_DIR [--update]
# Exits 0 when every checksum matches (or after --update); otherwise names each file that differs
# and exits 1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# == 1 || $# == 2)) || { echo "usage: $0 BUILD_DIR [--update]" >&2; exit 2; }
REPSIM="$(cd "$1" && pwd)/repsim"
[[ -x "$REPSIM" ]] || { echo "check_output_checksums: $REPSIM not built" >&2; exit 2; }
UPDATE=0
[[ "${2:-}" == --update ]] && UPDATE=1
EXPECTED="$ROOT/tests/data/output_checksums.txt"
OUTPUTS=(summary.json timeseries.csv events.csv report.html story.txt)

WORK="$(mktemp -d "${TMPDIR:-/tmp}/repsim-checksums.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# Every shipped scenario; the provider-sized week at a fiftieth of its size.
declare -A EXTRA=([scale_week]="--scale 0.02")
for path in "$ROOT"/scenarios/*.json; do
  name="$(basename "$path" .json)"
  [[ "$name" == *_sweep ]] && continue
  read -r -a extra <<<"${EXTRA[$name]:-}"
  # The story is the run's stdout up to the lines that name the output directory.
  if ! "$REPSIM" run "$path" --out "$WORK/$name" "${extra[@]}" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr"; then
    echo "check_output_checksums: FAIL: repsim run $name: $(head -c 2000 "$WORK/$name.stderr")" >&2
    exit 1
  fi
  grep -v '^outputs: \|^report: ' "$WORK/$name.stdout" >"$WORK/$name/story.txt"
  for f in "${OUTPUTS[@]}"; do
    (cd "$WORK" && sha256sum "$name/$f")
  done
done >"$WORK/actual.txt"

if ((UPDATE)); then
  cp "$WORK/actual.txt" "$EXPECTED"
  echo "check_output_checksums: wrote $EXPECTED ($(wc -l <"$EXPECTED") files)" >&2
  exit 0
fi
if diff <(sort -k2 "$EXPECTED") <(sort -k2 "$WORK/actual.txt") >"$WORK/diff.txt"; then
  echo "check_output_checksums: ok: $(wc -l <"$EXPECTED") output files identical" >&2
  exit 0
fi
echo "check_output_checksums: FAIL: these outputs changed (expected <, actual >):" >&2
cat "$WORK/diff.txt" >&2
exit 1
