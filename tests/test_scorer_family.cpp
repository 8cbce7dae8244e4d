// Scorers as a family: a third type, defined and registered here (factory and loader), runs a
// scenario end to end through the loader, the ecosystem and the output writers like the built-ins.
#include <catch2/catch.hpp>

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "io/key_table.hpp"
#include "io/run_outputs.hpp"
#include "io/scenario_keys.hpp"
#include "io/scenario_loader.hpp"
#include "io/scorer_loaders.hpp"
#include "models/ecosystem.hpp"
#include "models/scorer_registry.hpp"
#include "scenario_fixture.hpp"
#include "writers_fixture.hpp"

using namespace repsim;
using models::IpIndex;
using models::kNone;
using models::Publishes;
using models::SenderStanding;

namespace {

// The simplest score service: from the start of the run every IP is published at `score`; the
// vendor's restore sets one IP's score. It ignores its sensors.
struct ConstantConfig {
  static constexpr std::string_view kType = "constant";
  static constexpr Publishes kPublishes = Publishes::Scores;

  std::string id = "constant";
  models::ScoreScale scale;
  double score = 0;
};

class ConstantScorer final : public models::Scorer {
 public:
  ConstantScorer(ConstantConfig config, std::size_t ip_count)
      : config_(std::move(config)), scores_(ip_count, config_.score) {}

  const std::string& id() const override { return config_.id; }
  const models::ScoreScale& scale() const override { return config_.scale; }
  Publishes publishes() const override { return ConstantConfig::kPublishes; }
  void start(sim::Simulation& sim, sim::Time) override {
    started_ = true;
    for (IpIndex ip{0}; ip < scores_.size(); ++ip) report(ip, kNone, sim.now());
  }
  void observe(IpIndex, const models::Observation&, sim::Time) override {}
  SenderStanding standing(IpIndex ip) const override {
    if (!started_) return {};
    return {scores_[ip], false};
  }
  void restore(IpIndex ip, double score, sim::Time now) override {
    const auto from = static_cast<std::uint32_t>(config_.scale.band_of(scores_[ip]));
    scores_[ip] = config_.scale.clamp(score);
    report(ip, from, now);
  }
  void request_delisting(IpIndex, sim::Time) override {}

 private:
  void report(IpIndex ip, std::uint32_t from, sim::Time now) const {
    models::PublishedChange c;
    c.ip = ip;
    c.from = from;
    c.to = static_cast<std::uint32_t>(config_.scale.band_of(scores_[ip]));
    c.score = scores_[ip];
    c.when = now;
    if (c.from != c.to) published_change(c);
  }

  ConstantConfig config_;
  std::vector<double> scores_;
  bool started_ = false;
};

// The constant type's keys: a scorer's own (id, type, scale), then its score.
const io::KeyTable& constant_keys() {
  static const io::KeyTable table("constant", true,
                                  {io::include(io::keys::scorer()),
                                   {"score", io::json_type::kNumber, "number on the scale", io::literal("0"),
                                    "the score every IP publishes"}});
  return table;
}

// Registers the constant type with the models (factory) and the loader for one test's duration.
class ConstantRegistration {
 public:
  ConstantRegistration() {
    models::scorer_registry().add_type<ConstantConfig>(
        [](const ConstantConfig& c, sim::Simulation&, std::size_t ip_count) {
          return std::make_unique<ConstantScorer>(c, ip_count);
        });
    io::scorer_loaders().add_type<ConstantConfig>(constant_keys(), [](const io::JsonNode& n) {
      auto c = io::load_scorer_basics<ConstantConfig>(n);
      if (auto v = n.find("score")) c.score = v->number_in(c.scale.min, c.scale.max);
      return c;
    });
  }
  ~ConstantRegistration() {
    models::scorer_registry().remove(ConstantConfig::kType);
    io::scorer_loaders().remove(ConstantConfig::kType);
  }
  ConstantRegistration(const ConstantRegistration&) = delete;
  ConstantRegistration& operator=(const ConstantRegistration&) = delete;
};

// One sender on a pool of two IPs mails two gateways that read the constant scorer: "strict"
// accepts only Good, "lenient" refuses only Poor. The score is 0 (Neutral) until the vendor
// restores every IP to the floor of Good at 12:00.
nlohmann::json constant_scenario() {
  return nlohmann::json::parse(R"({
    "name": "constant",
    "start": "2012-05-09T00:00:00-04:00",
    "duration": "24h",
    "scorers": [{"id": "fixed", "type": "constant", "score": 0}],
    "providers": [{"id": "esp", "pools": [{"id": "pool", "size": 2}]}],
    "tenants": [{"id": "sender", "provider": "esp", "messages_per_day": 96,
                 "recipients": [{"gateway": "strict"}, {"gateway": "lenient"}]}],
    "gateways": [
      {"id": "strict", "reputation": "fixed", "policy": "good_only"},
      {"id": "lenient", "reputation": "fixed", "policy": "neutral_ok"}
    ],
    "timeline": [{"at": "12h", "action": "restore_score", "scorer": "fixed", "score": "Good"}]
  })");
}

}  // namespace

