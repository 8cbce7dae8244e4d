#include "models/retry_policy.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace repsim::models {

RetryPolicy RetryPolicy::fope2012() {
  RetryPolicy r;
  r.first_retry = sim::minutes(20);
  r.max_interval = sim::minutes(20);
  r.lifetime = sim::hours(120);
  r.delay_notice = sim::hours(2);
  return r;
}

RetryPolicy RetryPolicy::postfix() {
  RetryPolicy r;
  r.first_retry = sim::seconds(300);
  r.max_interval = sim::seconds(4000);
  r.rule = BackoffRule::MessageAge;
  r.scan_every = sim::seconds(300);
  r.lifetime = sim::days(5);
  r.delay_notice = 0;
  return r;
}

RetryPolicy RetryPolicy::doubling() {
  RetryPolicy r = postfix();
  r.rule = BackoffRule::Geometric;
  r.backoff = 2.0;
  r.scan_every = 0;
  return r;
}

sim::Time RetryPolicy::next_attempt(sim::Time now, sim::Time oldest_created, std::uint32_t failures) const {
  const sim::Time wait = rule == BackoffRule::MessageAge
                             ? std::clamp(now - oldest_created, first_retry, max_interval)
                             : interval_after(failures);
  const sim::Time due = now + wait;
  if (scan_every <= 0) return due;
  return (due + scan_every - 1) / scan_every * scan_every;  // the first scan at or after `due`
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
  if (scan_every < 0) bad("scan_every must be >= 0 (0 = no queue scans)");
}

}  // namespace repsim::models
