// Populations: tenants expanded with models::expand, gateways with an apportioned policy mix.
#include <catch2/catch.hpp>

#include <limits>

#include "index_literals.hpp"
#include "models/population.hpp"
#include "scenario_fixture.hpp"

using namespace repsim;
using namespace repsim::models;
using io::testing::base_scenario;
using io::testing::check_same_rules;
using io::testing::load;
using namespace repsim::models::index_literals;

TEST_CASE("tenant populations expand with models::expand and the run's seed", "[scenario]") {
  nlohmann::json doc = base_scenario();
  doc["seed"] = 11;
  doc["tenants"].push_back(nlohmann::json::parse(R"({
    "id": "offices", "count": 4, "provider": "o365", "messages_per_day": 50, "volume_cv": 0.5,
    "compromise_probability": 0.5, "episode_window_start": "1d", "episode_window_end": "3d",
    "recipients": [{"gateway": "va"}],
    "episodes": [{"duration": "6h", "messages_per_hour": 500, "spoof_as": "customer"}]})"));
  const io::LoadedScenario s = load(doc);
  REQUIRE(s.config.tenants.size() == 5);
  REQUIRE(s.tenant_populations.size() == 1);
  CHECK(s.tenant_populations[0].id == "offices");
  CHECK(s.tenant_populations[0].first == 1);
  CHECK(s.tenant_populations[0].count == 4);

  // The same draws as calling the model directly with seed 11 and the population's id.
  TenantPopulation p;
  p.base.messages_per_day = 50;
  p.base.recipients = {{0_gateway, 1.0}};
  CompromiseEpisode e;
  e.duration = sim::hours(6);
  e.messages_per_hour = 500;
  e.spoof_as = 0_tenant;
  p.base.episodes = {e};
  p.count = 4;
  p.volume_cv = 0.5;
  p.compromise_probability = 0.5;
  p.episode_window_start = sim::days(1);
  p.episode_window_end = sim::days(3);
  const auto want = expand(p, sim::StreamFactory(11), "offices");
  for (std::size_t k = 0; k < 4; ++k) {
    const TenantSpec& m = s.config.tenants[1 + k];
    CHECK(m.config.id == "offices#" + std::to_string(k));
    CHECK(m.config.messages_per_day == want[k].messages_per_day);
    REQUIRE(m.config.episodes.size() == want[k].episodes.size());
    if (!want[k].episodes.empty()) CHECK(m.config.episodes[0].start == want[k].episodes[0].start);
    CHECK(m.provider == 0);
  }
  // --seed replaces the file's seed before the draws.
  io::LoadOptions options;
  options.seed = 12;
  const io::LoadedScenario s12 = load(doc, options);
  CHECK(s12.config.seed == 12);
  const auto want12 = expand(p, sim::StreamFactory(12), "offices");
  for (std::size_t k = 0; k < 4; ++k)
    CHECK(s12.config.tenants[1 + k].config.messages_per_day == want12[k].messages_per_day);
  CHECK(want12[0].messages_per_day != want[0].messages_per_day);
}

TEST_CASE("gateway populations apportion the policy mix and split recipient weight", "[scenario]") {
  nlohmann::json doc = base_scenario();
  doc["gateways"].push_back(nlohmann::json::parse(R"({
    "id": "orgs", "count": 10, "reputation": "sb",
    "policy_mix": [{"weight": 1, "policy": "good_only"}, {"weight": 2, "policy": "neutral_ok", "threshold": "Neutral"}]})"));
  doc["tenants"][0]["recipients"] =
      nlohmann::json::parse(R"([{"gateway": "orgs", "weight": 2}, {"gateway": "orgs#9"}])");
  const io::LoadedScenario s = load(doc);
  const auto& gw = s.config.gateways;
  REQUIRE(gw.size() == 13);
  REQUIRE(s.gateway_populations.size() == 1);
  CHECK(s.gateway_populations[0].first == 3);
  CHECK(s.gateway_populations[0].count == 10);
  // Quotas 10/3 = 3.33 and 20/3 = 6.67: floors 3 + 6, the one left goes to the larger remainder
  // (0.67): 3 good_only members (#0..#2), then 7 neutral_ok (#3..#9).
  const ScoreScale scale;
  for (std::size_t k = 0; k < 10; ++k) {
    const GatewayConfig& g = gw[3 + k];
    CHECK(g.id == "orgs#" + std::to_string(k));
    CHECK(g.reputation == 0);
    check_same_rules(g.policy, k < 3 ? good_only_policy(scale) : neutral_ok_policy(scale));
    CHECK(g.policy.accept_at_or_above == (k < 3 ? std::numeric_limits<double>::infinity() : -1.0));
  }
  // Weight 2 over 10 members is 0.2 each; "orgs#9" is gateway 12 with weight 1.
  const auto& rec = s.config.tenants[0].config.recipients;
  REQUIRE(rec.size() == 11);
  for (std::size_t k = 0; k < 10; ++k) {
    CHECK(rec[k].gateway == 3 + k);
    CHECK(rec[k].weight == 0.2);
  }
  CHECK(rec[10].gateway == 12);
  CHECK(rec[10].weight == 1.0);
}
