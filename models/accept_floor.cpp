#include "models/accept_floor.hpp"

#include <cmath>

namespace repsim::models {

std::optional<double> accept_floor(const GatewayPolicy& policy, double threshold, const ScoreScale& scale) {
  GatewayPolicy p = policy;
  p.set_threshold(threshold);
  auto accepted = [&](double s) {
    const PolicyRule* rule = p.decide(SenderStanding{s, false});
    return rule == nullptr || rule->action == PolicyAction::Accept;
  };
  // Probes are scale.min + k / 100 for integer k, so round cut points (-1, 1) are probed exactly.
  const auto steps = static_cast<long long>(std::floor((scale.max - scale.min) * 100 + 1e-9));
  std::optional<double> floor;
  for (long long k = steps; k >= 0; --k) {
    const double s = scale.min + static_cast<double>(k) / 100.0;
    if (!accepted(s)) break;
    floor = s;
  }
  if (floor && *floor <= scale.min) return std::nullopt;  // accepts everything: no line
  return floor;
}

}  // namespace repsim::models
