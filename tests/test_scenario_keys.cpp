// The scenario format's key tables against the loader: every declared key is read, and the fixed
// choices a table documents are the ones the loader accepts. (scripts/scenario_keys.py checks the
// README, schema/scenario.schema.json and the fuzz dictionary against the same tables.)
#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <set>

#include "io/scenario_keys.hpp"
#include "scenario_fixture.hpp"

using nlohmann::json;
using namespace repsim::io;
using repsim::io::testing::base_scenario;
using repsim::io::testing::error_of;

namespace {

// What tests/data/complete.json leaves out: populations (with a template episode and a policy
// mix), a flat profile, a spam_complaints trigger, every action, and a variant.
json everything_else() {
  json doc = base_scenario();
  doc["tenants"].push_back(json::parse(R"({
    "id": "offices", "provider": "o365", "count": 4, "messages_per_day": 10, "volume_cv": 0.5,
    "compromise_probability": 0.5, "episode_window_start": "1d", "episode_window_end": "2d",
    "recipients_per_member": 1, "arrivals": "pooled", "profile": {"kind": "flat"},
    "recipients": [{"gateway": "va"}, {"gateway": "prime"}],
    "episodes": [{"duration": "1h", "messages_per_hour": 10}]})"));
  doc["gateways"].push_back(json::parse(R"({
    "id": "orgs", "count": 3, "reputation": "sb",
    "policy_mix": [{"weight": 1, "policy": "good_only", "threshold": "Good"}, {"weight": 2}]})"));
  doc["operators"][0]["playbooks"] = json::parse(R"([
    {"when": {"kind": "spam_complaints", "tenant": "customer", "count": 2},
     "action": {"action": "reroute", "to": "other"}}])");
  doc["providers"][0]["support_desk"] = json::parse(R"({"stance": "reroute", "reroute_to": "other"})");
  doc["providers"][1]["support_desk"] = json::parse(R"({"recipients": ["admin"]})");
  doc["timeline"] = json::parse(R"([
    {"at": "1h", "action": "compromise", "tenant": "customer", "duration": "1h", "messages_per_hour": 5},
    {"at": "1h", "action": "set_threshold", "gateway": "va", "threshold": "Neutral"},
    {"at": "1h", "action": "allowlist", "gateway": "va", "ip": "shared#0"},
    {"at": "1h", "action": "restore_score", "scorer": "dnsbl"},
    {"at": "1h", "action": "request_delisting", "scorer": "dnsbl", "ips": ["shared"]},
    {"at": "1h", "action": "reroute", "tenant": "customer", "to": "other"},
    {"at": "1h", "action": "gateway_outage", "gateway": "mx", "duration": "1h"},
    {"at": "1h", "action": "provider_fault", "provider": "o365", "duration": "1h"},
    {"at": "1h", "action": "file_ticket", "to": "o365", "tenant": "customer"},
    {"at": "1h", "action": "note", "text": "done"},
    {"at": "1h", "action": "set", "pointer": "/tenants/customer/attachment_share", "value": 0.1}])");
  doc["variants"] = json::parse(R"([{"name": "short", "description": "d", "set": {"/duration": "1d"}}])");
  return doc;
}

