// sim::Histogram (sim/metrics.hpp): log-linear buckets, nearest-rank quantiles, merges, and a
// histogram kept in two parts.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/distributions.hpp"
#include "sim/metrics.hpp"

using repsim::sim::Histogram;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// Values around every power of two and bucket edge, plus the extremes: where off-by-ones live.
std::vector<std::int64_t> edge_values() {
  std::vector<std::int64_t> values{0, 1, 2, 15, 16, 17, 31, 32, 33, 100, 1000, kMax - 1, kMax};
  for (int e = 0; e < 63; ++e) {
    const std::int64_t p = std::int64_t{1} << e;
    values.push_back(p - 1);
    values.push_back(p);
    values.push_back(p + 1);
    values.push_back(p + p / 2);
  }
  repsim::sim::RandomStream rng(42);
  for (int i = 0; i < 10000; ++i) {
    // Random magnitudes, so every exponent is hit rather than mostly the top ones.
    const int bits = static_cast<int>(rng.below(63));
    values.push_back(static_cast<std::int64_t>(rng.next_u64() >> (64 - std::max(bits, 1))));
  }
  return values;
}

}  // namespace

TEST_CASE("histogram buckets tile the non-negative int64 range", "[metrics]") {
  REQUIRE(Histogram::bucket_low(0) == 0);
  REQUIRE(Histogram::bucket_high(Histogram::kBucketCount - 1) == kMax);
  for (std::size_t b = 0; b < Histogram::kBucketCount; ++b) {
    INFO("bucket " << b);
    REQUIRE(Histogram::bucket_low(b) <= Histogram::bucket_high(b));
    REQUIRE(Histogram::bucket_of(Histogram::bucket_low(b)) == b);
    REQUIRE(Histogram::bucket_of(Histogram::bucket_high(b)) == b);
    if (b + 1 < Histogram::kBucketCount)
      REQUIRE(Histogram::bucket_low(b + 1) == Histogram::bucket_high(b) + 1);
  }
  for (std::int64_t v : edge_values()) {
    INFO("value " << v);
    const std::size_t b = Histogram::bucket_of(v);
    REQUIRE(b < Histogram::kBucketCount);
    REQUIRE(Histogram::bucket_low(b) <= v);
    REQUIRE(v <= Histogram::bucket_high(b));
  }
  REQUIRE(Histogram::bucket_of(kMax) == Histogram::kBucketCount - 1);
  REQUIRE(Histogram::bucket_of(-5) == 0);
  REQUIRE_THROWS_AS(Histogram::bucket_low(Histogram::kBucketCount), std::out_of_range);
  REQUIRE_THROWS_AS(Histogram::bucket_high(Histogram::kBucketCount), std::out_of_range);
}

TEST_CASE("histogram bucket layout matches the spec", "[metrics]") {
  for (std::int64_t v = 0; v < 16; ++v) {
    REQUIRE(Histogram::bucket_of(v) == static_cast<std::size_t>(v));
    REQUIRE(Histogram::bucket_low(static_cast<std::size_t>(v)) == v);
    REQUIRE(Histogram::bucket_high(static_cast<std::size_t>(v)) == v);
  }
  // [16, 32) in 8 buckets of width 2; [2^e, 2^(e+1)) in 8 of width 2^(e-3).
  REQUIRE(Histogram::bucket_of(16) == 16);
  REQUIRE(Histogram::bucket_of(17) == 16);
  REQUIRE(Histogram::bucket_of(18) == 17);
  REQUIRE(Histogram::bucket_of(31) == 23);
  REQUIRE(Histogram::bucket_of(32) == 24);
  REQUIRE(Histogram::bucket_high(24) == 35);
  for (int e = 4; e < 63; ++e) {
    const std::int64_t p = std::int64_t{1} << e;
    const std::size_t first = Histogram::bucket_of(p);
    REQUIRE(first == 16 + static_cast<std::size_t>(e - 4) * 8);
    REQUIRE(Histogram::bucket_of(p + (p - 1)) == first + 7);
    REQUIRE(Histogram::bucket_high(first) - Histogram::bucket_low(first) + 1 == p / 8);
  }
}

