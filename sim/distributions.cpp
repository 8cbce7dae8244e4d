#include "sim/distributions.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

// Algorithms (all deterministic given the stream; none caches state between calls):
//   normal      Marsaglia polar method. Each attempt draws two uniforms; the second variate of an
//               accepted pair is discarded rather than cached, so a distribution call has no hidden
//               state and a stream's consumption depends only on the draws made through it.
//   poisson     mean < 12: Knuth's multiplication method; otherwise Hormann's PTRS (1993).
//   binomial    p > 0.5 by symmetry; n*p < 12: inversion by sequential search; otherwise
//               Hormann's BTRS (1993) with a Stirling-series log-factorial.
//   Categorical Vose's alias method: one below(n) and one uniform01() per draw.

namespace repsim::sim {

namespace {

[[noreturn]] void bad(const char* what, const std::string& why) {
  throw std::invalid_argument(std::string(what) + ": " + why);
}

std::string num(double x) { return std::to_string(x); }

// log(k!) : exact table below 10, Stirling series beyond (error < 1e-12 at k = 10).
double log_factorial(double k) {
  static constexpr double table[10] = {0.0,
                                       0.0,
                                       0.6931471805599453,
                                       1.791759469228055,
                                       3.1780538303479458,
                                       4.787491742782046,
                                       6.579251212010101,
                                       8.525161361065415,
                                       10.60460290274525,
                                       12.801827480081469};
  if (k < 10.0) return table[static_cast<int>(k)];
  constexpr double half_log_2pi = 0.9189385332046728;
  const double r = 1.0 / k;
  const double r2 = r * r;
  const double series = r * (1.0 / 12.0 - r2 * (1.0 / 360.0 - r2 * (1.0 / 1260.0 - r2 * (1.0 / 1680.0))));
  return (k + 0.5) * std::log(k) - k + half_log_2pi + series;
}

std::uint64_t poisson_knuth(RandomStream& r, double mean) {
  const double limit = std::exp(-mean);
  std::uint64_t k = 0;
  double prod = r.uniform01();
  while (prod > limit) {
    ++k;
    prod *= r.uniform01();
  }
  return k;
}

// Hormann (1993), "The transformed rejection method for generating Poisson random variables",
// algorithm PTRS; valid for mean >= 10.
std::uint64_t poisson_ptrs(RandomStream& r, double mean) {
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = r.uniform01_open() - 0.5;  // (-0.5, 0.5): us below is never 0
    const double v = r.uniform01();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v * inv_alpha / (a / (us * us) + b)) <= -mean + k * loglam - log_factorial(k))
      return static_cast<std::uint64_t>(k);
  }
}

// Inversion by sequential search from 0; p <= 0.5 and n*p < 12, so q^n >= e^-17 is far from underflow.
std::uint64_t binomial_inversion(RandomStream& r, std::uint64_t n, double p) {
  const double q = 1.0 - p;
  const double s = p / q;
  const double a = (static_cast<double>(n) + 1.0) * s;
  double prob = std::pow(q, static_cast<double>(n));
  double u = r.uniform01();
  std::uint64_t x = 0;
  // Rounding may leave u above the total mass; everything past the last step belongs to n.
  while (u > prob && x < n) {
    u -= prob;
    ++x;
    prob *= a / static_cast<double>(x) - s;
  }
  return x;
}

// Hormann (1993), "The generation of binomial random variates", algorithm BTRS; p <= 0.5, n*p >= 10.
std::uint64_t binomial_btrs(RandomStream& r, std::uint64_t n, double p) {
  const double nd = static_cast<double>(n);
  const double q = 1.0 - p;
  const double spq = std::sqrt(nd * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = nd * p + 0.5;
  const double vr = 0.92 - 4.2 / b;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double lpq = std::log(p / q);
  const double m = std::floor((nd + 1.0) * p);
  const double h = log_factorial(m) + log_factorial(nd - m);
  for (;;) {
    const double u = r.uniform01_open() - 0.5;
    const double v = r.uniform01();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + c);
    if (k < 0.0 || k > nd) continue;
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
    if (std::log(v * alpha / (a / (us * us) + b)) <=
        h - log_factorial(k) - log_factorial(nd - k) + (k - m) * lpq)
      return static_cast<std::uint64_t>(k);
  }
}

}  // namespace

double uniform(RandomStream& r, double lo, double hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) bad("uniform", "bounds must be finite");
  if (hi < lo) bad("uniform", "hi (" + num(hi) + ") < lo (" + num(lo) + ")");
  return lo + (hi - lo) * r.uniform01();
}

double exponential(RandomStream& r, double mean) {
  if (!(mean > 0.0) || !std::isfinite(mean))
    bad("exponential", "mean must be finite and > 0, got " + num(mean));
  return -mean * std::log(r.uniform01_open());
}

