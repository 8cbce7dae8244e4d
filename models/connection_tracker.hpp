#pragma once
// Concurrent SMTP sessions at one gateway. Every session lasts the same time, so sessions end in
// the order they began: a FIFO of end times is the whole state, and no end-of-session events are
// needed (finished sessions are dropped lazily when the next attempt arrives).
#include <cstdint>
#include <stdexcept>

#include "sim/memory/ring_queue.hpp"
#include "sim/time.hpp"

namespace repsim::models {

class ConnectionTracker {
 public:
  // max_sessions 0 = unlimited (nothing is tracked).
  ConnectionTracker(std::uint32_t max_sessions, sim::Time session_time)
      : max_(max_sessions), session_(session_time) {
    if (session_time <= 0) throw std::invalid_argument("connection tracker: session time must be positive");
  }

  // Opens a session [now, now + session_time) when fewer than max_sessions are open at `now`;
  // false (nothing opened) otherwise. A session frees its slot at its end time exactly.
  // `now` must not decrease between calls (simulation time), or the FIFO would not be sorted.
  bool try_open(sim::Time now) {
    if (max_ == 0) return true;
    if (now < last_) throw std::logic_error("connection tracker: time went backwards");
    last_ = now;
    expire(now);
    if (ends_.size() >= max_) return false;
    ends_.push_back(now + session_);
    return true;
  }

  // Sessions still open at `now` (same monotonic-time rule as try_open).
  std::size_t open_at(sim::Time now) {
    if (now < last_) throw std::logic_error("connection tracker: time went backwards");
    last_ = now;
    expire(now);
    return ends_.size();
  }

  // A cache hint: what the next try_open reads beyond this object.
  void prefetch() const {
    if (max_ != 0) ends_.prefetch_front();
  }

  // A new limit for sessions opened from now on; open ones stay open. From unlimited, nothing was
  // tracked, so the open sessions do not count against it.
  void set_max_sessions(std::uint32_t max_sessions) { max_ = max_sessions; }

  std::uint32_t max_sessions() const { return max_; }
  sim::Time session_time() const { return session_; }

 private:
  void expire(sim::Time now) {
    while (!ends_.empty() && ends_.front() <= now) ends_.pop_front();
  }

  std::uint32_t max_;
  sim::Time session_;
  sim::Time last_ = INT64_MIN;
  sim::RingQueue<sim::Time> ends_;
};

}  // namespace repsim::models
