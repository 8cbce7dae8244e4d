#include "models/senderbase_scorer.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <stdexcept>
#include <vector>

namespace repsim::models {

namespace {

// Feature columns of the update's design matrix; the weight vector follows the same order.
enum Feature : int { kSpamRatio = 0, kComplaintsPer1000, kTrapHits, kLog10Volume, kFeatures };
// Columns of the per-IP count tables.
enum Count : int { kVolume = 0, kSpam, kComplaints, kTraps, kCounts };

void require(bool ok, const std::string& id, const std::string& what) {
  if (!ok) throw std::invalid_argument("senderbase scorer '" + id + "': " + what);
}

}  // namespace

struct SenderBaseScorer::State {
  // One row per IP, stored row by row: observe() runs once per message and adds to all four counts
  // of one IP, which then share a cache line. The update reads whole columns once per update_every;
  // every operation is elementwise, so the layout does not change a single value.
  using Fresh = Eigen::Array<std::uint32_t, Eigen::Dynamic, kCounts, Eigen::RowMajor>;
  using Counts = Eigen::Array<double, Eigen::Dynamic, kCounts, Eigen::RowMajor>;
  using Flags = Eigen::Array<bool, Eigen::Dynamic, 1>;
  struct Publication {
    Eigen::ArrayXd score;
    Flags scored;
  };

  Eigen::VectorXd weights = Eigen::VectorXd(kFeatures);  // the four weights, in feature order
  Fresh fresh;                                           // what the sensors reported since the last update
  Counts evidence;  // everything before, each update's counts faded by the memory since
  Eigen::ArrayXd lifetime_volume;

  Eigen::ArrayXd live;
  Flags live_scored;
  Eigen::ArrayXd published;
  Flags published_scored;
  Eigen::ArrayXd published_min;     // +inf until the IP is first published
  Eigen::ArrayXd published_max;     // -inf until then
  std::deque<Publication> pending;  // FIFO: every publication waits the same publish_delay

