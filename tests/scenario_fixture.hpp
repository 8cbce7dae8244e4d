#pragma once
// Helpers for the scenario loader tests: a small valid scenario to patch, and the one-line error
// a document or text produces.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "io/scenario_loader.hpp"

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

// what() of the LoadError the text raises, or "<loaded>" when it loads.
inline std::string error_of_text(std::string_view text) {
  try {
    load_scenario_text(text, "t.json");
    return "<loaded>";
  } catch (const LoadError& e) {
    return e.what();
  }
}

inline std::string error_of(const nlohmann::json& doc) { return error_of_text(doc.dump()); }

inline LoadedScenario load(const nlohmann::json& doc, const LoadOptions& options = {}) {
  return load_scenario_text(doc.dump(), "t.json", options);
}

}  // namespace repsim::io::testing
