#include "models/provider_desks.hpp"

namespace repsim::models {

bool AbuseSignals::record(TenantIndex t, std::uint32_t n) {
  if (t >= counts_.size()) {
    counts_.resize(t + std::size_t{1}, 0);
    flagged_.resize(t + std::size_t{1}, false);
  }
  counts_[t] += n;
  if (!desk_.enabled || flagged_[t] || counts_[t] < desk_.complaint_threshold) return false;
  flagged_[t] = true;
  return true;
}

}  // namespace repsim::models
