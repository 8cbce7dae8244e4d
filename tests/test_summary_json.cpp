#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "index_literals.hpp"
#include "io/summary_json.hpp"
#include "io/timeseries_csv.hpp"
#include "writers_fixture.hpp"

using namespace repsim;
using json = nlohmann::ordered_json;
using namespace repsim::models::index_literals;

namespace {

const sim::Calendar kCal = sim::Calendar::parse("2012-05-09T16:30:00-04:00");

std::vector<std::string> keys(const json& j) {
  std::vector<std::string> out;
  for (const auto& [k, v] : j.items()) out.push_back(k);
  return out;
}

}  // namespace

TEST_CASE("CSV fields are quoted only when they need it", "[writers]") {
  CHECK(io::csv_field("plain text") == "plain text");
  CHECK(io::csv_field("a,b") == "\"a,b\"");
  CHECK(io::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(io::csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(io::csv_field("cr\r") == "\"cr\r\"");
  CHECK(io::csv_field("") == "");
}

TEST_CASE("numbers and seconds have one stable text", "[writers]") {
  CHECK(io::csv_number(2.5) == "2.5");
  CHECK(io::csv_number(-7) == "-7");
  CHECK(io::csv_number(0.1) == "0.1");  // shortest round trip, not 0.10000000000000001
  CHECK(io::csv_number(-0.0) == "0");
  CHECK(io::csv_number(std::nan("")) == "");
  CHECK(io::csv_number(INFINITY) == "inf");
  CHECK(io::format_seconds(sim::hours(1) + sim::minutes(30)) == "5400");
  CHECK(io::format_seconds(1500 * sim::kMillisecond) == "1.5");
  CHECK(io::format_seconds(1) == "0.000001");
  CHECK(io::format_seconds(-1500 * sim::kMillisecond) == "-1.5");
  CHECK(io::format_seconds(0) == "0");
}

TEST_CASE("timeseries.csv is tidy: one row per sample, NaN empty, counters at the end", "[writers]") {
  sim::Metrics m;
  double score = std::nan("");
  m.gauge("pool,1", "senderbase.score", [&] { return score; });
  m.counter("gw", "retries") = 3;
  m.sample(0);
  score = -2.5;
  m.sample(sim::hours(1));
  CHECK(io::timeseries_csv(m, kCal, sim::hours(2)) ==
        "time_iso,time_s,entity,metric,value\n"
        "2012-05-09T16:30:00-04:00,0,\"pool,1\",senderbase.score,\n"
        "2012-05-09T17:30:00-04:00,3600,\"pool,1\",senderbase.score,-2.5\n"
        "2012-05-09T18:30:00-04:00,7200,gw,retries,3\n");
}

TEST_CASE("an outage entry: local ISO times, null end while open, hours to the run end", "[writers]") {
  models::OutageInterval open{1_tenant, 1_gateway, sim::hours(2) + sim::minutes(15), sim::kNever,
                              models::BlockCause::Reputation};
  // 16:30 + 2h15m = 18:45; open until the run end at 24 h: 24 - 2.25 = 21.75 h.
  CHECK(io::outage_json(open, "beta", "strict", kCal, sim::days(1)).dump() ==
        R"({"tenant":"beta","gateway":"strict","start":"2012-05-09T18:45:00-04:00","end":null,"hours":21.75,)"
        R"("cause":"reputation"})");
  models::OutageInterval closed{0_tenant, 0_gateway, sim::hours(2), sim::hours(5) + sim::minutes(30),
                                models::BlockCause::GatewayOutage};
  // 16:30 + 5h30m = 22:00; 3.5 h long.
  CHECK(
      io::outage_json(closed, "alpha", "open", kCal, sim::days(1)).dump() ==
      R"({"tenant":"alpha","gateway":"open","start":"2012-05-09T18:30:00-04:00","end":"2012-05-09T22:00:00-04:00",)"
      R"("hours":3.5,"cause":"gateway_outage"})");
  CHECK(io::seconds_json(sim::days(1)).dump() == "86400");
  CHECK(io::seconds_json(1500 * sim::kMillisecond).dump() == "1.5");
  CHECK(io::population_of("smallbiz#17") == "smallbiz");
  CHECK(io::population_of("contractor") == "contractor");
}

TEST_CASE("summary.json of the tiny world", "[writers]") {
  auto eco = writers_test::run_world(writers_test::writers_world());
  const json j = io::summary_json(*eco, io::RunInfo{"tiny", "", 7, {}});
  const models::Ledger& ledger = eco->ledger();

  CHECK(keys(j) == std::vector<std::string>{
                       "scenario", "seed", "start", "duration_s", "events_handled", "tenant_count",
                       "tenants_grouped", "gateway_count", "gateways_grouped", "tenants", "populations",
                       "designs", "gateways", "pools", "ip_count", "ips", "outage_count", "outages"});
  CHECK(j["scenario"] == "tiny");
  CHECK(j["seed"] == 7);
  CHECK(j["start"] == "2012-05-09T16:30:00-04:00");
  CHECK(j["duration_s"].dump() == "86400");
  CHECK(j["events_handled"] == eco->simulation().events_handled());
  CHECK(j["tenants_grouped"] == false);
  CHECK(keys(j["tenants"]) == std::vector<std::string>{"alpha", "beta"});

  // alpha -> open accepts everything at the first attempt: delivered == sent, latency 0 s.
  const json& alpha = j["tenants"]["alpha"];
  CHECK(alpha["sent"].get<std::uint64_t>() > 100);  // ~240 a day
  CHECK(alpha["delivered"] == alpha["sent"]);
  for (const char* zero : {"deferred_attempts", "bounced", "rejected", "expired", "filtered", "queued_at_end",
                           "legit_lost", "spam_accepted", "delay_notices"})
    CHECK(alpha[zero] == 0);
  CHECK(alpha["outage_count"] == 0);
  CHECK(alpha["outage_pair_hours"] == 0.0);
  CHECK(alpha["cut_off_hours"] == 0.0);
  CHECK(alpha["latency_s"].dump() == R"({"p50":0,"p95":0,"p99":0})");
  CHECK(keys(alpha["by_gateway"]) == std::vector<std::string>{"open"});
  CHECK(alpha["by_gateway"]["open"]["delivered"] == alpha["sent"]);

  // beta -> strict is deferred all day: nothing delivered, everything still queued, latency null.
  const json& beta = j["tenants"]["beta"];
  CHECK(beta["sent"] == ledger.tenant(1_tenant).sent);
  CHECK(beta["delivered"] == 0);
  CHECK(beta["queued_at_end"] == beta["sent"]);
  CHECK(beta["bounced"] == 0);
  CHECK(beta["deferred_attempts"].get<std::uint64_t>() >= beta["sent"].get<std::uint64_t>());
  CHECK(beta["latency_s"].is_null());
  // No spam in this world: all of beta's queued mail is legit, none of it final, so none is lost.
  CHECK(beta["legit_queued_at_end"] == beta["sent"]);
  CHECK(beta["legit_lost"] == 0);
  CHECK(keys(j["gateways"]) == std::vector<std::string>{"open", "strict"});
  CHECK(j["gateways"]["strict"]["sent"] == beta["sent"]);
  CHECK(j["gateways"]["open"]["delivered"] == alpha["sent"]);

  // One outage, beta -> strict, open at the end: hours = 24 - its start in hours.
  REQUIRE(ledger.outages().size() == 1);
  const models::OutageInterval& o = ledger.outages()[0];
  CHECK(j["outage_count"] == 1);
  REQUIRE(j["outages"].size() == 1);
  const json& out = j["outages"][0];
  CHECK(out["tenant"] == "beta");
  CHECK(out["gateway"] == "strict");
  CHECK(out["start"] == kCal.iso(o.start));
  CHECK(out["end"].is_null());
  CHECK(out["cause"] == "reputation");
  CHECK(out["hours"].get<double>() == Approx(24.0 - sim::to_hours(o.start)));
  // One outage on one pair: pair-hours and cut-off hours are both its hours.
  const double hours = out["hours"].get<double>();
  CHECK(beta["outage_count"] == 1);
  CHECK(beta["outage_pair_hours"] == out["hours"]);
  CHECK(beta["cut_off_hours"] == out["hours"]);
  CHECK(beta["by_gateway"]["strict"]["outage_pair_hours"] == out["hours"]);
  CHECK(j["gateways"]["strict"]["outage_pair_hours"] == out["hours"]);
  CHECK(j["gateways"]["strict"]["outage_count"] == 1);

  // Each tenant is its own population; both send from the shared pool "out".
  CHECK(keys(j["populations"]) == std::vector<std::string>{"alpha", "beta"});
  CHECK(j["populations"]["beta"]["members"] == 1);
  CHECK(j["populations"]["beta"]["members_cut_off"] == 1);
  CHECK(j["populations"]["beta"]["cut_off_share"].get<double>() == Approx(hours / 24));
  CHECK(j["populations"]["alpha"]["members_cut_off"] == 0);
  CHECK(keys(j["designs"]) == std::vector<std::string>{"shared"});
  CHECK(j["designs"]["shared"]["members"] == 2);
  CHECK(j["designs"]["shared"]["members_cut_off"] == 1);
  CHECK(j["designs"]["shared"]["cut_off_share"].get<double>() == Approx(hours / (2 * 24)));
  CHECK(j["designs"]["shared"]["legit_queued_at_end"] == beta["sent"]);

  // Pool gauge: NaN at the 0 h sample (held to 1 h), -5 from the 1 h sample on (restored at 0.5 h,
  // recovering to at most -2.17 by the end, see writers_fixture.hpp: stays Poor).
  const json& pool = j["pools"]["out"]["senderbase"];
  CHECK(pool["min_score"] == -5.0);
  CHECK(pool["max_score"].get<double>() < -1.0);
  CHECK(pool["hours_in_band"].dump() == R"({"Poor":23.0,"Neutral":0.0,"Good":0.0,"unscored":1.0})");
  // All 8 IPs restored to -5 together: the worst is the first of the tie, at -5.
  CHECK(pool["worst_ip"] == eco->ips()[0].address);
  CHECK(pool["worst_ip_min_score"] == -5.0);

  // Per IP, exact from the log: unscored until the 0.5 h restore, Poor for the remaining 23.5 h.
  CHECK(j["ip_count"] == 8);
  REQUIRE(j["ips"].size() == 8);
  CHECK(keys(j["ips"]).front() == eco->ips()[0].address);
  for (const auto& [address, ip] : j["ips"].items()) {
    INFO(address);
    CHECK(ip["pool"] == "out");
    CHECK(ip["scorers"]["senderbase"]["hours_in_band"].dump() ==
          R"({"Poor":23.5,"Neutral":0.0,"Good":0.0,"unscored":0.5})");
    CHECK(ip["scorers"]["senderbase"]["score_end"].get<double>() < -1.0);
    // Restored to -5 at 0.5 h, then only recovering upward: the last score is the highest.
    CHECK(ip["scorers"]["senderbase"]["min_score"] == -5.0);
    CHECK(ip["scorers"]["senderbase"]["max_score"] == ip["scorers"]["senderbase"]["score_end"]);
  }
}

TEST_CASE("more than 1000 tenants are summed per population", "[writers]") {
  models::EcosystemConfig c = writers_test::writers_world();
  c.timeline.clear();
  c.duration = sim::hours(6);
  const models::TenantSpec base = c.tenants[0];  // to the open gateway
  c.tenants.clear();
  for (int k = 0; k < 1000; ++k) {
    models::TenantSpec t = base;
    t.config.id = "pop#" + std::to_string(k);
    t.config.messages_per_day = 4;
    c.tenants.push_back(t);
  }
  c.tenants.push_back(base);  // "alpha", its own group
  auto eco = writers_test::run_world(std::move(c));
  const json j = io::summary_json(*eco, io::RunInfo{"big", "", 1, {}});
  CHECK(j["tenant_count"] == 1001);
  CHECK(j["tenants_grouped"] == true);
  CHECK(j["gateways_grouped"] == false);
  CHECK(keys(j["tenants"]) == std::vector<std::string>{"pop", "alpha"});
  CHECK(j["tenants"]["pop"]["members"] == 1000);
  // Grouped: members' cut-off figures instead of one tenant's hours (nobody is refused here).
  CHECK(j["tenants"]["pop"]["members_cut_off"] == 0);
  CHECK(j["tenants"]["pop"]["cut_off_member_hours"] == 0.0);
  CHECK(j["tenants"]["pop"]["cut_off_share"] == 0.0);
  CHECK_FALSE(j["tenants"]["pop"].contains("cut_off_hours"));
  CHECK(j["populations"]["pop"]["members"] == 1000);
  CHECK(j["tenants"]["alpha"]["members"] == 1);
  std::uint64_t pop_sent = 0;
  for (models::TenantIndex t{0}; t < 1000; ++t) pop_sent += eco->ledger().tenant(t).sent;
  CHECK(j["tenants"]["pop"]["sent"] == pop_sent);
  CHECK(j["tenants"]["pop"]["by_gateway"]["open"]["sent"] == pop_sent);
  CHECK(j["tenants"]["pop"]["sent"].get<std::uint64_t>() +
            j["tenants"]["alpha"]["sent"].get<std::uint64_t>() ==
        eco->ledger().totals().sent);
}

TEST_CASE("a pool's worst IP is sampled beside its mean", "[writers]") {
  models::EcosystemConfig c = writers_test::writers_world();
  c.timeline.clear();
  // At 30 min all 8 IPs are set to 3, then IP 0 alone to -6 (a compromised IP among good ones).
  c.timeline.push_back(
      models::TimedAction{sim::minutes(30), "", models::RestoreScore{models::ScorerIndex{0}, {}, 3.0}});
  c.timeline.push_back(models::TimedAction{
      sim::minutes(30), "", models::RestoreScore{models::ScorerIndex{0}, {models::IpIndex{0}}, -6.0}});
  auto eco = writers_test::run_world(std::move(c));
  std::map<std::string, double> at_1h;  // metric -> the 1 h sample of pool "out"
  const auto& gauges = eco->metrics().gauges();
  for (const sim::Metrics::Sample& s : eco->metrics().samples())
    if (s.time == sim::hours(1) && gauges[s.gauge].entity == "out") at_1h[gauges[s.gauge].name] = s.value;
  // Half an hour later (recovery moves a score by at most about 1.4% of its gap to 5 per hour):
  // mean (7 x 3 - 6) / 8 = 1.875, worst -6.
  CHECK(at_1h.at("senderbase.score") == Approx(1.875).margin(0.2));
  CHECK(at_1h.at("senderbase.min_score") == Approx(-6.0).margin(0.2));
  const json j = io::summary_json(*eco, io::RunInfo{"tiny", "", 7, {}});
  CHECK(j["pools"]["out"]["senderbase"]["worst_ip"] == eco->ips()[0].address);
  CHECK(j["pools"]["out"]["senderbase"]["worst_ip_min_score"] == -6.0);
}