TEST_CASE("histogram of 1..10 gives exact nearest-rank quantiles", "[metrics]") {
  Histogram h;
  for (int v = 1; v <= 10; ++v) h.add(v);
  REQUIRE(h.count() == 10);
  REQUIRE(h.min() == 1);
  REQUIRE(h.max() == 10);
  REQUIRE(h.mean() == Approx(5.5));
  // rank = max(1, ceil(q * 10)), and values below 16 have a bucket each.
  REQUIRE(h.quantile(0.0) == 1);
  REQUIRE(h.quantile(0.5) == 5);
  REQUIRE(h.quantile(0.9) == 9);
  REQUIRE(h.quantile(1.0) == 10);
  REQUIRE(h.quantile(0.55) == 6);  // ceil(5.5) = 6
}

TEST_CASE("histogram quantiles of {100, 200, 300, 400} by hand", "[metrics]") {
  // 100: bit_width 7, e = 6, [64, 128) in widths of 8; sub = (100 >> 3) & 7 = 4;
  //      bucket 16 + 2*8 + 4 = 36 = [96, 103], midpoint 96 + 7/2 = 99.
  // 200: e = 7, widths of 16; sub = (200 >> 4) & 7 = 4; bucket 44 = [192, 207], midpoint 199.
  // 300: e = 8, widths of 32; sub = (300 >> 5) & 7 = 1; bucket 49 = [288, 319], midpoint 303.
  // 400: e = 8; sub = (400 >> 5) & 7 = 4; bucket 52 = [384, 415], midpoint 399.
  REQUIRE(Histogram::bucket_of(100) == 36);
  REQUIRE(Histogram::bucket_low(36) == 96);
  REQUIRE(Histogram::bucket_high(36) == 103);
  REQUIRE(Histogram::bucket_of(200) == 44);
  REQUIRE(Histogram::bucket_low(44) == 192);
  REQUIRE(Histogram::bucket_high(44) == 207);
  REQUIRE(Histogram::bucket_of(300) == 49);
  REQUIRE(Histogram::bucket_low(49) == 288);
  REQUIRE(Histogram::bucket_high(49) == 319);
  REQUIRE(Histogram::bucket_of(400) == 52);
  REQUIRE(Histogram::bucket_low(52) == 384);
  REQUIRE(Histogram::bucket_high(52) == 415);

  Histogram h;
  for (int v : {100, 200, 300, 400}) h.add(v);
  REQUIRE(h.min() == 100);
  REQUIRE(h.max() == 400);
  REQUIRE(h.mean() == Approx(250.0));
  REQUIRE(h.quantile(0.0) == 100);   // rank 1: midpoint 99 clamped up to min
  REQUIRE(h.quantile(0.25) == 100);  // rank 1
  REQUIRE(h.quantile(0.26) == 199);  // rank ceil(1.04) = 2
  REQUIRE(h.quantile(0.5) == 199);   // rank 2
  REQUIRE(h.quantile(0.75) == 303);  // rank 3
  REQUIRE(h.quantile(1.0) == 399);   // rank 4: midpoint 399, inside [100, 400]
}

TEST_CASE("histogram quantile clamps the bucket midpoint to (min, max)", "[metrics]") {
  Histogram h;
  h.add(1000);  // bucket [960, 1023], midpoint 991
  REQUIRE(h.quantile(0.5) == 1000);
  h.add(kMax);
  REQUIRE(h.quantile(1.0) == kMax - (std::int64_t{1} << 58));  // midpoint of [15 * 2^59, 2^63 - 1]
  Histogram top;
  top.add(kMax);
  REQUIRE(top.quantile(0.5) == kMax);
  REQUIRE(top.mean() == Approx(static_cast<double>(kMax)));
}

TEST_CASE("histogram quantiles are within 1/16 of the exact nearest rank", "[metrics]") {
  SECTION("one value between two far-off ones") {
    for (std::int64_t v : edge_values()) {
      Histogram h;
      h.add(0);
      h.add(v);
      h.add(kMax);
      const auto got = static_cast<double>(h.quantile(0.5));  // rank 2 is v
      INFO("value " << v << " reported " << h.quantile(0.5));
      REQUIRE(std::abs(got - static_cast<double>(v)) <= static_cast<double>(v) / 16.0);
    }
  }
  SECTION("a spread of values") {
    repsim::sim::RandomStream rng(7);
    std::vector<std::int64_t> values;
    Histogram h;
    for (int i = 0; i < 20000; ++i) {
      const auto v = static_cast<std::int64_t>(repsim::sim::lognormal(rng, 8.0, 2.0));
      values.push_back(v);
      h.add(v);
    }
    std::sort(values.begin(), values.end());
    for (double q : {0.0, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1.0}) {
      const auto rank = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(q * values.size())));
      const auto exact = static_cast<double>(values[rank - 1]);
      INFO("q " << q << " exact " << exact << " reported " << h.quantile(q));
      REQUIRE(std::abs(static_cast<double>(h.quantile(q)) - exact) <= exact / 16.0);
    }
  }
}

