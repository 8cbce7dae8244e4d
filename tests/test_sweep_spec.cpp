// Sweep spec errors: each is one line, FILE: /pointer: what is wrong, at the entry to fix.
#include <catch2/catch.hpp>

#include "sweep_fixture.hpp"

using namespace repsim;
using namespace repsim::sweep_test;

TEST_CASE("a spec reads its fields and their defaults", "[sweep]") {
  const experiments::SweepSpec s = spec_from(spec_text(""));
  CHECK(s.replications == 1);
  CHECK(s.seed == experiments::kDefaultSeed);
  CHECK_FALSE(s.keep_runs);
  CHECK(s.vary.empty());
  REQUIRE(s.metrics.size() == 1);
  CHECK(s.metrics[0].aggregate == experiments::Aggregate::Sum);
  CHECK(s.scenario_path == tiny_scenario());

  const experiments::SweepSpec t = spec_from(spec_text(
      R"(, "replications": 4, "seed": 9, "keep_runs": true, "set": {"/duration": "1d"},
         "vary": [{"path": "/gateways/1/policy", "values": ["good_only"], "zip": "z"}])"));
  CHECK(t.replications == 4);
  CHECK(t.seed == 9);
  CHECK(t.keep_runs);
  REQUIRE(t.set.size() == 1);
  CHECK(t.set[0].spec_pointer == "/set/~1duration");  // RFC 6901: '/' in a key is "~1"
  REQUIRE(t.vary.size() == 1);
  CHECK(t.vary[0].tokens == std::vector<std::string>{"gateways", "1", "policy"});
  CHECK(t.vary[0].zip == "z");
}

TEST_CASE("spec syntax errors name the key to fix", "[sweep]") {
  const auto err = [](const std::string& body, bool metrics = true) {
    return load_error_of([&] { spec_from(spec_text(body, metrics)); });
  };
  CHECK(err(R"(, "replication": 3)") ==
        "spec.json: /replication: unknown key 'replication' (did you mean 'replications'?)");
  CHECK(err(R"(, "replications": "3")") == "spec.json: /replications: expected a whole number, got string");
  CHECK(err(R"(, "replications": 0)") == "spec.json: /replications: 0 is out of range [1, 1000000]");
  CHECK(err(R"(, "keep_runs": 1)") == "spec.json: /keep_runs: expected true or false, got number");
  CHECK(err(R"(, "vary": [{"path": "/duration", "values": []}])") ==
        "spec.json: /vary/0/values: values is empty: give at least one value");
  CHECK(err(R"(, "vary": [{"path": "/duration"}])") ==
        "spec.json: /vary/0: missing its values: give one of 'values', 'range', 'log_range'");
  CHECK(
      err(R"(, "vary": [{"path": "/duration", "values": [1], "range": {"from": 1, "to": 2, "step": 1}}])") ==
      "spec.json: /vary/0: give only one of 'values', 'range', 'log_range'");
  CHECK(err(R"(, "vary": [{"path": "duration", "values": ["1d"]}])") ==
        "spec.json: /vary/0/path: 'duration' is not a JSON pointer: it must start with '/'");
  CHECK(err(R"(, "vary": [{"path": "/seed", "values": [1, 2]}])") ==
        "spec.json: /vary/0/path: the scenario's /seed is set per replication from the spec's 'seed': vary "
        "replications instead");
  CHECK(
      err(R"(, "vary": [{"path": "/duration", "values": ["1d"]}, {"path": "/duration", "values": ["2d"]}])") ==
      "spec.json: /vary/1/path: '/duration' is already set by /vary/0/path");
  CHECK(err(R"(, "set": {"/duration": "1d"}, "vary": [{"path": "/duration", "values": ["2d"]}])") ==
        "spec.json: /vary/0/path: '/duration' is already set by /set/~1duration");
  // 10 -> 0 with step +1 never arrives.
  CHECK(err(R"(, "vary": [{"path": "/duration", "range": {"from": 10, "to": 0, "step": 1}}])") ==
        "spec.json: /vary/0/range/step: step 1 leads away from 'to' (10 -> 0): its sign must be that of to - "
        "from");
  CHECK(err(R"(, "vary": [{"path": "/duration", "range": {"from": 0, "to": 5, "step": 0}}])") ==
        "spec.json: /vary/0/range/step: step must not be 0");
  CHECK(err(R"(, "vary": [{"path": "/duration", "log_range": {"from": 0, "to": 5, "points": 3}}])") ==
        "spec.json: /vary/0/log_range/from: log_range needs from > 0, got 0");
  CHECK(err(R"(, "vary": [{"path": "/duration", "log_range": {"from": 1, "to": 5, "points": 1}}])") ==
        "spec.json: /vary/0/log_range/points: 1 is out of range [2, 100000]");
  // Zip partners must be equally long: 2 values against 3.
  CHECK(err(R"(, "vary": [{"path": "/duration", "values": ["1d", "2d"], "zip": "a"},
                          {"path": "/sample_every", "values": ["1h", "2h", "3h"], "zip": "a"}])") ==
        "spec.json: /vary/1/values: zip group 'a' needs lists of one length: /vary/0 has 2 values, this "
        "entry 3");
  // 1000 x 1000 x 11 replications = 11,000,000 runs > 10,000,000.
  CHECK(
      err(R"(, "replications": 11, "vary": [{"path": "/duration", "range": {"from": 1, "to": 1000, "step": 1}},
                                             {"path": "/sample_every", "range": {"from": 1, "to": 1000, "step": 1}}])") ==
      "spec.json: /: the grid has more than 10000000 runs: check the ranges and replications");
  CHECK(err("", false) == "spec.json: /: missing required key 'metrics'");
  CHECK(err(R"(, "metrics": [])", false) ==
        "spec.json: /metrics: metrics is empty: give at least one {name, path}");
  CHECK(err(R"(, "metrics": [{"name": "a", "path": "/x"}, {"name": "a", "path": "/y"}])", false) ==
        "spec.json: /metrics/1/name: metric name 'a' is already used by /metrics/0");
  CHECK(err(R"(, "metrics": [{"name": "a", "path": "/x", "aggregate": "median"}])", false) ==
        "spec.json: /metrics/0/aggregate: unknown aggregate 'median' (expected one of: sum, mean, min, max, "
        "count)");
  CHECK(load_error_of([] { spec_from(R"({"metrics": [{"name": "a", "path": "/x"}]})"); }) ==
        "spec.json: /: missing required key 'scenario'");
}

