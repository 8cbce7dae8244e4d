// A scenario's independent problems are reported together (repsim validate), the first exactly as
// the loader reported it alone; a problem that makes going on meaningless ends the list.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "io/load_problems.hpp"
#include "scenario_fixture.hpp"

using nlohmann::json;
using repsim::io::LoadError;
using repsim::io::LoadProblems;
using repsim::io::testing::base_scenario;
using repsim::io::testing::error_of;

namespace {

// The LoadError `doc` raises when loaded and built ("" lines when it loads).
LoadError problems_of(const json& doc) {
  try {
    repsim::io::ScenarioRun(repsim::io::load_scenario_text(doc.dump(), "t.json")).build();
  } catch (const LoadError& e) {
    return e;
  }
  return LoadError("t.json", "", "<loaded>");
}

// The base scenario with three mistakes that do not depend on each other.
json three_problems() {
  json doc = base_scenario();
  doc["sede"] = 1;
  doc["gateways"][2]["complaint_rate"] = 2;
  doc["tenants"][0]["spam_share"] = 1.5;
  return doc;
}

const std::string kUnknownKey = "t.json: /sede: unknown key 'sede' (did you mean 'seed'?)";
const std::string kComplaintRate = "t.json: /gateways/2/complaint_rate: 2 is out of range [0, 1]";
const std::string kSpamShare = "t.json: /tenants/0/spam_share: 1.5 is out of range [0, 1]";

}  // namespace

TEST_CASE("independent problems are all reported in file order and the first is what()", "[scenario]") {
  const LoadError e = problems_of(three_problems());
  CHECK(std::string(e.what()) == kUnknownKey);
  // Sections load scorers, providers, gateways, tenants: the gateway's problem comes before the tenant's.
  CHECK(e.lines() == std::vector<std::string>{kUnknownKey, kComplaintRate, kSpamShare});
  CHECK(e.total() == 3);
}

TEST_CASE("each collected problem is the line the loader gives when it is alone", "[scenario]") {
  json doc = base_scenario();
  doc["sede"] = 1;
  CHECK(error_of(doc) == kUnknownKey);
  doc = base_scenario();
  doc["gateways"][2]["complaint_rate"] = 2;
  CHECK(error_of(doc) == kComplaintRate);
  doc = base_scenario();
  doc["tenants"][0]["spam_share"] = 1.5;
  CHECK(error_of(doc) == kSpamShare);
  CHECK(problems_of(doc).total() == 1);
}

TEST_CASE("a problem that stops loading ends the list after those found before it", "[scenario]") {
  json doc = three_problems();
  // An unknown id leaves nothing to check the rest against. Gateways load in order, so the problems
  // of gateway 2 and of the tenant, read after it, are not reached.
  doc["gateways"][1]["reputation"] = "nobody";
  const LoadError e = problems_of(doc);
  REQUIRE(e.lines().size() == 2);
  CHECK(e.lines()[0] == kUnknownKey);
  CHECK(e.lines()[1].rfind("t.json: /gateways/1/reputation: unknown scorer 'nobody'", 0) == 0);
  CHECK(e.total() == 2);
  // So does a missing required key.
  CHECK(error_of(json::parse("{}")) == "t.json: /: missing required key 'start'");
}

TEST_CASE("a time outside the run stops loading: a clamped time would fail the checks after it",
          "[scenario]") {
  json doc = base_scenario();
  doc["sede"] = 1;
  doc["timeline"] = json::parse(R"([{"at": "8d", "action": "note", "text": "late"},
                                    {"at": "1h", "action": "note", "txt": "typo"}])");
  const LoadError e = problems_of(doc);
  // 16:30 -04:00 on 9 May plus 8 days; the run ends 7 days after its start.
  CHECK(e.lines() ==
        std::vector<std::string>{kUnknownKey,
                                 "t.json: /timeline/0/at: time 2012-05-17T16:30:00-04:00 is after "
                                 "the scenario end (2012-05-16T16:30:00-04:00)"});
}

TEST_CASE("one problem per value: a key of another variant is not also reported as unknown", "[scenario]") {
  json doc = base_scenario();
  doc["tenants"][0]["profile"] = json::parse(R"({"kind": "flat", "hours": "always"})");
  const LoadError e = problems_of(doc);
  CHECK(e.lines() ==
        std::vector<std::string>{
            "t.json: /tenants/0/profile/hours: 'hours' applies only to business_hours profiles"});
}

TEST_CASE("the report keeps the first 20 problems and counts the rest", "[scenario]") {
  json doc = base_scenario();
  // 25 unknown keys; an object's keys are read in sorted order, so k00 .. k19 are kept.
  for (int i = 0; i < 25; ++i) doc[(i < 10 ? "k0" : "k") + std::to_string(i)] = 1;
  const LoadError e = problems_of(doc);
  CHECK(e.total() == 25);
  REQUIRE(e.lines().size() == LoadProblems::kMaxKept);
  CHECK(e.lines().front().rfind("t.json: /k00: unknown key 'k00'", 0) == 0);
  CHECK(e.lines().back().rfind("t.json: /k19: unknown key 'k19'", 0) == 0);
}

TEST_CASE("a lone LoadError is its own single line", "[scenario]") {
  const LoadError e("f.json", "/a", "bad");
  CHECK(e.lines() == std::vector<std::string>{"f.json: /a: bad"});
  CHECK(e.total() == 1);
}
