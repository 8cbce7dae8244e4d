#pragma once
// A Cisco SenderBase-style reputation service. Sensor gateways report per-IP volume, spam verdicts,
// complaints and trap hits; every `update_every` the service scores ALL IPs at once (a feature matrix
// times a weight vector, with Eigen) and publishes the result `publish_delay` later. Anomalies drop
// a score within one update. The evidence fades with the IP's own later volume and with time, so
// reputation "recovers with clean volume"; above the current score the score follows its target
// with a half-life. The vendor can restore a score by hand; there is no delisting. The equations,
// with a worked example: docs/reputation.md.
// Eigen stays inside senderbase_scorer.cpp: the per-IP tables are behind a pointer to its State.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "models/scorer.hpp"
#include "sim/simulation.hpp"

namespace repsim::models {

// Weights of the evidence's features. penalty = features . weights; target = clean_score - penalty.
// Tuned on the default scale (Poor < -1 <= Neutral < 1 <= Good) and clean_score 5:
struct SenderBaseWeights {
  // Per unit of spam fraction (spam / volume in the evidence). 5% spam costs 5 points: a clean IP
  // at 5 settles at 0, "Neutral, score 0" as Microsoft reported in May 2012 (docs/architecture.md,
  // domain facts). 4% still reads Good (1), 6% reads -1 (the bottom of Neutral: a cut belongs to the band
  // above it), 7% Poor (-2); 30% would be -25 and is clamped to the floor -7.
  double spam_ratio = 100.0;
  // 0: the spam feature is the spam fraction itself (linear, above). > 0: it saturates as
  // 1 - exp(-fraction / spam_saturation), and spam_ratio becomes the most that spam alone can cost.
  // Saturation models a large shared pool: with weight 5 and saturation 0.05, a spam share of a
  // few tenths holds a clean IP at "Neutral, score 0" whatever the burst's size, while trap hits and
  // complaints still push it to Poor; it reads Good again once the share falls below
  // 0.05 x ln 5 = 8% (docs/reputation.md).
  double spam_saturation = 0.0;
  // Per complaint per 1000 messages. 0.1% costs 2 (still Good, 3); 0.3%, the rate mailbox
  // providers commonly treat as the limit, costs 6 (bottom of Neutral, -1); 0.5% is Poor (-5).
  double complaints_per_1000 = 2.0;
  // Per trap hit in the evidence (a faded count, not a rate: traps receive no legitimate mail at all, so
  // volume does not excuse them). One hit leaves a clean IP at the bottom of Good (1); a second
  // sends it to Poor (-3): "repeated trap hits" are Poor.
  double trap_hits = 4.0;
  // Per decade of evidence volume, log10(1 + volume). 0 by default so a clean IP settles at exactly
  // clean_score whatever its volume; a negative weight rewards volume, a positive one punishes bursts.
  double log10_volume = 0.0;
};

// Which reported mail counts as the IP's volume: in the evidence (it dilutes spam, complaints and
// trap hits, and fades old evidence) and in the warm-up's lifetime count.
enum class CountedVolume : std::uint8_t {
  Messages,  // messages the sensor received (DATA), spam it rejected included (default)
  Attempts,  // also attempts it refused or deferred before DATA (a Good-only gateway's 4xx)
};

struct SenderBaseConfig {
  static constexpr std::string_view kType = "senderbase";
  static constexpr Publishes kPublishes = Publishes::Scores;

  std::string id = "senderbase";
  ScoreScale scale;  // -7..+7, Poor / Neutral / Good (docs/architecture.md, domain facts)
  // Scores are recomputed every hour and reach gateways half an hour later (published views lag the
  // live computation; docs/architecture.md, domain facts: "published every update_every after
  // publish_delay").
  sim::Time update_every = sim::kHour;
  sim::Time publish_delay = 30 * sim::kMinute;
  // The evidence's memory (docs/reputation.md). At each update the counts so far fade by
  // exp(-v / evidence_volume) x 2^(-update_every / evidence_half_life), v being the IP's volume in
  // that update: the more clean mail an IP sends after a burst, the sooner the burst stops counting
  // ("recovers with clean volume", in "a few hours to just over a week"). With no mail at all the
  // burst still fades, by time alone. Calibrated on May 2012 (docs/reputation.md).
  sim::Time evidence_half_life = 72 * sim::kHour;  // kNever: time alone fades nothing
  double evidence_volume = 1500;                   // +inf: volume fades nothing
  CountedVolume volume = CountedVolume::Messages;
  // Recovery toward a higher target halves the remaining distance every 48 h: from Poor (-5) back
  // to Good (1) toward 5 takes 48 * log2(10 / 4) ~ 63 h once the target is clean again, inside
  // "a few hours to just over a week" (docs/architecture.md, domain facts).
  sim::Time recovery_half_life = 48 * sim::kHour;
  // Lifetime messages before an IP may rise above neutral_score: new IPs with little history score
  // Neutral, dedicated IPs "need volume and warm-up to earn a Good score" (docs/architecture.md,
  // domain facts).
  std::uint64_t warmup_volume = 500;
  double neutral_score = 0.0;  // new / low-history IPs: "Neutral, score 0"
  double clean_score = 5.0;    // where a clean established IP settles: mid-Good
  SenderBaseWeights weights;

