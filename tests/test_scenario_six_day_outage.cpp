// Regression: the flagship replay of May 2012 (seeds 000, 001) tells the story the write-ups tell.
#include <catch2/catch.hpp>

#include "index_literals.hpp"
#include "shipped_scenario.hpp"

using namespace repsim;
using namespace repsim::testing;
using sim::hours;
using namespace repsim::models::index_literals;

namespace {

// Local time of the scenario (-04:00) at a given day of May 2012 and hour, as sim time.
sim::Time may(const models::Ecosystem& eco, int day, int hour, int minute = 0) {
  char iso[40];
  std::snprintf(iso, sizeof iso, "2012-05-%02dT%02d:%02d:00-04:00", day, hour, minute);
  return eco.calendar().parse_time(iso);
}

}  // namespace

TEST_CASE("six-day outage: the contractor's story", "[scenario][six_day_outage]") {
  // Catch2 re-enters the test case once per SECTION: run the scenario once and share it.
  static const auto eco = run_shipped("six_day_outage");
  const auto contractor = tenant_index(*eco, "contractor");
  const auto va = gateway_index(*eco, "va");
  const auto prime = gateway_index(*eco, "prime");
  const sim::Time t0 = may(*eco, 9, 16, 30);  // Wed 9 May 16:30, when the customer noticed
  const sim::Time reroute = t0 + hours(120);

  SECTION("contractor -> VA: from 9 May until the reroute at T0 + 120 h") {
    const auto o = outages_of(*eco, contractor, va);
    REQUIRE(o.size() == 1);
    CHECK(o[0].start >= may(*eco, 9, 0));
    CHECK(o[0].start < t0);  // deferred from before T0
    CHECK(o[0].end >= reroute);
    CHECK(o[0].end - o[0].start >= hours(110));
    CHECK(o[0].cause == models::BlockCause::Reputation);
  }
  SECTION("contractor -> prime: ends on Monday 14 May between 06:00 and 12:00") {
    const auto o = outages_of(*eco, contractor, prime);
    REQUIRE(o.size() == 1);
    CHECK(o[0].start < t0);
    CHECK(o[0].end >= may(*eco, 14, 6));
    CHECK(o[0].end <= may(*eco, 14, 12));
  }
  SECTION("no outage at all at gateways that accept Neutral") {
    for (models::GatewayIndex g{0}; g < eco->gateway_count(); ++g) {
      if (g == va || g == prime) continue;
      CHECK(outages_of(*eco, contractor, g).empty());
      CHECK(eco->ledger().pair(contractor, g).deferred_attempts == 0);
    }
  }
  SECTION("mail queued for VA on the old route comes back as NDRs five days later") {
    const auto& c = eco->ledger().pair(contractor, va);
    // Everything the contractor queued for VA through the pool before the reroute expired: the
    // sent count minus what nsMail and the pre-incident pool delivered.
    CHECK(c.expired > 0);
    CHECK(c.expired == c.sent - c.delivered);
    CHECK(c.rejected == 0);
    CHECK(eco->ledger().pair(contractor, prime).expired == 0);  // prime took its mail before 5 days
    CHECK(c.delay_notices > 0);
    CHECK(eco->ledger().tenant(contractor).delay_notices > 0);
  }
  SECTION("the pool falls from Good to Neutral, score 0, and stays there past T0 + 144 h") {
    const auto& pool = eco->pools()[0];
    bool fell = false;
    const models::ScoreScale& scale = eco->scorer(0_scorer).scale();
    for (const auto& e : eco->event_log())
      if (e.kind == models::EventKind::BandChange && eco->scorer(e.scorer).id() == "senderbase" &&
          e.from == scale.band_index("Good") && e.to == scale.band_index("Neutral")) {
        fell = true;
        CHECK(eco->pools()[eco->ips()[e.ip].pool].id == "o365-outbound");
        CHECK(e.time >= may(*eco, 9, 12));
        CHECK(e.time < t0);
      }
    CHECK(fell);
    CHECK(pool.ips.size() == 64);
  }
  SECTION("the prime lowers its threshold on Monday morning; VA never allowlists") {
    bool lowered = false;
    for (const auto& e : eco->event_log()) {
      if (e.kind == models::EventKind::SetThreshold) {
        lowered = true;
        CHECK(eco->actor_name(e.actor) == "prime-mail-admins");
        CHECK(e.gateway == prime);
        CHECK(e.time >= may(*eco, 14, 6));
        CHECK(e.time <= may(*eco, 14, 12));
      }
      CHECK(e.kind != models::EventKind::Allowlist);
    }
    CHECK(lowered);
  }
}

TEST_CASE("six-day outage: the same seed gives the same run", "[scenario][six_day_outage]") {
  const auto a = run_shipped("six_day_outage");
  const auto b = run_shipped("six_day_outage");
  CHECK(a->simulation().events_handled() == b->simulation().events_handled());
  CHECK(a->event_log().size() == b->event_log().size());
  const auto ta = a->ledger().totals(), tb = b->ledger().totals();
  CHECK(ta.delivered == tb.delivered);
  CHECK(ta.expired == tb.expired);
  CHECK(ta.deferred_attempts == tb.deferred_attempts);
}
