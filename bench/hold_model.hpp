#pragma once
// The classic hold model for event-list speed: P events pending; each handled event schedules one
// successor at now + Exp(mean 1 s). Uniforms come from the same splitmix64 sequence as the
// performance peers, so every implementation sees the same event times.
#include <cstdint>

namespace repsim::bench {

struct HoldResult {
  std::uint64_t pending = 0;
  std::uint64_t events = 0;
  double seconds = 0.0;
};

HoldResult run_hold(std::uint64_t pending, std::uint64_t events);

}  // namespace repsim::bench
