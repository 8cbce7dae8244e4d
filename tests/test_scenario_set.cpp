// The timeline's `set` action: a pointer into the scenario resolved at load time to one tenant's or
// gateway's parameter, applied at its time through Ecosystem::apply, and refused at load when it
// points at nothing settable or carries a value the key would not take.
#include <catch2/catch.hpp>

#include <memory>
#include <utility>
#include <variant>

#include "index_literals.hpp"
#include "models/ecosystem.hpp"
#include "scenario_fixture.hpp"
#include "shipped_scenario.hpp"

using namespace repsim;
using namespace repsim::models;
using io::testing::base_scenario;
using io::testing::error_of;
using io::testing::load;
using nlohmann::json;
using sim::hours;
using namespace repsim::models::index_literals;

namespace {

constexpr const char* kSettable =
    "settable: /tenants/ID/{attachment_share, spam_share, messages_per_day}, /gateways/ID/{threshold, "
    "complaint_rate, dns_failure/probability, content_filter/spam_detection, content_filter/false_positive, "
    "max_connections}";

json with_set(const std::string& pointer, const json& value) {
  json doc = base_scenario();
  doc["timeline"] = json::array({{{"at", "1h"}, {"action", "set"}, {"pointer", pointer}, {"value", value}}});
  return doc;
}

SetParameter loaded_set(const json& doc) {
  const io::LoadedScenario s = load(doc);
  REQUIRE(s.config.timeline.size() == 1);
  return std::get<SetParameter>(s.config.timeline[0].action);
}

std::unique_ptr<Ecosystem> build(const json& doc) { return std::make_unique<Ecosystem>(load(doc).config); }

// One organisation behind a provider that bounces every message with an attachment for the whole
// day (a provider_fault with attachments_only, like Exchange Online in March 2025); all its mail
// carries one until the set.
json attachment_world() {
  return json::parse(R"({
    "name": "zip", "start": "2025-03-07T00:00:00Z", "duration": "24h",
    "providers": [{"id": "exo", "retry": {"preset": "postfix"}, "pools": [{"id": "out", "size": 2}],
                   "faults": [{"start": "0h", "end": "24h", "attachments_only": true, "code": 554}]}],
    "tenants": [{"id": "org", "provider": "exo", "messages_per_day": 480, "attachment_share": 1,
                 "recipients": [{"gateway": "mx"}]}],
    "gateways": [{"id": "mx"}],
    "timeline": []
  })");
}

// Runs a world whose mail is all deferred until a set at `at` and then flows: checks the first part
// and returns the totals just before `at` and at the end.
std::pair<DeliveryCounts, DeliveryCounts> held_until(Ecosystem& eco, sim::Time at) {
  eco.run_until(at - 1);
  DeliveryCounts before = eco.ledger().totals();
  CHECK(before.sent > 0);
  CHECK(before.delivered == 0);
  CHECK(before.deferred_messages == before.sent);
  eco.run();
  eco.finish();
  return {before, eco.ledger().totals()};
}

}  // namespace

TEST_CASE("set: a pointer names its entry by index or by id", "[scenario][set]") {
  const SetParameter by_id = loaded_set(with_set("/tenants/customer/attachment_share", 0.1));
  CHECK(by_id.parameter == Parameter::AttachmentShare);
  CHECK(by_id.tenant == 0_tenant);
  CHECK(by_id.gateway == kNone);
  CHECK(by_id.value == 0.1);
  const SetParameter by_index = loaded_set(with_set("/tenants/0/attachment_share", 0.1));
  CHECK(by_index.tenant == 0_tenant);

  const SetParameter dns = loaded_set(with_set("/gateways/2/dns_failure/probability", 0.5));
  CHECK(dns.parameter == Parameter::DnsFailureProbability);
  CHECK(dns.gateway == 2_gateway);
  CHECK(dns.tenant == kNone);
  // A threshold reads like the key it sets: a band name is that band's floor (Neutral: -1 on the
  // default -7..+7 scale).
  const SetParameter threshold = loaded_set(with_set("/gateways/va/threshold", "Neutral"));
  CHECK(threshold.parameter == Parameter::Threshold);
  CHECK(threshold.value == -1.0);
  CHECK(loaded_set(with_set("/gateways/mx/max_connections", 10)).value == 10);
  // A volume is scaled like the tenant's declared one (LoadOptions::scale).
  io::LoadOptions half;
  half.scale = 0.5;
  const io::LoadedScenario scaled = load(with_set("/tenants/customer/messages_per_day", 300), half);
  CHECK(std::get<SetParameter>(scaled.config.timeline[0].action).value == 150);
}

