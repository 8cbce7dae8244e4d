// Regression over every shipped scenario: summary.json's per-IP band hours. An IP's hours cover the
// run once, and agree with its pool's (sampled) hours where the pool's view is the IP's.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/scenario_loader.hpp"
#include "io/summary_json.hpp"
#include "models/ecosystem.hpp"

using namespace repsim;
using json = nlohmann::ordered_json;

namespace {

struct ShippedRun {
  std::string name;
  std::unique_ptr<models::Ecosystem> eco;
  json summary;
};

std::vector<ShippedRun> run_every_shipped_scenario() {
  std::vector<std::filesystem::path> files;
  for (const auto& f : std::filesystem::directory_iterator(std::string(REPSIM_SOURCE_DIR) + "/scenarios")) {
    const std::string stem = f.path().stem().string();
    if (f.path().extension() == ".json" && stem != "schema" && !stem.ends_with("_sweep"))
      files.push_back(f.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<ShippedRun> runs;
  for (const auto& path : files) {
    io::LoadOptions options;
    if (path.stem() == "scale_week") options.scale = 0.01;  // 100,000 tenants otherwise
    auto loaded = io::load_scenario_file(path.string(), options);
    ShippedRun r{path.stem().string(), nullptr, {}};
    const io::RunInfo info{loaded.config.name, loaded.description, loaded.config.seed, loaded.notes};
    r.eco = std::make_unique<models::Ecosystem>(std::move(loaded.config));
    r.eco->run();
    r.eco->finish();
    r.summary = io::summary_json(*r.eco, info);
    runs.push_back(std::move(r));
  }
  return runs;
}

double band_sum(const json& hours_in_band) {
  double sum = 0;
  for (const auto& [band, hours] : hours_in_band.items()) sum += hours.get<double>();
  return sum;
}

}  // namespace

TEST_CASE("every IP's band hours sum to the run and agree with its pool's", "[scenario][band_hours]") {
  static const std::vector<ShippedRun> runs = run_every_shipped_scenario();
  REQUIRE(runs.size() == 7);
  for (const ShippedRun& run : runs) {
    const models::Ecosystem& eco = *run.eco;
    const json& ips = run.summary.at("ips");
    INFO(run.name);
    REQUIRE(ips.size() == eco.ips().size());  // every IP is listed
    const double run_hours = sim::to_hours(eco.simulation().now());
    const double sample_hours = sim::to_hours(eco.config().sample_every);
    for (models::ScorerIndex s{0}; s < eco.scorer_count(); ++s) {
      const std::string& scorer = eco.scorer(s).id();
      INFO(scorer);
      // Band changes per IP during the run (initial bands are not changes).
      std::map<models::IpIndex, int> changes;
      for (const models::Event& e : eco.event_log())
        if (e.scorer == s && e.kind == models::EventKind::BandChange) ++changes[e.ip];
      const auto ip_entry = [&](models::IpIndex ip) -> const json& {
        return ips.at(eco.ips()[ip].address).at("scorers").at(scorer);
      };
      for (const models::IpPool& pool : eco.pools()) {
        INFO(pool.id);
        for (models::IpIndex ip : pool.ips) {
          INFO(eco.ips()[ip].address);
          if (ip_entry(ip).contains("hours_listed")) {
            CHECK(ip_entry(ip).at("hours_listed").get<double>() <= run_hours);
            continue;
          }
          CHECK(band_sum(ip_entry(ip).at("hours_in_band")) == Approx(run_hours).margin(1e-9));
        }
        const json& pool_entry = run.summary.at("pools").at(pool.id);
        if (!pool_entry.contains(scorer) || !pool_entry.at(scorer).contains("hours_in_band")) continue;
        const json& pool_hours = pool_entry.at(scorer).at("hours_in_band");
        const json& first = ip_entry(pool.ips.front()).at("hours_in_band");
        if (pool.ips.size() == 1) {
          // The pool's hours come from samples every sample_every, the IP's from exact times: each
          // band change of the IP moves at most one sampling interval between two bands.
          const double slack = changes[pool.ips.front()] * sample_hours;
          for (const auto& [band, hours] : pool_hours.items())
            CHECK(std::abs(first.at(band).get<double>() - hours.get<double>()) <= slack + 1e-9);
        }
        // IPs that stay in one band all run: their pool (the mean of their scores) stays there too.
        bool steady = true;
        for (models::IpIndex ip : pool.ips)
          steady = steady && changes[ip] == 0 && ip_entry(ip).at("hours_in_band") == first;
        if (steady) CHECK(pool_hours == first);
      }
    }
  }
}

TEST_CASE("six-day outage: established IPs are in their band from the start", "[scenario][band_hours]") {
  auto loaded = io::load_scenario_file(std::string(REPSIM_SOURCE_DIR) + "/scenarios/six_day_outage.json");
  const io::RunInfo info{loaded.config.name, loaded.description, loaded.config.seed, loaded.notes};
  models::Ecosystem eco(std::move(loaded.config));
  eco.run();
  eco.finish();
  const json j = io::summary_json(eco, info);
  // nsmail's pool starts at 4 (Good) and stays Good for all 240 h, as its pool's samples say.
  const json& nsmail = j["ips"]["10.1.0.3"]["scorers"]["senderbase"]["hours_in_band"];
  CHECK(nsmail["Good"] == 240.0);
  CHECK(nsmail["unscored"] == 0.0);
  CHECK(j["pools"]["nsmail-outbound"]["senderbase"]["hours_in_band"]["Good"] == 240.0);
  // o365's IPs start Good at Tue 8 May 00:00 and drop to Neutral at Wed 9 May 13:30 (37.5 h), the
  // first publication after the burst began at 12:00; each is back to Good at its own hour `back`
  // (the evidence fades with each IP's own volume) and stays Good to the end at 240 h: Good
  // 37.5 + (240 - back) h, Neutral back - 37.5 h, never unscored.
  for (models::IpIndex ip : eco.pools()[0].ips) {
    std::vector<double> changes;  // hours of the IP's band changes, from the event log
    for (const auto& e : eco.event_log())
      if (e.kind == models::EventKind::BandChange && e.ip == ip) changes.push_back(sim::to_hours(e.time));
    REQUIRE(changes.size() == 2);
    CHECK(changes[0] == 37.5);
    const double back = changes[1];
    const json& o365 = j["ips"][eco.ips()[ip].address]["scorers"]["senderbase"]["hours_in_band"];
    CHECK(o365["Good"] == 37.5 + (240.0 - back));
    CHECK(o365["Neutral"] == back - 37.5);
    CHECK(o365["unscored"] == 0.0);
  }
}
