#!/usr/bin/env bash
# Headless check of repsim-viz: under a virtual X server it replays a scenario to 100 h, renders
# one frame to a PNG and exits 0; the PNG must have the size asked for and enough distinct colours
# to be a drawn frame, not a blank one. A bad scenario must give the loader's one-line error and
# exit status 2. Exits 77 (skipped) only where the display stack (xvfb-run, Xvfb, xauth) is absent.
# Usage: check_viz_screenshot.sh REPSIM_VIZ PNGCHECK SCENARIO
set -u
viz=${1:?repsim-viz binary}
pngcheck=${2:?repsim-viz-pngcheck binary}
scenario=${3:?scenario file}

for tool in xvfb-run Xvfb xauth; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool not found; install xvfb and xauth to run the headless viz check"
    exit 77
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shot="$work/viz.png"

# 1. A frame of the six-day outage at 100 h, smaller than the virtual screen.
if ! xvfb-run -a -s "-screen 0 1600x1000x24" "$viz" "$scenario" --screenshot "$shot" --at 100h --size 1200x800 \
    --select contractor >"$work/out.txt" 2>&1; then
  echo "FAIL: repsim-viz --screenshot failed:"
  cat "$work/out.txt"
  exit 1
fi
cat "$work/out.txt"
# Panels, charts, text and band colours give thousands of colours; a blank or clear-only frame has
# one or two.
"$pngcheck" "$shot" 1200 800 200 || { echo "FAIL: the screenshot is not a full drawn frame"; exit 1; }
if ls -A "$work" | grep -q '^\.'; then
  echo "FAIL: a temporary file was left next to the screenshot"
  exit 1
fi

# 2. A scenario that does not load: the loader's one-line error, exit status 2, no window needed.
printf '{"name": "bad", "duration": "1d", "thershold": 1}\n' >"$work/bad.json"
"$viz" "$work/bad.json" --screenshot "$work/bad.png" --at 1h >"$work/bad_out.txt" 2>"$work/bad_err.txt"
status=$?
if [[ $status -ne 2 ]]; then
  echo "FAIL: a bad scenario exited $status, expected 2"
  cat "$work/bad_err.txt"
  exit 1
fi
if [[ $(wc -l <"$work/bad_err.txt") -ne 1 ]] || ! grep -q "^$work/bad.json: " "$work/bad_err.txt"; then
  echo "FAIL: expected one line 'FILE: /pointer: what is wrong', got:"
  cat "$work/bad_err.txt"
  exit 1
fi
if [[ -e "$work/bad.png" ]]; then
  echo "FAIL: a bad scenario wrote a screenshot"
  exit 1
fi
echo "PASS: headless screenshot and bad-scenario checks"
