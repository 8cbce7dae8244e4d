#include "viz/core/flow_state.hpp"

namespace repsim::viz {

std::string_view flow_state_name(FlowState s) {
  switch (s) {
    case FlowState::Idle:
      return "idle";
    case FlowState::Delivering:
      return "delivering";
    case FlowState::Throttled:
      return "throttled";
    case FlowState::Deferred:
      return "deferred";
    case FlowState::Rejected:
      return "rejected";
  }
  return "?";
}

FlowState classify(const FlowCounts& d) {
  const std::uint64_t total = d.total();
  if (total == 0) return FlowState::Idle;
  if (static_cast<double>(d.delivered) >= kDeliveringShare * static_cast<double>(total))
    return FlowState::Delivering;
  if (d.delivered > 0) return FlowState::Throttled;
  return d.rejected >= d.deferred ? FlowState::Rejected : FlowState::Deferred;
}

void FlowWindow::record(sim::Time t, const std::vector<FlowCounts>& counts) {
  if (!records_.empty() && t - records_.back().t < window_ / 8) return;
  records_.push_back(Record{t, counts});
  // Keep one record older than the window: it is the base of the delta.
  while (records_.size() > 2 && records_[1].t <= t - window_) records_.pop_front();
}

FlowCounts FlowWindow::delta(std::size_t flow, sim::Time now, const FlowCounts& current) const {
  if (records_.empty()) return current;
  const Record* base = &records_.front();
  for (const Record& r : records_) {
    if (r.t > now - window_) break;
    base = &r;
  }
  if (flow >= base->counts.size()) return current;
  return current - base->counts[flow];
}

}  // namespace repsim::viz
