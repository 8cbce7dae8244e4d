#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <variant>

#include "index_literals.hpp"
#include "io/scenario_loader.hpp"
#include "io/scenario_run.hpp"
#include "models/blocklist_scorer.hpp"
#include "models/gateway_policy.hpp"
#include "models/senderbase_scorer.hpp"
#include "scenario_fixture.hpp"

using namespace repsim;
using namespace repsim::models;
using io::testing::check_same_rules;
using namespace repsim::models::index_literals;

namespace {

const std::string kSource = REPSIM_SOURCE_DIR;

}  // namespace

TEST_CASE("a complete scenario loads into the expected config", "[scenario]") {
  const io::LoadedScenario s = io::load_scenario_file(kSource + "/tests/data/complete.json");
  const EcosystemConfig& c = s.config;
  CHECK(c.name == "complete");
  CHECK(s.description == "Every field of the format set once to a value other than its default");
  CHECK(s.notes == std::vector<std::string>{"first note", "second note"});
  CHECK(s.source == kSource + "/tests/data/complete.json");
  CHECK(c.calendar.iso(0) == "2012-05-09T16:30:00-04:00");
  CHECK(c.calendar.utc_offset_minutes() == -240);
  CHECK(c.duration == sim::days(7));
  CHECK(c.seed == 42);
  CHECK(c.sample_every == sim::minutes(30));

  REQUIRE(c.scorers.size() == 2);
  const auto& sb = c.scorers[0].get<SenderBaseConfig>();
  CHECK(sb.id == "sb");
  CHECK(sb.scale.min == -10);
  CHECK(sb.scale.max == 10);
  CHECK(sb.scale.cuts == std::vector<double>{-2, 2});
  CHECK(sb.update_every == sim::hours(2));
  CHECK(sb.publish_delay == sim::minutes(15));
  CHECK(sb.evidence_half_life == sim::days(4));
  CHECK(sb.evidence_volume == 800);
  CHECK(sb.volume == models::CountedVolume::Attempts);
  CHECK(sb.recovery_half_life == sim::hours(24));
  CHECK(sb.warmup_volume == 1000);
  CHECK(sb.neutral_score == 0.5);
  CHECK(sb.clean_score == 6);
  CHECK(sb.weights.spam_ratio == 50);
  CHECK(sb.weights.spam_saturation == 0.02);
  CHECK(sb.weights.complaints_per_1000 == 3);
  CHECK(sb.weights.trap_hits == 5);
  CHECK(sb.weights.log10_volume == -0.5);
  const auto& bl = c.scorers[1].get<BlocklistConfig>();
  CHECK(bl.id == "dnsbl");
  CHECK(bl.trap_hits_to_list == 2);
  CHECK(bl.list_window == sim::hours(12));
  CHECK(bl.listing_ttl == sim::days(3));
  CHECK(bl.delist_delay == sim::hours(6));

  REQUIRE(c.providers.size() == 2);
  const ProviderConfig& o365 = c.providers[0].config;
  CHECK(o365.id == "o365");
  CHECK(o365.retry.first_retry == sim::minutes(10));
  CHECK(o365.retry.backoff == 1.5);
  CHECK(o365.retry.max_interval == sim::hours(2));
  CHECK(o365.retry.lifetime == sim::days(3));
  CHECK(o365.retry.delay_notice == sim::hours(4));
  CHECK(o365.retry.tempfail_is_permanent);
  CHECK(o365.max_connections_per_destination == 20);
  CHECK(o365.session_time == sim::seconds(3));
  CHECK(o365.dead_after == 3);
  CHECK(o365.filter.catch_rate == 0.9);
  CHECK(o365.filter.zero_day_leak == 0.2);
  CHECK(o365.abuse_desk.enabled);
  CHECK(o365.abuse_desk.complaint_threshold == 25);
  CHECK(o365.abuse_desk.response_delay == sim::hours(2));
  CHECK(o365.support_desk.response_delay == sim::hours(48));
  CHECK(o365.support_desk.stance == SupportStance::EscalateToVendor);
  CHECK(o365.support_desk.vendor == 1_operator);
  REQUIRE(o365.faults.size() == 1);
  CHECK(o365.faults[0].start == sim::days(1));
  CHECK(o365.faults[0].end == sim::days(1) + sim::hours(2));
  CHECK(o365.faults[0].attachments_only);
  CHECK(o365.faults[0].code == 554);
  CHECK(o365.faults[0].text == "5.6.0 broken");
  REQUIRE(c.providers[0].pools.size() == 2);
  const PoolSpec& shared = c.providers[0].pools[0];
  CHECK(shared.id == "shared");
  CHECK(shared.kind == PoolKind::Shared);
  CHECK(shared.assignment == Assignment::TenantHash);
  CHECK(shared.size == 3);
  CHECK(shared.addresses.empty());
  CHECK(shared.initial_score == 3.0);
  CHECK(shared.initial_volume == 5000);
  const PoolSpec& ded = c.providers[0].pools[1];
  CHECK(ded.kind == PoolKind::Dedicated);
  CHECK(ded.assignment == Assignment::Dedicated);  // the default for a dedicated pool
  CHECK(ded.size == 2);
  CHECK(ded.addresses == std::vector<std::string>{"192.0.2.1", "192.0.2.2"});
  const PoolSpec& relay_pool = c.providers[1].pools[0];
  CHECK(relay_pool.kind == PoolKind::HighRisk);
  CHECK(relay_pool.assignment == Assignment::RoundRobin);
  CHECK(relay_pool.size == 1);
  CHECK(c.providers[1].config.retry.first_retry == RetryPolicy::fope2012().first_retry);

  REQUIRE(c.tenants.size() == 2);
  const TenantSpec& customer = c.tenants[0];
  CHECK(customer.config.id == "customer");
  CHECK(customer.provider == 0);
  CHECK(customer.pool == 0);
  CHECK(customer.config.messages_per_day == 200);
  CHECK(customer.config.profile.kind == TrafficProfile::Kind::BusinessHours);
  CHECK(customer.config.profile.hours.start_minute == 8 * 60 + 30);
  CHECK(customer.config.profile.hours.end_minute == 18 * 60);
  CHECK(customer.config.profile.hours.days ==
        std::array<bool, 7>{true, true, true, true, false, false, false});
  CHECK(customer.config.profile.off_hours_share == 0.1);
  REQUIRE(customer.config.recipients.size() == 2);
  CHECK(customer.config.recipients[0].gateway == 0);
  CHECK(customer.config.recipients[0].weight == 3);
  CHECK(customer.config.recipients[1].gateway == 1);
  CHECK(customer.config.recipients[1].weight == 1);
  CHECK(customer.config.spam_share == 0.01);
  CHECK(customer.config.attachment_share == 0.4);
  CHECK(customer.dmarc == DmarcPolicy::Quarantine);
  CHECK_FALSE(customer.always_signs);
  CHECK(customer.fallback_providers == std::vector<ProviderIndex>{1_provider});
  REQUIRE(customer.config.episodes.size() == 1);
  const CompromiseEpisode& e = customer.config.episodes[0];
  // 2012-05-09 16:30 -> 2012-05-10 09:00, same offset: 16.5 h.
  CHECK(e.start == sim::hours(16) + sim::minutes(30));
  CHECK(e.duration == sim::hours(6));
  CHECK(e.messages_per_hour == 300);
  REQUIRE(e.recipients.size() == 1);
  CHECK(e.recipients[0].gateway == 1);
  CHECK(e.trap_share == 0.05);
  CHECK(e.spoof_as == 1);
  const TenantSpec& bank = c.tenants[1];
  CHECK(bank.pool == 1);
  CHECK(bank.config.profile.kind == TrafficProfile::Kind::Diurnal);
  CHECK(bank.config.profile.hourly[9] == 4);
  CHECK(bank.config.profile.hourly[20] == 0.5);
  CHECK(bank.config.profile.weekend_factor == 0.5);
  CHECK(bank.dmarc == DmarcPolicy::Reject);
  CHECK(bank.always_signs);

  REQUIRE(c.gateways.size() == 3);
  const GatewayConfig& va = c.gateways[0];
  CHECK(va.reputation == 0);
  CHECK(va.blocklist == 1);
  check_same_rules(va.policy, good_only_policy(sb.scale));
  CHECK(va.policy.accept_at_or_above == 2);  // "Good" on the -10..10 scale with cuts -2, 2
  CHECK(va.allowlist_domains == std::vector<TenantIndex>{1_tenant});
  // IPs: shared 0..2, ded 3..4, relay_pool 5 -> 192.0.2.2 is 4, shared#1 is 1.
  CHECK(va.allowlist_ips == std::vector<IpIndex>{4_ip, 1_ip});
  CHECK(va.max_connections == 10);
  CHECK(va.session_time == sim::seconds(5));
  REQUIRE(va.outages.size() == 1);
  CHECK(va.outages[0].start == sim::hours(31) + sim::minutes(30));  // 16:30 May 9 -> 00:00 May 11
  CHECK(va.outages[0].end == sim::hours(37) + sim::minutes(30));
  CHECK(va.outages[0].code == 421);
  CHECK(va.outages[0].text == "4.3.2 busy");
  CHECK(va.dns.probability == 0.25);
  CHECK(va.dns.providers == std::vector<ProviderIndex>{1_provider});
  CHECK(va.content.spam_detection == 0.95);
  CHECK(va.content.false_positive == 0.001);
  CHECK_FALSE(va.check_spf);
  CHECK_FALSE(va.enforce_dmarc);
  CHECK(va.reports_to == std::vector<ScorerIndex>{0_scorer});
  CHECK(va.complaint_rate == 0.002);
  CHECK(va.trap_share == 0.01);

  const GatewayConfig& prime = c.gateways[1];
  CHECK(prime.blocklist == kNone);
  CHECK(prime.reports_to == std::vector<ScorerIndex>{0_scorer});  // default: its own reputation scorer
  CHECK(prime.policy.accept_at_or_above == 1.5);
  REQUIRE(prime.policy.rules.size() == 4);
  const auto& r = prime.policy.rules;
  CHECK((r[0].listed && r[0].action == PolicyAction::Reject && r[0].code == 554 &&
         r[0].text == "5.7.1 listed"));
  CHECK((r[1].unscored && r[1].action == PolicyAction::Throttle && r[1].per_hour == 10 && r[1].code == 452));
  CHECK(r[1].text == "4.5.3 Too many recipients this hour");
  CHECK((r[2].score_min == -10 && r[2].score_max == -5 && r[2].action == PolicyAction::Reject &&
         r[2].code == 550));
  CHECK((r[3].score_min == -5 && r[3].score_max == -2 && r[3].code == 452 && r[3].text == "4.7.1 later"));

  GradedCuts cuts;
  cuts.refuse_below = -6;
  cuts.slow_below = -3;
  cuts.throttle_at_or_below = 0;
  cuts.slow_per_hour = 2;
  cuts.throttle_per_hour = 20;
  check_same_rules(c.gateways[2].policy, graded_policy(sb.scale, cuts));

  REQUIRE(c.operators.size() == 2);
  const OperatorConfig& admin = c.operators[0];
  CHECK(admin.hours.start_minute == 9 * 60);
  CHECK(admin.hours.days == std::array<bool, 7>{true, true, true, true, true, false, false});
  CHECK(admin.response_mean == sim::hours(2));
  CHECK(admin.response_cv == 0.3);
  REQUIRE(admin.playbooks.size() == 1);
  const Playbook& pb = admin.playbooks[0];
  CHECK(pb.when.kind == TriggerKind::LegitBlockedFor);
  CHECK(pb.when.tenant == 0);
  CHECK(pb.when.gateway == 1);
  CHECK(pb.when.after == sim::hours(48));
  CHECK(pb.probability == 0.8);
  CHECK(pb.repeat);
  REQUIRE(std::holds_alternative<SetThreshold>(pb.action));
  CHECK(std::get<SetThreshold>(pb.action).gateway == 1);
  CHECK(std::get<SetThreshold>(pb.action).threshold == -2);  // the Neutral floor
  const OperatorConfig& vendor = c.operators[1];
  CHECK(vendor.hours.start_minute == 0);
  CHECK(vendor.hours.end_minute == 24 * 60);
  CHECK(vendor.hours.days == std::array<bool, 7>{true, true, true, true, true, true, true});
  REQUIRE(vendor.playbooks.size() == 1);
  CHECK(vendor.playbooks[0].when.kind == TriggerKind::TicketReceived);
  const auto& restore = std::get<RestoreScore>(vendor.playbooks[0].action);
  CHECK((restore.scorer == 0 && restore.ips.empty() && restore.score == 0));

  REQUIRE(c.timeline.size() == 1);
  CHECK(c.timeline[0].at == sim::hours(121) + sim::minutes(30));
  CHECK(c.timeline[0].actor == "customer");
  const auto& ticket = std::get<FileTicket>(c.timeline[0].action);
  CHECK(ticket.to == 1);
  CHECK(ticket.tenant == 0_tenant);
  CHECK(ticket.provider == kNone);
  CHECK(ticket.subject == "please look");
}

