#!/usr/bin/env bash
# End-to-end check of the command line as people expect it (a ctest test, tests/CMakeLists.txt):
# --version; "did you mean" for a mistyped command or option (exit 2); `repsim help CMD`; validate
# listing every problem of a file and of several files; --quiet printing nothing on success but
# still the errors; the warning when --until is past the scenario's end; --scale errors naming
# the value. Each check compares exit status, stdout and stderr exactly (or says why not).
#
# Usage: scripts/check_cli.sh BUILD_DIR   (BUILD_DIR holds the built `repsim`)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# == 1)) || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
REPSIM="$(cd "$1" && pwd)/repsim"
[[ -x "$REPSIM" ]] || { echo "check_cli: $REPSIM not built" >&2; exit 2; }
NAME=check_cli
# shellcheck source=scripts/sweep_check_common.sh
source "$ROOT/scripts/sweep_check_common.sh"
cd "$WORK"
TINY="$ROOT/tests/data/sweep_tiny.json"  # a two-day world that runs in milliseconds
BAD="$ROOT/tests/data/three_problems.json"

# expect NAME STATUS STDOUT STDERR -- COMMAND...: the command's exit status, stdout and stderr are
# exactly these ("" = empty; a newline ends each output that is not empty).
expect() {
  local name="$1" status="$2" out="$3" err="$4"
  shift 5
  local got_status=0
  "$@" >"$WORK/out" 2>"$WORK/err" || got_status=$?
  local want_out="" want_err=""
  [[ -z "$out" ]] || want_out="$out"$'\n'
  [[ -z "$err" ]] || want_err="$err"$'\n'
  if [[ "$got_status" != "$status" ]]; then
    fail "$name: exit $got_status, expected $status (stderr: $(head -c 500 "$WORK/err"))"
  elif [[ "$(cat "$WORK/out"; echo .)" != "$want_out." ]]; then
    fail "$name: stdout was [$(head -c 500 "$WORK/out")], expected [$out]"
  elif [[ "$(cat "$WORK/err"; echo .)" != "$want_err." ]]; then
    fail "$name: stderr was [$(head -c 500 "$WORK/err")], expected [$err]"
  else
    pass "$name"
  fi
}

# same_stdout NAME FILE -- COMMAND...: the command succeeds, prints FILE's bytes and nothing on stderr.
same_stdout() {
  local name="$1" file="$2"
  shift 3
  if "$@" >"$WORK/out" 2>"$WORK/err" && cmp -s "$WORK/out" "$file" && [[ ! -s "$WORK/err" ]]; then
    pass "$name"
  else
    fail "$name: stdout differs from $file or stderr is not empty: $(head -c 300 "$WORK/err")"
  fi
}

# --- --version: one line, version, commit (or "unknown" outside git) and build type ---
"$REPSIM" --version >"$WORK/version"
if grep -Eqx 'repsim [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{7}(-dirty)?|unknown), [A-Za-z ]+\)' "$WORK/version" &&
   [[ "$(wc -l <"$WORK/version")" == 1 ]]; then
  pass "--version: $(cat "$WORK/version")"
else
  fail "--version printed [$(cat "$WORK/version")]"
fi

# --- did you mean ---
expect "mistyped command" 2 "" "repsim: unknown command 'rnu'; did you mean 'run'?" -- "$REPSIM" rnu
expect "mistyped option" 2 "" "repsim run: unknown option '--untl'; did you mean '--until'?" -- \
  "$REPSIM" run --untl 5h "$TINY"
expect "mistyped option with =" 2 "" "repsim run: unknown option '--untl'; did you mean '--until'?" -- \
  "$REPSIM" run "$TINY" --untl=5h
expect "mistyped nested command" 2 "" "repsim bench: unknown command 'scle'; did you mean 'scale'?" -- \
  "$REPSIM" bench scle
expect "unknown command, nothing near" 2 "" "repsim: unknown command 'frobnicate' (repsim --help lists the commands)" -- \
  "$REPSIM" frobnicate
expect "unknown option, nothing near" 2 "" \
  "repsim validate: unknown option '--frobnicate' (repsim help validate lists the options)" -- \
  "$REPSIM" validate --frobnicate "$TINY"
# An option's value is not taken for a command: --out names a directory called "rnu".
expect "a value is not a command" 0 "" "" -- "$REPSIM" run "$TINY" --out rnu --quiet

# --- help CMD = CMD --help; help = --help ---
"$REPSIM" run --help >"$WORK/run_help"
same_stdout "help run" "$WORK/run_help" -- "$REPSIM" help run
"$REPSIM" --help >"$WORK/main_help"
same_stdout "help" "$WORK/main_help" -- "$REPSIM" help
"$REPSIM" bench scale --help >"$WORK/scale_help"
same_stdout "help bench scale" "$WORK/scale_help" -- "$REPSIM" help bench scale
expect "help for a mistyped command" 2 "" "repsim: unknown command 'rnu'; did you mean 'run'?" -- \
  "$REPSIM" help rnu