  void widen_range(IpIndex ip, double value) {
    published_min(ip.value()) = std::min(published_min(ip.value()), value);
    published_max(ip.value()) = std::max(published_max(ip.value()), value);
  }
  // Live and published score become `value` at once.
  void set_score(IpIndex ip, double value) {
    live(ip.value()) = value;
    live_scored(ip.value()) = true;
    published(ip.value()) = value;
    published_scored(ip.value()) = true;
    widen_range(ip, value);
  }
};

void SenderBaseConfig::validate() const {
  scale.validate();
  require(update_every > 0, id, "update_every must be positive");
  require(publish_delay >= 0, id, "publish_delay must not be negative");
  require(evidence_half_life > 0, id, "evidence_half_life must be positive");
  require(evidence_volume > 0, id, "evidence_volume must be positive");  // +inf: volume fades nothing
  require(recovery_half_life > 0, id, "recovery_half_life must be positive");
  require(neutral_score >= scale.min && neutral_score <= scale.max, id,
          "neutral_score must lie on the scale");
  require(clean_score >= scale.min && clean_score <= scale.max, id, "clean_score must lie on the scale");
  require(std::isfinite(weights.spam_saturation) && weights.spam_saturation >= 0, id,
          "weights.spam_saturation must be >= 0");
  require(std::isfinite(weights.spam_ratio) && std::isfinite(weights.complaints_per_1000) &&
              std::isfinite(weights.trap_hits) && std::isfinite(weights.log10_volume),
          id, "weights must be finite");
}

SenderBaseScorer::SenderBaseScorer(SenderBaseConfig config, std::size_t ip_count)
    : config_(std::move(config)), state_(std::make_unique<State>()) {
  config_.validate();
  State& s = *state_;
  s.weights(kSpamRatio) = config_.weights.spam_ratio;
  s.weights(kComplaintsPer1000) = config_.weights.complaints_per_1000;
  s.weights(kTrapHits) = config_.weights.trap_hits;
  s.weights(kLog10Volume) = config_.weights.log10_volume;
  recovery_step_ = 1.0 - std::exp2(-static_cast<double>(config_.update_every) /
                                   static_cast<double>(config_.recovery_half_life));
  time_fade_ = config_.evidence_half_life == sim::kNever
                   ? 1.0
                   : std::exp2(-static_cast<double>(config_.update_every) /
                               static_cast<double>(config_.evidence_half_life));
  add_ips(ip_count);
}

SenderBaseScorer::~SenderBaseScorer() = default;

std::size_t SenderBaseScorer::ip_count() const { return static_cast<std::size_t>(state_->live.size()); }

IpIndex SenderBaseScorer::add_ips(std::size_t n) {
  State& s = *state_;
  const Eigen::Index old_n = s.live.size();
  if (static_cast<std::size_t>(old_n) + n >= kNone)
    throw std::length_error("senderbase scorer: too many IPs");
  const Eigen::Index new_n = old_n + static_cast<Eigen::Index>(n);
  s.fresh.conservativeResize(new_n, Eigen::NoChange);
  s.fresh.bottomRows(new_n - old_n).setZero();
  s.evidence.conservativeResize(new_n, Eigen::NoChange);
  s.evidence.bottomRows(new_n - old_n).setZero();
  const auto grow = [&](auto& column, auto value) {
    column.conservativeResize(new_n);
    column.tail(new_n - old_n).setConstant(value);
  };
  grow(s.lifetime_volume, 0.0);
  grow(s.live, config_.neutral_score);
  grow(s.live_scored, false);
  grow(s.published, config_.neutral_score);
  grow(s.published_scored, false);
  grow(s.published_min, std::numeric_limits<double>::infinity());
  grow(s.published_max, -std::numeric_limits<double>::infinity());
  return static_cast<IpIndex>(old_n);
}

void SenderBaseScorer::start(sim::Simulation& sim, sim::Time until) {
  if (started_) throw std::logic_error("senderbase scorer '" + config_.id + "': started twice");
  started_ = true;
  until_ = until;
  if (until_ - sim.now() >= config_.update_every) sim.schedule_after(config_.update_every, *this, kTick);
}

void SenderBaseScorer::check_ip(IpIndex ip) const {
  if (ip >= ip_count())
    throw std::out_of_range("senderbase scorer '" + config_.id + "': no IP " + std::to_string(ip));
}

void SenderBaseScorer::observe(IpIndex ip, const Observation& o, sim::Time) {
  check_ip(ip);
  State& s = *state_;
  const Eigen::Index i = ip;
  const std::uint32_t volume = config_.volume == CountedVolume::Messages
                                   ? o.messages - std::min(o.refused_before_data, o.messages)
                                   : o.messages;
  s.fresh(i, kVolume) += volume;
  s.fresh(i, kSpam) += o.spam;
  s.fresh(i, kComplaints) += o.complaints;
  s.fresh(i, kTraps) += o.trap_hits;
  s.lifetime_volume(i) += volume;
  s.live_scored(i) = true;  // first evidence: scored (Neutral) from the next update on
}

SenderStanding SenderBaseScorer::standing(IpIndex ip) const {
  const State& s = *state_;
  if (!s.published_scored(ip.value())) return {};
  return {s.published(ip.value()), false};
}

double SenderBaseScorer::score(IpIndex ip) const { return state_->published(ip.value()); }
double SenderBaseScorer::live_score(IpIndex ip) const { return state_->live(ip.value()); }
bool SenderBaseScorer::live_has_score(IpIndex ip) const { return state_->live_scored(ip.value()); }

std::uint64_t SenderBaseScorer::lifetime_volume(IpIndex ip) const {
  return static_cast<std::uint64_t>(state_->lifetime_volume(ip.value()));
}

Observation SenderBaseScorer::evidence(IpIndex ip) const {
  check_ip(ip);
  const State& s = *state_;
  const auto count = [&](int c) {
    return static_cast<std::uint32_t>(s.evidence(ip.value(), c) + s.fresh(ip.value(), c));
  };
  return {count(kVolume), count(kSpam), count(kComplaints), count(kTraps)};
}

void SenderBaseScorer::on_event(sim::Simulation& sim, std::uint64_t payload) {
  if (payload == kPublish) {
    publish(sim.now());
    return;
  }
  update(sim);
  if (until_ - sim.now() >= config_.update_every) sim.schedule_after(config_.update_every, *this, kTick);
}

void SenderBaseScorer::update(sim::Simulation& sim) {
  State& st = *state_;
  const Eigen::Index n = st.live.size();
  const ScoreScale& s = config_.scale;

  // The evidence: what came before, faded by this update's volume and by time, plus what came since.
  const Eigen::ArrayXd fresh_volume = st.fresh.col(kVolume).cast<double>();
  const Eigen::ArrayXd kept = (-fresh_volume / config_.evidence_volume).exp() * time_fade_;
  st.evidence = st.evidence.colwise() * kept + st.fresh.cast<double>();
  st.fresh.setZero();

  // Design matrix X (n x 4). Rates divide by the volume, at least 1 so an IP seen only through
  // complaints (its mail long faded) still reads as bad, never as NaN.
  const Eigen::ArrayXd volume = st.evidence.col(kVolume);
  const Eigen::ArrayXd per_message = volume.max(1.0).inverse();
  Eigen::MatrixXd x(n, static_cast<Eigen::Index>(kFeatures));
  const Eigen::ArrayXd spam_fraction = st.evidence.col(kSpam) * per_message;
  const double saturation = config_.weights.spam_saturation;
  x.col(kSpamRatio) =
      (saturation > 0 ? Eigen::ArrayXd(1.0 - (-spam_fraction / saturation).exp()) : spam_fraction).matrix();
  x.col(kComplaintsPer1000) = (1000.0 * st.evidence.col(kComplaints) * per_message).matrix();
  x.col(kTrapHits) = st.evidence.col(kTraps).matrix();
  x.col(kLog10Volume) = (1.0 + volume).log10().matrix();

  // One product scores every IP; then clamp to the scale and hold IPs still warming up at Neutral
  // (they may fall below it, never rise above).
  const Eigen::ArrayXd penalty = (x * st.weights).array();
  const Eigen::ArrayXd clamped = (config_.clean_score - penalty).max(s.min).min(s.max);
  const Eigen::ArrayXd target = (st.lifetime_volume < static_cast<double>(config_.warmup_volume))
                                    .select(clamped.min(config_.neutral_score), clamped);

  // Fast drop, slow recovery: below the current score the target is taken at once; above it the
  // score closes the share recovery_step_ of the gap (half of it per recovery_half_life).
  const Eigen::ArrayXd recovered = st.live + (target - st.live) * recovery_step_;
  const Eigen::ArrayXd next = (target < st.live).select(target, recovered);
  st.live = st.live_scored.select(next, st.live);  // IPs never seen stay unscored at neutral_score

  st.pending.push_back({st.live, st.live_scored});
  sim.schedule_after(config_.publish_delay, *this, kPublish);
}

void SenderBaseScorer::report(IpIndex ip, std::uint32_t from, double score, sim::Time now) const {
  PublishedChange c;
  c.ip = ip;
  c.from = from;
  c.to = static_cast<std::uint32_t>(config_.scale.band_of(score));
  c.score = score;
  c.when = now;
  if (c.from != c.to) published_change(c);
}

void SenderBaseScorer::publish(sim::Time now) {
  State& st = *state_;
  State::Publication p = std::move(st.pending.front());
  st.pending.pop_front();
  // IPs added after the update are not in it; they stay unscored.
  const Eigen::Index n = p.score.size();
  if (watched()) {
    const ScoreScale& s = config_.scale;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!p.scored(i)) continue;
      const auto ip = static_cast<IpIndex>(i);
      report(ip, st.published_scored(i) ? static_cast<std::uint32_t>(s.band_of(st.published(i))) : kNone,
             p.score(i), now);
    }
  }
  st.published.head(n) = p.score;
  st.published_scored.head(n) = p.scored;
  st.published_min.head(n) = p.scored.select(st.published_min.head(n).min(p.score), st.published_min.head(n));
  st.published_max.head(n) = p.scored.select(st.published_max.head(n).max(p.score), st.published_max.head(n));
}

