// Per-variant statistics: mean, sample sd, Student-t 95% half-width.
#include <catch2/catch.hpp>
#include <cmath>

#include "experiments/statistics.hpp"

using namespace repsim::experiments;

TEST_CASE("Student t quantiles match the tables", "[sweep]") {
  // t(0.975, 4) = 2.776445105197799 (every t table: 2.776), t(0.975, 1) = 12.706204736174705.
  CHECK(student_t_quantile(0.975, 4) == Approx(2.776445105197799).epsilon(1e-12));
  CHECK(student_t_quantile(0.975, 1) == Approx(12.706204736174705).epsilon(1e-12));
  // Symmetric about 0.
  CHECK(student_t_quantile(0.5, 7) == Approx(0.0).margin(1e-15));
}

TEST_CASE("mean, sd and ci95 of a hand-computed sample", "[sweep]") {
  // 1..5: mean 3; squared deviations 4 + 1 + 0 + 1 + 4 = 10; sd = sqrt(10 / 4) = 1.5811388300841898;
  // ci95 = t(0.975, 4) * sd / sqrt(5) = 2.776445105197799 * sqrt(0.5) = 1.9632431614775612.
  const SampleStats s = describe({1, 2, 3, 4, 5});
  CHECK(s.n == 5);
  CHECK(*s.mean == 3.0);
  CHECK(*s.sd == Approx(1.5811388300841898).epsilon(1e-15));
  CHECK(*s.ci95 == Approx(1.9632431614775612).epsilon(1e-12));
}

TEST_CASE("small samples leave out what they cannot give", "[sweep]") {
  const SampleStats none = describe({});
  CHECK(none.n == 0);
  CHECK_FALSE(none.mean);
  const SampleStats one = describe({7.5});
  CHECK(*one.mean == 7.5);
  CHECK_FALSE(one.sd);
  CHECK_FALSE(one.ci95);
  // Two equal values: sd 0 and half-width 0, not NaN.
  const SampleStats flat = describe({2, 2});
  CHECK(*flat.sd == 0.0);
  CHECK(*flat.ci95 == 0.0);
}

TEST_CASE("the two-pass sd keeps its digits on a large mean", "[sweep]") {
  // 1e9 + {1, 2, 3}: sd 1 exactly (deviations -1, 0, 1; 2 / 2 = 1). A one-pass sum of squares
  // (3e18 scale) would lose it.
  const SampleStats s = describe({1e9 + 1, 1e9 + 2, 1e9 + 3});
  CHECK(*s.sd == 1.0);
}
