#include "models/population.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

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

std::vector<std::size_t> sample_without_replacement(const std::vector<double>& weights,
                                                    const sim::Categorical& all, std::uint32_t k,
                                                    sim::RandomStream& rng) {
  std::vector<std::size_t> positive;
  for (std::size_t i = 0; i < weights.size(); ++i)
    if (weights[i] > 0.0) positive.push_back(i);
  if (k >= positive.size()) return positive;

  // Drawing from the full mix and redrawing repeats picks each remaining entry in proportion to its
  // weight among the remaining ones: successive sampling, at O(1) a draw while the picks hold little
  // of the total weight. When they hold most of it (a few heavy entries), redraws get frequent and
  // the rest comes from a mix rebuilt over the remaining entries.
  std::vector<bool> taken(weights.size(), false);
  std::vector<std::size_t> out;
  out.reserve(k);
  std::uint32_t misses = 0;
  constexpr std::uint32_t kMaxMisses = 16;
  while (out.size() < k && misses < kMaxMisses) {
    const std::size_t i = all(rng);
    if (taken[i]) {
      ++misses;
      continue;
    }
    taken[i] = true;
    out.push_back(i);
    misses = 0;
  }
  while (out.size() < k) {
    std::vector<double> rest = weights;
    for (std::size_t i : out) rest[i] = 0.0;
    const std::size_t i = sim::Categorical(rest)(rng);
    taken[i] = true;
    out.push_back(i);
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
  std::vector<double> weights;
  sim::Categorical all;
  if (sampled) {
    templ.recipients.clear();
    for (const RecipientShare& r : base.recipients) weights.push_back(r.weight);
    try {
      if (!base.recipients.empty()) all = sim::Categorical(weights);
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
    if (sampled && !all.empty()) {
      sim::RandomStream pick = streams.stream(m.id, "recipients");
      for (std::size_t i : sample_without_replacement(weights, all, population.recipients_per_member, pick))
        m.recipients.push_back(base.recipients[i]);
    }
    members.push_back(std::move(m));
  }
  return members;
}

}  // namespace repsim::models
