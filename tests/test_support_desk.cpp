// A provider's support desk in a run: a ticket to the provider is answered after its delay, and each
// stance changes the run its documented way. The world: a customer on a pool SenderBase reads
// Neutral (score 0, kept there by a recovery half-life of 10,000 h), mailing a gateway that accepts
// only Good, so all its mail is deferred (FOPE keeps it 5 days: none expires in the 3-day run).
// Monday 10:00 the customer files a ticket with its provider; the desk answers 6 h later, at 16:00.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "index_literals.hpp"
#include "io/events_csv.hpp"
#include "io/story.hpp"
#include "scenario_fixture.hpp"

using nlohmann::json;
using namespace repsim;
using namespace repsim::models::index_literals;
using models::Event;
using models::EventKind;
using sim::hours;
using sim::minutes;

namespace {

constexpr sim::Time kFiled = hours(10);     // Mon 10:00
constexpr sim::Time kAnswered = hours(16);  // + the desk's 6 h

json desk_world(const json& support_desk) {
  json doc = json::parse(R"({
    "name": "desk",
    "start": "2012-05-07T00:00:00-04:00",
    "duration": "3d",
    "seed": 7,
    "scorers": [{"id": "sb", "type": "senderbase", "recovery_half_life": "10000h"}],
    "providers": [
      {"id": "o365", "pools": [{"id": "shared", "size": 1, "initial_score": 0}]},
      {"id": "other", "pools": [{"id": "other_pool", "size": 1, "initial_score": 5}]}
    ],
    "tenants": [{"id": "customer", "provider": "o365", "messages_per_day": 240, "profile": {"kind": "flat"},
                 "recipients": [{"gateway": "va"}]}],
    "gateways": [{"id": "va", "reputation": "sb", "policy": "good_only"}],
    "operators": [
      {"id": "sb-team", "hours": "always", "response_mean": "1h", "response_cv": 0,
       "playbooks": [{"when": {"kind": "ticket_received"},
                      "action": {"action": "restore_score", "scorer": "sb", "score": 5}}]},
      {"id": "va-admins", "hours": "always", "response_mean": "2h", "response_cv": 0,
       "playbooks": [{"when": {"kind": "ticket_received"}, "probability": 1,
                      "action": {"action": "allowlist", "gateway": "va"}}]}
    ],
    "timeline": [{"at": "2012-05-07T10:00:00-04:00", "actor": "customer", "action": "file_ticket",
                  "to": "o365", "tenant": "customer", "subject": "mail to the VA is deferred"}]
  })");
  doc["providers"][0]["support_desk"] = support_desk;
  doc["providers"][0]["support_desk"]["response_delay"] = "6h";
  return doc;
}

io::ScenarioRun run(const json& doc) {
  io::ScenarioRun r(io::testing::load(doc));
  r.build();
  r.run();
  r.finish();
  return r;
}

std::vector<const Event*> records(const models::Ecosystem& eco, EventKind kind) {
  std::vector<const Event*> out;
  for (const Event& e : eco.event_log())
    if (e.kind == kind) out.push_back(&e);
  return out;
}

// The customer's outage at the VA: its end, or kNever while it lasts.
sim::Time outage_end(const models::Ecosystem& eco) {
  const auto& outages = eco.ledger().outages();
  REQUIRE(outages.size() == 1);
  CHECK(outages[0].start < minutes(60));  // its first mail (10 an hour) is deferred
  return outages[0].end;
}

void check_answer(const models::Ecosystem& eco, const std::string& stance) {
  const auto filed = records(eco, EventKind::FileTicket);
  REQUIRE(!filed.empty());
  CHECK(filed[0]->time == kFiled);
  CHECK(eco.actor_name(filed[0]->actor) == "customer");
  CHECK(filed[0]->provider == 0_provider);
  CHECK(filed[0]->tenant == 0_tenant);
  CHECK(filed[0]->text == "to o365 about customer: mail to the VA is deferred");
  const auto answered = records(eco, EventKind::TicketAnswered);
  REQUIRE(answered.size() == 1);
  CHECK(answered[0]->time == kAnswered);
  CHECK(answered[0]->actor == models::Actor{models::ActorKind::Provider, 0});
  CHECK(eco.actor_name(answered[0]->actor) == "o365");
  CHECK(answered[0]->tenant == 0_tenant);
  CHECK(answered[0]->provider == 0_provider);
  CHECK(answered[0]->value == 6.0);
  CHECK(answered[0]->text == "to customer: " + stance);
}

}  // namespace

