// A reroute's effect end to end: a tenant cut off at one gateway through its provider (the
// gateway's name servers fail for that provider's resolvers, every attempt: 451 4.4.3) is rerouted
// through another provider at 12 h. Its new mail to that gateway is delivered as it is created;
// what it queued before stays in the old provider's queue. Without the reroute nothing arrives.
#include <catch2/catch.hpp>

#include <memory>

#include "io/scenario_loader.hpp"
#include "models/ecosystem.hpp"
#include "shipped_scenario.hpp"

using namespace repsim;
using namespace repsim::models;
using nlohmann::json;
using sim::hours;
using sim::minutes;

namespace {

json world(bool reroute) {
  json doc = json::parse(R"({
    "name": "reroute", "start": "2012-05-14T00:00:00-04:00", "duration": "24h", "seed": 3,
    "providers": [
      {"id": "o365", "retry": {"preset": "postfix"}, "pools": [{"id": "shared", "size": 2}]},
      {"id": "other", "retry": {"preset": "postfix"}, "pools": [{"id": "alt", "size": 1}]}
    ],
    "tenants": [{"id": "contractor", "provider": "o365", "messages_per_day": 480,
                 "recipients": [{"gateway": "va"}]}],
    "gateways": [{"id": "va", "dns_failure": {"probability": 1, "providers": ["o365"]}}],
    "timeline": []
  })");
  if (reroute)
    doc["timeline"].push_back(json::parse(
        R"({"at": "12h", "action": "reroute", "tenant": "contractor", "gateway": "va", "to": "other"})"));
  return doc;
}

std::unique_ptr<Ecosystem> build(bool reroute) {
  return std::make_unique<Ecosystem>(io::load_scenario_text(world(reroute).dump(), "reroute.json").config);
}

}  // namespace

TEST_CASE("reroute end to end: new mail to the cut-off gateway is delivered as it is created",
          "[scenario][reroute]") {
  const sim::Time at = hours(12);
  auto full = build(true);
  full->run();
  full->finish();
  const TenantIndex contractor = testing::tenant_index(*full, "contractor");
  const GatewayIndex va = testing::gateway_index(*full, "va");
  const auto outages = testing::outages_of(*full, contractor, va);
  REQUIRE(outages.size() == 1);
  CHECK(outages[0].cause == BlockCause::DnsFailure);
  // The outage ends with the first message created after the reroute (E): it leaves through the
  // other provider at once and its first attempt succeeds.
  const sim::Time first_after = outages[0].end;
  REQUIRE(first_after > at);

  auto eco = build(true);
  eco->run_until(at);
  const DeliveryCounts before = eco->ledger().tenant(contractor);
  CHECK(before.sent > 0);
  CHECK(before.delivered == 0);
  eco->run_until(first_after - 1);
  CHECK(eco->ledger().tenant(contractor).sent == before.sent);
  CHECK(eco->ledger().tenant(contractor).delivered == 0);
  eco->run_until(first_after);
  CHECK(eco->ledger().tenant(contractor).sent == before.sent + 1);
  CHECK(eco->ledger().tenant(contractor).delivered == 1);
  // 480 a day is 20 an hour: the next arrival after 12 h is an Exp(20/h) wait, under 30 min with
  // probability 1 - e^-10.
  CHECK(first_after - at < minutes(30));

  // From then on every new message is delivered at its first attempt; the mail queued before the
  // reroute stays in o365's queue (the queue lifetime, 5 days, outlasts the run).
  const DeliveryCounts all = full->ledger().tenant(contractor);
  CHECK(all.delivered == all.sent - before.sent);
  CHECK(all.queued_at_end == before.sent);
  CHECK(all.expired == 0);
  CHECK(all.rejected == 0);
  CHECK(all.latency_s.max() == 0);  // every delivery at its creation instant

  auto without = build(false);
  without->run();
  without->finish();
  const DeliveryCounts none = without->ledger().tenant(contractor);
  CHECK(none.sent == all.sent);  // the reroute changes no draw of the tenant's
  CHECK(none.delivered == 0);
  CHECK(none.queued_at_end == none.sent);
}
