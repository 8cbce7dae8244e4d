#include "models/retry_policy.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace repsim::models {

RetryPolicy RetryPolicy::fope2012() {
  return RetryPolicy{sim::minutes(20), 1.0, sim::minutes(20), sim::hours(120), sim::hours(2), false};
}

RetryPolicy RetryPolicy::postfix() {
  return RetryPolicy{sim::seconds(300), 2.0, sim::seconds(4000), sim::days(5), 0, false};
}

sim::Time RetryPolicy::interval_after(std::uint32_t attempts) const {
  sim::Time interval = first_retry < max_interval ? first_retry : max_interval;
  // A factor of 1 never grows the interval: skip the loop, which could otherwise run 65535 times.
  if (backoff <= 1.0) return interval;
  for (std::uint32_t k = 1; k < attempts && interval < max_interval; ++k) {
    const double next = std::round(static_cast<double>(interval) * backoff);
    // Compared as doubles first: past the cap the product may not fit an int64.
    interval = next >= static_cast<double>(max_interval) ? max_interval : static_cast<sim::Time>(next);
  }
  return interval;
}

void RetryPolicy::validate() const {
  auto bad = [](const char* what) { throw std::invalid_argument(std::string("retry policy: ") + what); };
  if (first_retry <= 0) bad("first_retry must be > 0");
  if (!(backoff >= 1.0) || !std::isfinite(backoff)) bad("backoff must be a finite factor >= 1");
  if (max_interval < first_retry) bad("max_interval must be >= first_retry");
  if (lifetime <= 0) bad("lifetime must be > 0");
  if (delay_notice < 0) bad("delay_notice must be >= 0 (0 = never)");
}

}  // namespace repsim::models
