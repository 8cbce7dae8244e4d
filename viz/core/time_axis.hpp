#pragma once
// The arithmetic of a time chart, apart from any drawing: simulated time <-> pixels, values <->
// pixels, and ticks that fall on round hours of the scenario's local clock (a person reads "Mon
// 14" and "08:00", not "T+112 h").
#include <string>
#include <vector>

#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace repsim::viz {

// [t0, t1] -> [x0, x1]. A degenerate range maps everything to x0.
struct TimeAxis {
  sim::Time t0 = 0;
  sim::Time t1 = sim::kHour;
  float x0 = 0;
  float x1 = 1;

  float x_of(sim::Time t) const;
  // Rounded to the nearest microsecond and clamped to [t0, t1].
  sim::Time t_of(float x) const;
};

// [v0, v1] -> [y_bottom, y_top]: larger values are higher on screen (smaller y).
struct ValueAxis {
  double v0 = 0;
  double v1 = 1;
  float y_bottom = 1;
  float y_top = 0;

  float y_of(double v) const;
  double v_of(float y) const;
};

struct TimeTick {
  sim::Time t;
  std::string label;  // "Wed 09" at local midnight, "16:00" otherwise
  bool major;         // a local midnight
};

// The candidate steps, finest first: 1m 5m 15m 30m 1h 2h 3h 6h 12h 1d 2d 7d.
const std::vector<sim::Time>& tick_steps();

// The finest step of tick_steps() that puts at most max_ticks ticks in [t0, t1]; ticks sit where
// the local clock is a whole multiple of the step (days: local midnights). Empty when t1 <= t0.
std::vector<TimeTick> time_ticks(sim::Time t0, sim::Time t1, int max_ticks, const sim::Calendar& calendar);

// About `max_ticks` round values (1, 2 or 5 times a power of ten apart) covering [v0, v1].
std::vector<double> value_ticks(double v0, double v1, int max_ticks);

// "T+36.5 h" for read-outs next to the local time.
std::string offset_text(sim::Time t);

}  // namespace repsim::viz
