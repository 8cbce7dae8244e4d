#pragma once
// The line a gateway draws on the score chart: the lowest score from which it accepts every scored
// sender, asked of the gateway's own policy (GatewayPolicy::decide) rather than re-derived, so a
// policy table ("good_only") and a moved threshold ("accept Neutral") draw the same way.
#include <optional>

#include "models/gateway_policy.hpp"
#include "models/score_scale.hpp"

namespace repsim::viz {

// Probes decide() at every hundredth of a point of the scale, from scale.max down, with the
// policy's threshold replaced by `threshold`; returns the lowest probe p such that every probe >= p
// is accepted (no rule, or an Accept rule). nullopt when even scale.max is not accepted, or when
// every score is (then there is no line to draw).
std::optional<double> accept_floor(const models::GatewayPolicy& policy, double threshold,
                                   const models::ScoreScale& scale);

}  // namespace repsim::viz
