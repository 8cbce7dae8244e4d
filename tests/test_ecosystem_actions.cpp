// What each action does to a running ecosystem (the timeline and operators share them).
#include <catch2/catch.hpp>

#include "ecosystem_fixture.hpp"
#include "index_literals.hpp"
#include "models/ecosystem.hpp"

using namespace repsim;
using namespace repsim::testing;
using models::Ecosystem;
using sim::hours;
using namespace repsim::models::index_literals;

namespace {

const models::OutageInterval* outage_of(const Ecosystem& eco, models::TenantIndex t, models::GatewayIndex g) {
  for (const auto& o : eco.ledger().outages())
    if (o.tenant == t && o.gateway == g) return &o;
  return nullptr;
}

}  // namespace

TEST_CASE("allowlisting a domain ends its outage at once, others stay blocked", "[ecosystem]") {
  auto c = pool_world(false);
  c.timeline.push_back({hours(60), "good-admins", models::Allowlist{kGoodOnly, 5_tenant, models::kNone}});
  Ecosystem eco(std::move(c));
  eco.run_until(hours(64));  // before the spam (48..54 h) leaves the 12 h window and scores recover
  eco.finish();
  const auto* o5 = outage_of(eco, 5_tenant, kGoodOnly);
  const auto* o6 = outage_of(eco, 6_tenant, kGoodOnly);
  REQUIRE(o5);
  REQUIRE(o6);
  CHECK(o5->end >= hours(60));
  CHECK(o5->end <= hours(60) + sim::minutes(20));  // the next FOPE retry goes through
  CHECK(o6->end == sim::kNever);                   // still blocked at 64 h
}

TEST_CASE("the vendor restoring the pool's score reopens Good-only gateways", "[ecosystem]") {
  auto c = pool_world(false);
  c.timeline.push_back({hours(60), "senderbase", models::RestoreScore{0_scorer, {}, 5.0}});
  Ecosystem eco(std::move(c));
  eco.run_until(hours(60));
  for (auto ip : eco.pools()[0].ips) CHECK(eco.scorer(0_scorer).standing(ip).score == 5.0);
  eco.run_until(hours(61));
  eco.finish();
  for (models::TenantIndex t{1}; t < 20; ++t) {
    const auto* o = outage_of(eco, t, kGoodOnly);
    REQUIRE(o);
    CHECK(o->end >= hours(60));
    CHECK(o->end <= hours(61));
  }
}

TEST_CASE("every applied action is in the event log with its actor", "[ecosystem]") {
  auto c = pool_world(false);
  c.timeline.push_back({hours(1), "", models::Note{"hello"}});
  c.timeline.push_back({hours(2), "prime", models::SetThreshold{kGoodOnly, -1.0}});
  Ecosystem eco(std::move(c));
  eco.run_until(hours(3));
  std::vector<const models::Event*> seen;
  for (const auto& e : eco.event_log())
    if (e.kind == models::EventKind::Note || e.kind == models::EventKind::SetThreshold) seen.push_back(&e);
  REQUIRE(seen.size() == 2);
  CHECK(seen[0]->time == hours(1));
  CHECK(seen[0]->actor == models::Actor{models::ActorKind::Timeline, 1});  // after the fixture's burst
  CHECK(eco.actor_name(seen[0]->actor) == "timeline");
  CHECK(seen[0]->text == "hello");
  CHECK(seen[1]->kind == models::EventKind::SetThreshold);
  CHECK(eco.actor_name(seen[1]->actor) == "prime");
  CHECK(seen[1]->gateway == kGoodOnly);
  CHECK(seen[1]->value == -1.0);
  CHECK(seen[1]->text == "good-only accepts scores >= -1 (Neutral)");
  CHECK(eco.gateway(kGoodOnly).threshold() == -1.0);
}

TEST_CASE("actions naming unknown entities are refused", "[ecosystem]") {
  Ecosystem eco(pool_world(false));
  CHECK_THROWS_AS(eco.apply(models::SetThreshold{99_gateway, 0.0}, models::Actor{}), std::invalid_argument);
  CHECK_THROWS_AS(eco.apply(models::Reroute{0_tenant, models::kNone, 5_provider}, models::Actor{}),
                  std::invalid_argument);
  CHECK_THROWS_AS(eco.schedule({-1, "x", models::Note{}}), std::invalid_argument);
}
