#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

#include "index_literals.hpp"
#include "models/ledger.hpp"
#include "models/message.hpp"
#include "models/network.hpp"
#include "models/tenant.hpp"
#include "sim/calendar.hpp"
#include "sim/random.hpp"
#include "sim/simulation.hpp"

using namespace repsim;
using namespace repsim::models::index_literals;
using models::CompromiseEpisode;
using models::Message;
using models::MessageKind;
using models::Tenant;
using models::TenantConfig;
using models::TrafficProfile;
using sim::kDay;
using sim::kHour;
using sim::kWeek;
using sim::Time;

namespace {

// Records what it is handed, and when.
class RecordingSink final : public models::MessageSink {
 public:
  explicit RecordingSink(const sim::Simulation& sim) : sim_(sim) {}
  void submit(models::MessageId id) override {
    ids.push_back(id);
    times.push_back(sim_.now());
  }
  std::vector<models::MessageId> ids;
  std::vector<Time> times;

 private:
  const sim::Simulation& sim_;
};

// One tenant (index 0) on a fresh simulation; sim time 0 is Monday 2012-05-07 00:00 local.
struct Harness {
  static constexpr std::size_t kTenants = 8;
  static constexpr std::size_t kGateways = 4;

  sim::Simulation sim;
  sim::Calendar calendar = sim::Calendar::parse("2012-05-07T00:00:00-04:00");
  models::MessagePool pool;
  models::Ledger ledger{kTenants, kGateways};
  RecordingSink sink{sim};

  const models::TenantContext context{sim, calendar, pool, ledger, sink};

  Tenant make(TenantConfig cfg, std::uint64_t seed = 1) {
    return Tenant(0_tenant, std::move(cfg), context, sim::RandomStream(seed), sim::RandomStream(seed + 1000));
  }

  std::vector<Message> messages(MessageKind kind) const {
    std::vector<Message> out;
    for (models::MessageId id : sink.ids)
      if (pool[id].kind == kind) out.push_back(pool[id]);
    return out;
  }
};

TenantConfig office_tenant(double per_day) {
  TenantConfig c;
  c.id = "acme";
  c.messages_per_day = per_day;
  c.profile = TrafficProfile::business_hours(sim::WorkingHours{}, 0.0);
  c.recipients = {{0_gateway, 1.0}, {1_gateway, 3.0}};
  return c;
}

bool within_4_sigma(double observed, double mean, double variance) {
  return std::fabs(observed - mean) <= 4.0 * std::sqrt(variance);
}

}  // namespace

TEST_CASE("legit traffic over 8 weeks: Poisson count, office hours only", "[tenant]") {
  Harness h;
  Tenant t = h.make(office_tenant(100.0));
  t.start(8 * kWeek);
  h.sim.run();
  // 100/day x 56 days = 5600 expected (Poisson: variance 5600).
  const auto n = h.sink.ids.size();
  CHECK(within_4_sigma(static_cast<double>(n), 5600.0, 5600.0));
  CHECK(t.legit_created() == n);
  CHECK(t.spam_created() == 0);
  CHECK(h.ledger.tenant(0_tenant).sent == n);
  const sim::WorkingHours office{};
  std::uint64_t outside = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Message& m = h.pool[h.sink.ids[i]];
    if (!office.contains(h.calendar, m.created)) ++outside;
    REQUIRE(m.created == h.sink.times[i]);  // created = the instant it was handed over
    REQUIRE(m.created < 8 * kWeek);
    REQUIRE(m.tenant == 0);
    REQUIRE(m.header_from == 0);
    REQUIRE(m.envelope_from == 0);
    REQUIRE(m.kind == MessageKind::Legit);
    REQUIRE(!m.to_trap);
    REQUIRE(m.provider == models::kNone);  // the sink picks the route
  }
  CHECK(outside == 0);
  CHECK(h.sim.pending() == 0);  // the chain stopped at `until`
}

