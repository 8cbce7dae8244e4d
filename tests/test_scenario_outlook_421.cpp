// Regression: "Outlook 365 having a bad day" (seed 002). Outlook-hosted domains answer 421 4.3.2 for
// eight hours; real queues lose nothing, a mailer that treats 4xx as permanent loses exactly what it
// tried during the window.
#include <catch2/catch.hpp>

#include "io/scenario_loader.hpp"
#include "shipped_scenario.hpp"

using namespace repsim;
using namespace repsim::testing;
using sim::hours;
using sim::minutes;
using sim::seconds;

namespace {

struct Outlook421Run {
  std::unique_ptr<models::Ecosystem> eco;
  sim::Time window_start = 0, window_end = 0;
  // shop-mailer's messages to Outlook created in [window_start, window_end): the hand count.
  std::uint64_t shop_created_in_window = 0;
};

// Runs the shipped scenario, stepping to the outage bounds to read shop-mailer's sent counter just
// before each (the technique of test_ecosystem_queues.cpp).
Outlook421Run run_outlook_421() {
  auto loaded = io::load_scenario_file(std::string(REPSIM_SOURCE_DIR) + "/scenarios/outlook_421.json");
  Outlook421Run r;
  r.eco = std::make_unique<models::Ecosystem>(std::move(loaded.config));
  auto& eco = *r.eco;
  r.window_start = eco.calendar().parse_time("2013-06-04T10:00:00-07:00");
  r.window_end = r.window_start + hours(8);
  const auto shop = tenant_index(eco, "shop-mailer");
  const auto outlook = gateway_index(eco, "outlook-hosted");
  eco.run_until(r.window_start - 1);
  const std::uint64_t before = eco.ledger().pair(shop, outlook).sent;
  eco.run_until(r.window_end - 1);
  r.shop_created_in_window = eco.ledger().pair(shop, outlook).sent - before;
  eco.run();
  eco.finish();
  return r;
}

}  // namespace

TEST_CASE("outlook 421: queues hold the mail, a broken mailer loses the window", "[scenario][outlook_421]") {
  // Catch2 re-enters the test case once per SECTION: run the scenario once and share it.
  static const Outlook421Run run = run_outlook_421();
  const auto& eco = *run.eco;
  const auto& ledger = eco.ledger();
  const auto outlook = gateway_index(eco, "outlook-hosted");
  const auto elsewhere = gateway_index(eco, "elsewhere");

  SECTION("the scripted outage is one 8 h window of 421 4.3.2 at outlook-hosted") {
    const auto& windows = eco.gateway(outlook).outages();
    REQUIRE(windows.size() == 1);
    CHECK(windows[0].start == run.window_start);
    CHECK(windows[0].end == run.window_end);
    CHECK(windows[0].code == 421);
    CHECK(windows[0].text ==
          "4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing "
          "transmission "
          "channel");
    CHECK(eco.gateway(elsewhere).outages().empty());
  }
  SECTION("senders with a real queue lose nothing: every 421 was only a deferral") {
    for (const char* name : {"newsletter-co", "office-co"}) {
      INFO(name);
      const auto t = tenant_index(eco, name);
      const auto& c = ledger.pair(t, outlook);
      CHECK(c.sent > 0);
      CHECK(c.deferred_attempts > 0);  // they did meet the 421s ...
      CHECK(c.rejected == 0);          // ... and never turned one into a bounce (no address removed)
      CHECK(c.expired == 0);
      CHECK(c.queued_at_end == 0);
      CHECK(c.delivered == c.sent);
      CHECK(ledger.tenant(t).delivered == ledger.tenant(t).sent);
      CHECK(ledger.pair(t, elsewhere).deferred_attempts == 0);  // only Outlook-hosted domains had the problem
    }
  }
  SECTION("queued mail drains within one retry interval of the restore") {
    // Postfix backs off to at most 4000 s, FOPE retries every 20 min: the first delivery after the
    // window ends comes within that interval, and no message waits longer than the window plus it.
    const auto newsletter = tenant_index(eco, "newsletter-co");
    const auto office = tenant_index(eco, "office-co");
    CHECK(ledger.pair(newsletter, outlook).latency_s.max() <= 8 * 3600 + 4000);
    CHECK(ledger.pair(office, outlook).latency_s.max() <= 8 * 3600 + 20 * 60);
    for (const auto& o : ledger.outages()) {
      CHECK(o.gateway == outlook);
      CHECK(o.cause == models::BlockCause::GatewayOutage);
      CHECK(o.start >= run.window_start);
      CHECK(o.start < run.window_end);
      CHECK(o.end >= run.window_end);
      if (o.tenant == newsletter) CHECK(o.end <= run.window_end + seconds(4000));
      if (o.tenant == office) CHECK(o.end <= run.window_end + minutes(20));
    }
    CHECK(ledger.outages().size() == 3);  // one per sender, none at 'elsewhere'
  }
  SECTION("the 4xx-is-permanent mailer loses exactly what it tried during the window") {
    // Hand count: with no connection limit a message is tried the moment it is created, so the
    // messages tried during [10:00, 18:00) are those created then: the difference of the pair's sent
    // counter just before 18:00 and just before 10:00. Each of them met one 421 (a deferred attempt)
    // and bounced on it; everything before and after went straight through.
    const auto shop = tenant_index(eco, "shop-mailer");
    const auto& c = ledger.pair(shop, outlook);
    REQUIRE(run.shop_created_in_window > 0);
    CHECK(c.rejected == run.shop_created_in_window);
    CHECK(c.deferred_attempts == run.shop_created_in_window);  // every NDR was a 421, a tempfail
    CHECK(c.expired == 0);
    CHECK(c.delivered == c.sent - run.shop_created_in_window);
    CHECK(c.legit_lost == run.shop_created_in_window);
    CHECK(ledger.pair(shop, elsewhere).rejected == 0);
    CHECK(ledger.tenant(shop).rejected == run.shop_created_in_window);
    // Plausibility of the hand count: 480 a day flat, half to Outlook, over 8 h is 480 / 2 / 3 = 80
    // expected (Poisson, sd ~9): within 4 sd.
    CHECK(run.shop_created_in_window >= 80 - 36);
    CHECK(run.shop_created_in_window <= 80 + 36);
  }
  SECTION("conservation: every message ends in exactly one state") {
    for (models::TenantIndex t{0}; t < eco.tenant_count(); ++t)
      CHECK(ledger.tenant(t).sent == ledger.tenant(t).finished() + ledger.tenant(t).queued_at_end);
  }
}
