// Regression: the shipped scale_week scenario at scale 0.01 (1,000 tenants, 20 organisations,
// ~700,000 messages) tells its story, balances its books, and is a pure function of its seed.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>

#include "index_literals.hpp"
#include "io/events_csv.hpp"
#include "io/scenario_loader.hpp"
#include "io/summary_json.hpp"
#include "io/timeseries_csv.hpp"
#include "models/ecosystem.hpp"
#include "shipped_scenario.hpp"

using namespace repsim;
using namespace repsim::testing;
using sim::hours;
using namespace repsim::models::index_literals;

namespace {

constexpr double kScale = 0.01;

struct ScaleWeek {
  std::unique_ptr<models::Ecosystem> eco;
  double expected_messages = 0;  // sum of the members' volumes x 7 days
  std::string summary, timeseries, events;
};

ScaleWeek run_scale_week() {
  io::LoadOptions options;
  options.scale = kScale;
  auto loaded =
      io::load_scenario_file(std::string(REPSIM_SOURCE_DIR) + "/scenarios/scale_week.json", options);
  ScaleWeek r;
  for (const auto& t : loaded.config.tenants) r.expected_messages += 7.0 * t.config.messages_per_day;
  const io::RunInfo info{loaded.config.name, loaded.description, loaded.config.seed, loaded.notes};
  r.eco = std::make_unique<models::Ecosystem>(std::move(loaded.config));
  r.eco->run();
  r.eco->finish();
  const sim::Time end = r.eco->simulation().now();
  r.summary = io::summary_json_text(*r.eco, info);
  r.timeseries = io::timeseries_csv(r.eco->metrics(), r.eco->calendar(), end);
  r.events = io::events_csv(*r.eco);
  return r;
}

bool good_only(const models::Ecosystem& eco, models::GatewayIndex g) {
  // orgs-a (members 0..9 at this scale) apportions 0.6 / 0.4: members 0..5 are Good-only.
  const std::string& id = eco.gateway_name(g);
  return id.rfind("orgs-a#", 0) == 0 && std::stoi(id.substr(7)) < 6;
}

}  // namespace

TEST_CASE("scale week at 0.01: the drop, the queues, the books", "[scenario][scale_week]") {
  static const ScaleWeek run = run_scale_week();
  const auto& eco = *run.eco;
  const auto& ledger = eco.ledger();

  SECTION("the world is the file times 0.01") {
    // smb 99,000 -> 990, enterprise 1,000 -> 10; orgs-a and orgs-b 1,000 -> 10 each;
    // shared 1,024 IPs -> 10.24 -> 10, dedicated 1,000 -> 10.
    CHECK(eco.tenant_count() == 1000);
    CHECK(eco.gateway_count() == 20);
    REQUIRE(eco.pools().size() == 2);
    CHECK(eco.pools()[0].ips.size() == 10);
    CHECK(eco.pools()[1].ips.size() == 10);
    int strict = 0;
    for (models::GatewayIndex g{0}; g < eco.gateway_count(); ++g) strict += good_only(eco, g) ? 1 : 0;
    CHECK(strict == 6);  // 30% of the organisations
  }
  SECTION("the volume is the members' volumes over one week") {
    // Over exactly one week every profile delivers 7 x messages_per_day (the normalisation of
    // ArrivalRate); the total is Poisson: within 4 sd.
    const double sent = static_cast<double>(ledger.totals().sent);
    CHECK(std::fabs(sent - run.expected_messages) <= 4.0 * std::sqrt(run.expected_messages));
    CHECK(sent > 600000);
  }
  SECTION("every message ends in exactly one state, and the queues drain before the end") {
    const auto t = ledger.totals();
    CHECK(t.sent == t.finished() + t.queued_at_end);
    CHECK(t.queued_at_end == 0);
    CHECK(t.expired == 0);  // 3 days of deferral, a 5-day lifetime
    CHECK(eco.messages().live() == 0);
    CHECK(eco.provider(0_provider).queued() == 0);
    CHECK(eco.provider(0_provider).busy_lanes() == 0);
    CHECK(t.delay_notices > 0);
  }
  SECTION("only the Good-only organisations defer, from the drop to the restore") {
    REQUIRE(!ledger.outages().empty());
    for (const auto& o : ledger.outages()) {
      CHECK(good_only(eco, o.gateway));
      CHECK(o.cause == models::BlockCause::Reputation);
      CHECK(eco.tenant_name(o.tenant).rfind("smb#", 0) == 0);  // enterprises have their own IPs
      CHECK(o.start >= hours(33));
      CHECK(o.end >= hours(105));
      CHECK(o.end <= hours(106));  // the next 20-min retry, then the flush at 10 messages a second
    }
    for (models::GatewayIndex g{0}; g < eco.gateway_count(); ++g)
      if (!good_only(eco, g)) CHECK(ledger.gateway(g).deferred_attempts == 0);
  }
  SECTION("a deferred message costs one retry that delivers it, plus the lanes' failed probes") {
    // Everything deferred left its lane by a retry that did not defer (nothing expired or stayed
    // queued), so 4xx replies = first-attempt deferrals + failed retries = retries.
    CHECK(ledger.totals().deferred_attempts == eco.provider(0_provider).retries());
    // One lane per Good-only organisation (the shared pool); no dedicated IP was refused.
    CHECK(eco.provider(0_provider).lane_count() >= 6);
  }
  SECTION("the same seed gives the same bytes") {
    const ScaleWeek again = run_scale_week();
    CHECK(again.eco->simulation().events_handled() == eco.simulation().events_handled());
    CHECK(again.summary == run.summary);
    CHECK(again.timeseries == run.timeseries);
    CHECK(again.events == run.events);
  }
}
