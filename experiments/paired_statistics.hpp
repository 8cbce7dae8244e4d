#pragma once
// Two designs run on common random numbers (replication k of both uses the same seed) are paired:
// the difference B - A per replication removes the noise both share, so its confidence interval
// is narrower than the unpaired one when A and B are positively correlated (Law, Simulation
// Modeling and Analysis, 5th ed., sections 10.2 and 11.2: the paired-t interval and common random
// numbers). Both intervals are reported, with the correlation that explains their ratio.
#include <cstddef>
#include <optional>
#include <vector>

namespace repsim::experiments {

struct PairedComparison {
  std::size_t n = 0;  // pairs
  double mean_a = 0;
  double mean_b = 0;
  double mean_diff = 0;           // mean of B - A
  std::optional<double> sd_diff;  // sample standard deviation of B - A; n >= 2
  // Paired 95% interval for the mean difference: mean_diff -+ t(0.975, n - 1) * sd_diff / sqrt(n).
  std::optional<double> ci95_low, ci95_high;
  // Pearson's correlation of A and B across replications; absent when either side is constant.
  std::optional<double> correlation;
  // Welch's 95% interval for mean_b - mean_a, as if the sides were independent samples.
  std::optional<double> unpaired_low, unpaired_high;
  bool identical = false;  // every pair equal (n >= 1)
};

// a[k] and b[k] are replication k of each side; the sizes must match (std::invalid_argument).
PairedComparison compare_paired(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace repsim::experiments