# --- validate: every problem of a file; several files, each reported ---
P1="$BAD: /sede: unknown key 'sede' (did you mean 'seed'?)"
P2="$BAD: /gateways/0/complaint_rate: 2 is out of range [0, 1]"
P3="$BAD: /tenants/0/spam_share: 1.5 is out of range [0, 1]"
expect "validate lists all three problems" 2 "" "$P1"$'\n'"$P2"$'\n'"$P3" -- "$REPSIM" validate "$BAD"
expect "run names the first problem and counts the rest" 2 "" \
  "$P1"$'\n'"(and 2 more problems: repsim validate $BAD lists them)" -- "$REPSIM" run "$BAD"
OK_TINY="$TINY: ok (5 tenants, 2 gateways, 1 providers)"
expect "validate several files" 2 "$OK_TINY"$'\n'"$OK_TINY" "$P1"$'\n'"$P2"$'\n'"$P3" -- \
  "$REPSIM" validate "$TINY" "$BAD" "$TINY"
expect "validate --quiet: problems only" 2 "" "$P1"$'\n'"$P2"$'\n'"$P3" -- \
  "$REPSIM" validate --quiet "$TINY" "$BAD"
expect "validate --quiet on sound files" 0 "" "" -- "$REPSIM" validate --quiet "$TINY" "$TINY"
# Every shipped scenario: scenarios/*.json holds scenarios only (the schema lives in schema/).
shipped=("$ROOT"/scenarios/*.json)
if "$REPSIM" validate "${shipped[@]}" >"$WORK/out" 2>"$WORK/err" &&
   [[ "$(grep -c ': ok (' "$WORK/out")" == "${#shipped[@]}" && ! -s "$WORK/err" ]]; then
  pass "validate scenarios/*.json: ${#shipped[@]} files ok"
else
  fail "validate scenarios/*.json: $(head -c 500 "$WORK/err")"
fi

# --- run --quiet, --until past the end ---
expect "run --quiet prints nothing" 0 "" "" -- "$REPSIM" run "$TINY" --out "$WORK/quiet" --quiet
[[ -s "$WORK/quiet/summary.json" ]] && pass "run --quiet still writes its outputs" ||
  fail "run --quiet wrote no summary.json"
expect "run --quiet still reports errors" 2 "" \
  "$P1"$'\n'"(and 2 more problems: repsim validate $BAD lists them)" -- "$REPSIM" run "$BAD" --quiet
"$REPSIM" run "$TINY" --out "$WORK/late" --until 400h >/dev/null 2>"$WORK/err"
expect_warning="repsim run: --until 400h is past the scenario's end (2d): the run stops at 2d"
[[ "$(cat "$WORK/err")" == "$expect_warning" ]] && pass "--until past the end warns" ||
  fail "--until past the end: stderr [$(cat "$WORK/err")], expected [$expect_warning]"
expect "--until past the end, --quiet" 0 "" "" -- "$REPSIM" run "$TINY" --out "$WORK/late" --until 400h --quiet
"$REPSIM" run "$TINY" --out "$WORK/early" --until 1d >/dev/null 2>"$WORK/err"
[[ ! -s "$WORK/err" ]] && pass "--until inside the run: no warning" || fail "--until 1d warned: $(cat "$WORK/err")"

# --- sweep --quiet ---
write_tiny_spec 1
expect "sweep --quiet prints nothing" 0 "" "" -- "$REPSIM" sweep "$WORK/spec.json" --out "$WORK/sweep" -j 1 --quiet
[[ -s "$WORK/sweep/results.csv" ]] && pass "sweep --quiet still writes results.csv" ||
  fail "sweep --quiet wrote no results.csv"

# --- errors name the value refused ---
HINT="Run with --help for more information."
expect "bench scale --scale 0" 2 "" "--scale 0: must be > 0"$'\n'"$HINT" -- "$REPSIM" bench scale --scale 0
expect "run --scale=-1" 2 "" "--scale -1: must be > 0"$'\n'"$HINT" -- "$REPSIM" run "$TINY" --scale=-1
expect "run --scale abc" 2 "" "--scale 'abc': must be a number > 0"$'\n'"$HINT" -- "$REPSIM" run "$TINY" --scale abc
expect "sweep -j 0" 2 "" "--jobs 0: must be > 0"$'\n'"$HINT" -- "$REPSIM" sweep "$WORK/spec.json" -j 0

if ((failures)); then
  echo "check_cli: FAIL: $failures check(s)" >&2
  exit 1
fi
echo "check_cli: all checks passed" >&2
