// A provider's abuse desk in a run: users' complaints about accepted spam reach the sending
// tenant's provider (a feedback loop), the desk suspends the tenant response_delay after the
// signals reach its threshold, the suspension is logged, and the tenant's later mail is filtered.
// The world: one tenant on o365 mailing a gateway that accepts everything (no scorer, no content
// filter, no reports_to: the feedback loop does not need a reputation service); 10 spam an hour from
// 02:00 to 08:00 on top of 48 legitimate messages a day.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "index_literals.hpp"
#include "io/story.hpp"
#include "scenario_fixture.hpp"

using nlohmann::json;
using namespace repsim;
using namespace repsim::models::index_literals;
using models::Event;
using models::EventKind;
using sim::hours;

namespace {

json abuse_world(double complaint_rate) {
  json doc = json::parse(R"({
    "name": "abuse",
    "start": "2012-05-07T00:00:00-04:00",
    "duration": "1d",
    "seed": 3,
    "providers": [{"id": "o365", "abuse_desk": {"enabled": true, "complaint_threshold": 3, "response_delay": "1h"},
                   "pools": [{"id": "shared", "size": 1}]}],
    "tenants": [{"id": "spammer", "provider": "o365", "messages_per_day": 48, "profile": {"kind": "flat"},
                 "recipients": [{"gateway": "inbox"}],
                 "episodes": [{"start": "2012-05-07T02:00:00-04:00", "duration": "6h", "messages_per_hour": 10}]}],
    "gateways": [{"id": "inbox", "check_spf": false}]
  })");
  doc["gateways"][0]["complaint_rate"] = complaint_rate;
  return doc;
}

io::ScenarioRun built(const json& doc) {
  io::ScenarioRun r(io::testing::load(doc));
  r.build();
  return r;
}

std::vector<const Event*> suspensions(const models::Ecosystem& eco) {
  std::vector<const Event*> out;
  for (const Event& e : eco.event_log())
    if (e.kind == EventKind::TenantSuspended) out.push_back(&e);
  return out;
}

}  // namespace

TEST_CASE("complaints reach the abuse desk, which suspends the tenant response_delay after the threshold",
          "[desk]") {
  io::ScenarioRun whole = built(abuse_world(1.0));
  whole.run();
  whole.finish();
  const models::Ecosystem& eco = whole.world();
  const auto s = suspensions(eco);
  REQUIRE(s.size() == 1);
  const sim::Time suspended_at = s[0]->time;
  CHECK(eco.actor_name(s[0]->actor) == "o365");
  CHECK(s[0]->tenant == 0_tenant);
  CHECK(s[0]->provider == 0_provider);
  CHECK(s[0]->value >= 3);  // the signals at the suspension: the threshold and the hour's spam since
  CHECK(s[0]->text.rfind("spammer suspended after ", 0) == 0);
  CHECK(eco.provider(0_provider).suspended(0_tenant));
  // Every accepted spam drew a complaint (rate 1), each one signal: no other source here.
  const models::DeliveryCounts& c = eco.ledger().tenant(0_tenant);
  CHECK(eco.provider(0_provider).abuse_signals(0_tenant) == c.spam_accepted);
  // Spam starts at 02:00, 10 an hour: the third complaint comes after 02:00, and the suspension
  // after 03:00 (1 h later) and well before the episode ends.
  CHECK(suspended_at > hours(3));
  CHECK(suspended_at < hours(8));
  // Whatever the tenant sends from then on, spam or not, is filtered; before, nothing was.
  CHECK(c.filtered > 0);
  CHECK(c.filtered + c.delivered == c.sent);

  // The same run (same seed) watched around the crossing: the threshold is reached exactly
  // response_delay before the suspension, and mail delivered stops at it.
  io::ScenarioRun watched = built(abuse_world(1.0));
  const models::Ecosystem& w = watched.world();
  watched.run_until(suspended_at - hours(1) - 1);
  CHECK(w.provider(0_provider).abuse_signals(0_tenant) < 3);
  watched.run_until(suspended_at - hours(1));
  CHECK(w.provider(0_provider).abuse_signals(0_tenant) >= 3);
  watched.run_until(suspended_at - 1);
  CHECK_FALSE(w.provider(0_provider).suspended(0_tenant));
  CHECK(suspensions(w).empty());
  watched.run_until(suspended_at);
  CHECK(w.provider(0_provider).suspended(0_tenant));
  const std::uint64_t delivered_at_suspension = w.ledger().tenant(0_tenant).delivered;
  CHECK(w.ledger().tenant(0_tenant).filtered == 0);
  watched.run();
  CHECK(w.ledger().tenant(0_tenant).delivered == delivered_at_suspension);

  // In the story, as the provider's line.
  bool told = false;
  for (const std::string& line : io::story_event_lines(eco))
    told = told || line.find("o365 tenant_suspended: spammer suspended after ") != std::string::npos;
  CHECK(told);
}

TEST_CASE("with no complaints (and no outbound filter) the abuse desk suspends nobody", "[desk]") {
  io::ScenarioRun r = built(abuse_world(0.0));
  r.run();
  r.finish();
  const models::Ecosystem& eco = r.world();
  CHECK(suspensions(eco).empty());
  CHECK_FALSE(eco.provider(0_provider).suspended(0_tenant));
  CHECK(eco.provider(0_provider).abuse_signals(0_tenant) == 0);
  CHECK(eco.ledger().tenant(0_tenant).spam_accepted > 3);
  CHECK(eco.ledger().tenant(0_tenant).filtered == 0);
}