TEST_CASE("set: pointers at nothing settable, and values the key would not take, are refused",
          "[scenario][set]") {
  CHECK(
      error_of(with_set("/tenants/nobody/attachment_share", 0.1)) ==
      std::string("t.json: /timeline/0/pointer: \"/tenants/nobody/attachment_share\" does not exist in this "
                  "scenario; ") +
          kSettable);
  CHECK(
      error_of(with_set("/tenants/customer/attachment_shar", 0.1)) ==
      std::string("t.json: /timeline/0/pointer: \"/tenants/customer/attachment_shar\" does not exist in this "
                  "scenario; ") +
          kSettable);
  CHECK(
      error_of(with_set("/providers/0/pools/0/size", 8)) ==
      std::string("t.json: /timeline/0/pointer: \"/providers/0/pools/0/size\" cannot change during a run; ") +
          kSettable);
  CHECK(error_of(with_set("/duration", "1d")) ==
        std::string("t.json: /timeline/0/pointer: \"/duration\" cannot change during a run; ") + kSettable);
  CHECK(error_of(with_set("/tenants/customer/id", "x")) ==
        std::string("t.json: /timeline/0/pointer: \"/tenants/customer/id\" cannot change during a run; ") +
            kSettable);
  CHECK(
      error_of(with_set("tenants/customer/attachment_share", 0.1)) ==
      "t.json: /timeline/0/pointer: 'tenants/customer/attachment_share' is not a JSON pointer: it must start "
      "with '/'");

  CHECK(error_of(with_set("/tenants/customer/attachment_share", "zip")) ==
        "t.json: /timeline/0/value: expected a number, got string");
  CHECK(error_of(with_set("/tenants/customer/attachment_share", 1.5)) ==
        "t.json: /timeline/0/value: 1.5 is out of range [0, 1]");
  CHECK(error_of(with_set("/gateways/mx/complaint_rate", -0.1)) ==
        "t.json: /timeline/0/value: -0.1 is out of range [0, 1]");
  CHECK(error_of(with_set("/gateways/mx/max_connections", 2.5)) ==
        "t.json: /timeline/0/value: expected a whole number, got 2.5");
  // The constructor's rules hold after a set: a threshold needs a reputation scorer, a tenant
  // without recipients sends nothing.
  CHECK(error_of(with_set("/gateways/mx/threshold", 0)) ==
        "t.json: /timeline/0/value: gateway 'mx' has no 'reputation' scorer: a threshold needs one");
  json quiet = with_set("/tenants/quiet/messages_per_day", 10);
  quiet["tenants"].push_back({{"id", "quiet"}, {"provider", "o365"}});
  CHECK(error_of(quiet) ==
        "t.json: /timeline/0/value: tenant 'quiet' has no 'recipients': it cannot send mail");

  json population = with_set("/gateways/orgs/complaint_rate", 0.1);
  population["gateways"].push_back({{"id", "orgs"}, {"count", 3}});
  CHECK(
      error_of(population) ==
      std::string("t.json: /timeline/0/pointer: \"/gateways/orgs/complaint_rate\" names a population: a set "
                  "changes one gateway at a time; ") +
          kSettable);
}

TEST_CASE("set: attachment_share 1 -> 0 at 12 h ends an attachment fault's bounces from then on",
          "[scenario][set]") {
  // Every message before 12 h carries an attachment and the provider bounces all of them (554, at
  // once, no retry); from 12 h none carries one, so none bounces and every one is delivered. The
  // tenant draws its attachment flag with one draw whatever the share, so the run without the set
  // creates the very same messages.
  json doc = attachment_world();
  doc["timeline"] = json::parse(
      R"([{"at": "12h", "actor": "org-admins", "action": "set", "pointer": "/tenants/org/attachment_share", "value": 0}])");
  auto eco = build(doc);
  eco->run_until(hours(12) - 1);
  const DeliveryCounts before = eco->ledger().totals();
  CHECK(before.sent > 0);
  CHECK(before.rejected == before.sent);
  CHECK(before.delivered == 0);
  eco->run();
  eco->finish();
  const DeliveryCounts all = eco->ledger().totals();
  CHECK(all.rejected == before.rejected);
  CHECK(all.delivered == all.sent - before.sent);
  CHECK(all.delivered > 0);
  CHECK(eco->tenant(0_tenant).config().attachment_share == 0.0);

  auto unchanged = build(attachment_world());
  unchanged->run();
  unchanged->finish();
  CHECK(unchanged->ledger().totals().sent == all.sent);
  CHECK(unchanged->ledger().totals().rejected == all.sent);

  // Logged as the action it is, with the parameter and its new value.
  int seen = 0;
  for (const Event& e : eco->event_log())
    if (e.kind == EventKind::SetParameter) {
      ++seen;
      CHECK(event_kind_name(e.kind) == "set");
      CHECK(e.time == hours(12));
      CHECK(eco->actor_name(e.actor) == "org-admins");
      CHECK(e.tenant == 0_tenant);
      CHECK(e.value == 0.0);
      CHECK(e.text == "org attachment_share = 0");
    }
  CHECK(seen == 1);
}

