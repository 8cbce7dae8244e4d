#!/usr/bin/env bash
# The growth curve of the end-to-end scale benchmark: `repsim bench scale --scale X` for each X,
# one process each (peak RSS is per process), then a Markdown table of time and memory per message
# and their ratio to the smallest scale (linear growth keeps the ratios near 1).
#
# Usage: bench/scale_curve.sh BUILD_DIR [SCALE ...]        (default scales: 0.125 0.25 0.5 1)
#   REPSIM_CURVE_ROUNDS=N runs every scale N times, round by round (so a slow spell of the machine
#   reaches every scale alike), and reports each scale's median run (the lower middle one when N
#   is even). Default 1.
#   REPSIM_CURVE_RUN=1 also times `repsim run scenarios/scale_week.json --scale <largest>` with all
#   its output files (written to a temporary directory, then removed).
# Prints the table on stdout; the raw benchmark lines go to stderr as they come.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# >= 1)) || { echo "usage: $0 BUILD_DIR [SCALE ...]" >&2; exit 2; }
REPSIM="$(cd "$1" && pwd)/repsim"
shift
[[ -x "$REPSIM" ]] || { echo "scale_curve: $REPSIM not built" >&2; exit 2; }
SCALES=("$@")
((${#SCALES[@]})) || SCALES=(0.125 0.25 0.5 1)
ROUNDS="${REPSIM_CURVE_ROUNDS:-1}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "scale_curve: REPSIM_CURVE_ROUNDS must be a positive integer" >&2; exit 2; }

# field NAME LINE: the value of NAME=... in a benchmark line.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

# An untimed run of the first scale before the timed ones: the first scale is every ratio's
# denominator, and a series' first run is the one most likely to pay for a cold start.
# Its report is dropped, but not the reason when it fails (a bad scale, a missing scenario).
warm_up="$("$REPSIM" bench scale --scale "${SCALES[0]}" 2>&1 >/dev/null)" || {
  status=$?
  echo "$warm_up" >&2
  exit "$status"
}

declare -A RUNS # "scale index, round" -> benchmark line
for ((r = 0; r < ROUNDS; ++r)); do
  for i in "${!SCALES[@]}"; do
    line="$("$REPSIM" bench scale --scale "${SCALES[$i]}")"
    echo "$line" >&2
    RUNS["$i,$r"]="$line"
  done
done

declare -a LINES # each scale's median run
for i in "${!SCALES[@]}"; do
  median="$(for ((r = 0; r < ROUNDS; ++r)); do echo "$(field seconds "${RUNS["$i,$r"]}") $r"; done |
    sort -g | awk -v n="$ROUNDS" 'NR == int((n + 1) / 2) { print $2 }')"
  LINES+=("${RUNS["$i,$median"]}")
done

echo "| scale | messages | events | seconds | us per message | ratio | peak RSS MiB | KiB per 1000 messages | ratio |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
base_us="" base_kib=""
for line in "${LINES[@]}"; do
  scale="$(field scale "$line")"
  messages="$(field messages "$line")"
  events="$(field events "$line")"
  seconds="$(field seconds "$line")"
  rss="$(field peak_rss_mib "$line")"
  us="$(awk -v s="$seconds" -v m="$messages" 'BEGIN { printf "%.3f", s * 1e6 / m }')"
  kib="$(awk -v r="$rss" -v m="$messages" 'BEGIN { printf "%.3f", r * 1024 * 1000 / m }')"
  [[ -n "$base_us" ]] || { base_us="$us"; base_kib="$kib"; }
  ratio="$(awk -v a="$us" -v b="$base_us" 'BEGIN { printf "%.2f", a / b }')"
  ratio_mem="$(awk -v a="$kib" -v b="$base_kib" 'BEGIN { printf "%.2f", a / b }')"
  echo "| $scale | $messages | $events | $seconds | $us | $ratio | $rss | $kib | $ratio_mem |"
done

if [[ "${REPSIM_CURVE_RUN:-0}" == 1 ]]; then
  largest="${SCALES[${#SCALES[@]}-1]}"
  out="$(mktemp -d "${TMPDIR:-/tmp}/repsim-scale-run.XXXXXX")"
  trap 'rm -rf "$out"' EXIT
  start="$(date +%s.%N)"
  "$REPSIM" run "$ROOT/scenarios/scale_week.json" --scale "$largest" --out "$out/run" --quiet >/dev/null
  end="$(date +%s.%N)"
  echo
  echo "repsim run scenarios/scale_week.json --scale $largest (all outputs): $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s," \
    "outputs $(du -sh "$out/run" | cut -f1)"
fi