  // Throws std::invalid_argument naming the scorer and the field.
  void validate() const;
};

class SenderBaseScorer final : public Scorer, private sim::EventHandler {
 public:
  // IPs are dense indices 0..ip_count-1; add_ips appends more. Validates the config.
  explicit SenderBaseScorer(SenderBaseConfig config, std::size_t ip_count = 0);
  // The simulation keeps a reference to this object between events: it must not move.
  SenderBaseScorer(const SenderBaseScorer&) = delete;
  SenderBaseScorer& operator=(const SenderBaseScorer&) = delete;
  ~SenderBaseScorer() override;

  // Appends n unscored IPs; returns the index of the first.
  IpIndex add_ips(std::size_t n);
  std::size_t ip_count() const;

  const SenderBaseConfig& config() const { return config_; }

  // Scorer
  const std::string& id() const override { return config_.id; }
  const ScoreScale& scale() const override { return config_.scale; }
  Publishes publishes() const override { return SenderBaseConfig::kPublishes; }
  // Schedules the first update at sim.now() + update_every, then one every update_every while the
  // next would fall at or before `until` (with kNever, sim.run() would never return: use run_until
  // or pass the scenario's end). The publication of the last update still happens, publish_delay
  // after it. Throws std::logic_error when called twice.
  void start(sim::Simulation& sim, sim::Time until) override;
  // An IP with a past the run does not show: it starts scored (live and published) at `score`
  // with `lifetime_volume` messages of history, so it is out of warm-up when that is large enough.
  // For established pools that were Good before the scenario begins.
  void establish(IpIndex ip, double score, std::uint64_t lifetime_volume) override;
  // Counted in the bucket being filled (the updates, not `now`, delimit buckets). Throws
  // std::out_of_range for an IP beyond ip_count().
  void observe(IpIndex ip, const Observation& o, sim::Time now) override;
  // The published score; no score until the first publication after the IP's first observation.
  // Never listed. Published changes are reported at each publication, for every IP whose band
  // changed, in IP order, and by restore() when the override changes a band.
  SenderStanding standing(IpIndex ip) const override;
  // Tracked at every change of the published view (publication, establish, restore).
  std::optional<ScoreRange> published_range(IpIndex ip) const override;
  // Vendor override: live and published score become `score` (clamped to the scale) at once, pending
  // publications are patched so they do not bring the old value back, and the evidence's spam,
  // complaint and trap counts of the IP are cleared, so the next update does not drop the score
  // straight back (the vendor has judged that evidence). Volume and warm-up history stay: an IP
  // still in warm-up falls back to at most neutral_score at the next update.
  void restore(IpIndex ip, double score, sim::Time now) override;
  // SenderBase has no delisting (docs/architecture.md, domain facts): reputation recovers with
  // clean volume only.
  void request_delisting(IpIndex, sim::Time) override {}

  // The published score; neutral_score for an IP without one (check has_score).
  double score(IpIndex ip) const;
  // The live (not yet published) view, for tests and the visualizer.
  double live_score(IpIndex ip) const;
  bool live_has_score(IpIndex ip) const;
  // The evidence the next update would score, rounded down: faded counts plus those since the last
  // update (`refused_before_data` is not kept: volume already counts only what `volume` says).
  Observation evidence(IpIndex ip) const;
  std::uint64_t lifetime_volume(IpIndex ip) const;

 private:
  struct State;  // the per-IP tables, in Eigen arrays (senderbase_scorer.cpp)
  enum Payload : std::uint64_t { kTick = 0, kPublish = 1 };

  void on_event(sim::Simulation& sim, std::uint64_t payload) override;
  void update(sim::Simulation& sim);
  void publish(sim::Time now);
  void check_ip(IpIndex ip) const;
  // Reports a band change of the published view (from = kNone: the IP had no score).
  void report(IpIndex ip, std::uint32_t from, double score, sim::Time now) const;

  SenderBaseConfig config_;
  double recovery_step_;  // 1 - 2^(-update_every / half_life): share of the gap closed per update
  double time_fade_;      // 2^(-update_every / evidence_half_life): the evidence kept per update
  sim::Time until_ = sim::kNever;
  bool started_ = false;
  std::unique_ptr<State> state_;
};

}  // namespace repsim::models