TEST_CASE("histogram add with counts and negative values", "[metrics]") {
  Histogram h;
  h.add(7, 3);
  h.add(9, 0);  // no-op: must not move max
  REQUIRE(h.count() == 3);
  REQUIRE(h.max() == 7);
  h.add(-4);
  REQUIRE(h.count() == 4);
  REQUIRE(h.min() == 0);
  REQUIRE(h.mean() == Approx(21.0 / 4.0));
  REQUIRE(h.quantile(0.25) == 0);
  REQUIRE(h.quantile(0.5) == 7);
}

TEST_CASE("histogram of mostly zeros: bucket 0 is implied, quantiles by hand", "[metrics]") {
  Histogram h;
  h.add(0, 90);
  h.add(100, 10);  // bucket [96, 103], midpoint 99
  CHECK(h.count() == 100);
  CHECK(h.min() == 0);
  CHECK(h.max() == 100);
  CHECK(h.mean() == 10.0);
  CHECK(h.quantile(0.5) == 0);
  CHECK(h.quantile(0.9) == 0);    // rank 90: the last zero
  CHECK(h.quantile(0.91) == 99);  // rank 91: the first 100
  Histogram zeros;
  zeros.add(0, 100);
  CHECK(zeros.quantile(1.0) == 0);
  h.merge(zeros);  // 190 zeros, 10 hundreds: rank 190 is still a zero, 191 is not
  CHECK(h.quantile(0.95) == 0);
  CHECK(h.quantile(0.955) == 99);
}

TEST_CASE("a histogram kept in two parts counts as one: zeros touch the summary only", "[metrics]") {
  Histogram::Summary summary;
  Histogram::Buckets buckets;
  Histogram::add(summary, buckets, 0, 90);
  Histogram::add(summary, buckets, -5);  // counts as 0
  CHECK(buckets.counts.empty());         // bucket 0 is implied: no storage yet
  CHECK(summary.count == 91);
  Histogram::add(summary, buckets, 100, 9);  // bucket [96, 103], midpoint 99
  CHECK(buckets.first == Histogram::bucket_of(100));
  CHECK(buckets.counts == std::vector<std::uint64_t>{9});
  const Histogram parts(summary, buckets);
  CHECK(parts.count() == 100);
  CHECK(parts.min() == 0);
  CHECK(parts.max() == 100);
  CHECK(parts.mean() == 9.0);
  CHECK(parts.quantile(0.91) == 0);  // rank 91: the last zero
  CHECK(parts.quantile(0.92) == 99);
  Histogram whole;
  whole.add(0, 91);
  whole.add(100, 9);
  for (double q : {0.0, 0.5, 0.91, 0.92, 1.0}) CHECK(parts.quantile(q) == whole.quantile(q));
}

TEST_CASE("empty histogram reports zeros and still validates q", "[metrics]") {
  Histogram h;
  REQUIRE(h.count() == 0);
  REQUIRE(h.min() == 0);
  REQUIRE(h.max() == 0);
  REQUIRE(h.mean() == 0.0);
  REQUIRE(h.quantile(0.0) == 0);
  REQUIRE(h.quantile(0.5) == 0);
  REQUIRE(h.quantile(1.0) == 0);
  REQUIRE_THROWS_AS(h.quantile(1.5), std::invalid_argument);
}

TEST_CASE("histogram quantile rejects q outside (0, 1)", "[metrics]") {
  Histogram h;
  h.add(3);
  REQUIRE_THROWS_AS(h.quantile(-0.01), std::invalid_argument);
  REQUIRE_THROWS_AS(h.quantile(1.01), std::invalid_argument);
  REQUIRE_THROWS_AS(h.quantile(std::nan("")), std::invalid_argument);
}