TEST_CASE("defaults are applied to every field left out", "[scenario]") {
  const io::LoadedScenario s = io::load_scenario_text(R"({
    "start": "2012-05-09T16:30:00Z", "duration": "1d",
    "scorers": [{"id": "sb", "type": "senderbase"}, {"id": "bl", "type": "blocklist"}],
    "providers": [{"id": "p", "pools": [{"id": "a"}, {"id": "d", "kind": "dedicated"}]}],
    "tenants": [{"id": "t", "provider": "p"}],
    "gateways": [{"id": "g"}, {"id": "h", "reputation": "sb", "blocklist": "bl"}],
    "operators": [{"id": "o"}]
  })",
                                                      "d.json");
  const EcosystemConfig& c = s.config;
  const EcosystemConfig d;  // the models' defaults
  CHECK(c.name == "unnamed");
  CHECK(s.description.empty());
  CHECK(s.notes.empty());
  CHECK(c.seed == d.seed);
  CHECK(c.sample_every == sim::hours(1));
  const auto& sb = c.scorers[0].get<SenderBaseConfig>();
  const SenderBaseConfig dsb;
  CHECK(sb.update_every == dsb.update_every);
  CHECK(sb.evidence_half_life == dsb.evidence_half_life);
  CHECK(sb.evidence_volume == dsb.evidence_volume);
  CHECK(sb.volume == dsb.volume);
  CHECK(sb.warmup_volume == dsb.warmup_volume);
  CHECK(sb.weights.spam_ratio == dsb.weights.spam_ratio);
  CHECK(sb.weights.spam_saturation == dsb.weights.spam_saturation);
  CHECK(sb.scale.bands == dsb.scale.bands);
  const auto& bl = c.scorers[1].get<BlocklistConfig>();
  CHECK(bl.trap_hits_to_list == BlocklistConfig{}.trap_hits_to_list);
  const ProviderConfig& p = c.providers[0].config;
  CHECK(p.retry.first_retry == sim::minutes(20));  // fope2012
  CHECK(p.retry.lifetime == sim::hours(120));
  CHECK(p.max_connections_per_destination == 0);
  CHECK(p.dead_after == 5);
  CHECK_FALSE(p.abuse_desk.enabled);
  CHECK(p.support_desk.stance == SupportStance::AskRecipientsToAllowlist);
  CHECK(c.providers[0].pools[0].kind == PoolKind::Shared);
  CHECK(c.providers[0].pools[0].assignment == Assignment::RoundRobin);
  CHECK(c.providers[0].pools[0].size == 1);
  CHECK_FALSE(c.providers[0].pools[0].initial_score.has_value());  // new IPs: unscored, in warm-up
  CHECK(c.providers[0].pools[0].initial_volume == PoolSpec{}.initial_volume);
  CHECK(c.providers[0].pools[1].assignment == Assignment::Dedicated);
  const TenantSpec& t = c.tenants[0];
  CHECK(t.pool == 0);  // the provider's first pool
  CHECK(t.config.messages_per_day == 0);
  CHECK(t.config.profile.kind == TrafficProfile::Kind::Flat);
  CHECK(t.config.attachment_share == 0.3);
  CHECK(t.dmarc == DmarcPolicy::None);
  CHECK(t.always_signs);
  CHECK(t.fallback_providers.empty());
  const GatewayConfig& g = c.gateways[0];
  CHECK(g.reputation == kNone);
  CHECK(g.policy.rules.empty());
  CHECK(std::isinf(g.policy.accept_at_or_above));
  CHECK(g.reports_to.empty());
  CHECK(g.check_spf);
  CHECK(g.enforce_dmarc);
  CHECK(g.outages.empty());
  // A gateway reading services reports to them unless told otherwise.
  CHECK(c.gateways[1].reports_to == std::vector<ScorerIndex>{0_scorer, 1_scorer});
  const OperatorConfig& o = c.operators[0];
  CHECK(o.response_mean == sim::hours(4));
  CHECK(o.response_cv == 0.5);
  CHECK(o.playbooks.empty());
  CHECK(c.timeline.empty());
}

