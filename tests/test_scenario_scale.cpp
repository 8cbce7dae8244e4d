// Loading a scaled world (io::LoadOptions::scale, repsim run --scale) and the population keys the
// scale scenario uses: recipients_per_member, arrivals.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "io/load_error.hpp"
#include "scenario_fixture.hpp"

using namespace repsim;
using io::testing::base_scenario;
using io::testing::load;

namespace {

nlohmann::json world() {
  nlohmann::json doc = base_scenario();
  doc["providers"][0]["pools"].push_back(
      nlohmann::json::parse(R"({"id": "ded", "kind": "dedicated", "size": 10})"));
  doc["providers"][1]["pools"][0]["addresses"] = {"192.0.2.1", "192.0.2.2"};
  doc["gateways"].push_back(nlohmann::json::parse(R"({"id": "orgs", "count": 7})"));
  doc["tenants"].push_back(nlohmann::json::parse(R"({
    "id": "smb", "count": 9, "provider": "o365", "messages_per_day": 40, "volume_cv": 0.5,
    "recipients": [{"gateway": "orgs"}], "recipients_per_member": 2, "arrivals": "pooled"})"));
  doc["tenants"].push_back(nlohmann::json::parse(R"({
    "id": "big", "count": 10, "provider": "o365", "pool": "ded", "messages_per_day": 500,
    "recipients": [{"gateway": "orgs"}, {"gateway": "mx"}]})"));
  return doc;
}

io::LoadedScenario at(double scale) {
  io::LoadOptions options;
  options.scale = scale;
  return load(world(), options);
}

std::size_t pool_size(const io::LoadedScenario& s, std::size_t provider, std::size_t pool) {
  return s.config.providers[provider].pools[pool].size;
}

}  // namespace

TEST_CASE("scale 1 reads the file as written", "[scenario][scale]") {
  const auto s = at(1.0);
  // customer + 9 smb + 10 big; va, prime, mx + 7 orgs.
  CHECK(s.config.tenants.size() == 20);
  CHECK(s.config.gateways.size() == 10);
  CHECK(pool_size(s, 0, 0) == 4);
  CHECK(pool_size(s, 0, 1) == 10);
  CHECK(s.config.tenants[0].config.messages_per_day == 100);
}

TEST_CASE("scale multiplies counts, pool sizes and single senders' volume, rounding", "[scenario][scale]") {
  const auto s = at(0.5);
  // By hand: smb 9 x 0.5 = 4.5 -> 5 (halves round away from zero), big 10 -> 5, orgs 7 -> 3.5 -> 4;
  // pools 4 -> 2 and 10 -> 5; the pool with listed addresses keeps its 2; the single tenant's
  // 100 a day -> 50; members keep their per-member volume (mean 40 and 500).
  REQUIRE(s.tenant_populations.size() == 2);
  CHECK(s.tenant_populations[0].count == 5);
  CHECK(s.tenant_populations[1].count == 5);
  REQUIRE(s.gateway_populations.size() == 1);
  CHECK(s.gateway_populations[0].count == 4);
  CHECK(s.config.tenants.size() == 1 + 5 + 5);
  CHECK(s.config.gateways.size() == 3 + 4);
  CHECK(pool_size(s, 0, 0) == 2);
  CHECK(pool_size(s, 0, 1) == 5);
  CHECK(pool_size(s, 1, 0) == 2);
  CHECK(s.config.tenants[0].config.messages_per_day == 50);
  for (std::size_t k = 6; k < 11; ++k) CHECK(s.config.tenants[k].config.messages_per_day == 500);

  const auto tiny = at(0.01);  // everything rounds to its floor of 1
  CHECK(tiny.tenant_populations[0].count == 1);
  CHECK(tiny.gateway_populations[0].count == 1);
  CHECK(pool_size(tiny, 0, 0) == 1);
  CHECK(tiny.config.tenants[0].config.messages_per_day == 1);

  const auto twice = at(2.0);
  CHECK(twice.tenant_populations[0].count == 18);
  CHECK(pool_size(twice, 0, 1) == 20);
}

TEST_CASE("a scaled member's draws are its own: the first members match the unscaled world",
          "[scenario][scale]") {
  const auto full = at(1.0);
  const auto half = at(0.5);
  // smb#0 .. smb#4 exist in both; each draws from the stream of its own id.
  for (std::size_t k = 0; k < 5; ++k) {
    const auto& a = full.config.tenants[1 + k].config;
    const auto& b = half.config.tenants[1 + k].config;
    CHECK(a.id == b.id);
    CHECK(a.messages_per_day == b.messages_per_day);
  }
}

TEST_CASE("recipients_per_member and arrivals reach the members", "[scenario][scale]") {
  const auto s = at(1.0);
  for (std::size_t k = 1; k <= 9; ++k) {
    const auto& m = s.config.tenants[k].config;
    REQUIRE(m.recipients.size() == 2);  // 2 of the 7 orgs
    CHECK(m.recipients[0].gateway < m.recipients[1].gateway);
    CHECK(m.recipients[0].gateway >= 3);
    CHECK(m.recipients[0].weight == Approx(1.0 / 7));  // weight 1 split over 7 members
    CHECK(m.arrival_pool == "smb");
  }
  for (std::size_t k = 10; k < 20; ++k) {
    CHECK(s.config.tenants[k].config.recipients.size() == 8);  // all 7 orgs + mx
    CHECK(s.config.tenants[k].config.arrival_pool.empty());
  }
  nlohmann::json doc = world();
  doc["tenants"][1]["arrivals"] = "shared";
  CHECK_THAT(io::testing::error_of(doc), Catch::Matchers::Contains("/tenants/1/arrivals"));
  doc = world();
  doc["tenants"][0]["arrivals"] = "pooled";  // not a population
  CHECK_THAT(io::testing::error_of(doc), Catch::Matchers::Contains("applies only to populations"));
  doc = world();
  doc["tenants"][1]["recipients_per_member"] = 0;
  CHECK_THAT(io::testing::error_of(doc), Catch::Matchers::Contains("/tenants/1/recipients_per_member"));
}

TEST_CASE("a bad scale, and a scaled world past the limits, are load errors", "[scenario][scale]") {
  for (double bad : {0.0, -1.0, std::numeric_limits<double>::infinity(), std::nan("")}) {
    io::LoadOptions options;
    options.scale = bad;
    CHECK_THROWS_WITH(load(world(), options), Catch::Matchers::Contains("scale must be a finite number > 0"));
  }
  nlohmann::json doc = world();
  doc["tenants"][1]["count"] = 600000;
  io::LoadOptions options;
  options.scale = 2.0;
  CHECK_THROWS_WITH(load(doc, options), Catch::Matchers::Contains("is over 1000000 members"));
  // A reference to a member the scaled world does not have.
  doc = world();
  doc["timeline"].push_back(nlohmann::json::parse(
      R"({"at": "1h", "action": "gateway_outage", "gateway": "orgs#6", "duration": "1h"})"));
  CHECK_NOTHROW(load(doc));
  options.scale = 0.5;
  CHECK_THROWS_WITH(load(doc, options), Catch::Matchers::Contains("orgs#0' .. 'orgs#3"));
}
