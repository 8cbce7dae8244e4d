# Shared by the sweep end-to-end checks (sourced, not run): a scratch directory removed on exit,
# pass / fail accounting, and the spec of the tiny test world (tests/data/sweep_tiny.json: a few
# milliseconds a run). Set NAME (the check's name, for messages) and ROOT before sourcing.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/repsim-$NAME.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "$NAME: FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "$NAME: ok: $*" >&2; }

# write_tiny_spec REPLICATIONS: WORK/spec.json, 2 policies x REPLICATIONS runs on WORK/tiny.json.
write_tiny_spec() {
  cp "$ROOT/tests/data/sweep_tiny.json" "$WORK/tiny.json"
  cat >"$WORK/spec.json" <<SPEC
{
  "scenario": "tiny.json",
  "vary": [{"path": "/gateways/0/policy", "values": ["good_only", "neutral_ok"]}],
  "replications": $1,
  "seed": 3,
  "metrics": [
    {"name": "outage_pair_hours", "path": "/tenants/contractor/outage_pair_hours"},
    {"name": "delivered", "path": "/tenants/*/delivered"},
    {"name": "worst_p95", "path": "/tenants/*/latency_s/p95", "aggregate": "max"}
  ]
}
SPEC
}
