#pragma once
// Helpers for the scenario loader tests: a small valid scenario to patch, and the one-line error
// a document or text produces.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "io/scenario_loader.hpp"
#include "io/scenario_run.hpp"
#include "models/gateway_policy.hpp"

namespace repsim::io::testing {

// Valid as it stands: two scorers, two providers, one tenant, three gateways, one operator.
inline nlohmann::json base_scenario() {
  return nlohmann::json::parse(R"({
    "name": "base",
    "start": "2012-05-09T16:30:00-04:00",
    "duration": "7d",
    "scorers": [
      {"id": "sb", "type": "senderbase"},
      {"id": "dnsbl", "type": "blocklist"}
    ],
    "providers": [
      {"id": "o365", "pools": [{"id": "shared", "size": 4}]},
      {"id": "other", "pools": [{"id": "other_pool", "size": 2}]}
    ],
    "tenants": [
      {"id": "customer", "provider": "o365", "messages_per_day": 100,
       "recipients": [{"gateway": "va"}, {"gateway": "prime"}]}
    ],
    "gateways": [
      {"id": "va", "reputation": "sb", "blocklist": "dnsbl", "policy": "good_only"},
      {"id": "prime", "reputation": "sb", "policy": "graded"},
      {"id": "mx"}
    ],
    "operators": [{"id": "admin"}],
    "timeline": []
  })");
}

// what() of the LoadError the text raises when loaded and built, as repsim validate does, or
// "<loaded>" when it loads and builds.
inline std::string error_of_text(std::string_view text) {
  try {
    ScenarioRun(load_scenario_text(text, "t.json")).build();
    return "<loaded>";
  } catch (const LoadError& e) {
    return e.what();
  }
}

inline std::string error_of(const nlohmann::json& doc) { return error_of_text(doc.dump()); }

inline LoadedScenario load(const nlohmann::json& doc, const LoadOptions& options = {}) {
  return load_scenario_text(doc.dump(), "t.json", options);
}

// Field by field: PolicyRule has no operator==.
inline void check_same_rules(const models::GatewayPolicy& got, const models::GatewayPolicy& want) {
  REQUIRE(got.rules.size() == want.rules.size());
  for (std::size_t i = 0; i < got.rules.size(); ++i) {
    const models::PolicyRule& a = got.rules[i];
    const models::PolicyRule& b = want.rules[i];
    CHECK(a.score_min == b.score_min);
    CHECK(a.score_max == b.score_max);
    CHECK(a.unscored == b.unscored);
    CHECK(a.listed == b.listed);
    CHECK(a.action == b.action);
    CHECK(a.per_hour == b.per_hour);
    CHECK(a.code == b.code);
    CHECK(a.text == b.text);
  }
}

}  // namespace repsim::io::testing
