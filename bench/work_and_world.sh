#!/usr/bin/env bash
# Separates the two things `--scale` grows together: the world (tenants, IPs, organisations) and
# the work (messages). Each cell runs `repsim bench scale --scale WORLD` on a copy of
# scenarios/scale_week.json whose populations send VOLUME times their messages a day, then a
# Markdown table gives the run's time per message (loading excluded: a small volume in a large
# world would otherwise be mostly the world's construction).
#
# Usage: bench/work_and_world.sh BUILD_DIR [WORLD:VOLUME ...]
#   default cells: 0.125:1 0.125:8 0.125:16 1:0.125 1:1 2:0.0625 2:1 (a fixed world with 8 and 16
#   times the work, and 8.7 million messages in worlds 8 and 16 times larger).
#   REPSIM_GRID_ROUNDS=N runs every cell N times, round by round, and reports each cell's median
#   run (the lower middle one when N is even). Default 1.
# Prints the table on stdout; the raw benchmark lines go to stderr as they come.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# >= 1)) || { echo "usage: $0 BUILD_DIR [WORLD:VOLUME ...]" >&2; exit 2; }
REPSIM="$(cd "$1" && pwd)/repsim"
shift
[[ -x "$REPSIM" ]] || { echo "work_and_world: $REPSIM not built" >&2; exit 2; }
CELLS=("$@")
((${#CELLS[@]})) || CELLS=(0.125:1 0.125:8 0.125:16 1:0.125 1:1 2:0.0625 2:1)
ROUNDS="${REPSIM_GRID_ROUNDS:-1}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "work_and_world: REPSIM_GRID_ROUNDS must be a positive integer" >&2; exit 2; }
number='^[0-9]+([.][0-9]+)?$'
for cell in "${CELLS[@]}"; do
  [[ "$cell" == *:* && "${cell%%:*}" =~ $number && "${cell#*:}" =~ $number ]] ||
    { echo "work_and_world: a cell is WORLD:VOLUME, two numbers: '$cell'" >&2; exit 2; }
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/repsim-work-world.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# scenario VOLUME: the path of scale_week with every "messages_per_day" times VOLUME.
scenario() {
  local file="$tmp/volume-$1.json"
  if [[ ! -f "$file" ]]; then
    awk -v k="$1" '
      match($0, /"messages_per_day": *[0-9.eE+-]+/) {
        key = substr($0, RSTART, RLENGTH); sub(/[0-9.eE+-]+$/, "", key)
        value = substr($0, RSTART + length(key), RLENGTH - length(key))
        $0 = substr($0, 1, RSTART - 1) key sprintf("%.17g", value * k) substr($0, RSTART + RLENGTH)
        ++edited
      }
      { print }
      END { if (!edited) exit 3 }' "$ROOT/scenarios/scale_week.json" >"$file" ||
      { echo "work_and_world: no messages_per_day to scale in scenarios/scale_week.json" >&2; exit 2; }
  fi
  echo "$file"
}

# field NAME TEXT: the value of NAME=... in the benchmark's lines.
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<" $2" | head -n 1; }

declare -A RUNS # "cell index, round" -> the benchmark's stdout and stderr lines
for ((r = 0; r < ROUNDS; ++r)); do
  for i in "${!CELLS[@]}"; do
    world="${CELLS[$i]%%:*}" volume="${CELLS[$i]##*:}"
    file="$(scenario "$volume")"
    status=0
    lines="$("$REPSIM" bench scale --scale "$world" --scenario "$file" 2>&1)" || status=$?
    echo "$lines" >&2
    ((status == 0)) || exit "$status"
    RUNS["$i,$r"]="$lines"
  done
done

# ns RUN: the run's nanoseconds per message.
ns() { awk -v s="$(field run_seconds "$1")" -v m="$(field messages "$1")" 'BEGIN { printf "%.1f", s * 1e9 / m }'; }

echo "| world (scale) | volume per member | messages | events | run seconds | ns per message | ratio |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
base=""
for i in "${!CELLS[@]}"; do
  median="$(for ((r = 0; r < ROUNDS; ++r)); do echo "$(ns "${RUNS["$i,$r"]}") $r"; done |
    sort -g | awk -v n="$ROUNDS" 'NR == int((n + 1) / 2) { print $2 }')"
  run="${RUNS["$i,$median"]}"
  per="$(ns "$run")"
  [[ -n "$base" ]] || base="$per"
  seconds="$(awk -v s="$(field run_seconds "$run")" 'BEGIN { printf "%.3f", s }')"
  ratio="$(awk -v a="$per" -v b="$base" 'BEGIN { printf "%.2f", a / b }')"
  echo "| ${CELLS[$i]%%:*} | ${CELLS[$i]##*:} | $(field messages "$run") | $(field events "$run") | $seconds | $per | $ratio |"
done
