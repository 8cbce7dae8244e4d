#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <stdexcept>
#include <vector>

#include "sim/distributions.hpp"

namespace rs = repsim::sim;
using rs::RandomStream;

namespace {

constexpr int kDraws = 1000000;

struct Moments {
  double mean = 0.0;
  double var = 0.0;  // unbiased sample variance
};

// Sample moments, accumulated about a reference point to avoid cancellation.
Moments moments_of(const std::function<double()>& draw, double centre, int n = kDraws) {
  double s1 = 0.0, s2 = 0.0;
  for (int i = 0; i < n; ++i) {
    const double d = draw() - centre;
    s1 += d;
    s2 += d * d;
  }
  const double m = s1 / n;
  return {centre + m, (s2 - n * m * m) / (n - 1)};
}

// |mean - mu| < 4 standard errors and the variance within rel_var of sigma2.
void check_moments(const Moments& m, double mu, double sigma2, double rel_var = 0.02, int n = kDraws) {
  INFO("mean " << m.mean << " expected " << mu << "; variance " << m.var << " expected " << sigma2);
  CHECK(std::abs(m.mean - mu) < 4.0 * std::sqrt(sigma2 / n));
  CHECK(std::abs(m.var - sigma2) < rel_var * sigma2);
}

// Chi-square goodness of fit of integer draws against a pmf: every k with expected count >= 20 is its
// own cell, the two tails are pooled. Bound: df + 6 sqrt(2 df), far out in the upper tail.
void check_pmf(const std::vector<std::uint64_t>& draws, const std::function<double(std::uint64_t)>& pmf,
               std::uint64_t kmax) {
  const double n = static_cast<double>(draws.size());
  std::vector<double> count(kmax + 2, 0.0);
  for (auto k : draws) ++count[std::min<std::uint64_t>(k, kmax + 1)];
  double chi2 = 0.0, tail_obs = 0.0, tail_exp = 0.0, mass = 0.0;
  int cells = 0;
  for (std::uint64_t k = 0; k <= kmax; ++k) {
    const double e = n * pmf(k);
    mass += pmf(k);
    if (e >= 20.0) {
      chi2 += (count[k] - e) * (count[k] - e) / e;
      ++cells;
    } else {
      tail_obs += count[k];
      tail_exp += e;
    }
  }
  tail_obs += count[kmax + 1];
  tail_exp += n * std::max(0.0, 1.0 - mass);
  if (tail_exp >= 5.0) {
    chi2 += (tail_obs - tail_exp) * (tail_obs - tail_exp) / tail_exp;
    ++cells;
  } else {
    CHECK(tail_obs < tail_exp + 6.0 * std::sqrt(tail_exp + 1.0) + 5.0);
  }
  const double df = cells - 1;
  INFO("chi2 " << chi2 << " over " << cells << " cells");
  REQUIRE(cells >= 2);
  CHECK(chi2 < df + 6.0 * std::sqrt(2.0 * df));
}

double poisson_pmf(double lambda, std::uint64_t k) {
  const double kd = static_cast<double>(k);
  return std::exp(kd * std::log(lambda) - lambda - std::lgamma(kd + 1.0));
}

double binomial_pmf(std::uint64_t n, double p, std::uint64_t k) {
  const double nd = static_cast<double>(n), kd = static_cast<double>(k);
  return std::exp(std::lgamma(nd + 1.0) - std::lgamma(kd + 1.0) - std::lgamma(nd - kd + 1.0) +
                  kd * std::log(p) + (nd - kd) * std::log1p(-p));
}

void check_poisson(double lambda, std::uint64_t seed) {
  INFO("poisson mean " << lambda);
  RandomStream r(seed);
  std::vector<std::uint64_t> draws(kDraws);
  for (auto& k : draws) k = rs::poisson(r, lambda);
  std::size_t i = 0;
  check_moments(moments_of([&] { return static_cast<double>(draws[i++]); }, lambda), lambda, lambda);
  check_pmf(
      draws, [&](std::uint64_t k) { return poisson_pmf(lambda, k); },
      static_cast<std::uint64_t>(lambda + 12.0 * std::sqrt(lambda) + 20.0));
}

void check_binomial(std::uint64_t n, double p, std::uint64_t seed) {
  INFO("binomial n " << n << " p " << p);
  RandomStream r(seed);
  std::vector<std::uint64_t> draws(kDraws);
  for (auto& k : draws) {
    k = rs::binomial(r, n, p);
    REQUIRE(k <= n);
  }
  std::size_t i = 0;
  const double mu = static_cast<double>(n) * p;
  check_moments(moments_of([&] { return static_cast<double>(draws[i++]); }, mu), mu, mu * (1.0 - p));
  check_pmf(
      draws, [&](std::uint64_t k) { return binomial_pmf(n, p, k); }, n);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Golden values: the first three draws of each distribution from a fresh RandomStream(2024),
// computed once with this implementation and pinned, so any change of algorithm or of the
// number of uniforms consumed shows up here.
// ---------------------------------------------------------------------------------------------

TEST_CASE("distribution golden values (continuous)", "[distributions]") {
  auto approx = [](double x) { return Approx(x).epsilon(1e-12); };
  {
    RandomStream r(2024);
    CHECK(rs::uniform(r, -2.0, 3.0) == approx(-1.7210355544491833));
    CHECK(rs::uniform(r, -2.0, 3.0) == approx(1.9105188643337749));
    CHECK(rs::uniform(r, -2.0, 3.0) == approx(-1.6397252996851834));
  }
  {
    RandomStream r(2024);
    CHECK(rs::exponential(r, 2.5) == approx(7.2152721325429283));
    CHECK(rs::exponential(r, 2.5) == approx(0.61441961341323792));
    CHECK(rs::exponential(r, 2.5) == approx(6.5758159862889487));
  }
  {
    RandomStream r(2024);
    CHECK(rs::normal(r, 1.0, 2.0) == approx(2.575540997491665));
    CHECK(rs::normal(r, 1.0, 2.0) == approx(-0.27106566374161245));
    CHECK(rs::normal(r, 1.0, 2.0) == approx(1.1577374345715863));
  }
  {
    RandomStream r(2024);
    CHECK(rs::lognormal(r, 0.5, 0.25) == approx(2.0076053118914077));
    CHECK(rs::lognormal(r, 0.5, 0.25) == approx(1.4065175013072679));
    CHECK(rs::lognormal(r, 0.5, 0.25) == approx(1.6815520047619381));
  }
  {
    RandomStream r(2024);
    CHECK(rs::lognormal_mean_cv(r, 10.0, 0.5) == approx(12.976511536090948));
    CHECK(rs::lognormal_mean_cv(r, 10.0, 0.5) == approx(6.6246653417014283));
    CHECK(rs::lognormal_mean_cv(r, 10.0, 0.5) == approx(9.2837854579647718));
  }
}

TEST_CASE("distribution golden values (discrete)", "[distributions]") {
  {
    RandomStream r(2024);  // Knuth multiplication
    CHECK(rs::poisson(r, 5.0) == 2);
    CHECK(rs::poisson(r, 5.0) == 4);
    CHECK(rs::poisson(r, 5.0) == 5);
  }
  {
    RandomStream r(2024);  // PTRS
    CHECK(rs::poisson(r, 1000.0) == 933);
    CHECK(rs::poisson(r, 1000.0) == 942);
    CHECK(rs::poisson(r, 1000.0) == 1027);
  }
  {
    RandomStream r(2024);  // inversion
    CHECK(rs::binomial(r, 10, 0.3) == 1);
    CHECK(rs::binomial(r, 10, 0.3) == 4);
    CHECK(rs::binomial(r, 10, 0.3) == 1);
  }
  {
    RandomStream r(2024);  // BTRS
    CHECK(rs::binomial(r, 1000, 0.5) == 467);
    CHECK(rs::binomial(r, 1000, 0.5) == 471);
    CHECK(rs::binomial(r, 1000, 0.5) == 514);
  }
  {
    RandomStream r(2024);  // symmetry, then inversion on (100, 0.1)
    CHECK(rs::binomial(r, 100, 0.9) == 95);
    CHECK(rs::binomial(r, 100, 0.9) == 88);
    CHECK(rs::binomial(r, 100, 0.9) == 94);
  }
  {
    RandomStream r(2024);
    CHECK(rs::bernoulli(r, 0.3) == true);
    CHECK(rs::bernoulli(r, 0.3) == false);
    CHECK(rs::bernoulli(r, 0.3) == true);
  }
  {
    RandomStream r(2024);
    const std::vector<double> w{1.0, 0.0, 2.0, 3.5, 0.5};
    const rs::Categorical c(w);
    CHECK(c(r) == 2);
    CHECK(c(r) == 0);
    CHECK(c(r) == 3);
  }
}

// ---------------------------------------------------------------------------------------------
// Moments over 10^6 draws.
// ---------------------------------------------------------------------------------------------

TEST_CASE("uniform moments and range", "[distributions]") {
  RandomStream r(11);
  const double lo = -2.0, hi = 3.0;
  const auto m = moments_of(
      [&] {
        const double x = rs::uniform(r, lo, hi);
        REQUIRE(x >= lo);
        REQUIRE(x < hi);
        return x;
      },
      0.5);
  check_moments(m, 0.5, 25.0 / 12.0);
}

TEST_CASE("exponential moments and shape", "[distributions]") {
  RandomStream r(12);
  const double mean = 2.5;
  int above = 0;
  const auto m = moments_of(
      [&] {
        const double x = rs::exponential(r, mean);
        REQUIRE(x > 0.0);
        REQUIRE(std::isfinite(x));
        above += x > mean;
        return x;
      },
      mean);
  check_moments(m, mean, mean * mean);
  const double p = std::exp(-1.0);  // P(X > mean)
  CHECK(std::abs(above / double(kDraws) - p) < 4.0 * std::sqrt(p * (1 - p) / kDraws));
}

TEST_CASE("normal moments and shape", "[distributions]") {
  RandomStream r(13);
  const double mu = 1.0, sd = 2.0;
  int within = 0;
  double s3 = 0.0;
  const auto m = moments_of(
      [&] {
        const double x = rs::normal(r, mu, sd);
        const double z = (x - mu) / sd;
        within += std::abs(z) < 1.0;
        s3 += z * z * z;
        return x;
      },
      mu);
  check_moments(m, mu, sd * sd);
  const double p = 0.68268949213708585;  // P(|Z| < 1)
  CHECK(std::abs(within / double(kDraws) - p) < 4.0 * std::sqrt(p * (1 - p) / kDraws));
  CHECK(std::abs(s3 / kDraws) < 4.0 * std::sqrt(15.0 / kDraws));  // skewness 0, Var(Z^3) = 15

  RandomStream r0(13);
  CHECK(rs::normal(r0, 3.0, 0.0) == 3.0);
}

TEST_CASE("lognormal moments", "[distributions]") {
  RandomStream r(14);
  const double mu = 0.5, sigma = 0.5, s2 = sigma * sigma;
  const double mean = std::exp(mu + s2 / 2.0);
  const double var = (std::exp(s2) - 1.0) * std::exp(2.0 * mu + s2);
  check_moments(moments_of([&] { return rs::lognormal(r, mu, sigma); }, mean), mean, var);
}

TEST_CASE("lognormal_mean_cv moments", "[distributions]") {
  RandomStream r(15);
  const double mean = 10.0, cv = 0.5;
  check_moments(moments_of([&] { return rs::lognormal_mean_cv(r, mean, cv); }, mean), mean,
                (cv * mean) * (cv * mean));
  RandomStream r0(15);
  CHECK(rs::lognormal_mean_cv(r0, 4.0, 0.0) == Approx(4.0).epsilon(1e-14));
}

TEST_CASE("poisson moments and pmf", "[distributions]") {
  SECTION("mean 0.5 (Knuth)") { check_poisson(0.5, 21); }
  SECTION("mean 5 (Knuth)") { check_poisson(5.0, 22); }
  SECTION("mean 30 (PTRS)") { check_poisson(30.0, 23); }
  SECTION("mean 1000 (PTRS)") { check_poisson(1000.0, 24); }
  SECTION("mean 0") {
    RandomStream r(25);
    for (int i = 0; i < 100; ++i) REQUIRE(rs::poisson(r, 0.0) == 0);
  }
}

TEST_CASE("binomial moments and pmf", "[distributions]") {
  SECTION("(10, 0.3) inversion") { check_binomial(10, 0.3, 31); }
  SECTION("(1000, 0.02) BTRS") { check_binomial(1000, 0.02, 32); }
  SECTION("(1000, 0.5) BTRS") { check_binomial(1000, 0.5, 33); }
  SECTION("(100, 0.9) symmetry + inversion") { check_binomial(100, 0.9, 34); }
  SECTION("(200, 0.93) symmetry + BTRS") { check_binomial(200, 0.93, 35); }
  SECTION("degenerate") {
    RandomStream r(36);
    CHECK(rs::binomial(r, 0, 0.5) == 0);
    CHECK(rs::binomial(r, 17, 0.0) == 0);
    CHECK(rs::binomial(r, 17, 1.0) == 17);
  }
}

TEST_CASE("bernoulli moments", "[distributions]") {
  RandomStream r(41);
  const double p = 0.3;
  check_moments(moments_of([&] { return rs::bernoulli(r, p) ? 1.0 : 0.0; }, p), p, p * (1 - p));
  RandomStream r0(42);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE_FALSE(rs::bernoulli(r0, 0.0));
    REQUIRE(rs::bernoulli(r0, 1.0));
  }
}

TEST_CASE("Categorical frequencies", "[distributions]") {
  const std::vector<double> w{1.0, 0.0, 2.0, 3.5, 0.5, 0.0, 3.0};
  const rs::Categorical c(w);
  REQUIRE(c.size() == w.size());
  REQUIRE_FALSE(c.empty());
  double total = 0.0;
  for (double x : w) total += x;

  RandomStream r(51);
  std::vector<int> count(w.size(), 0);
  for (int i = 0; i < kDraws; ++i) {
    const std::size_t k = c(r);
    REQUIRE(k < w.size());
    ++count[k];
  }
  for (std::size_t k = 0; k < w.size(); ++k) {
    const double p = w[k] / total;
    INFO("category " << k << " count " << count[k] << " p " << p);
    if (p == 0.0) {
      CHECK(count[k] == 0);
    } else {
      CHECK(std::abs(count[k] / double(kDraws) - p) < 4.0 * std::sqrt(p * (1 - p) / kDraws));
    }
  }

  const std::vector<double> one{0.0, 0.0, 7.0, 0.0};
  const rs::Categorical only(one);
  for (int i = 0; i < 1000; ++i) REQUIRE(only(r) == 2);
  CHECK(rs::Categorical().empty());
}

// ---------------------------------------------------------------------------------------------
// Parameter validation.
// ---------------------------------------------------------------------------------------------

TEST_CASE("invalid parameters throw std::invalid_argument", "[distributions]") {
  RandomStream r(61);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  using IA = std::invalid_argument;

  CHECK_THROWS_AS(rs::uniform(r, 2.0, 1.0), IA);
  CHECK_THROWS_AS(rs::uniform(r, nan, 1.0), IA);
  CHECK_THROWS_AS(rs::uniform(r, 0.0, inf), IA);
  CHECK(rs::uniform(r, 1.5, 1.5) == 1.5);

  CHECK_THROWS_AS(rs::exponential(r, 0.0), IA);
  CHECK_THROWS_AS(rs::exponential(r, -1.0), IA);
  CHECK_THROWS_AS(rs::exponential(r, nan), IA);

  CHECK_THROWS_AS(rs::normal(r, 0.0, -1.0), IA);
  CHECK_THROWS_AS(rs::normal(r, 0.0, nan), IA);
  CHECK_THROWS_AS(rs::normal(r, nan, 1.0), IA);

  CHECK_THROWS_AS(rs::lognormal(r, 0.0, -0.1), IA);
  CHECK_THROWS_AS(rs::lognormal(r, nan, 1.0), IA);

  CHECK_THROWS_AS(rs::lognormal_mean_cv(r, 0.0, 0.5), IA);
  CHECK_THROWS_AS(rs::lognormal_mean_cv(r, -3.0, 0.5), IA);
  CHECK_THROWS_AS(rs::lognormal_mean_cv(r, 3.0, -0.5), IA);
  CHECK_THROWS_AS(rs::lognormal_mean_cv(r, 3.0, nan), IA);

  CHECK_THROWS_AS(rs::poisson(r, -1.0), IA);
  CHECK_THROWS_AS(rs::poisson(r, nan), IA);
  CHECK_THROWS_AS(rs::poisson(r, inf), IA);

  CHECK_THROWS_AS(rs::binomial(r, 10, -0.1), IA);
  CHECK_THROWS_AS(rs::binomial(r, 10, 1.1), IA);
  CHECK_THROWS_AS(rs::binomial(r, 10, nan), IA);

  CHECK_THROWS_AS(rs::bernoulli(r, -0.1), IA);
  CHECK_THROWS_AS(rs::bernoulli(r, 1.1), IA);
  CHECK_THROWS_AS(rs::bernoulli(r, nan), IA);

  auto cat = [](std::vector<double> w) { return rs::Categorical(w); };
  CHECK_THROWS_AS(cat({}), IA);
  CHECK_THROWS_AS(cat({1.0, -0.5}), IA);
  CHECK_THROWS_AS(cat({1.0, nan}), IA);
  CHECK_THROWS_AS(cat({0.0, 0.0}), IA);
  CHECK_THROWS_AS(cat({1.0, inf}), IA);
  CHECK_THROWS_WITH(cat({0.0, 0.0}), Catch::Contains("zero"));
  CHECK_THROWS_WITH(rs::binomial(r, 10, 1.5), Catch::Contains("p must be in [0, 1]"));
}
