#pragma once
// Internal to the scenario loader: reading a gateway's policy table and threshold.
#include "io/load_context.hpp"
#include "models/gateway_policy.hpp"

namespace repsim::io::detail {

// Reads `policy` (a preset name "accept_all" | "good_only" | "neutral_ok" | "graded", or an array
// of rules), `graded_cuts` and `threshold` from `owner` (a gateway or a policy_mix entry). `scale`
// is the gateway's reputation scale, null when it has no reputation scorer: then anything that
// reads scores is an error. Default: an empty table and no threshold (accept every sender).
models::GatewayPolicy load_policy(const LoadContext& ctx, const JsonNode& owner,
                                  const models::ScoreScale* scale);

}  // namespace repsim::io::detail
