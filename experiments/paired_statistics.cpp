#include "experiments/paired_statistics.hpp"

#include <cmath>
#include <stdexcept>

#include "experiments/statistics.hpp"

namespace repsim::experiments {

PairedComparison compare_paired(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("compare_paired: the sides differ in length");
  PairedComparison c;
  c.n = a.size();
  if (c.n == 0) return c;
  std::vector<double> diff(c.n);
  c.identical = true;
  for (std::size_t k = 0; k < c.n; ++k) {
    diff[k] = b[k] - a[k];
    c.identical = c.identical && a[k] == b[k];
  }
  const SampleStats sa = describe(a);
  const SampleStats sb = describe(b);
  const SampleStats sd = describe(diff);
  c.mean_a = *sa.mean;
  c.mean_b = *sb.mean;
  c.mean_diff = *sd.mean;
  if (c.n < 2) return c;
  c.sd_diff = sd.sd;
  c.ci95_low = c.mean_diff - *sd.ci95;
  c.ci95_high = c.mean_diff + *sd.ci95;

  if (*sa.sd > 0 && *sb.sd > 0) {
    double cross = 0;
    for (std::size_t k = 0; k < c.n; ++k) cross += (a[k] - c.mean_a) * (b[k] - c.mean_b);
    c.correlation = cross / static_cast<double>(c.n - 1) / (*sa.sd * *sb.sd);
  }

  const double n = static_cast<double>(c.n);
  const double va = *sa.sd * *sa.sd / n;
  const double vb = *sb.sd * *sb.sd / n;
  const double unpaired_diff = c.mean_b - c.mean_a;
  double half = 0;
  if (va + vb > 0) {
    // Welch-Satterthwaite degrees of freedom.
    const double df = (va + vb) * (va + vb) / ((va * va + vb * vb) / (n - 1));
    half = student_t_quantile(0.975, df) * std::sqrt(va + vb);
  }
  c.unpaired_low = unpaired_diff - half;
  c.unpaired_high = unpaired_diff + half;
  return c;
}

}  // namespace repsim::experiments
