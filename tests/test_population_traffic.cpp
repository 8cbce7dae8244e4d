// Pooled arrivals (models/population_traffic.hpp): one superposed process for a population, with
// each arrival marked with a member in proportion to its volume; shared weekly shapes.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "index_literals.hpp"
#include "models/ledger.hpp"
#include "models/message.hpp"
#include "models/network.hpp"
#include "models/population_traffic.hpp"
#include "models/tenant.hpp"
#include "sim/calendar.hpp"
#include "sim/distributions.hpp"
#include "sim/random.hpp"
#include "sim/simulation.hpp"

using namespace repsim;
using models::Tenant;
using models::TenantConfig;
using models::TrafficProfile;
using sim::kDay;
using sim::kWeek;
using namespace repsim::models::index_literals;

namespace {

class Sink final : public models::MessageSink {
 public:
  void submit(models::MessageId id) override { ids.push_back(id); }
  std::vector<models::MessageId> ids;
};

// Tenants 0..n-1 with the given volumes, all in pool "smb" unless `pooled` is false, built in
// index order or in `order`.
struct World {
  sim::Simulation sim;
  sim::Calendar calendar = sim::Calendar::parse("2012-05-07T00:00:00-04:00");
  sim::StreamFactory streams{99};
  models::MessagePool pool;
  models::Ledger ledger;
  Sink sink;
  models::TrafficPools pools{sim, calendar, streams};
  const models::TenantContext context{sim, calendar, pool, ledger, sink, &pools};
  std::vector<std::unique_ptr<Tenant>> tenants;

  World(const std::vector<double>& volumes, TrafficProfile profile, bool pooled,
        std::vector<std::size_t> order = {})
      : ledger(volumes.size(), 3) {
    if (order.empty())
      for (std::size_t k = 0; k < volumes.size(); ++k) order.push_back(k);
    for (std::size_t k : order) {
      TenantConfig c;
      c.id = "smb#" + std::to_string(k);
      c.messages_per_day = volumes[k];
      c.profile = profile;
      c.recipients = {{0_gateway, 1.0}, {1_gateway, 1.0}, {2_gateway, 2.0}};
      if (pooled) c.arrival_pool = "smb";
      tenants.push_back(std::make_unique<Tenant>(static_cast<models::TenantIndex>(k), c, context,
                                                 streams.stream(c.id, "traffic"),
                                                 streams.stream(c.id, "spam")));
    }
  }
  void run(sim::Time until) {
    for (auto& t : tenants) t->start(until);
    pools.start(until);
    sim.run();
  }
};

}  // namespace

TEST_CASE("a pooled population keeps one pending event, not one per member", "[tenant]") {
  World w(std::vector<double>(500, 10.0), TrafficProfile::flat(), true);
  for (auto& t : w.tenants) t->start(kWeek);
  w.pools.start(kWeek);
  CHECK(w.sim.pending() == 1);
  CHECK(w.pools.size() == 1);
  CHECK(w.pools.find("smb")->members() == 500);
  for (const auto& t : w.tenants) CHECK(t->pooled());

  World own(std::vector<double>(500, 10.0), TrafficProfile::flat(), false);
  for (auto& t : own.tenants) t->start(kWeek);
  own.pools.start(kWeek);
  CHECK(own.sim.pending() == 500);
}

TEST_CASE("pooled arrivals: total volume, and each member's share of it", "[tenant]") {
  // Volumes 100, 200, 700 a day over a week: 7000 expected (Poisson, sd 83.7). Each arrival is
  // member k's with probability v_k / 1000: member 2's count ~ Binomial(n, 0.7).
  World w({100.0, 200.0, 700.0}, TrafficProfile::diurnal(), true);
  w.run(kWeek);
  const double n = static_cast<double>(w.sink.ids.size());
  CHECK(std::fabs(n - 7000.0) <= 4.0 * std::sqrt(7000.0));
  const double two = static_cast<double>(w.tenants[2]->legit_created());
  CHECK(std::fabs(two - 0.7 * n) <= 4.0 * std::sqrt(n * 0.7 * 0.3));
  CHECK(w.tenants[0]->legit_created() + w.tenants[1]->legit_created() + w.tenants[2]->legit_created() ==
        w.sink.ids.size());
  // Every message was created in the profile's hours (diurnal: every hour has weight) and in order.
  for (std::size_t i = 1; i < w.sink.ids.size(); ++i)
    REQUIRE(w.pool[w.sink.ids[i - 1]].created <= w.pool[w.sink.ids[i]].created);
}

