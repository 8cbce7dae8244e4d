#include "models/senderbase_scorer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace repsim::models {

namespace {

// Feature columns of the update's design matrix; the weight vector follows the same order.
enum Feature : int { kSpamRatio = 0, kComplaintsPer1000, kTrapHits, kLog10Volume, kFeatures };

void require(bool ok, const std::string& id, const std::string& what) {
  if (!ok) throw std::invalid_argument("senderbase scorer '" + id + "': " + what);
}

}  // namespace

void SenderBaseConfig::validate() const {
  scale.validate();
  require(update_every > 0, id, "update_every must be positive");
  require(publish_delay >= 0, id, "publish_delay must not be negative");
  require(window >= update_every && window % update_every == 0, id,
          "window must be a whole number (>= 1) of update_every");
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
    : config_(std::move(config)), weights_(kFeatures) {
  config_.validate();
  weights_(kSpamRatio) = config_.weights.spam_ratio;
  weights_(kComplaintsPer1000) = config_.weights.complaints_per_1000;
  weights_(kTrapHits) = config_.weights.trap_hits;
  weights_(kLog10Volume) = config_.weights.log10_volume;
  recovery_step_ = 1.0 - std::exp2(-static_cast<double>(config_.update_every) /
                                   static_cast<double>(config_.recovery_half_life));
  buckets_.resize(static_cast<std::size_t>(config_.window / config_.update_every));
  add_ips(ip_count);
}

IpIndex SenderBaseScorer::add_ips(std::size_t n) {
  const Eigen::Index old_n = live_.size();
  if (static_cast<std::size_t>(old_n) + n >= kNone)
    throw std::length_error("senderbase scorer: too many IPs");
  const Eigen::Index new_n = old_n + static_cast<Eigen::Index>(n);
  for (Bucket& b : buckets_) {
    b.conservativeResize(new_n, Eigen::NoChange);
    b.bottomRows(new_n - old_n).setZero();
  }
  window_.conservativeResize(new_n, Eigen::NoChange);
  window_.bottomRows(new_n - old_n).setZero();
  const auto grow = [&](auto& column, auto value) {
    column.conservativeResize(new_n);
    column.tail(new_n - old_n).setConstant(value);
  };
  grow(lifetime_volume_, 0.0);
  grow(live_, config_.neutral_score);
  grow(live_scored_, false);
  grow(published_, config_.neutral_score);
  grow(published_scored_, false);
  grow(published_min_, std::numeric_limits<double>::infinity());
  grow(published_max_, -std::numeric_limits<double>::infinity());
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
  const Eigen::Index i = ip;
  Bucket& b = buckets_[current_];
  b(i, kVolume) += o.messages;
  b(i, kSpam) += o.spam;
  b(i, kComplaints) += o.complaints;
  b(i, kTraps) += o.trap_hits;
  window_(i, kVolume) += o.messages;
  window_(i, kSpam) += o.spam;
  window_(i, kComplaints) += o.complaints;
  window_(i, kTraps) += o.trap_hits;
  lifetime_volume_(i) += o.messages;
  live_scored_(i) = true;  // first evidence: scored (Neutral) from the next update on
}

Observation SenderBaseScorer::window_totals(IpIndex ip) const {
  check_ip(ip);
  const auto count = [&](int c) { return static_cast<std::uint32_t>(window_(ip, c)); };
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
  const Eigen::Index n = live_.size();
  const ScoreScale& s = config_.scale;

  // Design matrix X (n x 4). Rates divide by the volume, at least 1 so an IP seen only through
  // complaints (mail counted in an earlier window) still reads as bad, never as NaN.
  const Eigen::ArrayXd volume = window_.col(kVolume);
  const Eigen::ArrayXd per_message = volume.max(1.0).inverse();
  Eigen::MatrixXd x(n, static_cast<Eigen::Index>(kFeatures));
  const Eigen::ArrayXd spam_fraction = window_.col(kSpam) * per_message;
  const double saturation = config_.weights.spam_saturation;
  x.col(kSpamRatio) =
      (saturation > 0 ? Eigen::ArrayXd(1.0 - (-spam_fraction / saturation).exp()) : spam_fraction).matrix();
  x.col(kComplaintsPer1000) = (1000.0 * window_.col(kComplaints) * per_message).matrix();
  x.col(kTrapHits) = window_.col(kTraps).matrix();
  x.col(kLog10Volume) = (1.0 + volume).log10().matrix();

  // One product scores every IP; then clamp to the scale and hold IPs still warming up at Neutral
  // (they may fall below it, never rise above).
  const Eigen::ArrayXd penalty = (x * weights_).array();
  const Eigen::ArrayXd clamped = (config_.clean_score - penalty).max(s.min).min(s.max);
  const Eigen::ArrayXd target = (lifetime_volume_ < static_cast<double>(config_.warmup_volume))
                                    .select(clamped.min(config_.neutral_score), clamped);

  // Fast drop, slow recovery: below the current score the target is taken at once; above it the
  // score closes the share recovery_step_ of the gap (half of it per recovery_half_life).
  const Eigen::ArrayXd recovered = live_ + (target - live_) * recovery_step_;
  const Eigen::ArrayXd next = (target < live_).select(target, recovered);
  live_ = live_scored_.select(next, live_);  // IPs never seen stay unscored at neutral_score

  pending_.push_back({live_, live_scored_});
  sim.schedule_after(config_.publish_delay, *this, kPublish);
  advance_bucket();
}

void SenderBaseScorer::advance_bucket() {
  // The oldest bucket leaves the window and is reused for the next update_every.
  current_ = (current_ + 1) % buckets_.size();
  Bucket& oldest = buckets_[current_];
  window_ -= oldest.cast<double>();
  oldest.setZero();
}

void SenderBaseScorer::publish(sim::Time now) {
  Publication p = std::move(pending_.front());
  pending_.pop_front();
  // IPs added after the update are not in it; they stay unscored.
  const Eigen::Index n = p.score.size();
  if (band_hook_) {
    const ScoreScale& s = config_.scale;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!p.scored(i)) continue;
      const std::size_t old_band = published_scored_(i) ? s.band_of(published_(i)) : kNoBand;
      const std::size_t new_band = s.band_of(p.score(i));
      if (old_band != new_band) band_hook_(static_cast<IpIndex>(i), old_band, new_band, p.score(i), now);
    }
  }
  published_.head(n) = p.score;
  published_scored_.head(n) = p.scored;
  published_min_.head(n) = p.scored.select(published_min_.head(n).min(p.score), published_min_.head(n));
  published_max_.head(n) = p.scored.select(published_max_.head(n).max(p.score), published_max_.head(n));
}

