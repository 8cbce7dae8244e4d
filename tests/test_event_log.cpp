// The event log's typed records: names of kinds and states, and what the ecosystem emits for
// initial bands, fault windows, outages, delay notices and NDRs.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>

#include "ecosystem_fixture.hpp"
#include "index_literals.hpp"
#include "models/ecosystem.hpp"

using namespace repsim;
using namespace repsim::testing;
using models::Actor;
using models::ActorKind;
using models::Ecosystem;
using models::Event;
using models::EventKind;
using models::kNone;
using sim::hours;
using namespace repsim::models::index_literals;

namespace {

std::vector<const Event*> records_of(const Ecosystem& eco, EventKind kind) {
  std::vector<const Event*> out;
  for (const Event& e : eco.event_log())
    if (e.kind == kind) out.push_back(&e);
  return out;
}

}  // namespace

TEST_CASE("every kind has its own name, and actions keep the names scenario files use", "[event_log]") {
  std::set<std::string_view> names;
  for (int k = 0; k <= static_cast<int>(EventKind::TenantSuspended); ++k)
    names.insert(models::event_kind_name(static_cast<EventKind>(k)));
  CHECK(names.size() == static_cast<std::size_t>(EventKind::TenantSuspended) + 1);
  CHECK(names.count("unknown") == 0);

  CHECK(models::event_kind(models::SetThreshold{}) == EventKind::SetThreshold);
  CHECK(models::event_kind(models::ProviderFaultAction{}) == EventKind::ProviderFault);
  CHECK(models::action_name(models::ProviderFaultAction{}) == "provider_fault");
  CHECK(models::action_name(models::RequestDelisting{}) == "request_delisting");
  CHECK(models::action_name(models::Note{}) == "note");
  CHECK(models::action_name(models::SetParameter{}) == "set");
  CHECK(models::event_kind_name(EventKind::DelistedOnRequest) == "delisted_on_request");
  CHECK(models::event_kind_name(EventKind::InitialBand) == "initial_band");
  CHECK(models::event_kind_name(EventKind::TicketAnswered) == "ticket_answered");
  CHECK(models::event_kind_name(EventKind::TenantSuspended) == "tenant_suspended");
}

TEST_CASE("from and to name bands, unscored or listings by kind", "[event_log]") {
  const models::ScoreScale scale;  // Poor, Neutral, Good
  CHECK(models::state_name(EventKind::BandChange, scale, 0) == "Poor");
  CHECK(models::state_name(EventKind::InitialBand, scale, 2) == "Good");
  CHECK(models::state_name(EventKind::BandChange, scale, kNone) == "unscored");
  CHECK(models::state_name(EventKind::InitialBand, scale, kNone) == "");  // it has no from
  CHECK(models::state_name(EventKind::Listed, scale, models::kListed) == "listed");
  CHECK(models::state_name(EventKind::DelistedExpired, scale, models::kUnlisted) == "unlisted");
  CHECK(models::state_name(EventKind::RestoreScore, scale, 1) == "");
  CHECK(models::is_listing(EventKind::DelistedByVendor));
  CHECK_FALSE(models::is_listing(EventKind::BandChange));
}

TEST_CASE("an established pool's IPs start in their band: one initial_band each at time 0", "[event_log]") {
  const Ecosystem eco(pool_world(false));  // 8 IPs established at 5 (Good), not yet run
  REQUIRE(eco.event_log().size() == 8);
  for (models::IpIndex ip{0}; ip < 8; ++ip) {
    const Event& e = eco.event_log()[ip];
    CHECK(e.time == 0);
    CHECK(e.kind == EventKind::InitialBand);
    CHECK(e.actor == Actor{ActorKind::Scorer, 0});
    CHECK(e.ip == ip);
    CHECK(e.scorer == 0);
    CHECK(e.from == kNone);
    CHECK(e.to == 2);  // Good
    CHECK(e.value == 5.0);
  }
  // A new pool has no score before it is seen: no record.
  auto c = pool_world(false);
  c.providers[0].pools[0].initial_score.reset();
  CHECK(Ecosystem(std::move(c)).event_log().empty());
}

TEST_CASE("a fault window is its action, then a fault_end once the run passes its end", "[event_log]") {
  auto c = pool_world(false);
  c.timeline.push_back({hours(10), "ops", models::GatewayOutage{kBulk, hours(3)}});
  c.timeline.push_back(
      {hours(20), "ops", models::ProviderFaultAction{0_provider, hours(200)}});  // past the 4 days
  Ecosystem eco(std::move(c));
  eco.run_until(hours(13) - 1);
  CHECK(records_of(eco, EventKind::FaultEnd).empty());
  eco.run_until(hours(13));
  const auto ends = records_of(eco, EventKind::FaultEnd);
  REQUIRE(ends.size() == 1);
  CHECK(ends[0]->time == hours(13));
  CHECK(ends[0]->gateway == kBulk);
  CHECK(ends[0]->value == 421);
  CHECK(eco.actor_name(ends[0]->actor) == "ops");
  const auto starts = records_of(eco, EventKind::GatewayOutage);
  REQUIRE(starts.size() == 1);
  CHECK(starts[0]->time == hours(10));
  CHECK(starts[0]->actor == ends[0]->actor);

  eco.run();
  eco.finish();
  CHECK(records_of(eco, EventKind::FaultEnd).size() == 1);  // the provider fault outlasts the run
  sim::Time last = 0;
  for (const Event& e : eco.event_log()) {
    CHECK(e.time >= last);  // in time order
    last = e.time;
  }
}

