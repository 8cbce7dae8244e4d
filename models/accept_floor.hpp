#pragma once
// The lowest score a gateway accepts, asked of its own policy (GatewayPolicy::decide) rather than
// re-derived, so a policy table ("good_only": no threshold, +inf) and a moved threshold ("accept
// Neutral") give the same kind of number. timeseries.csv writes it, the report and the visualizer
// draw it as the gateway's "accepts >=" line.
#include <optional>

#include "models/gateway_policy.hpp"
#include "models/score_scale.hpp"

namespace repsim::models {

// Probes decide() at every hundredth of a point of the scale, from scale.max down, with the
// policy's threshold replaced by `threshold`; returns the lowest probe p such that every probe >= p
// is accepted (no rule, or an Accept rule). nullopt when even scale.max is not accepted, or when
// every score is (then there is no line to draw).
std::optional<double> accept_floor(const GatewayPolicy& policy, double threshold, const ScoreScale& scale);

}  // namespace repsim::models
