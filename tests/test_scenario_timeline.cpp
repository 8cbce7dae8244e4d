// Timeline entries and playbook actions: every action type read back, and population expansion.
#include <catch2/catch.hpp>

#include <variant>

#include "index_literals.hpp"
#include "models/action.hpp"
#include "scenario_fixture.hpp"

using namespace repsim;
using namespace repsim::models;
using io::testing::base_scenario;
using io::testing::load;
using nlohmann::json;
using namespace repsim::models::index_literals;

TEST_CASE("every action type round-trips through the timeline", "[scenario]") {
  json doc = base_scenario();
  doc["timeline"] = json::parse(R"([
    {"at": "1h", "action": "compromise", "tenant": "customer", "duration": "6h", "messages_per_hour": 120,
     "recipients": [{"gateway": "mx", "weight": 2}], "trap_share": 0.1, "spoof_as": "customer"},
    {"at": "2h", "action": "set_threshold", "gateway": "prime", "threshold": "Neutral"},
    {"at": "3h", "action": "allowlist", "gateway": "va", "tenant": "customer"},
    {"at": "3h", "action": "allowlist", "gateway": "va", "ip": "shared#2"},
    {"at": "4h", "action": "restore_score", "scorer": "sb", "ips": ["shared", "other_pool#1"], "score": 0.5},
    {"at": "5h", "action": "request_delisting", "scorer": "dnsbl"},
    {"at": "6h", "action": "reroute", "tenant": "customer", "gateway": "va", "to": "other"},
    {"at": "7h", "action": "gateway_outage", "gateway": "mx", "duration": "30m", "code": 550, "text": "5.0.0 down"},
    {"at": "8h", "action": "provider_fault", "provider": "o365", "duration": "1h", "attachments_only": false,
     "code": 553, "text": "5.3.0 x"},
    {"at": "9h", "actor": "customer", "action": "file_ticket", "to": "admin", "subject": "help"},
    {"at": "2012-05-10T02:30:00-04:00", "action": "note", "text": "the end"},
    {"at": "11h", "action": "set", "pointer": "/gateways/prime/complaint_rate", "value": 0.2}
  ])");
  const io::LoadedScenario s = load(doc);
  const auto& tl = s.config.timeline;
  REQUIRE(tl.size() == doc["timeline"].size());
  for (std::size_t i = 0; i < tl.size(); ++i) {
    // The name a scenario writes is the name the models give the action back.
    CHECK(action_name(tl[i].action) == doc["timeline"][i]["action"].get<std::string>());
    CHECK(tl[i].at == sim::hours(i < 3 ? static_cast<std::int64_t>(i + 1) : static_cast<std::int64_t>(i)));
    CHECK(tl[i].actor == (i == 9 ? "customer" : "timeline"));
  }

  const auto& c = std::get<Compromise>(tl[0].action);
  CHECK(c.tenant == 0);
  CHECK(c.episode.duration == sim::hours(6));
  CHECK(c.episode.messages_per_hour == 120);
  REQUIRE(c.episode.recipients.size() == 1);
  CHECK(c.episode.recipients[0].gateway == 2);
  CHECK(c.episode.recipients[0].weight == 2);
  CHECK(c.episode.trap_share == 0.1);
  CHECK(c.episode.spoof_as == 0);

  const auto& t = std::get<SetThreshold>(tl[1].action);
  CHECK((t.gateway == 1 && t.threshold == -1.0));  // the default scale's Neutral floor

  const auto& a1 = std::get<Allowlist>(tl[2].action);
  CHECK((a1.gateway == 0 && a1.tenant == 0 && a1.ip == kNone));
  const auto& a2 = std::get<Allowlist>(tl[3].action);
  CHECK((a2.gateway == 0 && a2.tenant == kNone && a2.ip == 2));

  // IPs: shared 0..3, other_pool 4..5.
  const auto& r = std::get<RestoreScore>(tl[4].action);
  CHECK(r.scorer == 0);
  CHECK(r.ips == std::vector<IpIndex>{0_ip, 1_ip, 2_ip, 3_ip, 5_ip});
  CHECK(r.score == 0.5);

  const auto& d = std::get<RequestDelisting>(tl[5].action);
  CHECK((d.scorer == 1 && d.ips.empty()));

  const auto& rr = std::get<Reroute>(tl[6].action);
  CHECK((rr.tenant == 0 && rr.gateway == 0 && rr.to == 1));

  const auto& o = std::get<GatewayOutage>(tl[7].action);
  CHECK((o.gateway == 2 && o.duration == sim::minutes(30) && o.code == 550 && o.text == "5.0.0 down"));

  const auto& f = std::get<ProviderFaultAction>(tl[8].action);
  CHECK((f.provider == 0 && f.duration == sim::hours(1) && !f.attachments_only && f.code == 553 &&
         f.text == "5.3.0 x"));

  const auto& ft = std::get<FileTicket>(tl[9].action);
  CHECK((ft.to == 0 && ft.subject == "help"));

  // 2012-05-10 02:30 -04:00 is 10 h after the 16:30 start.
  CHECK(tl[10].at == sim::hours(10));
  CHECK(std::get<Note>(tl[10].action).text == "the end");

  const auto& sp = std::get<SetParameter>(tl[11].action);
  CHECK(
      (sp.parameter == Parameter::ComplaintRate && sp.gateway == 1 && sp.tenant == kNone && sp.value == 0.2));
}

