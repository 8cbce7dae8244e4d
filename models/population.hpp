#pragma once
// A group of similar tenants written once in a scenario ("200 small offices") and expanded into
// individual configs with per-member draws: volume spread and which members get compromised.
#include <cstdint>
#include <string_view>
#include <vector>

#include "models/tenant.hpp"
#include "sim/distributions.hpp"
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
  // 0: every member mails the whole of base.recipients. k > 0: each member mails only k distinct
  // entries of it, drawn in proportion to their weights among those not drawn yet (successive
  // sampling without replacement), and keeps their weights. A provider's customers each write to a
  // handful of organisations, not to every one: this keeps a large world's (tenant, gateway) pairs,
  // and each member's mix, proportional to the member count instead of members x gateways.
  std::uint32_t recipients_per_member = 0;
  // Members' legit arrivals as one superposed process (TenantConfig::arrival_pool = the population
  // id; models/population_traffic.hpp) instead of one per member: one pending event instead of
  // `count`, at the price of per-member common random numbers for arrival times.
  bool pooled_arrivals = false;
};

// k distinct indices into a list of weights (those with weight > 0), each drawn with probability
// proportional to its weight among those not drawn yet (successive sampling); all of them when
// k >= their number. Returned in increasing order. Built once per mix and used for every member:
// what depends only on the weights is computed once, so a small sample costs about k draws, not a
// pass over the mix (99,000 members over 2,000 organisations, the provider-sized week, spent a
// quarter of their load in those passes). Exposed for tests.
class SuccessiveSampler {
 public:
  SuccessiveSampler() = default;  // nothing to draw from
  // Throws std::invalid_argument (sim::Categorical's wording) for no weights, a negative, NaN or
  // infinite weight, or weights that are all zero.
  explicit SuccessiveSampler(std::vector<double> weights);

  bool empty() const { return all_.empty(); }
  std::vector<std::size_t> operator()(std::uint32_t k, sim::RandomStream& rng) const;

 private:
  std::vector<double> weights_;
  std::vector<std::size_t> positive_;  // indices with weight > 0, in order
  sim::Categorical all_;               // over every weight
};

// Members are named "<population_id>#<k>", k from 0. Member k draws only from the stream
// (population_id + "#k", "population"), in the fixed order compromised?, episode start, volume, so
// its config does not depend on how many members follow it, and the compromise draws do not depend
// on volume_cv; its recipient sample (recipients_per_member) comes from the stream
// (population_id + "#k", "recipients"), so sampling never shifts those draws. A member's sampled
// recipients are listed in the order of base.recipients. Throws std::invalid_argument for an
// invalid population.
std::vector<TenantConfig> expand(const TenantPopulation& population, const sim::StreamFactory& streams,
                                 std::string_view population_id);

}  // namespace repsim::models
