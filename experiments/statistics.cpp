#include "experiments/statistics.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace repsim::experiments {

double student_t_quantile(double p, double df) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

SampleStats describe(const std::vector<double>& values) {
  SampleStats s;
  s.n = values.size();
  if (s.n == 0) return s;
  double sum = 0;
  for (double v : values) sum += v;
  const double mean = sum / static_cast<double>(s.n);
  s.mean = mean;
  if (s.n < 2) return s;
  // Two passes: the textbook one-pass formula loses digits when the mean is large.
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double sd = std::sqrt(squares / static_cast<double>(s.n - 1));
  s.sd = sd;
  s.ci95 = student_t_quantile(0.975, static_cast<double>(s.n - 1)) * sd / std::sqrt(static_cast<double>(s.n));
  return s;
}

}  // namespace repsim::experiments