TEST_CASE("spec errors found against the scenario point at the vary entry", "[sweep]") {
  const std::string scen = tiny_scenario();
  const auto err = [](const std::string& body, bool metrics = true) {
    return load_error_of([&] { plan_from(spec_text(body, metrics)); });
  };
  // The scenario's top level has "gateways"; "gatewayz" is one edit away.
  CHECK(err(R"(, "vary": [{"path": "/gatewayz/0/policy", "values": ["good_only"]}])") ==
        "spec.json: /vary/0/path: the scenario has no 'gatewayz' at / (did you mean 'gateways'?)");
  // sweep_tiny.json has two gateways.
  CHECK(err(R"(, "vary": [{"path": "/gateways/2/policy", "values": ["good_only"]}])") ==
        "spec.json: /vary/0/path: the scenario's /gateways has 2 entries: no index 2");
  CHECK(err(R"(, "vary": [{"path": "/duration/x", "values": [1]}])") ==
        "spec.json: /vary/0/path: the scenario's /duration is a string: nothing lies below it");
  CHECK(err(R"(, "set": {"/providers/x/retry": {}})") ==
        "spec.json: /set/~1providers~1x~1retry: the scenario's /providers is an array: index it by a number, "
        "not 'x'");
  // The second value is not a policy: the loader's own message, after the value to fix.
  CHECK(err(R"(, "vary": [{"path": "/gateways/0/policy", "values": ["good_only", "bogus"]}])") ==
        "spec.json: /vary/0/values/1: \"bogus\" makes the scenario invalid: " + scen +
            ": /gateways/0/policy: unknown policy 'bogus' (expected one of: accept_all, good_only, "
            "neutral_ok, graded, cisco_default)");
  // A new key the loader does not know is a typo caught the same way.
  CHECK(err(R"(, "vary": [{"path": "/gateways/0/thershold", "values": [1]}])") ==
        "spec.json: /vary/0/values/0: 1 makes the scenario invalid: " + scen +
            ": /gateways/0/thershold: unknown key 'thershold' (did you mean 'threshold'?)");
  CHECK(err(R"(, "set": {"/name": ""})") ==
        "spec.json: /set/~1name: \"\" makes the scenario invalid: " + scen + ": /name: must not be empty");
  CHECK(err(R"(, "metrics": [{"name": "d", "path": "/tenants/contractor/delivred"}])", false) ==
        "spec.json: /metrics/0/path: summary.json has no 'delivred' at /tenants/contractor (did you mean "
        "'delivered'?)");
  CHECK(err(R"(, "metrics": [{"name": "d", "path": "/tenants/contractor"}])", false) ==
        "spec.json: /metrics/0/path: /tenants/contractor is an object in summary.json, not a number (add a "
        "key or *)");
  CHECK(load_error_of([] {
          plan_from(R"({"scenario": "/nonexistent/x.json", "metrics": [{"name": "a", "path": "/x"}]})");
        }).rfind("spec.json: /scenario: /nonexistent/x.json: ", 0) == 0);
}

TEST_CASE("a good spec plans its grid and hashes spec and scenario", "[sweep]") {
  const experiments::SweepPlan p = plan_from(small_sweep_text());
  CHECK(p.grid.variant_count() == 4);  // 2 policies x 2 retry intervals
  CHECK(p.grid.run_count() == 12);     // x 3 replications
  CHECK(p.hash.size() == 16);
  // Re-indenting the spec keeps the sweep; a changed value makes another.
  const experiments::SweepPlan same = plan_from(" \n" + small_sweep_text() + "\n");
  CHECK(same.hash == p.hash);
  std::string other = small_sweep_text();
  other.replace(other.find("\"seed\": 11"), 10, "\"seed\": 12");
  CHECK(plan_from(other).hash != p.hash);
  // variant 3 = (neutral_ok, 20m): the last entry changes fastest.
  const nlohmann::json doc = experiments::variant_document(p, 3);
  CHECK(doc["gateways"][0]["policy"] == "neutral_ok");
  CHECK(doc["providers"][0]["retry"]["first_retry"] == "20m");
  CHECK(doc["providers"][0]["retry"]["preset"] == "fope2012");  // the rest is untouched
}