TEST_CASE("recipient mix and attachment share", "[tenant]") {
  Harness h;
  TenantConfig c = office_tenant(0);
  c.messages_per_day = 2000.0;
  c.profile = TrafficProfile::flat();
  c.attachment_share = 0.3;
  Tenant t = h.make(c);
  t.start(2 * kWeek);
  h.sim.run();
  const auto n = static_cast<double>(h.sink.ids.size());
  REQUIRE(n > 0);
  double to_gw1 = 0;
  double attached = 0;
  for (models::MessageId id : h.sink.ids) {
    to_gw1 += h.pool[id].gateway == 1 ? 1 : 0;
    attached += h.pool[id].has_attachment ? 1 : 0;
    REQUIRE(h.pool[id].gateway <= 1);
  }
  // Weights 1 : 3 -> gateway 1 gets 3/4 (binomial variance n x 3/4 x 1/4).
  CHECK(within_4_sigma(to_gw1, 0.75 * n, n * 0.75 * 0.25));
  CHECK(within_4_sigma(attached, 0.3 * n, n * 0.3 * 0.7));
  CHECK(h.ledger.gateway(1_gateway).sent == static_cast<std::uint64_t>(to_gw1));
  // Every message names its pair: the tenant reserved its mix's, in the mix's order.
  for (models::MessageId id : h.sink.ids) REQUIRE(h.pool[id].pair == h.pool[id].gateway);
  CHECK(h.ledger.reserve_pairs(1_tenant, {0_gateway}) == 2);
  // 2000/day x 14 days = 28000.
  CHECK(within_4_sigma(n, 28000.0, 28000.0));
}

TEST_CASE("baseline spam from a clean tenant is never addressed to traps", "[tenant]") {
  Harness h;
  TenantConfig c = office_tenant(500.0);
  c.spam_share = 0.2;
  Tenant t = h.make(c);
  t.start(2 * kWeek);
  h.sim.run();
  const auto spam = h.messages(MessageKind::Spam);
  const auto n = static_cast<double>(h.sink.ids.size());
  CHECK(within_4_sigma(static_cast<double>(spam.size()), 0.2 * n, n * 0.2 * 0.8));
  for (const Message& m : spam) REQUIRE(!m.to_trap);
  CHECK(t.spam_created() == 0);  // episodes only
}

TEST_CASE("a compromise episode sends flat-rate spam only inside its window", "[tenant]") {
  Harness h;
  TenantConfig c = office_tenant(100.0);
  CompromiseEpisode e;
  e.start = 5 * kDay + 2 * kHour;  // Saturday 02:00: bots ignore office hours
  e.duration = 6 * kHour;
  e.messages_per_hour = 200.0;
  e.trap_share = 0.1;
  e.spoof_as = 7_tenant;
  c.episodes.push_back(e);
  Tenant t = h.make(c);
  t.start(kWeek);
  h.sim.run();

  const auto spam = h.messages(MessageKind::Spam);
  // 200/h x 6 h = 1200 expected (Poisson).
  CHECK(within_4_sigma(static_cast<double>(spam.size()), 1200.0, 1200.0));
  CHECK(t.spam_created() == spam.size());
  double traps = 0;
  for (const Message& m : spam) {
    REQUIRE(m.created >= e.start);
    REQUIRE(m.created < e.start + e.duration);
    REQUIRE(m.tenant == 0);       // the authenticated sender is still the tenant
    REQUIRE(m.header_from == 7);  // but the brand shown is the spoofed one
    REQUIRE(m.envelope_from == 7);
    REQUIRE(m.gateway <= 1);  // the tenant's own mix
    traps += m.to_trap ? 1 : 0;
  }
  const auto n = static_cast<double>(spam.size());
  CHECK(within_4_sigma(traps, 0.1 * n, n * 0.1 * 0.9));
  // Legit mail still from its own domain; the ledger counts both.
  for (const Message& m : h.messages(MessageKind::Legit)) REQUIRE(m.header_from == 0);
  CHECK(h.ledger.tenant(0_tenant).sent == h.sink.ids.size());
}

TEST_CASE("an episode's own recipients, and the run's end, bound it", "[tenant]") {
  Harness h;
  TenantConfig c = office_tenant(0);
  CompromiseEpisode e;
  e.start = 10 * kHour;
  e.duration = 100 * kHour;  // runs past `until`
  e.messages_per_hour = 50.0;
  e.recipients = {{3_gateway, 1.0}};
  c.episodes.push_back(e);
  Tenant t = h.make(c);
  t.start(20 * kHour);
  h.sim.run();
  // 50/h over [10 h, 20 h) = 500 expected.
  CHECK(within_4_sigma(static_cast<double>(h.sink.ids.size()), 500.0, 500.0));
  for (models::MessageId id : h.sink.ids) {
    REQUIRE(h.pool[id].gateway == 3);
    REQUIRE(h.pool[id].created >= 10 * kHour);
    REQUIRE(h.pool[id].created < 20 * kHour);
    REQUIRE(h.pool[id].header_from == 0);  // no spoofing asked
  }
}

