#pragma once
// Distributions written here, not std::*_distribution: the standard leaves their algorithms to each
// library, so the same seed would give other numbers with another compiler. These use only
// IEEE-754 arithmetic plus log/exp/sqrt/cos from the C library.
#include <cstdint>
#include <span>
#include <vector>

#include "sim/random.hpp"

namespace repsim::sim {

double uniform(RandomStream& r, double lo, double hi);       // [lo, hi)
double exponential(RandomStream& r, double mean);            // mean > 0
double normal(RandomStream& r, double mean, double sd);      // sd >= 0
double lognormal(RandomStream& r, double mu, double sigma);  // exp(N(mu, sigma))
// A lognormal given by the mean and coefficient of variation of its values (what configs state).
double lognormal_mean_cv(RandomStream& r, double mean, double cv);
std::uint64_t poisson(RandomStream& r, double mean);                 // mean >= 0
std::uint64_t binomial(RandomStream& r, std::uint64_t n, double p);  // 0 <= p <= 1
bool bernoulli(RandomStream& r, double p);

// Categorical over fixed weights (non-negative, not all zero): Walker/Vose alias table, O(1) draws.
class Categorical {
 public:
  Categorical() = default;
  explicit Categorical(std::span<const double> weights);
  std::size_t operator()(RandomStream& r) const;
  std::size_t size() const { return slots_.size(); }
  bool empty() const { return slots_.empty(); }

  // Slot i keeps a draw that lands on it with probability `keep`, else gives it to `alias`. One
  // slot per draw, so a draw reads one cache line, not one from each of two arrays.
  struct Slot {
    double keep = 0.0;
    std::uint32_t alias = 0;
  };
  std::span<const Slot> slots() const { return slots_; }

 private:
  std::vector<Slot> slots_;
};

}  // namespace repsim::sim
