#include "sim/metrics.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/memory/prefetch.hpp"
#include "sim/simulation.hpp"

namespace repsim::sim {

namespace {

constexpr int kExactBits = 4;  // values below 2^4 = 16 get a bucket each
constexpr int kSubBits = 3;    // 2^3 = 8 sub-buckets per power of two
constexpr std::size_t kExact = std::size_t{1} << kExactBits;
constexpr std::size_t kSub = std::size_t{1} << kSubBits;

void check_bucket(std::size_t bucket) {
  if (bucket >= Histogram::kBucketCount)
    throw std::out_of_range("histogram: bucket " + std::to_string(bucket) + " out of range (" +
                            std::to_string(Histogram::kBucketCount) + " buckets)");
}

// The e of [2^e, 2^(e+1)) for a bucket past the exact ones; its sub-buckets are 2^(e-3) wide.
int exponent_of(std::size_t bucket) { return kExactBits + static_cast<int>((bucket - kExact) / kSub); }

}  // namespace

std::size_t Histogram::bucket_of(std::int64_t value) {
  if (value < static_cast<std::int64_t>(kExact)) return value < 0 ? 0 : static_cast<std::size_t>(value);
  const auto v = static_cast<std::uint64_t>(value);
  const int e = std::bit_width(v) - 1;
  // The top bit is implied by e; the next three bits pick the sub-bucket.
  const std::size_t sub = static_cast<std::size_t>(v >> (e - kSubBits)) & (kSub - 1);
  return kExact + static_cast<std::size_t>(e - kExactBits) * kSub + sub;
}

std::int64_t Histogram::bucket_low(std::size_t bucket) {
  check_bucket(bucket);
  if (bucket < kExact) return static_cast<std::int64_t>(bucket);
  const int e = exponent_of(bucket);
  const std::uint64_t sub = (bucket - kExact) % kSub;
  return static_cast<std::int64_t>((kSub + sub) << (e - kSubBits));
}

std::int64_t Histogram::bucket_high(std::size_t bucket) {
  check_bucket(bucket);
  if (bucket < kExact) return static_cast<std::int64_t>(bucket);
  // low + (width - 1): low + width would overflow for the bucket ending at INT64_MAX.
  const std::int64_t width = std::int64_t{1} << (exponent_of(bucket) - kSubBits);
  return bucket_low(bucket) + (width - 1);
}

void Histogram::add(Summary& summary, Buckets& buckets, std::int64_t value, std::uint64_t count) {
  if (count == 0) return;  // must not disturb min/max of an empty histogram
  if (value < 0) value = 0;
  if (const std::size_t b = bucket_of(value); b > 0) {
    cover(buckets, b, b);
    buckets.counts[b - buckets.first] += count;
  }
  if (summary.count == 0) {
    summary.min = summary.max = value;
  } else {
    summary.min = std::min(summary.min, value);
    summary.max = std::max(summary.max, value);
  }
  summary.count += count;
  summary.sum += static_cast<double>(value) * static_cast<double>(count);
}

void Histogram::prefetch(const Buckets& buckets, std::int64_t value) {
  if (buckets.counts.empty()) return;
  const std::size_t b = std::max<std::size_t>(bucket_of(value), buckets.first) - buckets.first;
  sim::prefetch(&buckets.counts[std::min(b, buckets.counts.size() - 1)]);
}

void Histogram::cover(Buckets& buckets, std::size_t lo, std::size_t hi) {
  std::vector<std::uint64_t>& counts = buckets.counts;
  if (counts.empty()) {
    counts.assign(hi - lo + 1, 0);
    buckets.first = static_cast<std::uint32_t>(lo);
    return;
  }
  if (lo < buckets.first) {
    // Down by at least the stored size (not below bucket 1): a deferred backlog that drains oldest
    // first adds ever shorter delays, and a pair whose delays span 50 buckets moved its whole range
    // up to 50 times, one new bucket at a time; doubling makes that about six. Zero buckets read as
    // empty.
    const std::size_t doubled = buckets.first > counts.size() ? buckets.first - counts.size() : 1;
    const std::size_t to = std::min(lo, doubled);
    counts.insert(counts.begin(), buckets.first - to, 0);
    buckets.first = static_cast<std::uint32_t>(to);
  }
  if (hi - buckets.first >= counts.size()) counts.resize(hi - buckets.first + 1, 0);
}

void Histogram::merge(const Histogram& other) {
  const Summary& theirs = other.summary_;
  if (theirs.count == 0) return;
  if (&other == this) {
    for (std::uint64_t& c : buckets_.counts) c += c;
  } else if (!other.buckets_.counts.empty()) {
    const std::vector<std::uint64_t>& counts = other.buckets_.counts;
    cover(buckets_, other.buckets_.first, other.buckets_.first + counts.size() - 1);
    const std::size_t offset = other.buckets_.first - buckets_.first;
    for (std::size_t i = 0; i < counts.size(); ++i) buckets_.counts[offset + i] += counts[i];
  }
  if (summary_.count == 0) {
    summary_.min = theirs.min;
    summary_.max = theirs.max;
  } else {
    summary_.min = std::min(summary_.min, theirs.min);
    summary_.max = std::max(summary_.max, theirs.max);
  }
  summary_.count += theirs.count;
  summary_.sum += theirs.sum;
}

std::int64_t Histogram::quantile(double q) const {
  // Written so that NaN fails too.
  if (!(q >= 0.0 && q <= 1.0))
    throw std::invalid_argument("histogram: quantile " + std::to_string(q) + " outside [0, 1]");
  if (summary_.count == 0) return 0;
  const double r = std::ceil(q * static_cast<double>(summary_.count));
  // Beyond 2^53, double(count) rounds and q * count can land past the count (or past 2^64, where the
  // cast would be undefined); the bucket walk needs 1 <= rank <= count.
  const std::uint64_t rank = r < 1.0       ? 1
                             : r >= 0x1p64 ? summary_.count
                                           : std::min(summary_.count, static_cast<std::uint64_t>(r));
  std::uint64_t above_zero = 0;
  for (std::uint64_t c : buckets_.counts) above_zero += c;
  std::uint64_t seen = summary_.count - above_zero;  // bucket 0
  for (std::size_t b = 0; b < buckets_.first + buckets_.counts.size(); ++b) {
    if (b >= buckets_.first) seen += buckets_.counts[b - buckets_.first];
    if (seen >= rank) {
      const std::int64_t low = bucket_low(b);
      const std::int64_t mid = low + (bucket_high(b) - low) / 2;
      return std::clamp(mid, summary_.min, summary_.max);
    }
  }
  return summary_.max;  // unreachable while the bucket counts sum to summary_.count
}

std::int64_t& Metrics::counter(std::string_view entity, std::string_view name) {
  Key key{std::string(entity), std::string(name)};
  if (auto it = counter_index_.find(key); it != counter_index_.end()) return *it->second;
  std::int64_t& cell = counter_cells_.emplace_back(0);
  counter_index_.emplace(std::move(key), &cell);
  return cell;
}

Histogram& Metrics::histogram(std::string_view entity, std::string_view name) {
  Key key{std::string(entity), std::string(name)};
  if (auto it = histogram_index_.find(key); it != histogram_index_.end()) return *it->second;
  Histogram& cell = histogram_cells_.emplace_back();
  histogram_index_.emplace(std::move(key), &cell);
  return cell;
}

void Metrics::gauge(std::string_view entity, std::string_view name, std::function<double()> read) {
  if (!read)
    throw std::invalid_argument("metrics: empty reader for gauge " + std::string(entity) + "/" +
                                std::string(name));
  Key key{std::string(entity), std::string(name)};
  if (auto it = gauge_index_.find(key); it != gauge_index_.end()) {
    gauge_readers_[it->second] = std::move(read);
    return;
  }
  gauge_index_.emplace(key, gauge_keys_.size());
  gauge_keys_.push_back(std::move(key));
  gauge_readers_.push_back(std::move(read));
}

void Metrics::on_sample(std::function<void(Time)> hook) {
  if (!hook) throw std::invalid_argument("metrics: empty sample hook");
  hooks_.push_back(std::move(hook));
}

void Metrics::sample(Time t) {
  for (std::size_t i = 0; i < gauge_readers_.size(); ++i)
    samples_.push_back(Sample{t, static_cast<std::uint32_t>(i), gauge_readers_[i]()});
  for (const auto& hook : hooks_) hook(t);
}

namespace {

void schedule_sample(Simulation& sim, Metrics& metrics, Time at, Time every, Time until) {
  sim.schedule_at(at, [&metrics, every, until](Simulation& s) {
    metrics.sample(s.now());
    // Compared as a difference: now + every could overflow with until = kNever.
    if (until - s.now() >= every) schedule_sample(s, metrics, s.now() + every, every, until);
  });
}

}  // namespace

void Metrics::sample_every(Simulation& sim, Time every, Time until) {
  if (every <= 0)
    throw std::invalid_argument("metrics: sample period must be positive, got " + std::to_string(every) +
                                " us");
  if (sim.now() > until) return;
  schedule_sample(sim, *this, sim.now(), every, until);
}

}  // namespace repsim::sim
