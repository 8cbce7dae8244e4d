#pragma once
// How often an expensive view of the run (the folded story, the flows and counters of a large
// population) is rebuilt while the simulation runs: at most every `min_period`, and never more
// often than every `factor` times its own last cost, so a 100 000-tenant scenario spends at most a
// fifth of the wall time on views and the frame rate stays up. The wall clock decides only how
// fresh a view is, never what the simulation does.
#include <chrono>

namespace repsim::viz {

class RefreshThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RefreshThrottle(Clock::duration min_period, int factor = 4)
      : min_period_(min_period), factor_(factor) {}

  bool due(Clock::time_point now) const { return now >= next_; }
  // The view was rebuilt at `start` and took `cost`.
  void ran(Clock::time_point start, Clock::duration cost) {
    next_ = start + std::max(min_period_, cost * factor_);
  }

 private:
  Clock::duration min_period_;
  int factor_;
  Clock::time_point next_{};
};

}  // namespace repsim::viz
