#pragma once
// How a sender's queue retries a deferred (4xx) message: when, how often, for how long, and when it
// tells the sender that the message is late.
#include <cstdint>

#include "sim/time.hpp"

namespace repsim::models {

// How the wait before the next attempt is chosen.
enum class BackoffRule : std::uint8_t {
  // first_retry x backoff^(k-1) after the k-th failed attempt in a row, capped at max_interval.
  Geometric,
  // Postfix's queue manager (qmgr_active.c): the message's age at the failure, clamped to
  // [first_retry, max_interval] (minimal_backoff_time, maximal_backoff_time). A queue waits for its
  // oldest message, which is the one it probes.
  MessageAge,
};

struct RetryPolicy {
  sim::Time first_retry = sim::minutes(20);   // interval after the first failed attempt
  double backoff = 1.0;                       // factor between consecutive intervals (>= 1)
  sim::Time max_interval = sim::minutes(20);  // cap on the interval
  BackoffRule rule = BackoffRule::Geometric;
  // > 0: deferred mail is looked at only by queue scans at multiples of this since the run began
  // (Postfix's queue_run_delay): an attempt due between two scans waits for the next one.
  sim::Time scan_every = 0;
  sim::Time lifetime = sim::hours(120);    // queue lifetime: age at which a deferred message expires
  sim::Time delay_notice = sim::hours(2);  // age at which the sender is warned once; 0 = never
  // A broken sender that treats 4xx as 5xx: the first tempfail bounces the message at once.
  bool tempfail_is_permanent = false;

  // Forefront Online Protection, the 2012 Office 365 outbound path (docs/architecture.md, domain
  // facts): a retry about every 20 min, a delay notice after 2 h, the message returned after 5 days
  // (120 h).
  static RetryPolicy fope2012();
  // Postfix defaults (postconf(5)): each retry waits the message's age, clamped to
  // minimal_backoff_time 300 s .. maximal_backoff_time 4000 s, seen by the deferred-queue scan every
  // queue_run_delay 300 s; maximal_queue_lifetime 5 d. delay_warning_time defaults to 0 in Postfix
  // (no warning), so delay_notice is 0 here too; scenarios that want warnings set it (e.g. 4h).
  static RetryPolicy postfix();
  // A plain doubling from 300 s to 4000 s with Postfix's lifetime and no queue scans: repsim's
  // "postfix" preset before it followed qmgr's rule, kept for comparisons.
  static RetryPolicy doubling();

  // The wait before attempt k+1 after k >= 1 failed attempts: first_retry * backoff^(k-1), capped at
  // max_interval (k = 0 is treated as k = 1). Computed as k-1 successive multiplications of the
  // integer interval, each rounded to the nearest microsecond (halves away from zero), stopping at
  // the cap: one IEEE multiplication is exact to specify, so every platform gets the same
  // microseconds, and an integer backoff (2.0) is exact: 300 s, 600 s, 1200 s, 2400 s, 4000 s, ...
  sim::Time interval_after(std::uint32_t attempts) const;

  // When a queue deferred at `now`, the `failures`-th time in a row, whose oldest message was
  // created at `oldest_created`, is next attempted: now + the rule's wait, then rounded up to the
  // next queue scan when scan_every > 0.
  sim::Time next_attempt(sim::Time now, sim::Time oldest_created, std::uint32_t failures) const;

  // Throws std::invalid_argument naming the bad field: first_retry > 0, backoff >= 1 and finite,
  // max_interval >= first_retry, lifetime > 0, delay_notice >= 0, scan_every >= 0.
  void validate() const;
};

}  // namespace repsim::models