TEST_CASE("reroute: the desk moves the tenant's new mail to the other provider at the answer", "[desk]") {
  const io::ScenarioRun r = run(desk_world(json::parse(R"({"stance": "reroute", "reroute_to": "other"})")));
  const models::Ecosystem& eco = r.world();
  check_answer(eco, "reroute");
  const auto reroutes = records(eco, EventKind::Reroute);
  REQUIRE(reroutes.size() == 1);
  CHECK(reroutes[0]->time == kAnswered);
  CHECK(eco.actor_name(reroutes[0]->actor) == "o365");
  CHECK(reroutes[0]->tenant == 0_tenant);
  CHECK(reroutes[0]->gateway == models::kNone);
  CHECK(reroutes[0]->provider == 1_provider);
  CHECK(eco.route(0_tenant, 0_gateway) == 1_provider);
  // From the answer on, new mail leaves from other_pool's Good IP and is accepted; what o365
  // queued before stays there, deferred (a sender cannot pull queued mail back).
  const models::DeliveryCounts& c = eco.ledger().tenant(0_tenant);
  CHECK(c.delivered > 0);
  CHECK(eco.ips()[1].delivered == c.delivered);  // IP 1: other_pool's
  CHECK(eco.ips()[0].delivered == 0);            // IP 0: the shared pool's
  CHECK(eco.provider(0_provider).queued() == c.queued_at_end);
  CHECK(c.queued_at_end > 0);
  // The outage ends with the first new message after the answer: 10 an hour arrive, so within the
  // hour (a gap of an hour has probability e^-10).
  const sim::Time end = outage_end(eco);
  CHECK(end >= kAnswered);
  CHECK(end < kAnswered + hours(1));
}

TEST_CASE("without a stance that acts, the answer changes nothing and the outage lasts", "[desk]") {
  // ask_recipients_to_allowlist with no recipients listed: only the answer is logged.
  const io::ScenarioRun r = run(desk_world(json::parse(R"({"stance": "ask_recipients_to_allowlist"})")));
  const models::Ecosystem& eco = r.world();
  check_answer(eco, "ask_recipients_to_allowlist");
  CHECK(records(eco, EventKind::FileTicket).size() == 1);  // the customer's own
  CHECK(records(eco, EventKind::TicketReceived).empty());
  CHECK(eco.ledger().tenant(0_tenant).delivered == 0);
  CHECK(outage_end(eco) == sim::kNever);
  CHECK(eco.route(0_tenant, 0_gateway) == 0_provider);
}

TEST_CASE("escalate_to_vendor: the vendor's playbook restores the score and mail flows", "[desk]") {
  const io::ScenarioRun r =
      run(desk_world(json::parse(R"({"stance": "escalate_to_vendor", "vendor": "sb-team"})")));
  const models::Ecosystem& eco = r.world();
  check_answer(eco, "escalate_to_vendor");
  const auto filed = records(eco, EventKind::FileTicket);
  REQUIRE(filed.size() == 2);
  CHECK(filed[1]->time == kAnswered);
  CHECK(eco.actor_name(filed[1]->actor) == "o365");  // the desk files it
  CHECK(filed[1]->op == 0_operator);
  CHECK(filed[1]->tenant == 0_tenant);
  const auto received = records(eco, EventKind::TicketReceived);
  REQUIRE(received.size() == 1);
  CHECK(received[0]->time == kAnswered);
  CHECK(received[0]->tenant == 0_tenant);
  // sb-team works always and answers in exactly 1 h.
  const auto restored = records(eco, EventKind::RestoreScore);
  REQUIRE(restored.size() == 1);
  CHECK(restored[0]->time == kAnswered + hours(1));
  CHECK(eco.actor_name(restored[0]->actor) == "sb-team");
  // Good from then on: the queued mail goes at the lane's next retry (FOPE: every 20 min), new
  // mail at once; all of it from the shared pool.
  const sim::Time end = outage_end(eco);
  CHECK(end >= kAnswered + hours(1));
  CHECK(end <= kAnswered + hours(1) + minutes(20));
  const models::DeliveryCounts& c = eco.ledger().tenant(0_tenant);
  CHECK(c.delivered == c.sent);
  CHECK(eco.ips()[0].delivered == c.delivered);
}

TEST_CASE("ask_recipients_to_allowlist: the customer asks each recipient, whose playbook decides", "[desk]") {
  json desk = json::parse(R"({"stance": "ask_recipients_to_allowlist", "recipients": ["va-admins"]})");
  SECTION("the recipient allowlists (probability 1)") {
    const io::ScenarioRun r = run(desk_world(desk));
    const models::Ecosystem& eco = r.world();
    check_answer(eco, "ask_recipients_to_allowlist");
    const auto filed = records(eco, EventKind::FileTicket);
    REQUIRE(filed.size() == 2);
    CHECK(filed[1]->time == kAnswered);
    CHECK(filed[1]->actor == models::Actor{models::ActorKind::Tenant, 0});  // the customer passes it on
    CHECK(eco.actor_name(filed[1]->actor) == "customer");
    CHECK(filed[1]->op == 1_operator);
    // va-admins act 2 h later on the tenant the ticket is about.
    const auto allowed = records(eco, EventKind::Allowlist);
    REQUIRE(allowed.size() == 1);
    CHECK(allowed[0]->time == kAnswered + hours(2));
    CHECK(allowed[0]->tenant == 0_tenant);
    CHECK(eco.actor_name(allowed[0]->actor) == "va-admins");
    CHECK(eco.gateway(0_gateway).config().allowlist_domains == std::vector<models::TenantIndex>{0_tenant});
    const sim::Time end = outage_end(eco);
    CHECK(end >= kAnswered + hours(2));
    CHECK(end <= kAnswered + hours(2) + minutes(20));
    CHECK(eco.ledger().tenant(0_tenant).delivered == eco.ledger().tenant(0_tenant).sent);
  }
  SECTION("the recipient declines (probability 0): nothing changes") {
    json doc = desk_world(desk);
    doc["operators"][1]["playbooks"][0]["probability"] = 0;
    const io::ScenarioRun r = run(doc);
    const models::Ecosystem& eco = r.world();
    const auto declined = records(eco, EventKind::Declines);
    REQUIRE(declined.size() == 1);
    CHECK(declined[0]->time == kAnswered + hours(2));
    CHECK(declined[0]->tenant == 0_tenant);
    CHECK(records(eco, EventKind::Allowlist).empty());
    CHECK(eco.ledger().tenant(0_tenant).delivered == 0);
    CHECK(outage_end(eco) == sim::kNever);
  }
}

