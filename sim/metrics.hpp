#pragma once
// Run metrics, keyed by (entity id, metric name): counters, gauges sampled on a period, and
// log-bucket histograms. Cheap enough to stay on in every run: a counter is a plain int64 cell
// handed out once by reference, so the hot path is one increment.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/time.hpp"

namespace repsim::sim {

class Simulation;

// Log-linear buckets over non-negative integers (HdrHistogram style): values below 16 are exact;
// above, each power of two is split into 8 equal buckets, so a reported quantile is within 1/16 of
// the true value. Memory grows only to the largest value seen, and zeros take none: the count of
// bucket 0 is implied (count minus the others), so recording a zero never touches the heap. A
// provider-sized run keeps about a million of these (one per sender/recipient pair), nearly all of
// whose mail is delivered at once, at latency 0.
class Histogram {
 public:
  // The two parts of a histogram, for a container of very many that keeps them apart
  // (models/ledger.hpp): what every add() touches, and the stored buckets, which a value in
  // bucket 0 never touches.
  struct Summary {
    std::uint64_t count = 0;
    std::int64_t min = 0;
    std::int64_t max = 0;
    // A double because an int64 sum overflows on large values; it stays exact up to 2^53, and the
    // mean it feeds is a double anyway.
    double sum = 0.0;
  };
  // Only the range of buckets seen so far is stored: counts[i] counts bucket first + i, and bucket
  // 0 is the summary's count minus the rest. Delays of an hour to three days span about 50 buckets;
  // from bucket 1 up they took about 130, most of them zero, in every pair with deferred mail.
  struct Buckets {
    std::vector<std::uint64_t> counts;
    std::uint32_t first = 1;  // >= 1 while counts is not empty
  };

  Histogram() = default;
  // A histogram kept in parts, whole again (the parts of one histogram: the buckets above 0 must
  // not count more than the summary does).
  Histogram(Summary summary, Buckets buckets) : summary_(summary), buckets_(std::move(buckets)) {}

  // value < 0 counts as 0.
  void add(std::int64_t value, std::uint64_t count = 1) { add(summary_, buckets_, value, count); }
  // add() on a histogram kept in parts.
  static void add(Summary& summary, Buckets& buckets, std::int64_t value, std::uint64_t count = 1);
  void merge(const Histogram& other);
  // A hint with no observable effect: add(value) will come soon. Asks for the stored bucket that
  // value falls in (or the nearest end of the stored range); nothing when no bucket is stored.
  void prefetch(std::int64_t value) const { prefetch(buckets_, value); }
  static void prefetch(const Buckets& buckets, std::int64_t value);

  std::uint64_t count() const { return summary_.count; }
  std::int64_t min() const { return summary_.count ? summary_.min : 0; }
  std::int64_t max() const { return summary_.count ? summary_.max : 0; }
  double mean() const { return summary_.count ? summary_.sum / static_cast<double>(summary_.count) : 0.0; }
  // Nearest-rank quantile, q in [0, 1]: the value of rank max(1, ceil(q * count)), reported as the
  // midpoint of its bucket clamped to [min, max] (exact for values below 16). 0 when empty.
  std::int64_t quantile(double q) const;

  // 16 exact buckets, then 8 for each power of two from 2^4 up to 2^62 (INT64_MAX is in the last).
  static constexpr std::size_t kBucketCount = 16 + 8 * 59;
  static std::size_t bucket_of(std::int64_t value);  // value < 0 maps to bucket 0
  // Both throw std::out_of_range for bucket >= kBucketCount.
  static std::int64_t bucket_low(std::size_t bucket);   // smallest value in the bucket
  static std::int64_t bucket_high(std::size_t bucket);  // largest value in the bucket

 private:
  // Makes buckets [lo, hi] (1 <= lo <= hi) part of the stored range, with zero counts where new.
  static void cover(Buckets& buckets, std::size_t lo, std::size_t hi);

  // What every add() touches comes first (32 bytes); the bucket array, which zeros never touch, last.
  Summary summary_;
  Buckets buckets_;
};

class Metrics {
 public:
  struct Key {
    std::string entity;
    std::string name;
    auto operator<=>(const Key&) const = default;
  };
  struct Sample {
    Time time;
    std::uint32_t gauge;  // index into gauges()
    double value;
  };

  // The same (entity, name) always returns the same cell; addresses stay valid for the lifetime.
  std::int64_t& counter(std::string_view entity, std::string_view name);
  Histogram& histogram(std::string_view entity, std::string_view name);
  // Registers a gauge read at every sample. Re-registering a key replaces its reader.
  void gauge(std::string_view entity, std::string_view name, std::function<double()> read);

  // Reads every gauge at time t (one Sample per gauge, in registration order), then runs the hooks.
  void sample(Time t);
  // Samples at sim.now(), sim.now() + every, ... for every such time <= until; throws
  // std::invalid_argument unless every > 0. Each sample is an event, so it sees the events of the
  // same instant that were scheduled before it. The sampler reschedules itself, so with the default
  // `until` the queue never empties: bound the run with run_until() or stop(), or pass `until`
  // when the run uses run(). This Metrics must outlive the simulation's pending events.
  void sample_every(Simulation& sim, Time every, Time until = kNever);
  // Called after every sample (the visualizer publishes its snapshot from here).
  void on_sample(std::function<void(Time)> hook);

  const std::vector<Key>& gauges() const { return gauge_keys_; }
  const std::vector<Sample>& samples() const { return samples_; }
  // Sorted by key, so output order never depends on registration order.
  const std::map<Key, std::int64_t*>& counters() const { return counter_index_; }
  const std::map<Key, Histogram*>& histograms() const { return histogram_index_; }

 private:
  std::deque<std::int64_t> counter_cells_;
  std::map<Key, std::int64_t*> counter_index_;
  std::deque<Histogram> histogram_cells_;
  std::map<Key, Histogram*> histogram_index_;
  std::vector<Key> gauge_keys_;  // in registration order, which is the samples' order
  std::vector<std::function<double()>> gauge_readers_;
  // Key -> its position above: a world of 2,000 gateways registers 8,000 gauges (four each).
  std::map<Key, std::size_t> gauge_index_;
  std::vector<Sample> samples_;
  std::vector<std::function<void(Time)>> hooks_;
};

}  // namespace repsim::sim