double normal(RandomStream& r, double mean, double sd) {
  if (!std::isfinite(mean)) bad("normal", "mean must be finite");
  if (!(sd >= 0.0) || !std::isfinite(sd)) bad("normal", "sd must be finite and >= 0, got " + num(sd));
  for (;;) {
    const double u = 2.0 * r.uniform01() - 1.0;
    const double v = 2.0 * r.uniform01() - 1.0;
    const double s = u * u + v * v;
    if (s >= 1.0 || s == 0.0) continue;
    return mean + sd * (u * std::sqrt(-2.0 * std::log(s) / s));  // v's partner variate is dropped
  }
}

double lognormal(RandomStream& r, double mu, double sigma) {
  if (!std::isfinite(mu)) bad("lognormal", "mu must be finite");
  if (!(sigma >= 0.0) || !std::isfinite(sigma))
    bad("lognormal", "sigma must be finite and >= 0, got " + num(sigma));
  return std::exp(normal(r, mu, sigma));
}

double lognormal_mean_cv(RandomStream& r, double mean, double cv) {
  if (!(mean > 0.0) || !std::isfinite(mean))
    bad("lognormal_mean_cv", "mean must be finite and > 0, got " + num(mean));
  if (!(cv >= 0.0) || !std::isfinite(cv))
    bad("lognormal_mean_cv", "cv must be finite and >= 0, got " + num(cv));
  const double sigma2 = std::log1p(cv * cv);  // log(1 + cv^2)
  return lognormal(r, std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2));
}

std::uint64_t poisson(RandomStream& r, double mean) {
  if (!(mean >= 0.0) || !(mean < 1e15)) bad("poisson", "mean must be in [0, 1e15), got " + num(mean));
  return mean < 12.0 ? poisson_knuth(r, mean) : poisson_ptrs(r, mean);
}

std::uint64_t binomial(RandomStream& r, std::uint64_t n, double p) {
  if (!(p >= 0.0 && p <= 1.0)) bad("binomial", "p must be in [0, 1], got " + num(p));
  if (n == 0 || p == 0.0) return 0;
  if (p == 1.0) return n;
  if (p > 0.5) return n - binomial(r, n, 1.0 - p);  // 1 - p is exact here
  return static_cast<double>(n) * p < 12.0 ? binomial_inversion(r, n, p) : binomial_btrs(r, n, p);
}

bool bernoulli(RandomStream& r, double p) {
  if (!(p >= 0.0 && p <= 1.0)) bad("bernoulli", "p must be in [0, 1], got " + num(p));
  return r.uniform01() < p;
}

// Vose (1991), "A linear algorithm for generating random numbers with a given distribution".
Categorical::Categorical(std::span<const double> weights) {
  const std::size_t n = weights.size();
  if (n == 0) bad("Categorical", "no weights");
  if (n > std::numeric_limits<std::uint32_t>::max()) bad("Categorical", "too many weights");
  double total = 0.0;
  std::size_t heaviest = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = weights[i];
    if (std::isnan(w)) bad("Categorical", "weight " + std::to_string(i) + " is NaN");
    if (w < 0.0) bad("Categorical", "weight " + std::to_string(i) + " is negative (" + num(w) + ")");
    if (!std::isfinite(w)) bad("Categorical", "weight " + std::to_string(i) + " is infinite");
    total += w;
    if (w > weights[heaviest]) heaviest = i;
  }
  if (!(total > 0.0)) bad("Categorical", "all weights are zero");
  if (!std::isfinite(total)) bad("Categorical", "weights sum to infinity");

  slots_.assign(n, Slot{});
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small, large;
  small.reserve(n);
  large.reserve(n);
  const double dn = static_cast<double>(n);
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] / total * dn;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back();
    small.pop_back();
    const std::uint32_t l = large.back();
    slots_[s] = Slot{scaled[s], l};
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Leftovers have scaled weight 1 up to rounding. A zero weight must stay unreachable, so one
  // stranded by rounding redirects wholly to the heaviest category instead.
  auto finish = [&](std::uint32_t i) {
    if (weights[i] > 0.0) {
      slots_[i] = Slot{1.0, i};
    } else {
      slots_[i] = Slot{0.0, static_cast<std::uint32_t>(heaviest)};
    }
  };
  for (std::uint32_t i : large) finish(i);
  for (std::uint32_t i : small) finish(i);
}

std::size_t Categorical::operator()(RandomStream& r) const {
  if (slots_.empty()) throw std::logic_error("Categorical: draw from an empty (default-constructed) table");
  const auto i = static_cast<std::size_t>(r.below(slots_.size()));
  const Slot& slot = slots_[i];
  return r.uniform01() < slot.keep ? i : slot.alias;
}

}  // namespace repsim::sim
