#pragma once
// A small world for the output writers' tests: two tenants, two gateways, one provider with one
// shared pool of 8 IPs, one SenderBase scorer, one day from Wed 2012-05-09 16:30 -04:00.
//   alpha -> "open":   no reputation policy, no filters: every message is delivered at its first
//                      attempt (latency 0 s, nothing deferred, bounced or queued).
//   beta  -> "strict": Good-only policy reading the scorer, and a sensor of it. At 17:00 (T+30 min)
//                      the timeline restores all 8 IPs to -5 (unscored -> Poor, one burst of 8 band
//                      changes). Recovery closes 1 - 2^(-1/48) of the gap to a target of at most
//                      clean_score 5 per hourly update, so after the 23 updates of the day the score
//                      is at most -5 + 10 x (1 - 2^(-23/48)) = -2.17 (Poor): beta's mail is deferred
//                      all day and still queued at the end (queue lifetime 120 h).
#include <unistd.h>
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "models/ecosystem.hpp"
#include "models/gateway_policy.hpp"
#include "models/senderbase_scorer.hpp"
#include "sim/calendar.hpp"

namespace repsim::writers_test {

inline models::EcosystemConfig writers_world(std::uint64_t seed = 7) {
  using namespace models;
  EcosystemConfig c;
  c.name = "tiny";
  c.calendar = sim::Calendar::parse("2012-05-09T16:30:00-04:00");
  c.duration = sim::days(1);
  c.seed = seed;
  c.sample_every = sim::hours(1);
  c.scorers.push_back(SenderBaseConfig{});  // id "senderbase", -7..7, Poor < -1 <= Neutral < 1 <= Good

  ProviderSpec provider;
  provider.config.id = "o365";
  provider.pools.push_back(PoolSpec{"out", PoolKind::Shared, Assignment::RoundRobin, 8, {}, {}, 0});
  c.providers.push_back(provider);

  for (const char* id : {"alpha", "beta"}) {
    TenantSpec t;
    t.config.id = id;
    t.config.messages_per_day = 240;
    t.config.recipients = {RecipientShare{static_cast<GatewayIndex>(c.tenants.size()), 1.0}};
    c.tenants.push_back(t);
  }

  GatewayConfig open;
  open.id = "open";
  c.gateways.push_back(open);
  GatewayConfig strict;
  strict.id = "strict";
  strict.reputation = ScorerIndex{0};
  strict.policy = good_only_policy(ScoreScale{});
  strict.reports_to = {ScorerIndex{0}};
  c.gateways.push_back(strict);

  c.timeline.push_back(TimedAction{sim::minutes(30), "", RestoreScore{ScorerIndex{0}, {}, -5.0}});
  return c;
}

// Runs the world to its end and closes the books.
inline std::unique_ptr<models::Ecosystem> run_world(models::EcosystemConfig config) {
  auto eco = std::make_unique<models::Ecosystem>(std::move(config));
  eco->run();
  eco->finish();
  return eco;
}

// A fresh empty directory under the system's temporary directory, removed with the object.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("repsim-writers-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_plain(const std::filesystem::path& p, const std::string& content) {
  std::ofstream(p, std::ios::binary) << content;
}

// Names in a directory, sorted.
inline std::vector<std::string> listing(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace repsim::writers_test
