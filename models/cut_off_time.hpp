#pragma once
// Cut-off time per tenant: the wall-clock time during which at least one of the tenant's gateways
// was refusing it, the union of its outage intervals (docs/outages.md). Unlike the sum of its
// pairs' outage durations ("pair-hours"), it never exceeds the run.
#include <cstddef>
#include <vector>

#include "models/ledger.hpp"
#include "sim/time.hpp"

namespace repsim::models {

// The union's length of `intervals` (each [start, end), end kNever = open until run_end), clipped
// to [0, run_end]. Order does not matter.
sim::Time union_length(std::vector<std::pair<sim::Time, sim::Time>> intervals, sim::Time run_end);

// Per tenant (indexed by TenantIndex, `tenants` entries), the union of its outages up to run_end.
std::vector<sim::Time> cut_off_time_by_tenant(const std::vector<OutageInterval>& outages, std::size_t tenants,
                                              sim::Time run_end);

}  // namespace repsim::models
