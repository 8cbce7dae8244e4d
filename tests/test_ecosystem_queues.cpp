// Scenario-level tests of sender queues against a gateway that answers 421 4.3.2 for six hours,
// and of conservation in a busy mixed world.
#include <catch2/catch.hpp>

#include <vector>

#include "ecosystem_fixture.hpp"
#include "index_literals.hpp"
#include "models/ecosystem.hpp"

using namespace repsim;
using namespace repsim::testing;
using models::Ecosystem;
using sim::hours;
using sim::minutes;
using namespace repsim::models::index_literals;

namespace {

// One tenant mailing one plain gateway (no score, no filter) at 240 messages a day; the gateway
// answers 421 from 10 h to 16 h.
models::EcosystemConfig outage_world(models::RetryPolicy retry) {
  models::EcosystemConfig c;
  c.name = "outlook-421";
  c.calendar = sim::Calendar::parse("2012-05-07T00:00:00Z");
  c.duration = sim::days(2);
  c.seed = 7;
  models::ProviderSpec provider;
  provider.config.id = "sender";
  provider.config.retry = retry;
  models::PoolSpec pool;
  pool.id = "out";
  provider.pools.push_back(pool);
  c.providers.push_back(provider);
  models::GatewayConfig outlook;
  outlook.id = "outlook";
  outlook.check_spf = false;
  c.gateways.push_back(outlook);
  models::TenantSpec t;
  t.config = flat_tenant("sender-co", 240, {{0_gateway, 1}});
  c.tenants.push_back(t);
  models::GatewayOutage outage;
  outage.gateway = 0_gateway;
  outage.duration = hours(6);
  c.timeline.push_back({hours(10), "outlook", outage});
  return c;
}

// Messages created in [from, to): the ledger's sent counter just before each bound.
std::uint64_t created_between(Ecosystem& eco, sim::Time from, sim::Time to) {
  eco.run_until(from - 1);
  const std::uint64_t before = eco.ledger().tenant(0_tenant).sent;
  eco.run_until(to - 1);
  return eco.ledger().tenant(0_tenant).sent - before;
}

}  // namespace

TEST_CASE("ecosystem: a 6 h 421 outage with a 5-day queue loses nothing", "[ecosystem]") {
  Ecosystem eco(outage_world(models::RetryPolicy::fope2012()));
  const std::uint64_t during = created_between(eco, hours(10), hours(16));
  REQUIRE(during > 0);
  eco.run();
  eco.finish();
  const auto& c = eco.ledger().tenant(0_tenant);
  CHECK(c.delivered == c.sent);
  CHECK(c.bounced() == 0);
  CHECK(c.queued_at_end == 0);
  // Every deferred message waited at most the outage plus one 20-minute retry interval.
  CHECK(c.latency_s.max() <= 6 * 3600 + 20 * 60);
  REQUIRE(eco.ledger().outages().size() == 1);
  const auto& o = eco.ledger().outages()[0];
  CHECK(o.cause == models::BlockCause::GatewayOutage);
  CHECK(o.start >= hours(10));
  CHECK(o.end >= hours(16));
  CHECK(o.end <= hours(16) + minutes(20));
}