TEST_CASE("action defaults", "[scenario]") {
  json doc = base_scenario();
  doc["timeline"] = json::parse(R"([
    {"at": 0, "action": "compromise", "tenant": "customer", "duration": "1h", "messages_per_hour": 5},
    {"at": 0, "action": "gateway_outage", "gateway": "va", "duration": "1h"},
    {"at": 0, "action": "provider_fault", "provider": "other", "duration": "1h"},
    {"at": 0, "action": "file_ticket", "to": "admin"}
  ])");
  const io::LoadedScenario s = load(doc);
  const auto& tl = s.config.timeline;
  const auto& c = std::get<Compromise>(tl[0].action);
  CHECK(c.episode.recipients.empty());  // the tenant's own mix
  CHECK(c.episode.trap_share == CompromiseEpisode{}.trap_share);
  CHECK(c.episode.spoof_as == kNone);
  const auto& o = std::get<GatewayOutage>(tl[1].action);
  CHECK((o.code == 421 && o.text == GatewayOutage{}.text));
  const auto& f = std::get<ProviderFaultAction>(tl[2].action);
  CHECK((f.attachments_only && f.code == 554 && f.text == ProviderFaultAction{}.text));
  CHECK(std::get<FileTicket>(tl[3].action).subject.empty());
}

TEST_CASE("a timeline entry naming populations acts once per member", "[scenario]") {
  json doc = base_scenario();
  doc["tenants"].push_back(json::parse(R"({"id": "offices", "count": 3, "provider": "o365"})"));
  doc["gateways"].push_back(json::parse(R"({"id": "orgs", "count": 2, "reputation": "sb"})"));
  doc["timeline"] = json::parse(R"([
    {"at": "1h", "action": "set_threshold", "gateway": "orgs", "threshold": 0},
    {"at": "2h", "action": "allowlist", "gateway": "orgs", "tenant": "offices"},
    {"at": "3h", "action": "allowlist", "gateway": "orgs#1", "tenant": "offices#2"}
  ])");
  const io::LoadedScenario s = load(doc);
  const auto& tl = s.config.timeline;
  // Tenants: customer 0, offices 1..3. Gateways: va, prime, mx, orgs 3..4.
  REQUIRE(tl.size() == 2 + 6 + 1);
  CHECK(std::get<SetThreshold>(tl[0].action).gateway == 3);
  CHECK(std::get<SetThreshold>(tl[1].action).gateway == 4);
  // Every combination; the population read first (the gateway) varies slowest.
  const std::pair<GatewayIndex, TenantIndex> want[] = {{3_gateway, 1_tenant}, {3_gateway, 2_tenant},
                                                       {3_gateway, 3_tenant}, {4_gateway, 1_tenant},
                                                       {4_gateway, 2_tenant}, {4_gateway, 3_tenant}};
  for (std::size_t i = 0; i < 6; ++i) {
    const auto& a = std::get<Allowlist>(tl[2 + i].action);
    CHECK(a.gateway == want[i].first);
    CHECK(a.tenant == want[i].second);
    CHECK(tl[2 + i].at == sim::hours(2));
  }
  const auto& one = std::get<Allowlist>(tl[8].action);
  CHECK((one.gateway == 4 && one.tenant == 3));
}

TEST_CASE("playbooks: a named population pairs the trigger with the action", "[scenario]") {
  json doc = base_scenario();
  doc["gateways"].push_back(json::parse(R"({"id": "orgs", "count": 2, "reputation": "sb"})"));
  doc["operators"] = json::parse(R"([{"id": "org_admins", "playbooks": [
    {"when": {"kind": "legit_blocked_for", "gateway": "orgs", "after": "2d"}, "probability": 0.1,
     "action": {"action": "allowlist", "gateway": "orgs"}},
    {"when": {"kind": "spam_complaints", "tenant": "customer", "count": 5},
     "action": {"action": "reroute", "to": "other"}}
  ]}])");
  const io::LoadedScenario s = load(doc);
  const auto& pbs = s.config.operators[0].playbooks;
  REQUIRE(pbs.size() == 3);
  for (std::size_t k = 0; k < 2; ++k) {
    CHECK(pbs[k].when.kind == TriggerKind::LegitBlockedFor);
    CHECK(pbs[k].when.gateway == 3 + k);
    CHECK(pbs[k].when.tenant == kNone);
    CHECK(pbs[k].when.after == sim::days(2));
    CHECK(pbs[k].probability == 0.1);
    CHECK_FALSE(pbs[k].repeat);
    const auto& a = std::get<Allowlist>(pbs[k].action);
    CHECK(a.gateway == 3 + k);  // the same member as the trigger
    CHECK(a.tenant == kNone);   // the tenant that triggered it
  }
  CHECK(pbs[2].when.kind == TriggerKind::SpamComplaints);
  CHECK(pbs[2].when.count == 5);
  CHECK(pbs[2].when.tenant == 0);
  const auto& rr = std::get<Reroute>(pbs[2].action);
  CHECK((rr.tenant == kNone && rr.gateway == kNone && rr.to == 1));
}

TEST_CASE("reroute needs a provider with a shared pool", "[scenario]") {
  json doc = base_scenario();
  doc["providers"][1]["pools"][0]["kind"] = "dedicated";
  doc["timeline"] =
      json::parse(R"([{"at": "1h", "action": "reroute", "tenant": "customer", "to": "other"}])");
  CHECK(io::testing::error_of(doc) ==
        "t.json: /timeline/0/to: provider 'other' has no shared pool to reroute onto");
}
