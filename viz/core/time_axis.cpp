#include "viz/core/time_axis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace repsim::viz {

float TimeAxis::x_of(sim::Time t) const {
  if (t1 <= t0) return x0;
  const double f = static_cast<double>(t - t0) / static_cast<double>(t1 - t0);
  return x0 + static_cast<float>(f * static_cast<double>(x1 - x0));
}

sim::Time TimeAxis::t_of(float x) const {
  if (t1 <= t0 || x1 == x0) return t0;
  const double f = static_cast<double>(x - x0) / static_cast<double>(x1 - x0);
  const double t = static_cast<double>(t0) + f * static_cast<double>(t1 - t0);
  return std::clamp(static_cast<sim::Time>(std::llround(t)), t0, t1);
}

float ValueAxis::y_of(double v) const {
  if (v1 == v0) return y_bottom;
  return y_bottom + static_cast<float>((v - v0) / (v1 - v0)) * (y_top - y_bottom);
}

double ValueAxis::v_of(float y) const {
  if (y_top == y_bottom) return v0;
  return v0 + static_cast<double>((y - y_bottom) / (y_top - y_bottom)) * (v1 - v0);
}

const std::vector<sim::Time>& tick_steps() {
  static const std::vector<sim::Time> steps{
      sim::minutes(1), sim::minutes(5), sim::minutes(15), sim::minutes(30), sim::hours(1), sim::hours(2),
      sim::hours(3),   sim::hours(6),   sim::hours(12),   sim::days(1),     sim::days(2),  sim::days(7)};
  return steps;
}

namespace {

// Floor division for negative numerators too (times before 1970 have negative local values).
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

std::vector<sim::Time> ticks_with_step(sim::Time t0, sim::Time t1, sim::Time step, const sim::Calendar& cal) {
  // Local wall-clock microseconds since 1970 of sim time 0: multiples of a step are round local times.
  const std::int64_t local0 = cal.start_unix_us() + std::int64_t{cal.utc_offset_minutes()} * sim::kMinute;
  const std::int64_t first =
      (floor_div(local0 + t0 - 1, step) + 1) * step;  // smallest multiple >= local0 + t0
  std::vector<sim::Time> out;
  for (std::int64_t l = first; l - local0 <= t1; l += step) out.push_back(l - local0);
  return out;
}

}  // namespace

std::vector<TimeTick> time_ticks(sim::Time t0, sim::Time t1, int max_ticks, const sim::Calendar& calendar) {
  std::vector<TimeTick> out;
  if (t1 <= t0 || max_ticks <= 0) return out;
  const auto& steps = tick_steps();
  std::vector<sim::Time> ts;
  for (sim::Time step : steps) {
    // Cheap bound first: a step far too fine would build a huge vector.
    if ((t1 - t0) / step > max_ticks + 1) continue;
    ts = ticks_with_step(t0, t1, step, calendar);
    if (static_cast<int>(ts.size()) <= max_ticks) break;
    ts.clear();
  }
  for (sim::Time t : ts) {
    const sim::LocalTime lt = calendar.local(t);
    char buf[32];
    const bool midnight = lt.hour == 0 && lt.minute == 0 && lt.second == 0 && lt.microsecond == 0;
    if (midnight)
      std::snprintf(buf, sizeof buf, "%.3s %02d", std::string(sim::weekday_name(lt.weekday)).c_str(), lt.day);
    else
      std::snprintf(buf, sizeof buf, "%02d:%02d", lt.hour, lt.minute);
    out.push_back(TimeTick{t, buf, midnight});
  }
  return out;
}

std::vector<double> value_ticks(double v0, double v1, int max_ticks) {
  std::vector<double> out;
  if (!(v1 > v0) || max_ticks <= 0 || !std::isfinite(v0) || !std::isfinite(v1)) return out;
  const double raw = (v1 - v0) / max_ticks;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * mag;
    if (step >= raw) break;
  }
  // Integer multiples of the step, so 0 is exactly 0 and labels print cleanly.
  for (auto k = static_cast<long long>(std::ceil(v0 / step - 1e-9)); k * step <= v1 + 1e-9 * step; ++k)
    out.push_back(static_cast<double>(k) * step);
  return out;
}

std::string offset_text(sim::Time t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "T+%.1f h", sim::to_hours(t));
  return buf;
}

}  // namespace repsim::viz
