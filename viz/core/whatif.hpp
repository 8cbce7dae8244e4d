#pragma once
// What-ifs as a person picks them in the panel (nodes of the topology view, a value), turned into
// the ecosystem's own actions. A population stands for every member: the request expands member by
// member, gateways varying slowest, as the scenario loader expands a timeline entry.
#include <cstdint>
#include <string>
#include <vector>

#include "models/action.hpp"
#include "models/ecosystem.hpp"
#include "viz/core/topology_view.hpp"

namespace repsim::viz {

enum class WhatIfKind : std::uint8_t { SetThreshold, Allowlist, Reroute, RestoreScore };

struct WhatIfRequest {
  WhatIfKind kind = WhatIfKind::SetThreshold;
  std::uint32_t gateway_node = models::kNone;  // Reroute: kNone = every gateway
  std::uint32_t tenant_node = models::kNone;
  models::ProviderIndex provider = models::kNone;  // Reroute: the provider to leave through
  models::ScorerIndex scorer = models::kNone;      // RestoreScore
  std::uint32_t pool_node = models::kNone;         // RestoreScore: kNone = every IP the scorer knows
  double value = 0;                                // threshold or score
};

// Throws std::invalid_argument saying what is missing or refused (a gateway without a reputation
// scorer cannot take a threshold; a provider without a shared pool cannot take a reroute; a value
// outside the scorer's scale), the same rules the scenario loader applies to a timeline.
std::vector<models::Action> expand(const WhatIfRequest& r, const TopologyView& view,
                                   const models::Ecosystem& eco);

// "prime accepts scores >= -1" style one-liners for the panel's list.
std::string whatif_label(const models::TimedAction& a, const models::Ecosystem& eco);

}  // namespace repsim::viz