TEST_CASE("histogram merge adds counts, sums and extremes", "[metrics]") {
  Histogram a;
  for (int v : {1, 2, 3}) a.add(v);
  Histogram b;
  for (int v : {100, 200}) b.add(v);

  Histogram merged = a;
  merged.merge(b);
  REQUIRE(merged.count() == 5);
  REQUIRE(merged.min() == 1);
  REQUIRE(merged.max() == 200);
  REQUIRE(merged.mean() == Approx(306.0 / 5.0));
  REQUIRE(merged.quantile(0.5) == 3);    // rank ceil(2.5) = 3
  REQUIRE(merged.quantile(0.7) == 99);   // rank ceil(3.5) = 4: bucket [96, 103]
  REQUIRE(merged.quantile(1.0) == 199);  // rank 5: bucket [192, 207]

  SECTION("into an empty histogram takes the other's extremes") {
    Histogram empty;
    empty.merge(b);
    REQUIRE(empty.count() == 2);
    REQUIRE(empty.min() == 100);
    REQUIRE(empty.max() == 200);
  }
  SECTION("an empty histogram changes nothing") {
    Histogram copy = a;
    copy.merge(Histogram{});
    REQUIRE(copy.count() == 3);
    REQUIRE(copy.min() == 1);
    REQUIRE(copy.max() == 3);
  }
  SECTION("into itself doubles every count") {
    Histogram self = a;
    self.merge(self);
    REQUIRE(self.count() == 6);
    REQUIRE(self.mean() == Approx(2.0));
    REQUIRE(self.quantile(0.5) == 2);  // rank 3 of 1,1,2,2,3,3
  }
}

TEST_CASE("histogram quantiles do not depend on the order of adds and merges", "[metrics]") {
  // Only the range of buckets seen is stored, and it grows at both ends. By hand: 3 is exact; 20 is
  // in [20, 21], midpoint 20; 5000 in [4608, 5119], midpoint 4863; 100000 in [98304, 106495],
  // whose midpoint 102399 is clamped to the maximum.
  const auto check = [](const Histogram& h) {
    CHECK(h.count() == 5);
    CHECK(h.quantile(0.1) == 3);       // rank 1
    CHECK(h.quantile(0.3) == 20);      // rank 2
    CHECK(h.quantile(0.5) == 20);      // rank 3
    CHECK(h.quantile(0.7) == 4863);    // rank 4
    CHECK(h.quantile(1.0) == 100000);  // rank 5
  };
  const std::vector<std::int64_t> ascending{3, 20, 20, 5000, 100000};
  Histogram up;
  for (std::int64_t v : ascending) up.add(v);
  check(up);
  Histogram down;  // every add extends the range downwards
  for (auto it = ascending.rbegin(); it != ascending.rend(); ++it) down.add(*it);
  check(down);
  Histogram middle_out;
  for (std::int64_t v : {5000, 20, 100000, 3, 20}) middle_out.add(v);
  check(middle_out);

  Histogram low;  // two ranges that do not overlap, merged both ways round
  for (std::int64_t v : {3, 20, 20}) low.add(v);
  Histogram high;
  for (std::int64_t v : {5000, 100000}) high.add(v);
  Histogram low_then_high = low;
  low_then_high.merge(high);
  check(low_then_high);
  Histogram high_then_low = high;
  high_then_low.merge(low);
  check(high_then_low);

  // A backlog that drains oldest first: delays from three days down to 0 (the stored range grows
  // downwards by doubling, down to bucket 1), against the same delays added upwards.
  std::vector<std::int64_t> delays;
  for (std::int64_t v = 259200; v >= 977; v -= 997) delays.push_back(v);
  for (std::int64_t v : {40, 17, 5, 1, 0}) delays.push_back(v);
  Histogram drained;
  for (std::int64_t v : delays) drained.add(v);
  Histogram filled;
  for (auto it = delays.rbegin(); it != delays.rend(); ++it) filled.add(*it);
  CHECK(drained.count() == 265);
  CHECK(drained.min() == 0);
  CHECK(drained.max() == 259200);
  CHECK(drained.mean() == filled.mean());
  for (int percent = 1; percent <= 100; ++percent) {
    INFO("q = " << percent << "%");
    CHECK(drained.quantile(percent / 100.0) == filled.quantile(percent / 100.0));
  }
  CHECK(drained.quantile(0.01) == 5);  // rank ceil(2.65) = 3 of 0, 1, 5, ...

  Histogram twice = up;  // into itself, with a range that starts above bucket 1
  twice.merge(twice);
  CHECK(twice.count() == 10);
  CHECK(twice.quantile(0.5) == 20);     // rank 5 of 3,3,20,20,20,20,5000,...
  CHECK(twice.quantile(0.65) == 4863);  // rank 7
}
