#pragma once
// A provider's own limit on concurrent sessions per destination. Every session lasts the same
// time, so a destination's sessions end in the order they were booked: a FIFO of end times per
// destination is the whole state. An attempt that finds every connection busy books the session
// after the earliest-ending one, so the k-th waiter gets the k-th freed slot and wakes exactly once
// (waking every waiter at each session end would cost O(waiters) events per session).
#include <cstdint>
#include <vector>

#include "models/ids.hpp"
#include "sim/memory/ring_queue.hpp"
#include "sim/time.hpp"

namespace repsim::models {

class OutboundConnections {
 public:
  // max_sessions 0 = unlimited (nothing is tracked).
  OutboundConnections(std::uint32_t max_sessions, sim::Time session_time)
      : max_(max_sessions), session_(session_time) {}

  // Books a session to `destination` and returns its start: `now` when fewer than max_sessions are
  // open or booked, else the end of the session it follows. `now` must not decrease between calls.
  sim::Time book(GatewayIndex destination, sim::Time now) {
    if (max_ == 0) return now;
    if (destination >= ends_.size()) ends_.resize(destination + std::size_t{1});
    sim::RingQueue<sim::Time>& ends = ends_[destination];
    while (!ends.empty() && ends.front() <= now) ends.pop_front();  // a session ending now frees its slot
    // Each connection's latest booking is among the last max_ ends (bookings chain one session
    // apart), so the connection that frees first ends at ends[size - max_]; ends stay sorted.
    const sim::Time start = ends.size() < max_ ? now : ends[ends.size() - max_];
    ends.push_back(start + session_);
    return start;
  }

  // The start book() would return now, without booking anything.
  sim::Time next_free(GatewayIndex destination, sim::Time now) const {
    if (max_ == 0 || destination >= ends_.size()) return now;
    const sim::RingQueue<sim::Time>& ends = ends_[destination];
    // Sessions ending at or before now are over. Ends are sorted, so fewer than max_ are still open
    // exactly when the max_-th last one is over: one read, not a search (a destination that has
    // just reopened has a flush of thousands booked ahead).
    if (ends.size() < max_) return now;
    const sim::Time frees = ends[ends.size() - max_];
    return frees <= now ? now : frees;
  }

  // A cache hint: the bookings of `destination`, where book() reads and writes them (its oldest and
  // the next free slot). The rings' headers are a few bytes per destination and stay in cache; the
  // rings themselves are scattered over the heap.
  void prefetch(GatewayIndex destination) const {
    if (max_ == 0 || destination >= ends_.size()) return;
    ends_[destination].prefetch_front();
    ends_[destination].prefetch_back();
  }

  // Sessions to `destination` in progress or booked, as of the last book() call for it.
  std::size_t booked(GatewayIndex destination) const {
    return destination < ends_.size() ? ends_[destination].size() : 0;
  }

 private:
  std::uint32_t max_;
  sim::Time session_;
  std::vector<sim::RingQueue<sim::Time>> ends_;
};

}  // namespace repsim::models