TEST_CASE("set: a tenant's volume changes from the set on", "[scenario][set]") {
  SECTION("480 a day -> 0 at 12 h: nothing is created after 12 h") {
    json doc = attachment_world();
    doc["timeline"] = json::parse(
        R"([{"at": "12h", "action": "set", "pointer": "/tenants/org/messages_per_day", "value": 0}])");
    auto eco = build(doc);
    eco->run_until(hours(12));
    const auto sent = eco->ledger().totals().sent;
    CHECK(sent > 0);
    eco->run();
    CHECK(eco->ledger().totals().sent == sent);
  }
  SECTION("0 -> 480 a day at 12 h: mail starts at 12 h, about 240 in the last 12 h") {
    json doc = attachment_world();
    doc["tenants"][0]["messages_per_day"] = 0;
    doc["timeline"] = json::parse(
        R"([{"at": "12h", "action": "set", "pointer": "/tenants/0/messages_per_day", "value": 480}])");
    auto eco = build(doc);
    eco->run_until(hours(12));
    CHECK(eco->ledger().totals().sent == 0);
    eco->run();
    // Flat 480 a day is 20 an hour: Poisson with mean 240 over 12 h (sd 15.5), within 4 sd.
    const auto sent = eco->ledger().totals().sent;
    CHECK(sent >= 240 - 62);
    CHECK(sent <= 240 + 62);
  }
}

TEST_CASE("set: a gateway's threshold changes admission from the set on", "[scenario][set]") {
  // The pool sits at Neutral, score 0; the gateway accepts only Good (452 for the rest) until its
  // threshold is set to Neutral at 6 h. Deferred mail is retried within the postfix queue's
  // 4000 s cap plus a 300 s scan, so by the end of the 12 h run everything is delivered.
  json doc = json::parse(R"({
    "name": "threshold", "start": "2012-05-09T00:00:00Z", "duration": "12h",
    "scorers": [{"id": "sb", "type": "senderbase"}],
    "providers": [{"id": "p", "retry": {"preset": "postfix"},
                   "pools": [{"id": "out", "size": 1, "initial_score": 0}]}],
    "tenants": [{"id": "org", "provider": "p", "messages_per_day": 240, "recipients": [{"gateway": "strict"}]}],
    "gateways": [{"id": "strict", "reputation": "sb", "policy": "good_only"}],
    "timeline": [{"at": "6h", "action": "set", "pointer": "/gateways/strict/threshold", "value": "Neutral"}]
  })");
  auto eco = build(doc);
  const auto [before, all] = held_until(*eco, hours(6));
  CHECK(eco->gateway(0_gateway).threshold() == -1.0);
  CHECK(all.delivered == all.sent);
  CHECK(all.queued_at_end == 0);
  CHECK(all.rejected == 0);
}

TEST_CASE("set: a gateway's DNS failure probability 1 -> 0 ends the SERVFAILs from the set on",
          "[scenario][set]") {
  // Every attempt before 3 h fails to resolve the gateway (451 4.4.3, deferred); from 3 h every
  // attempt resolves, so the queue drains at its next retries (postfix: at most 4000 s plus a 300 s
  // scan) and new mail goes at once: by the end of the 12 h run everything is delivered.
  json doc = json::parse(R"({
    "name": "dns", "start": "2012-05-09T00:00:00Z", "duration": "12h",
    "providers": [{"id": "p", "retry": {"preset": "postfix"}, "pools": [{"id": "out", "size": 1}]}],
    "tenants": [{"id": "org", "provider": "p", "messages_per_day": 240, "recipients": [{"gateway": "mx"}]}],
    "gateways": [{"id": "mx", "dns_failure": {"probability": 1}}],
    "timeline": [{"at": "3h", "action": "set", "pointer": "/gateways/mx/dns_failure/probability", "value": 0}]
  })");
  auto eco = build(doc);
  const auto [before, all] = held_until(*eco, hours(3));
  CHECK(all.delivered == all.sent);
  CHECK(all.deferred_messages == before.sent);  // nothing created after 3 h was deferred
  CHECK(eco->gateway(0_gateway).config().dns.probability == 0.0);
  const auto outages = repsim::testing::outages_of(*eco, 0_tenant, 0_gateway);
  REQUIRE(outages.size() == 1);
  CHECK(outages[0].cause == BlockCause::DnsFailure);
  CHECK(outages[0].end >= hours(3));
  CHECK(outages[0].end <= hours(3) + sim::seconds(4000 + 300));
}