TEST_CASE("a pooled member's message draws come from its own stream", "[tenant]") {
  World w({50.0, 50.0}, TrafficProfile::flat(), true);
  w.run(kDay);
  // Replay member 1's draws by hand: per message the gateway (mix 1 : 1 : 2, a small mix: one
  // uniform u, gateway 0 when 4u < 1, 1 when 4u < 2, else 2), spam (share 0), attachment (0.3).
  sim::RandomStream replay = w.streams.stream("smb#1", "traffic");
  std::size_t seen = 0;
  for (models::MessageId id : w.sink.ids) {
    const models::Message& m = w.pool[id];
    if (m.tenant != 1) continue;
    ++seen;
    const double u = replay.uniform01() * 4.0;
    CHECK(m.gateway == (u < 1.0 ? 0u : u < 2.0 ? 1u : 2u));
    CHECK_FALSE(sim::bernoulli(replay, 0.0));
    CHECK(m.has_attachment == sim::bernoulli(replay, 0.3));
  }
  CHECK(seen == w.tenants[1]->legit_created());
  CHECK(seen > 0);
}

TEST_CASE("the same seed gives the same pooled arrivals", "[tenant]") {
  auto run = [] {
    World w({30.0, 70.0, 0.0, 100.0}, TrafficProfile::business_hours(), true);
    w.run(kWeek);
    std::vector<std::pair<sim::Time, models::TenantIndex>> out;
    for (models::MessageId id : w.sink.ids) out.emplace_back(w.pool[id].created, w.pool[id].tenant);
    return out;
  };
  const auto a = run();
  REQUIRE(a.size() > 1000);
  CHECK(a == run());
  for (const auto& [t, tenant] : a) CHECK(tenant != 2);  // a member of volume 0 never sends
}

TEST_CASE("pooled arrivals do not depend on the order members join in", "[tenant]") {
  auto run = [](std::vector<std::size_t> order) {
    World w({30.0, 70.0, 5.0, 100.0, 45.0}, TrafficProfile::diurnal(), true, std::move(order));
    w.run(kWeek);
    std::vector<std::tuple<sim::Time, models::TenantIndex, models::GatewayIndex>> out;
    for (models::MessageId id : w.sink.ids)
      out.emplace_back(w.pool[id].created, w.pool[id].tenant, w.pool[id].gateway);
    return out;
  };
  const auto by_index = run({});
  REQUIRE(by_index.size() > 1000);
  CHECK(run({3, 1, 4, 0, 2}) == by_index);  // busiest first, as an ecosystem builds them
  CHECK(run({4, 3, 2, 1, 0}) == by_index);
}

TEST_CASE("members share one weekly shape per profile", "[tenant]") {
  World w({1.0, 2.0, 3.0}, TrafficProfile::diurnal(), false);
  const auto& shape = w.tenants[0]->legit_rate().shape();
  REQUIRE(shape);
  for (const auto& t : w.tenants) CHECK(t->legit_rate().shape() == shape);
  CHECK(w.pools.shape_of(TrafficProfile::diurnal()) == shape);
  CHECK(w.pools.shape_of(TrafficProfile::flat()) != shape);
}

TEST_CASE("a pool takes members of one profile only", "[tenant]") {
  World w({10.0}, TrafficProfile::flat(), true);
  TenantConfig other;
  other.id = "odd";
  other.messages_per_day = 5.0;
  other.profile = TrafficProfile::diurnal();
  other.recipients = {{0_gateway, 1.0}};
  other.arrival_pool = "smb";
  CHECK_THROWS_WITH(Tenant(1_tenant, other, w.context, sim::RandomStream(1), sim::RandomStream(2)),
                    Catch::Matchers::Contains("pool 'smb'"));
  CHECK(w.pools.find("smb")->members() == 1);
}

TEST_CASE("without pools in its context a tenant draws its own arrivals", "[tenant]") {
  sim::Simulation sim;
  const sim::Calendar calendar = sim::Calendar::parse("2012-05-07T00:00:00-04:00");
  models::MessagePool pool;
  models::Ledger ledger(1, 1);
  Sink sink;
  TenantConfig c;
  c.id = "solo";
  c.messages_per_day = 24.0;
  c.recipients = {{0_gateway, 1.0}};
  c.arrival_pool = "ignored";
  const models::TenantContext context{sim, calendar, pool, ledger, sink};
  Tenant t(0_tenant, c, context, sim::RandomStream(1), sim::RandomStream(2));
  CHECK_FALSE(t.pooled());
  t.start(kDay);
  CHECK(sim.pending() == 1);
}
