#include "models/population.hpp"

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

std::vector<TenantConfig> expand(const TenantPopulation& population, const sim::StreamFactory& streams,
                                 std::string_view population_id) {
  const std::string id(population_id);
  validate(population, "population '" + id + "': ");

  const TenantConfig& base = population.base;
  const sim::Time window = population.episode_window_end - population.episode_window_start;
  std::vector<TenantConfig> members;
  members.reserve(population.count);
  for (std::uint32_t k = 0; k < population.count; ++k) {
    TenantConfig m = base;
    m.id = id + "#" + std::to_string(k);
    m.episodes.clear();
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
    members.push_back(std::move(m));
  }
  return members;
}

}  // namespace repsim::models
