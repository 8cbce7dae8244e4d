#pragma once
// The future-event list: a 4-ary min-heap of 16-byte keys. A key is (time, tie) where tie packs a
// global scheduling sequence number above the index of the event's record in a pooled slab, so
// equal times pop in scheduling order (FIFO) and a heap move copies two words, never a record.
// Four children per node halve the depth of a binary heap and keep siblings in one cache line.
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "sim/time.hpp"

namespace repsim::sim {

struct QueueKey {
  Time time;
  std::uint64_t tie;
};

inline bool operator<(const QueueKey& a, const QueueKey& b) {
  return a.time != b.time ? a.time < b.time : a.tie < b.tie;
}

class EventQueue {
 public:
  static constexpr int kSlotBits = 26;  // up to 67 million events pending at once
  static constexpr std::uint64_t kSlotMask = (std::uint64_t{1} << kSlotBits) - 1;
  static constexpr std::uint64_t kMaxSequence = ~std::uint64_t{0} >> kSlotBits;

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const QueueKey& top() const { return heap_.front(); }
  static std::uint32_t slot_of(const QueueKey& k) { return static_cast<std::uint32_t>(k.tie & kSlotMask); }

  template <class F>
  void for_each_child_of_top(F&& f) const {
    const std::size_t end = heap_.size() < 5 ? heap_.size() : 5;
    for (std::size_t i = 1; i < end; ++i) f(heap_[i]);
  }

  // Makes the key for a new event; sequence numbers only grow, which is what makes ties FIFO.
  QueueKey make_key(Time t, std::uint32_t slot) {
    if (next_sequence_ > kMaxSequence) throw std::length_error("event queue: sequence numbers exhausted");
    return QueueKey{t, (next_sequence_++ << kSlotBits) | slot};
  }

  void reserve(std::size_t n) { heap_.reserve(n); }

  void push(QueueKey k) {
    std::size_t i = heap_.size();
    heap_.push_back(k);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!(k < heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = k;
  }

  void pop() {
    const QueueKey last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down_from_root(last);
  }

  // pop() then push(k) in one pass: the common case of an event that schedules its successor.
  void replace_top(QueueKey k) { sift_down_from_root(k); }

 private:
  void sift_down_from_root(QueueKey k) {
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = 4 * i + 1;
      if (first >= n) break;
      const std::size_t end = first + 4 < n ? first + 4 : n;
      std::size_t best = first;
      for (std::size_t c = first + 1; c < end; ++c)
        if (heap_[c] < heap_[best]) best = c;
      if (!(heap_[best] < k)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = k;
  }

  std::vector<QueueKey> heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace repsim::sim