std::optional<Scorer::ScoreRange> SenderBaseScorer::published_range(IpIndex ip) const {
  check_ip(ip);
  const State& s = *state_;
  if (s.published_min(ip.value()) > s.published_max(ip.value())) return std::nullopt;
  return ScoreRange{s.published_min(ip.value()), s.published_max(ip.value())};
}

void SenderBaseScorer::establish(IpIndex ip, double score, std::uint64_t lifetime_volume) {
  check_ip(ip);
  state_->set_score(ip, config_.scale.clamp(score));
  state_->lifetime_volume(ip.value()) = static_cast<double>(lifetime_volume);
}

void SenderBaseScorer::restore(IpIndex ip, double score, sim::Time now) {
  check_ip(ip);
  State& st = *state_;
  const ScoreScale& s = config_.scale;
  const double value = s.clamp(score);
  const std::uint32_t old_band = st.published_scored(ip.value())
                                     ? static_cast<std::uint32_t>(s.band_of(st.published(ip.value())))
                                     : kNone;

  st.set_score(ip, value);
  for (State::Publication& p : st.pending) {
    if (static_cast<Eigen::Index>(ip) >= p.score.size()) continue;
    p.score(ip.value()) = value;
    p.scored(ip.value()) = true;
  }
  st.fresh.row(ip.value()).tail(kCounts - kSpam).setZero();
  st.evidence.row(ip.value()).tail(kCounts - kSpam).setZero();

  report(ip, old_band, value, now);
}

}  // namespace repsim::models
