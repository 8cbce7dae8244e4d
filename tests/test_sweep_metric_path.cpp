// Metrics read from a hand-made summary: wildcards, aggregates, absent values, shape checks.
#include <catch2/catch.hpp>

#include "experiments/metric_path.hpp"
#include "io/load_error.hpp"
#include "sweep_fixture.hpp"

using namespace repsim;
using namespace repsim::experiments;

namespace {

const nlohmann::ordered_json& summary() {
  static const nlohmann::ordered_json s = nlohmann::ordered_json::parse(R"({
    "scenario": "hand-made",
    "tenants": {
      "a": {"sent": 10, "outage_pair_hours": 1.5, "latency_s": {"p95": 30}, "by_gateway": {"g": {"sent": 10}}},
      "b": {"sent": 5, "outage_pair_hours": 0.25, "latency_s": null, "by_gateway": {}}
    },
    "outages": [{"hours": 1.5}, {"hours": 2}]
  })");
  return s;
}

MetricSpec metric(const std::string& path, const std::string& aggregate = "") {
  std::string text = R"({"name": "m", "path": ")" + path + "\"";
  if (!aggregate.empty()) text += R"(, "aggregate": ")" + aggregate + "\"";
  static nlohmann::json keep;  // the node must outlive parse_metric only
  keep = nlohmann::json::parse(text + "}");
  return parse_metric(io::JsonNode(keep, "spec.json", "/metrics/0"));
}

std::optional<double> read(const std::string& path, const std::string& aggregate = "") {
  return extract_metric(summary(), metric(path, aggregate));
}

std::string shape_error(const std::string& path) {
  const nlohmann::json where = path;
  return sweep_test::load_error_of(
      [&] { check_metric(summary(), metric(path), io::JsonNode(where, "spec.json", "/metrics/0/path")); });
}

}  // namespace

TEST_CASE("a plain path reads one number", "[sweep]") {
  CHECK(read("/tenants/a/sent") == 10.0);
  CHECK(read("/tenants/a/by_gateway/g/sent") == 10.0);
  CHECK(read("/outages/1/hours") == 2.0);
  // null (nothing delivered) and missing keys are absent, not 0; count says how many numbers.
  CHECK_FALSE(read("/tenants/b/latency_s/p95"));
  CHECK_FALSE(read("/tenants/c/sent"));
  CHECK_FALSE(read("/outages/2/hours"));
  CHECK(read("/tenants/b/latency_s/p95", "count") == 0.0);
}

TEST_CASE("a wildcard folds the members with the aggregate", "[sweep]") {
  // sent: a 10, b 5.
  CHECK(read("/tenants/*/sent") == 15.0);  // sum is the default
  CHECK(read("/tenants/*/sent", "sum") == 15.0);
  CHECK(read("/tenants/*/sent", "mean") == 7.5);
  CHECK(read("/tenants/*/sent", "min") == 5.0);
  CHECK(read("/tenants/*/sent", "max") == 10.0);
  CHECK(read("/tenants/*/sent", "count") == 2.0);
  // outage_pair_hours 1.5 + 0.25 = 1.75 (exact binary fractions).
  CHECK(read("/tenants/*/outage_pair_hours") == 1.75);
  // Arrays too: 1.5 + 2.
  CHECK(read("/outages/*/hours") == 3.5);
  // b's latency is null: only a's 30 counts.
  CHECK(read("/tenants/*/latency_s/p95", "max") == 30.0);
  CHECK(read("/tenants/*/latency_s/p95", "count") == 1.0);
  // Two wildcards: every pair of every tenant (only a -> g exists).
  CHECK(read("/tenants/*/by_gateway/*/sent") == 10.0);
  // A string is not a number: absent.
  CHECK_FALSE(read("/scenario"));
}

TEST_CASE("metric paths are checked against a summary's keys", "[sweep]") {
  CHECK(shape_error("/tenants/a/sent").empty());
  CHECK(shape_error("/tenants/*/latency_s/p95").empty());      // null in b, an object in a
  CHECK(shape_error("/tenants/b/by_gateway/g/sent").empty());  // b's pairs are empty: no verdict
  CHECK(shape_error("/outages/7/hours").empty());              // arrays change length from run to run
  CHECK(shape_error("/tenants/a/snet") ==
        "spec.json: /metrics/0/path: summary.json has no 'snet' at /tenants/a (did you mean 'sent'?)");
  CHECK(shape_error("/tenants/*/snet") ==
        "spec.json: /metrics/0/path: summary.json has no 'snet' at /tenants/* (did you mean 'sent'?)");
  CHECK(shape_error("/tenants/a") ==
        "spec.json: /metrics/0/path: /tenants/a is an object in summary.json, not a number (add a key or *)");
  CHECK(shape_error("/scenario") ==
        "spec.json: /metrics/0/path: /scenario is a string in summary.json, not a number");
  CHECK(shape_error("/tenants/a/sent/x") ==
        "spec.json: /metrics/0/path: /tenants/a/sent is a number in summary.json: nothing lies below it");
  CHECK(shape_error("/outages/first/hours") ==
        "spec.json: /metrics/0/path: /outages is an array in summary.json: index it by a number or *, not "
        "'first'");
}

TEST_CASE("metric paths are JSON pointers", "[sweep]") {
  const auto err = [](const std::string& path) { return sweep_test::load_error_of([&] { metric(path); }); };
  CHECK(err("tenants/a") ==
        "spec.json: /metrics/0/path: 'tenants/a' is not a JSON pointer: it must start with '/'");
  CHECK(err("/a~2b") ==
        "spec.json: /metrics/0/path: '/a~2b' is not a JSON pointer: '~' must be followed by 0 or 1");
  CHECK(metric("/a~1b/c~0d").tokens == std::vector<std::string>{"a/b", "c~d"});
}
