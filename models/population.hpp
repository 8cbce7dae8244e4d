#pragma once
// A group of similar tenants written once in a scenario ("200 small offices") and expanded into
// individual configs with per-member draws: volume spread and which members get compromised.
#include <cstdint>
#include <string_view>
#include <vector>

#include "models/tenant.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace repsim::models {

struct TenantPopulation {
  // The template of every member. Its id is not used (members are named after the population id);
  // its episodes are the compromise template: exactly one when compromise_probability > 0, none
  // otherwise (an episode that would silently be dropped is an error).
  TenantConfig base;
  std::uint32_t count = 1;
  // Per-member messages_per_day ~ lognormal with mean base.messages_per_day and this coefficient of
  // variation. 0: every member sends exactly the base volume.
  double volume_cv = 0;
  // Each member is compromised independently with this probability. A compromised member gets one
  // episode: the base's episode with its start drawn uniformly in [episode_window_start,
  // episode_window_end) (whole microseconds); the other fields are the template's.
  double compromise_probability = 0;
  sim::Time episode_window_start = 0;
  sim::Time episode_window_end = 0;
};

// Members are named "<population_id>#<k>", k from 0. Member k draws only from the stream
// (population_id + "#k", "population"), in the fixed order compromised?, episode start, volume, so
// its config does not depend on how many members follow it, and the compromise draws do not depend
// on volume_cv. Throws std::invalid_argument for an invalid population.
std::vector<TenantConfig> expand(const TenantPopulation& population, const sim::StreamFactory& streams,
                                 std::string_view population_id);

}  // namespace repsim::models
