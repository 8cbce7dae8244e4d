#include "models/population.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "sim/distributions.hpp"

namespace repsim::models {

namespace {

void validate(const TenantPopulation& p, const std::string& who) {
  if (!std::isfinite(p.volume_cv) || p.volume_cv < 0.0)
    throw std::invalid_argument(who + "volume_cv must be finite and >= 0");
  if (!std::isfinite(p.base.messages_per_day) || p.base.messages_per_day < 0.0)
    throw std::invalid_argument(who + "messages_per_day must be finite and >= 0");
  if (!(p.compromise_probability >= 0.0 && p.compromise_probability <= 1.0))
    throw std::invalid_argument(who + "compromise_probability must be in [0, 1]");
  if (p.compromise_probability > 0.0) {
    if (p.base.episodes.size() != 1)
      throw std::invalid_argument(who +
                                  "compromise_probability > 0 needs exactly one template episode, got " +
                                  std::to_string(p.base.episodes.size()));
    if (p.episode_window_end <= p.episode_window_start)
      throw std::invalid_argument(who + "the episode window is empty (end <= start)");
  } else if (!p.base.episodes.empty()) {
    throw std::invalid_argument(who + "template episodes are used only with compromise_probability > 0");
  }
}

}  // namespace

SuccessiveSampler::SuccessiveSampler(std::vector<double> weights)
    : weights_(std::move(weights)), all_(weights_) {
  for (std::size_t i = 0; i < weights_.size(); ++i)
    if (weights_[i] > 0.0) positive_.push_back(i);
}

std::vector<std::size_t> SuccessiveSampler::operator()(std::uint32_t k, sim::RandomStream& rng) const {
  if (k >= positive_.size()) return positive_;

  // Drawing from the full mix and redrawing repeats picks each remaining entry in proportion to its
  // weight among the remaining ones: successive sampling, at O(1) a draw while the picks hold little
  // of the total weight. When they hold most of it (a few heavy entries), redraws get frequent and
  // the rest comes from a mix rebuilt over the remaining entries. A small sample finds repeats among
  // its picks; a large one keeps a flag per entry (a pass over the mix, small beside k draws then).
  constexpr std::uint32_t kFewPicks = 64;
  std::vector<bool> taken(k > kFewPicks ? weights_.size() : 0, false);
  std::vector<std::size_t> out;
  out.reserve(k);
  const auto is_taken = [&](std::size_t i) {
    return k > kFewPicks ? static_cast<bool>(taken[i]) : std::find(out.begin(), out.end(), i) != out.end();
  };
  std::uint32_t misses = 0;
  constexpr std::uint32_t kMaxMisses = 16;
  while (out.size() < k && misses < kMaxMisses) {
    const std::size_t i = all_(rng);
    if (is_taken(i)) {
      ++misses;
      continue;
    }
    if (k > kFewPicks) taken[i] = true;
    out.push_back(i);
    misses = 0;
  }
  while (out.size() < k) {
    std::vector<double> rest = weights_;
    for (std::size_t i : out) rest[i] = 0.0;
    out.push_back(sim::Categorical(rest)(rng));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<TenantConfig> expand(const TenantPopulation& population, const sim::StreamFactory& streams,
                                 std::string_view population_id) {
  const std::string id(population_id);
  validate(population, "population '" + id + "': ");

  const TenantConfig& base = population.base;
  const sim::Time window = population.episode_window_end - population.episode_window_start;
  // With sampling, members get their own short lists: copying the whole mix into each member first
  // would cost members x mix.
  const bool sampled = population.recipients_per_member > 0;
  TenantConfig templ = base;
  templ.episodes.clear();
  templ.arrival_pool = population.pooled_arrivals ? id : std::string();
  SuccessiveSampler sample;
  if (sampled) {
    templ.recipients.clear();
    std::vector<double> weights;
    for (const RecipientShare& r : base.recipients) weights.push_back(r.weight);
    try {
      if (!base.recipients.empty()) sample = SuccessiveSampler(std::move(weights));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("population '" + id + "': recipients: " + e.what());
    }
  }
  std::vector<TenantConfig> members;
  members.reserve(population.count);
  for (std::uint32_t k = 0; k < population.count; ++k) {
    TenantConfig m = templ;
    m.id = id + "#" + std::to_string(k);
    sim::RandomStream rng = streams.stream(m.id, "population");

    // Both draws happen for every member, so the volume draw below sits at the same place in the
    // stream whatever the compromise probability.
    const bool compromised = sim::bernoulli(rng, population.compromise_probability);
    const auto offset =
        static_cast<sim::Time>(rng.below(window > 0 ? static_cast<std::uint64_t>(window) : 1));
    if (compromised) {
      CompromiseEpisode e = base.episodes.front();
      e.start = population.episode_window_start + offset;
      m.episodes.push_back(e);
    }

    if (population.volume_cv > 0.0 && base.messages_per_day > 0.0)
      m.messages_per_day = sim::lognormal_mean_cv(rng, base.messages_per_day, population.volume_cv);
    if (sampled && !sample.empty()) {
      sim::RandomStream pick = streams.stream(m.id, "recipients");
      for (std::size_t i : sample(population.recipients_per_member, pick))
        m.recipients.push_back(base.recipients[i]);
    }
    members.push_back(std::move(m));
  }
  return members;
}

}  // namespace repsim::models
