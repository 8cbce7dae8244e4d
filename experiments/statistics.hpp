#pragma once
// Per-variant statistics of a sweep: mean, sample standard deviation and the half-width of a 95%
// confidence interval for the mean from Student's t (replications are independent draws of one
// variant; with common random numbers they are paired across variants, not within one).
#include <cstddef>
#include <optional>
#include <vector>

namespace repsim::experiments {

struct SampleStats {
  std::size_t n = 0;
  std::optional<double> mean;  // absent when n == 0
  std::optional<double> sd;    // sample (n - 1) standard deviation; absent when n < 2
  std::optional<double> ci95;  // t(0.975, n - 1) * sd / sqrt(n); absent when n < 2
};

// Sums run in the given order, so the same values in the same order give the same bits.
SampleStats describe(const std::vector<double>& values);

// The p-quantile of Student's t with `df` degrees of freedom (Boost.Math); df > 0, 0 < p < 1.
double student_t_quantile(double p, double df);

}  // namespace repsim::experiments