// Where each table with fixed choices sits in base_scenario() once `setup` has run.
struct Site {
  std::function<void(json&)> setup;
  std::string pointer;
};
const std::map<std::string, Site, std::less<>>& choice_sites() {
  static const std::map<std::string, Site, std::less<>> sites{
      {"scorer", {[](json&) {}, "/scorers/0"}},
      {"senderbase", {[](json&) {}, "/scorers/0"}},
      {"retry", {[](json& d) { d["providers"][0]["retry"] = json::object(); }, "/providers/0/retry"}},
      {"support_desk",
       {[](json& d) { d["providers"][0]["support_desk"] = json::object(); }, "/providers/0/support_desk"}},
      {"pool", {[](json&) {}, "/providers/0/pools/0"}},
      {"tenant", {[](json&) {}, "/tenants/0"}},
      {"tenant_population", {[](json& d) { d["tenants"][0]["count"] = 2; }, "/tenants/0"}},
      {"profile", {[](json& d) { d["tenants"][0]["profile"] = json::object(); }, "/tenants/0/profile"}},
      {"profile_business_hours",
       {[](json& d) {
          d["tenants"][0]["profile"] = {{"kind", "business_hours"}};
        },
        "/tenants/0/profile"}},
      {"working_hours", {[](json& d) { d["operators"][0]["hours"] = json::object(); }, "/operators/0/hours"}},
      {"gateway_policy", {[](json&) {}, "/gateways/0"}},
      {"rule",
       {[](json& d) {
          d["gateways"][0]["policy"] = json::array({{{"action", "accept"}}});
        },
        "/gateways/0/policy/0"}},
      {"operator", {[](json&) {}, "/operators/0"}},
      {"trigger",
       {[](json& d) {
          d["operators"][0]["playbooks"] =
              json::parse(R"([{"when": {}, "action": {"action": "note", "text": "x"}}])");
        },
        "/operators/0/playbooks/0/when"}},
      {"action", {[](json& d) { d["timeline"] = json::parse(R"([{"at": "1h"}])"); }, "/timeline/0"}},
  };
  return sites;
}

}  // namespace

TEST_CASE("the loader reads every key the tables declare", "[keys]") {
  for (const KeyTable* t : keys::all()) t->forget_reads();
  load_scenario_file(std::string(REPSIM_SOURCE_DIR) + "/tests/data/complete.json");
  REQUIRE(error_of(everything_else()) == "<loaded>");
  for (const KeyTable* t : keys::all()) {
    INFO("table " << t->name());
    CHECK(t->unread().empty());
  }
}

TEST_CASE("tables have distinct names, and defaults are JSON of the key's types", "[keys]") {
  std::set<std::string_view> names;
  for (const KeyTable* t : keys::all()) {
    INFO("table " << t->name());
    CHECK(names.insert(t->name()).second);
    for (const Key& k : t->own()) {
      INFO("key " << k.name);
      CHECK(k.types != 0);
      CHECK((!k.type.empty() || !k.choices.empty()));
      if (k.fallback.kind != Default::Kind::Literal) continue;
      const json value = json::parse(k.fallback.text);
      const std::uint8_t type = value.is_string()           ? json_type::kString
                                : value.is_boolean()        ? json_type::kBoolean
                                : value.is_number_integer() ? json_type::kInteger | json_type::kNumber
                                : value.is_number()         ? json_type::kNumber
                                : value.is_array()          ? json_type::kArray
                                                            : json_type::kObject;
      CHECK((type & k.types) != 0);
    }
  }
}

TEST_CASE("the choices a table documents are those the loader accepts", "[keys]") {
  for (const KeyTable* t : keys::all()) {
    for (const Key& k : t->own()) {
      if (k.choices.empty()) continue;
      INFO("table " << t->name() << ", key " << k.name);
      const auto site = choice_sites().find(t->name());
      REQUIRE(site != choice_sites().end());
      json doc = base_scenario();
      site->second.setup(doc);
      const bool list = (k.types & json_type::kArray) != 0 && (k.types & json_type::kString) == 0;
      doc[json::json_pointer(site->second.pointer)][std::string(k.name)] =
          list ? json::array({"zz_nothing"}) : json("zz_nothing");
      // Refused at the key (or its item), naming every choice.
      const std::string error = error_of(doc);
      CHECK(error.rfind("t.json: " + site->second.pointer + "/" + std::string(k.name), 0) == 0);
      std::string expected;
      for (std::string_view c : k.choices) expected += (expected.empty() ? "" : ", ") + std::string(c);
      if (error.find("expected one of: ") != std::string::npos) {
        CHECK(error.find("'zz_nothing'") != std::string::npos);
        CHECK(error.substr(error.size() - expected.size() - 1) == expected + ")");
      } else {
        for (std::string_view c : k.choices)
          CHECK(error.find("\"" + std::string(c) + "\"") != std::string::npos);
      }
    }
  }
}