TEST_CASE("a scorer type registered outside the built-ins runs a scenario end to end", "[scorers]") {
  const ConstantRegistration registration;
  const io::LoadedScenario loaded = io::testing::load(constant_scenario());
  REQUIRE(loaded.config.scorers.size() == 1);
  CHECK(loaded.config.scorers[0].type() == "constant");
  CHECK(loaded.config.scorers[0].get<ConstantConfig>().score == 0);
  const auto eco = writers_test::run_world(loaded.config);
  const writers_test::TempDir dir;
  io::write_run_outputs(*eco, io::RunInfo{"constant", "", 1, {}}, dir.path().string());
  const auto summary = nlohmann::json::parse(writers_test::read_file(dir.path() / "summary.json"));

  // Neutral from 00:00 (the start publishes both IPs) to the restore at 12:00, then Good.
  const nlohmann::json halves = {{"Poor", 0.0}, {"Neutral", 12.0}, {"Good", 12.0}, {"unscored", 0.0}};
  for (const char* ip : {"10.0.0.0", "10.0.0.1"}) {
    const auto& at = summary["ips"][ip]["scorers"]["fixed"];
    CHECK(at["hours_in_band"] == halves);
    CHECK(at["score_end"] == 1.0);      // the floor of Good on the default scale
    CHECK(at["min_score"] == nullptr);  // the type keeps no range (Scorer::published_range's default)
  }
  // The pool gauge: hourly samples at 00:00 .. 11:00 read 0, those from 12:00 (after the restore,
  // which was scheduled first) read 1, each held for an hour.
  CHECK(summary["pools"]["pool"]["fixed"]["hours_in_band"] == halves);
  CHECK(summary["pools"]["pool"]["fixed"]["min_score"] == 0.0);
  CHECK(summary["pools"]["pool"]["fixed"]["max_score"] == 1.0);

  // The gateways obey the published score: lenient takes Neutral at once; strict defers it, then
  // accepts everything at the provider's first retry after 12:00 (every 20 minutes).
  const auto& lenient = summary["gateways"]["lenient"];
  CHECK(lenient["sent"].get<int>() > 0);
  CHECK(lenient["delivered"] == lenient["sent"]);
  CHECK(lenient["deferred_attempts"] == 0);
  const auto& strict = summary["gateways"]["strict"];
  CHECK(strict["sent"].get<int>() > 0);
  CHECK(strict["delivered"] == strict["sent"]);
  CHECK(strict["deferred_attempts"].get<int>() > 0);
  CHECK(strict["bounced"] == 0);
  CHECK(strict["queued_at_end"] == 0);
  REQUIRE(summary["outages"].size() == 1);
  const auto& outage = summary["outages"][0];
  CHECK(outage["gateway"] == "strict");
  CHECK(outage["cause"] == "reputation");
  CHECK(outage["start"] < "2012-05-09T12:00:00-04:00");
  CHECK(outage["end"] >= "2012-05-09T12:00:00-04:00");
  CHECK(outage["end"] <= "2012-05-09T12:20:00-04:00");

  // The uniform hook logs the constant scorer's changes as it logs SenderBase's band changes: a
  // typed record (kind, actor, pool, ip, scorer, from, to, value = the published score).
  const std::string events = writers_test::read_file(dir.path() / "events.csv");
  CHECK_THAT(events,
             Catch::Matchers::Contains("2012-05-09T00:00:00-04:00,0,band_change,fixed,,,,pool,10.0.0.1,"
                                       "fixed,,unscored,Neutral,,0,\n"));
  CHECK_THAT(events, Catch::Matchers::Contains("2012-05-09T12:00:00-04:00,43200,band_change,fixed,,,,pool,"
                                               "10.0.0.0,fixed,,Neutral,Good,,1,\n"));
}

TEST_CASE("scorer types are checked against the registry, which names them", "[scorers]") {
  using io::testing::error_of;
  nlohmann::json doc = constant_scenario();
  CHECK(error_of(doc) ==
        "t.json: /scorers/0/type: unknown scorer type 'constant' (expected one of: senderbase, blocklist)");

  const ConstantRegistration registration;
  CHECK(error_of(doc) == "<loaded>");
  doc["scorers"][0]["type"] = "constnat";
  CHECK(error_of(doc) ==
        "t.json: /scorers/0/type: unknown scorer type 'constnat' (expected one of: "
        "senderbase, blocklist, constant)");
  // Another type's keys are named as such, from the keys each registered type declares.
  doc = io::testing::base_scenario();
  doc["scorers"][0]["score"] = 1;
  CHECK(error_of(doc) == "t.json: /scorers/0/score: 'score' applies only to constant scorers");
  doc = io::testing::base_scenario();
  doc["scorers"][1]["evidence_volume"] = 100;
  CHECK(error_of(doc) ==
        "t.json: /scorers/1/evidence_volume: 'evidence_volume' applies only to senderbase scorers");
  // A gateway's reputation needs a type that publishes scores, its blocklist one that lists.
  doc = constant_scenario();
  doc["scorers"].push_back({{"id", "dnsbl"}, {"type", "blocklist"}});
  doc["gateways"][0]["blocklist"] = "fixed";
  CHECK(error_of(doc) ==
        "t.json: /gateways/0/blocklist: scorer 'fixed' is a constant scorer; 'blocklist' needs a blocklist "
        "scorer");
  doc["gateways"][0].erase("blocklist");
  doc["gateways"][0]["reputation"] = "dnsbl";
  CHECK(error_of(doc) ==
        "t.json: /gateways/0/reputation: scorer 'dnsbl' is a blocklist scorer; 'reputation' "
        "needs a senderbase or constant scorer");
}

TEST_CASE("an ecosystem refuses a scorer whose type has no factory", "[scorers]") {
  models::EcosystemConfig config;
  config.scorers.push_back(ConstantConfig{});
  CHECK_THROWS_WITH(models::Ecosystem(config),
                    "scorer 'constant': unknown type 'constant' (registered: senderbase, blocklist)");
  // A spec answers for its own type only.
  CHECK_THROWS_AS(config.scorers[0].get<models::SenderBaseConfig>(), std::logic_error);
}
