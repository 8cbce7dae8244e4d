// Reputation recovers with clean volume (issue: fidelity). The six-day outage lengthened to 16
// days, same seed: the shared pool's recovery, counted from the end of the burst (Wed 9 May 18:00),
// shortens with more clean volume and with a smaller burst, and the 2012 timeline still holds.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "io/scenario_loader.hpp"
#include "models/ecosystem.hpp"

using namespace repsim;
using nlohmann::json;

namespace {

json six_day_outage_16d() {
  std::ifstream in(std::string(REPSIM_SOURCE_DIR) + "/scenarios/six_day_outage.json");
  json doc = json::parse(in);
  doc["duration"] = "16d";
  return doc;
}

json& tenant(json& doc, const std::string& id) {
  for (json& t : doc["tenants"])
    if (t["id"] == id) return t;
  throw std::logic_error("no tenant " + id);
}

std::unique_ptr<models::Ecosystem> run(const json& doc) {
  auto loaded = io::load_scenario_json(doc, "six_day_outage_16d.json");
  auto eco = std::make_unique<models::Ecosystem>(std::move(loaded.config));
  eco->run();
  eco->finish();
  return eco;
}

sim::Time may(const models::Ecosystem& eco, int day, int hour) {
  char iso[40];
  std::snprintf(iso, sizeof iso, "2012-05-%02dT%02d:00:00-04:00", day, hour);
  return eco.calendar().parse_time(iso);
}

// When the last of the o365 pool's IPs is back in Good after the burst (an IP that never left Good
// counts as back at 0; kNever: one is not back by the end of the run).
sim::Time pool_good_again(const models::Ecosystem& eco) {
  const auto& scale = eco.scorer(models::ScorerIndex{0}).scale();
  const auto good = static_cast<std::uint32_t>(*scale.band_index("Good"));
  sim::Time last = 0;
  for (models::IpIndex ip : eco.pools()[0].ips) {
    sim::Time back = 0;  // established Good before the run
    for (const auto& e : eco.event_log())
      if (e.kind == models::EventKind::BandChange && e.ip == ip && e.from != models::kNone)
        back = e.to == good ? e.time : sim::kNever;
    last = std::max(last, back);
  }
  return last;
}

}  // namespace

TEST_CASE("recovery: more clean volume and a smaller burst bring the pool back sooner",
          "[scenario][recovery]") {
  const auto base = run(six_day_outage_16d());
  const sim::Time burst_end = may(*base, 9, 18);
  const sim::Time base_back = pool_good_again(*base);
  REQUIRE(base_back != sim::kNever);

  json more_clean = six_day_outage_16d();
  tenant(more_clean, "o365-customers")["messages_per_day"] = 4 * 300;
  const sim::Time clean_back = pool_good_again(*run(more_clean));
  REQUIRE(clean_back != sim::kNever);

  json small_burst = six_day_outage_16d();
  tenant(small_burst, "o365-spammer")["episodes"][0]["messages_per_hour"] = 2000;
  const sim::Time small_back = pool_good_again(*run(small_burst));
  REQUIRE(small_back != sim::kNever);

  json tiny_burst = six_day_outage_16d();
  tenant(tiny_burst, "o365-spammer")["episodes"][0]["messages_per_hour"] = 1000;
  const auto tiny = run(tiny_burst);

  const double base_h = sim::to_hours(base_back - burst_end);
  INFO("pool Good again after the burst: base " << base_h << " h, 4x clean "
                                                << sim::to_hours(clean_back - burst_end) << " h, burst / 10 "
                                                << sim::to_hours(small_back - burst_end) << " h");
  // The 2012 case is the long end, about a week.
  CHECK(base_h >= 6 * 24);
  CHECK(base_h <= 9 * 24);
  // Four times the clean volume: at least 25% sooner.
  CHECK(sim::to_hours(clean_back - burst_end) <= 0.75 * base_h);
  // A burst ten times smaller: at least twice as fast.
  CHECK(sim::to_hours(small_back - burst_end) <= 0.5 * base_h);
  // A burst twenty times smaller on the same big clean pool: some IPs dip to Neutral and are back
  // within hours, every one within two days.
  bool dipped = false;
  const auto neutral =
      static_cast<std::uint32_t>(*tiny->scorer(models::ScorerIndex{0}).scale().band_index("Neutral"));
  sim::Time first_back = sim::kNever;
  for (const auto& e : tiny->event_log()) {
    if (e.kind != models::EventKind::BandChange || e.from == models::kNone) continue;
    if (e.to == neutral) dipped = true;
    if (e.from == neutral && first_back == sim::kNever) first_back = e.time;
  }
  CHECK(dipped);
  REQUIRE(first_back != sim::kNever);
  CHECK(first_back - burst_end <= sim::hours(12));
  const sim::Time tiny_back = pool_good_again(*tiny);
  REQUIRE(tiny_back != sim::kNever);
  CHECK(tiny_back - burst_end <= sim::days(2));
}

TEST_CASE("recovery: the 2012 timeline holds", "[scenario][recovery]") {
  const auto eco = run(six_day_outage_16d());
  const auto& scale = eco->scorer(models::ScorerIndex{0}).scale();
  // The pool is Neutral by the afternoon of 9 May and not Good at 18:00 on 14 and 15 May.
  const auto band_at = [&](models::IpIndex ip, sim::Time t) {
    auto band = static_cast<std::uint32_t>(*scale.band_index("Good"));  // established Good before the run
    for (const auto& e : eco->event_log())
      if (e.kind == models::EventKind::BandChange && e.ip == ip && e.time <= t) band = e.to;
    return band;
  };
  for (models::IpIndex ip : eco->pools()[0].ips) {
    CHECK(band_at(ip, may(*eco, 9, 15)) == scale.band_index("Neutral"));
    CHECK(band_at(ip, may(*eco, 14, 18)) != scale.band_index("Good"));
    CHECK(band_at(ip, may(*eco, 15, 18)) != scale.band_index("Good"));
  }
}
