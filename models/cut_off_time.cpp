#include "models/cut_off_time.hpp"

#include <algorithm>

namespace repsim::models {

sim::Time union_length(std::vector<std::pair<sim::Time, sim::Time>> intervals, sim::Time run_end) {
  std::sort(intervals.begin(), intervals.end());
  sim::Time total = 0;
  sim::Time covered_to = 0;  // nothing before the run's start counts
  for (auto [start, end] : intervals) {
    end = std::min(end == sim::kNever ? run_end : end, run_end);
    start = std::max(start, covered_to);
    if (end <= start) continue;
    total += end - start;
    covered_to = end;
  }
  return total;
}

std::vector<sim::Time> cut_off_time_by_tenant(const std::vector<OutageInterval>& outages, std::size_t tenants,
                                              sim::Time run_end) {
  std::vector<std::vector<std::pair<sim::Time, sim::Time>>> by_tenant(tenants);
  for (const OutageInterval& o : outages) by_tenant.at(o.tenant).emplace_back(o.start, o.end);
  std::vector<sim::Time> out(tenants, 0);
  for (std::size_t t = 0; t < tenants; ++t)
    if (!by_tenant[t].empty()) out[t] = union_length(std::move(by_tenant[t]), run_end);
  return out;
}

}  // namespace repsim::models