TEST_CASE("a 2 h queue lifetime loses exactly the mail created too early in the outage", "[ecosystem]") {
  models::RetryPolicy retry = models::RetryPolicy::fope2012();
  retry.lifetime = hours(2);
  Ecosystem eco(outage_world(retry));
  // The provider's lane for Outlook (models/provider.hpp): the first message created at a >= 10 h
  // gets the first 421, which opens the pair's outage and the lane; the lane is then visited every
  // 20 min, at a + 20k (it never empties: at 10 messages an hour, 2 h of queue is ~20 messages).
  // A visit first expires every message at least 2 h old, then tries the oldest one left. The
  // first visit the gateway accepts is v = the first a + 20k >= 16 h: it expires the mail created
  // at or before v - 2 h and flushes the rest. So exactly the mail created in [10 h, v - 2 h] is
  // lost; before 10 h and from 16 h on mail goes straight through. (With a retry timer per
  // message, each message expired on its own grid: the mail of [10 h, 14 h 20 min) was lost.)
  eco.run_until(hours(10) - 1);
  const std::uint64_t before = eco.ledger().tenant(0_tenant).sent;
  eco.run_until(hours(14));
  REQUIRE(eco.ledger().outages().size() == 1);
  const sim::Time a = eco.ledger().outages()[0].start;
  CHECK(a >= hours(10));
  const sim::Time v = a + minutes(20) * ((hours(16) - a + minutes(20) - 1) / minutes(20));
  REQUIRE(v >= hours(16));
  REQUIRE(v < hours(16) + minutes(20));
  eco.run_until(v - hours(2));
  const std::uint64_t lost = eco.ledger().tenant(0_tenant).sent - before;
  REQUIRE(lost > 0);
  eco.run();
  eco.finish();
  const auto& c = eco.ledger().tenant(0_tenant);
  CHECK(c.expired == lost);
  CHECK(c.rejected == 0);
  CHECK(c.delivered == c.sent - lost);
  CHECK(c.legit_lost == lost);
  CHECK(eco.ledger().outages()[0].end == v);  // the probe at v is the first 250
}

TEST_CASE("a sender that treats 4xx as permanent loses everything sent during the outage", "[ecosystem]") {
  models::RetryPolicy retry = models::RetryPolicy::fope2012();
  retry.tempfail_is_permanent = true;
  Ecosystem eco(outage_world(retry));
  const std::uint64_t during = created_between(eco, hours(10), hours(16));
  eco.run();
  eco.finish();
  const auto& c = eco.ledger().tenant(0_tenant);
  CHECK(c.rejected == during);
  CHECK(c.delivered == c.sent - during);
}

TEST_CASE("conservation: every message of a busy mixed world ends in exactly one state", "[ecosystem]") {
  auto c = pool_world(false);
  c.duration = sim::days(3);
  // Add trouble of every kind: an outage, a provider fault, an outbound filter, a short queue.
  c.providers[0].config.filter.catch_rate = 0.5;
  c.providers[0].config.retry.lifetime = hours(6);
  models::GatewayOutage outage;
  outage.gateway = kNeutralOk;
  outage.duration = hours(8);
  c.timeline.push_back({hours(20), "", outage});
  models::ProviderFaultAction fault;
  fault.provider = 0_provider;
  fault.duration = hours(5);
  c.timeline.push_back({hours(30), "", fault});
  Ecosystem eco(std::move(c));
  eco.run_until(hours(60));  // stop mid-run: some mail is still queued
  eco.finish();
  const auto& l = eco.ledger();
  std::uint64_t sent = 0, finished = 0, queued = 0;
  for (models::TenantIndex t{0}; t < eco.tenant_count(); ++t) {
    const auto& x = l.tenant(t);
    CHECK(x.sent == x.finished() + x.queued_at_end);
    sent += x.sent;
    finished += x.finished();
    queued += x.queued_at_end;
  }
  for (models::GatewayIndex g{0}; g < eco.gateway_count(); ++g)
    CHECK(l.gateway(g).sent == l.gateway(g).finished() + l.gateway(g).queued_at_end);
  for (auto [t, g] : l.pairs())
    CHECK(l.pair(t, g).sent == l.pair(t, g).finished() + l.pair(t, g).queued_at_end);
  CHECK(sent == finished + queued);
  CHECK(queued == eco.provider(0_provider).queued());
  std::vector<const models::Message*> held;
  eco.provider(0_provider).collect_queued(held);
  CHECK(queued == held.size());       // the lanes hold exactly the mail the ledger counts as queued
  CHECK(eco.messages().live() == 0);  // the provider takes each message out of the pool
  const auto totals = l.totals();
  CHECK(totals.filtered > 0);
  CHECK(totals.expired > 0);
  CHECK(totals.rejected > 0);
  CHECK(totals.delivered > 0);
}