TEST_CASE("compromise() at run time starts the chain no earlier than now", "[tenant]") {
  Harness h;
  Tenant t = h.make(office_tenant(0));
  t.start(kDay);
  CompromiseEpisode e;
  e.start = 5 * kHour;  // already past when the action runs at 10 h
  e.duration = 10 * kHour;
  e.messages_per_hour = 100.0;
  h.sim.schedule_at(10 * kHour, [&](sim::Simulation&) { t.compromise(e); });
  h.sim.run();
  // [10 h, 15 h) at 100/h: 500 expected.
  CHECK(within_4_sigma(static_cast<double>(t.spam_created()), 500.0, 500.0));
  for (models::MessageId id : h.sink.ids) {
    REQUIRE(h.pool[id].created >= 10 * kHour);
    REQUIRE(h.pool[id].created < 15 * kHour);
  }
  CHECK(t.config().episodes.size() == 1);
}

TEST_CASE("adding an episode leaves the legit arrivals untouched", "[tenant]") {
  auto legit_times = [](bool with_episode) {
    Harness h;
    TenantConfig c = office_tenant(300.0);
    CompromiseEpisode e;
    e.start = kDay + 9 * kHour;
    e.duration = 30 * kHour;
    e.messages_per_hour = 400.0;
    if (with_episode) c.episodes.push_back(e);
    Tenant t = h.make(c, 42);
    if (with_episode) {
      e.start = 3 * kDay;  // and a second one added at run time
      h.sim.schedule_at(2 * kDay, [&t, e](sim::Simulation&) { t.compromise(e); });
    }
    t.start(kWeek);
    h.sim.run();
    std::vector<std::pair<Time, models::GatewayIndex>> out;
    for (const Message& m : h.messages(MessageKind::Legit)) out.emplace_back(m.created, m.gateway);
    if (with_episode) CHECK(t.spam_created() > 0);
    return out;
  };
  const auto clean = legit_times(false);
  const auto compromised = legit_times(true);
  REQUIRE(clean.size() > 1000);
  CHECK(clean == compromised);
}

TEST_CASE("same seed, same messages", "[tenant]") {
  auto run = [] {
    Harness h;
    TenantConfig c = office_tenant(200.0);
    c.episodes.push_back(CompromiseEpisode{kDay, 2 * kHour, 30.0, {}, 0.5, models::kNone});
    Tenant t = h.make(c, 9);
    t.start(3 * kDay);
    h.sim.run();
    std::vector<std::tuple<Time, models::GatewayIndex, bool, bool, bool>> out;
    for (models::MessageId id : h.sink.ids) {
      const Message& m = h.pool[id];
      out.emplace_back(m.created, m.gateway, m.kind == MessageKind::Spam, m.to_trap, m.has_attachment);
    }
    return out;
  };
  const auto a = run();
  REQUIRE(!a.empty());
  CHECK(a == run());
}

TEST_CASE("invalid tenants are refused with their id", "[tenant]") {
  Harness h;
  TenantConfig no_recipients = office_tenant(10.0);
  no_recipients.recipients.clear();
  CHECK_THROWS_WITH(h.make(no_recipients), Catch::Matchers::Contains("acme"));

  TenantConfig bad_share = office_tenant(10.0);
  bad_share.spam_share = 1.5;
  CHECK_THROWS_AS(h.make(bad_share), std::invalid_argument);

  TenantConfig bad_trap = office_tenant(10.0);
  bad_trap.episodes.push_back(CompromiseEpisode{0, kHour, 10.0, {}, 2.0, models::kNone});
  CHECK_THROWS_AS(h.make(bad_trap), std::invalid_argument);

  // A silent tenant needs no recipients.
  TenantConfig silent = office_tenant(0.0);
  silent.recipients.clear();
  Tenant quiet = h.make(silent);
  quiet.start(kWeek);
  CHECK_THROWS_AS(quiet.start(kWeek), std::logic_error);
  CHECK_THROWS_AS(quiet.compromise(CompromiseEpisode{0, kHour, 10.0, {}, 0.01, models::kNone}),
                  std::invalid_argument);  // no mix to lend
  h.sim.run();
  CHECK(h.sink.ids.empty());
}
