#pragma once
// What the mail between a sender and a receiver is doing right now, from the ledger's counters: the
// change over a recent window of simulated time, never from anything the viz counts itself.
#include <cstdint>
#include <deque>
#include <string_view>
#include <vector>

#include "sim/time.hpp"

namespace repsim::viz {

// Answers a (tenant, gateway) pair got: one per delivery attempt (delivered = 2xx, deferred = 4xx,
// rejected = 5xx), as models::DeliveryCounts counts them.
struct FlowCounts {
  std::uint64_t delivered = 0;
  std::uint64_t deferred = 0;
  std::uint64_t rejected = 0;
  std::uint64_t total() const { return delivered + deferred + rejected; }
  FlowCounts operator-(const FlowCounts& o) const {
    return {delivered - o.delivered, deferred - o.deferred, rejected - o.rejected};
  }
  FlowCounts& operator+=(const FlowCounts& o) {
    delivered += o.delivered;
    deferred += o.deferred;
    rejected += o.rejected;
    return *this;
  }
  bool operator==(const FlowCounts&) const = default;
};

enum class FlowState : std::uint8_t { Idle, Delivering, Throttled, Deferred, Rejected };
std::string_view flow_state_name(FlowState s);

// At least this share of answers delivered reads as Delivering: a few 4xx (a connection limit, a
// retry) are weather, not a block.
inline constexpr double kDeliveringShare = 0.8;

// Idle: no answer. Delivering: delivered >= 80% of answers. Throttled: some got through, many did
// not (a throttle, a partial block). Otherwise nothing got through: Rejected when 5xx answers are
// at least as many as 4xx, else Deferred.
FlowState classify(const FlowCounts& delta);

// Cumulative counts of many flows at a few recent times; delta() is the change over the window.
class FlowWindow {
 public:
  explicit FlowWindow(sim::Time window = sim::kHour) : window_(window) {}

  // Counts of every flow at time t (non-decreasing times; the vector size stays the same). A
  // record is kept only every window/8, so a fast run does not pile them up.
  void record(sim::Time t, const std::vector<FlowCounts>& counts);
  // current - the newest kept record at or before (now - window), or the oldest record when none
  // is that old; current itself when nothing was recorded.
  FlowCounts delta(std::size_t flow, sim::Time now, const FlowCounts& current) const;
  void clear() { records_.clear(); }
  sim::Time window() const { return window_; }
  std::size_t records() const { return records_.size(); }

 private:
  struct Record {
    sim::Time t;
    std::vector<FlowCounts> counts;
  };
  sim::Time window_;
  std::deque<Record> records_;
};

}  // namespace repsim::viz
