#pragma once
// Figures of groups of tenants (a Grouping: one tenant each, a population, or a design) that the
// summary, the report and the story share, so the three never disagree:
// * outage pair-hours: the pairs' outage durations summed (a tenant cut off from two gateways for
//   an hour counts 2 h), the measure of how much routing was broken;
// * cut-off time: per member, the wall-clock time during which at least one of its gateways was
//   refusing it (models/cut_off_time.hpp), never longer than the run; summed over the members;
// * members cut off at least once, and the share of member-hours cut off: the members' cut-off time
//   over members x run length.
#include <cstdint>
#include <string>
#include <vector>

#include "io/summary_json.hpp"
#include "models/ecosystem.hpp"

namespace repsim::io {

struct GroupFigures {
  models::DeliveryCounts counts;  // sums over the members (latencies merged)
  std::uint64_t members = 0;
  std::uint64_t outage_count = 0;
  sim::Time outage_pair_time = 0;
  sim::Time cut_off_time = 0;  // summed over the members
  std::uint64_t members_cut_off = 0;

  // cut_off_time / (members x run): 0 for an empty group or run.
  double cut_off_share(sim::Time run) const;
};

// Per group of `g`, up to `end` (open outages count until then).
std::vector<GroupFigures> group_figures(const models::Ecosystem& eco, const Grouping& g, sim::Time end);

// Every tenant by population (population_of), whatever their number.
Grouping group_by_population(const models::Ecosystem& eco);
// Every tenant by the kind of the pool it sends from ("shared", "dedicated", "high_risk"), in the
// order the tenants first name each kind: the design a deployment chose for it.
Grouping group_by_design(const models::Ecosystem& eco);

}  // namespace repsim::io
