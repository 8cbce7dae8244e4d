#pragma once
// The future-event list: a radix heap of small entries (time, tie, and whatever the caller needs
// to dispatch), kept by value so that popping the next event reads memory the queue just streamed
// through instead of chasing a pointer into a slab.
//
// Why a radix heap and not a binary or 4-ary one: simulated time never runs backwards, so every key
// pushed is >= the last one popped. Bucket b holds the keys whose time first differs from that last
// time in bit b-1 (bucket 0: equal to it). A push is an append; a pop takes from bucket 0 and, when
// it runs dry, empties the lowest non-empty bucket into lower ones around its minimum. A key only
// ever moves down, at most 64 times and in practice a few, and every move is a sequential copy:
// with a million events pending a heap pays a cache miss per level, this pays streaming copies.
#include <algorithm>
#include <array>
#include <bit>
#include <concepts>
#include <cstdint>
#include <vector>

#include "sim/time.hpp"

namespace repsim::sim {

// What the queue needs of an entry: its time and a tie-breaker unique among pending entries,
// increasing in scheduling order (entries of equal time pop in tie order: FIFO).
template <class E>
concept QueueEntry = requires(const E& e) {
  { e.time } -> std::convertible_to<Time>;
  { e.tie } -> std::convertible_to<std::uint64_t>;
};

template <QueueEntry Entry>
class EventQueue {
 public:
  // A bucket this small is sorted into the run rather than spread further: below a few dozen
  // entries, one insertion sort in cache is cheaper than moving each entry down a few more times.
  static constexpr std::size_t kRunMax = 32;
  // Popped entries the run keeps before dropping them. A run whose span is long (one far event in
  // the bucket it came from) lives as long as pushes land inside it, and without the drop it would
  // grow by one entry per event: millions in a week, reallocated and faulted in again and again.
  static constexpr std::size_t kRunDrop = 1024;

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  // Entries held, counting popped ones the run has not dropped yet: at most about twice size()
  // plus kRunDrop, however long the run lives.
  std::size_t stored() const {
    std::size_t n = run_.size();
    for (const auto& bucket : buckets_) n += bucket.size();
    return n;
  }

  // The smallest entry. Not const: finding it may spread a bucket. Precondition: !empty().
  const Entry& top() {
    if (head_ == run_.size()) refill();
    return run_[head_];
  }

  void reserve(std::size_t n) { run_.reserve(std::min<std::size_t>(n, 1024)); }

  // Precondition: e.time >= the time of every entry popped so far (time does not run backwards).
  void push(const Entry& e) {
    ++size_;
    if (head_ < run_.size() && e.time <= run_.back().time) {
      if (head_ >= kRunDrop && head_ >= run_.size() - head_) {  // amortised: a move per pop at most
        run_.erase(run_.begin(), run_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
      }
      // Inside the run's span: behind every entry of a time <= e.time (FIFO among equal times).
      const auto at = std::upper_bound(run_.begin() + static_cast<std::ptrdiff_t>(head_), run_.end(), e,
                                       [](const Entry& a, const Entry& b) { return a.time < b.time; });
      run_.insert(at, e);
      return;
    }
    const unsigned b = bucket_of(e.time);
    buckets_[b].push_back(e);  // bucket 0 (time == last_) behind every earlier entry of that time
    occupied_ |= std::uint64_t{1} << b;
  }

  // Precondition: top() was called since the last push or pop (the top is in the run).
  void pop() {
    --size_;
    ++head_;
  }

 private:
  // Times are >= 0 (kNever is the largest Time), so time ^ last_ < 2^63 and b <= 63.
  unsigned bucket_of(Time t) const {
    const auto diff = static_cast<std::uint64_t>(t ^ last_);
    return static_cast<unsigned>(std::bit_width(diff));
  }

  // The run is spent: the lowest non-empty bucket holds the smallest times. Spread it around its
  // minimum until the lowest bucket is small (or all of one time), then sort that into the run.
  void refill() {
    run_.clear();
    head_ = 0;
    for (;;) {
      const auto from = static_cast<unsigned>(std::countr_zero(occupied_));
      std::vector<Entry>& source = buckets_[from];
      occupied_ &= ~(std::uint64_t{1} << from);
      if (from == 0 || source.size() <= kRunMax) {
        run_.swap(source);
        // Direct pushes and earlier spreads interleave in a bucket: (time, tie) restores FIFO.
        std::sort(run_.begin(), run_.end(), [](const Entry& a, const Entry& b) {
          return a.time != b.time ? a.time < b.time : a.tie < b.tie;
        });
        // Every later push beyond the run is > its last time, and the higher buckets share their
        // bits above `from` with it: the tightest valid reference for bucket_of.
        last_ = run_.back().time;
        return;
      }
      Time least = source.front().time;
      for (const Entry& e : source) least = std::min<Time>(least, e.time);
      last_ = least;
      std::uint64_t occupied = occupied_;
      for (const Entry& e : source) {
        const unsigned b = bucket_of(e.time);
        buckets_[b].push_back(e);
        occupied |= std::uint64_t{1} << b;
      }
      occupied_ = occupied;
      source.clear();
    }
  }

  std::array<std::vector<Entry>, 64> buckets_;
  std::vector<Entry> run_;  // the smallest entries, sorted; consumed from head_
  std::size_t head_ = 0;
  std::uint64_t occupied_ = 0;  // bit b: bucket b is not empty
  std::size_t size_ = 0;
  Time last_ = 0;  // reference time of the buckets (bucket 0: entries of this time)
};

}  // namespace repsim::sim
