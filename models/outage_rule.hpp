#pragma once
// When a (tenant, gateway) pair counts as cut off (docs/outages.md): a streak of refused legit
// attempts is an outage once no legit mail got through for min_duration, and it ends at the next
// delivery, or at its last refusal when the pair then makes no attempt for longer than quiet_gap.
#include "sim/time.hpp"

namespace repsim::models {

struct OutageRule {
  // Longer than the longest retry interval of a documented queue (fope2012 retries every 20 min,
  // Postfix's qmgr at most every 4000 s, about 67 min), so mail that waits in a queue keeps its
  // streak going through a night, while a sender that stops sending (a refused message is not
  // retried; nights, weekends) is not counted as cut off until its next attempt.
  sim::Time quiet_gap = sim::hours(2);
  // "No legit mail got through for an hour": a shorter streak is a blip (counted as such, its
  // refusals in rejected and deferred), not an outage.
  sim::Time min_duration = sim::hours(1);

  // Every refusal streak is an outage until the next delivery, however short and quiet: the
  // ledger's rule before cut-offs were defined, for tests that count single refusals.
  static constexpr OutageRule every_refusal() { return OutageRule{sim::kNever, 0}; }
};

}  // namespace repsim::models