TEST_CASE("outage records name the pair and cause, and an end carries its hours", "[event_log]") {
  Ecosystem eco(pool_world(false));
  eco.run();
  eco.finish();
  const auto starts = records_of(eco, EventKind::OutageStart);
  const auto ends = records_of(eco, EventKind::OutageEnd);
  const auto& outages = eco.ledger().outages();
  REQUIRE_FALSE(outages.empty());
  REQUIRE(starts.size() == outages.size());
  std::size_t closed = 0;
  for (std::size_t k = 0; k < outages.size(); ++k) {
    const models::OutageInterval& o = outages[k];
    // Told once it has lasted the minimum duration (docs/outages.md); value: the hours by then.
    CHECK(starts[k]->time >= o.start + eco.config().cut_off.min_duration);
    CHECK(starts[k]->value == sim::to_hours(starts[k]->time - o.start));
    CHECK(starts[k]->tenant == o.tenant);
    CHECK(starts[k]->gateway == o.gateway);
    CHECK(starts[k]->cause == o.cause);
    CHECK(eco.actor_name(starts[k]->actor).empty());
    if (o.end == sim::kNever) continue;
    ++closed;
    bool found = false;
    for (const Event* e : ends)
      // Seen at the delivery that ends it, or later (after a quiet gap).
      if (e->tenant == o.tenant && e->gateway == o.gateway && e->time >= o.end &&
          e->value == sim::to_hours(o.end - o.start)) {
        found = true;
        CHECK(e->value == sim::to_hours(o.end - o.start));
      }
    CHECK(found);
  }
  CHECK(ends.size() == closed);
}

TEST_CASE("a pair's first delay notice and first NDR, counted when the run finishes", "[event_log]") {
  auto c = pool_world(false);
  c.providers[0].config.retry.delay_notice = hours(2);
  Ecosystem eco(std::move(c));
  eco.run();
  const auto notices = records_of(eco, EventKind::DelayNotice);
  const auto ndrs = records_of(eco, EventKind::Ndr);
  REQUIRE_FALSE(notices.empty());
  REQUIRE_FALSE(ndrs.empty());
  for (const Event* e : notices) CHECK(std::isnan(e->value));  // the run is not over
  eco.finish();

  // One record per pair that got any, with the pair's count.
  std::size_t pairs_noticed = 0, pairs_bounced = 0;
  for (const auto& [t, g] : eco.ledger().pairs()) {
    const models::DeliveryCounts counts = eco.ledger().pair(t, g);
    pairs_noticed += counts.delay_notices > 0;
    pairs_bounced += counts.bounced() > 0;
  }
  CHECK(notices.size() == pairs_noticed);
  CHECK(ndrs.size() == pairs_bounced);
  for (const Event* e : notices)
    CHECK(e->value == static_cast<double>(eco.ledger().pair(e->tenant, e->gateway).delay_notices));
  for (const Event* e : ndrs)
    CHECK(e->value == static_cast<double>(eco.ledger().pair(e->tenant, e->gateway).bounced()));

  // bulk rejects every spam of tenant 0's burst from +48 h at 600 an hour (10 a minute): its first
  // NDR comes in the burst's first minute.
  bool spam_bounced = false;
  for (const Event* e : ndrs)
    if (e->tenant == 0 && e->gateway == kBulk) {
      spam_bounced = true;
      CHECK(e->time >= hours(48));
      CHECK(e->time < hours(48) + sim::minutes(1));
    }
  CHECK(spam_bounced);
}

TEST_CASE("fault windows the scenario declares are logged as they start and end", "[event_log]") {
  auto c = pool_world(false);
  c.gateways[kBulk].outages.push_back(models::OutageWindow{hours(10), hours(12), 421, "4.3.2 busy"});
  c.providers[0].config.faults.push_back(models::ProviderFault{
      .start = hours(20), .end = hours(21), .attachments_only = true, .code = 554, .text = "5.6.0 broken"});
  Ecosystem eco(std::move(c));
  eco.run_until(hours(11));
  REQUIRE(records_of(eco, EventKind::GatewayOutage).size() == 1);
  CHECK(records_of(eco, EventKind::FaultEnd).empty());  // not before its end
  eco.run_until(hours(30));
  const auto outage = records_of(eco, EventKind::GatewayOutage);
  const auto fault = records_of(eco, EventKind::ProviderFault);
  const auto ends = records_of(eco, EventKind::FaultEnd);
  REQUIRE(outage.size() == 1);
  REQUIRE(fault.size() == 1);
  REQUIRE(ends.size() == 2);
  CHECK(outage[0]->time == hours(10));
  CHECK(outage[0]->gateway == kBulk);
  CHECK(outage[0]->value == 421);
  CHECK(outage[0]->text == "bulk answers 421 4.3.2 busy (declared in the scenario)");
  CHECK(eco.actor_name(outage[0]->actor).empty());  // nobody acts: the scenario declared it
  CHECK(ends[0]->time == hours(12));
  CHECK(ends[0]->gateway == kBulk);
  CHECK(fault[0]->time == hours(20));
  CHECK(fault[0]->provider == 0_provider);
  CHECK(fault[0]->text == "o365 answers 554 5.6.0 broken (attachments) (declared in the scenario)");
  CHECK(ends[1]->time == hours(21));
  CHECK(ends[1]->provider == 0_provider);
  // The log stays in time order with the records around them.
  for (std::size_t i = 1; i < eco.event_log().size(); ++i)
    CHECK(eco.event_log()[i - 1].time <= eco.event_log()[i].time);
}