void SenderBaseScorer::widen_range(IpIndex ip, double published) {
  published_min_(ip) = std::min(published_min_(ip), published);
  published_max_(ip) = std::max(published_max_(ip), published);
}

std::optional<Scorer::ScoreRange> SenderBaseScorer::published_range(IpIndex ip) const {
  check_ip(ip);
  if (published_min_(ip) > published_max_(ip)) return std::nullopt;
  return ScoreRange{published_min_(ip), published_max_(ip)};
}

void SenderBaseScorer::establish(IpIndex ip, double score, std::uint64_t lifetime_volume) {
  check_ip(ip);
  const double value = config_.scale.clamp(score);
  live_(ip) = value;
  live_scored_(ip) = true;
  published_(ip) = value;
  published_scored_(ip) = true;
  widen_range(ip, value);
  lifetime_volume_(ip) = static_cast<double>(lifetime_volume);
}

void SenderBaseScorer::restore(IpIndex ip, double score, sim::Time now) {
  check_ip(ip);
  const ScoreScale& s = config_.scale;
  const double value = s.clamp(score);
  const std::size_t old_band = published_scored_(ip) ? s.band_of(published_(ip)) : kNoBand;

  live_(ip) = value;
  live_scored_(ip) = true;
  published_(ip) = value;
  published_scored_(ip) = true;
  widen_range(ip, value);
  for (Publication& p : pending_) {
    if (static_cast<Eigen::Index>(ip) >= p.score.size()) continue;
    p.score(ip) = value;
    p.scored(ip) = true;
  }
  for (Bucket& b : buckets_) b.row(ip).tail(kCounts - kSpam).setZero();
  window_.row(ip).tail(kCounts - kSpam).setZero();

  const std::size_t new_band = s.band_of(value);
  if (band_hook_ && old_band != new_band) band_hook_(ip, old_band, new_band, value, now);
}

}  // namespace repsim::models