TEST_CASE("a document edited in code loads without a round trip through text", "[scenario]") {
  // Sweep variants patch the parsed document; values assigned in code are signed integers.
  nlohmann::json doc = io::testing::base_scenario();
  doc["seed"] = 5;
  doc["providers"][0]["pools"][0]["size"] = 3;
  const io::LoadedScenario s = io::load_scenario_json(doc, "variant");
  CHECK(s.config.seed == 5);
  CHECK(s.config.providers[0].pools[0].size == 3);
  CHECK(s.source == "variant");
}

TEST_CASE("working hours: clock times, 24:00, day lists", "[scenario]") {
  nlohmann::json doc = io::testing::base_scenario();
  doc["operators"][0]["hours"] = {{"start", "08:00"}, {"end", "24:00"}, {"days", {"Sat", "Sun"}}};
  const io::LoadedScenario s = io::testing::load(doc);
  const sim::WorkingHours& h = s.config.operators[0].hours;
  CHECK(h.start_minute == 8 * 60);
  CHECK(h.end_minute == 24 * 60);
  CHECK(h.days == std::array<bool, 7>{false, false, false, false, false, true, true});
  doc["operators"][0]["hours"]["end"] = "25:00";
  CHECK(io::testing::error_of(doc) ==
        "t.json: /operators/0/hours/end: bad clock time '25:00' (00:00 .. 23:59, or 24:00)");
  doc["operators"][0]["hours"] = {{"start", "24:00"}};
  CHECK(io::testing::error_of(doc) ==
        "t.json: /operators/0/hours/start: bad clock time '24:00' (00:00 .. 23:59)");
  doc["operators"][0]["hours"] = {{"start", "18:00"}, {"end", "09:00"}};
  CHECK(io::testing::error_of(doc) ==
        "t.json: /operators/0/hours: end must be after start (working hours do not wrap past midnight)");
  doc["operators"][0]["hours"] = {{"days", {"Mon", "Mon"}}};
  CHECK(io::testing::error_of(doc) == "t.json: /operators/0/hours/days/1: day 'Mon' is listed twice");
  doc["operators"][0]["hours"] = "sometimes";
  CHECK(io::testing::error_of(doc) ==
        "t.json: /operators/0/hours: expected \"always\" or an object {start, end, days}");
}

TEST_CASE("every shipped scenario loads and builds", "[scenario]") {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  const fs::path dir = fs::path(kSource) / "scenarios";
  if (fs::is_directory(dir))
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  INFO(files.size() << " scenario files");
  for (const fs::path& f : files) {
    try {
      io::ScenarioRun(io::load_scenario_file(f.string())).build();
    } catch (const io::LoadError& e) {
      FAIL_CHECK(e.what());
    }
  }
  // With no scenario files yet there is nothing to load, and that passes.
}
