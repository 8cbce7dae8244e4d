#pragma once
// Sweep specs for the [sweep] tests, on tests/data/sweep_tiny.json (two simulated days, a few
// milliseconds a run).
#include <filesystem>
#include <string>

#include "experiments/sweep_plan.hpp"
#include "experiments/sweep_spec.hpp"
#include "io/json_reader.hpp"
#include "writers_fixture.hpp"

namespace repsim::sweep_test {

using writers_test::read_file;
using writers_test::TempDir;
using writers_test::write_plain;

inline std::string tiny_scenario() { return std::string(REPSIM_SOURCE_DIR) + "/tests/data/sweep_tiny.json"; }

// A spec document's text: `body` is the rest of the object after "scenario" (starting with ',' or
// empty), and metrics are given unless the body names its own.
inline std::string spec_text(const std::string& body, bool with_metrics = true) {
  std::string s = "{\"scenario\": \"" + tiny_scenario() + "\"";
  if (with_metrics) s += R"(, "metrics": [{"name": "sent", "path": "/tenants/*/sent"}])";
  return s + body + "}";
}

// Parses `text` as the spec file "spec.json" (scenario path absolute, so no directory needed).
inline experiments::SweepSpec spec_from(const std::string& text) {
  return experiments::parse_sweep_spec(io::parse_json_text(text, "spec.json"), "spec.json");
}

inline experiments::SweepPlan plan_from(const std::string& text) {
  return experiments::prepare_sweep(spec_from(text));
}

// The message of the io::LoadError that `f` throws ("" when it throws none).
template <class F>
std::string load_error_of(F&& f) {
  try {
    f();
  } catch (const io::LoadError& e) {
    return e.what();
  }
  return "";
}

// 2 policies x 2 retry intervals = 4 variants, 3 replications: 12 runs.
inline std::string small_sweep_text() {
  return "{\"scenario\": \"" + tiny_scenario() + R"(",
    "vary": [
      {"path": "/gateways/0/policy", "values": ["good_only", "neutral_ok"]},
      {"path": "/providers/0/retry/first_retry", "values": ["5m", "20m"]}
    ],
    "replications": 3,
    "seed": 11,
    "metrics": [
      {"name": "contractor_outage_pair_hours", "path": "/tenants/contractor/outage_pair_hours"},
      {"name": "delivered", "path": "/tenants/*/delivered"},
      {"name": "worst_p95", "path": "/tenants/*/latency_s/p95", "aggregate": "max"},
      {"name": "strict_latency", "path": "/tenants/contractor/by_gateway/strict/latency_s/p50"}
    ]})";
}

}  // namespace repsim::sweep_test