TEST_CASE("the desk's answer is in events.csv and the story", "[desk]") {
  const io::ScenarioRun r = run(desk_world(json::parse(R"({"stance": "reroute", "reroute_to": "other"})")));
  const std::string csv = io::events_csv(r.world());
  CHECK(csv.find(",ticket_answered,o365,customer,,o365,") != std::string::npos);
  const std::vector<std::string> story = io::story_event_lines(r.world());
  CHECK(std::count(story.begin(), story.end(),
                   "Mon 07 May 16:00  o365 ticket_answered: to customer: reroute") == 1);
}

TEST_CASE("support desk keys: what each stance needs, and tickets to a provider", "[desk][scenario]") {
  using io::testing::base_scenario;
  using io::testing::error_of;
  json doc = base_scenario();
  doc["providers"][0]["support_desk"] = json::parse(R"({"stance": "escalate_to_vendor"})");
  CHECK(error_of(doc) ==
        "t.json: /providers/0/support_desk: the escalate_to_vendor stance needs 'vendor' (an operator id)");
  doc["providers"][0]["support_desk"] = json::parse(R"({"stance": "reroute"})");
  CHECK(error_of(doc) ==
        "t.json: /providers/0/support_desk: the reroute stance needs 'reroute_to' (another provider's id)");
  doc["providers"][0]["support_desk"] = json::parse(R"({"stance": "reroute", "reroute_to": "nowhere"})");
  CHECK(error_of(doc) ==
        "t.json: /providers/0/support_desk/reroute_to: unknown provider 'nowhere' (known: other, o365)");
  doc["providers"][0]["support_desk"] = json::parse(R"({"stance": "reroute", "reroute_to": "o365"})");
  CHECK(error_of(doc) ==
        "t.json: /providers/0/support_desk/reroute_to: 'reroute_to' names the provider itself: name another");
  doc["providers"][0]["support_desk"] = json::parse(R"({"stance": "reroute", "reroute_to": "other"})");
  doc["providers"][1]["pools"][0]["kind"] = "dedicated";
  CHECK(error_of(doc) ==
        "t.json: /providers/0/support_desk/reroute_to: provider 'other' has no shared pool to reroute onto");
  doc = base_scenario();
  doc["providers"][0]["support_desk"] = json::parse(R"({"vendor": "admin"})");
  CHECK(
      error_of(doc) ==
      "t.json: /providers/0/support_desk/vendor: 'vendor' does not apply to the ask_recipients_to_allowlist "
      "stance");
  doc["providers"][0]["support_desk"] = json::parse(R"({"recipients": ["nobody"]})");
  CHECK(error_of(doc) ==
        "t.json: /providers/0/support_desk/recipients/0: unknown operator 'nobody' (known: admin)");

  doc = base_scenario();
  doc["timeline"] = json::parse(R"([{"at": "1h", "action": "file_ticket", "to": "o365"}])");
  CHECK(
      error_of(doc) ==
      "t.json: /timeline/0: a ticket to provider 'o365' needs 'tenant': its support desk answers a customer");
  doc["timeline"] =
      json::parse(R"([{"at": "1h", "action": "file_ticket", "to": "other", "tenant": "customer"}])");
  CHECK(error_of(doc) ==
        "t.json: /timeline/0/tenant: tenant 'customer' is not a customer of provider 'other'");
  doc["timeline"] =
      json::parse(R"([{"at": "1h", "action": "file_ticket", "to": "o365", "tenant": "customer"}])");
  CHECK(error_of(doc) == "<loaded>");
  // An operator whose ticket playbook acts on "the ticket's tenant" needs tickets that name one.
  doc["operators"][0]["playbooks"] = json::parse(
      R"([{"when": {"kind": "ticket_received"}, "action": {"action": "allowlist", "gateway": "va"}}])");
  doc["timeline"] = json::parse(R"([{"at": "1h", "action": "file_ticket", "to": "admin"}])");
  CHECK(error_of(doc) ==
        "t.json: /timeline/0: operator 'admin' acts on the tenant a ticket is about: name the ticket's "
        "'tenant'");
  doc["timeline"][0]["tenant"] = "customer";
  CHECK(error_of(doc) == "<loaded>");
}
