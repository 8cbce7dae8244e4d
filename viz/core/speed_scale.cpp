#include "viz/core/speed_scale.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace repsim::viz {

double speed_of_position(double p) {
  p = std::clamp(p, 0.0, 1.0);
  return kMinSpeed * std::pow(kMaxSpeed / kMinSpeed, p);
}

double position_of_speed(double speed) {
  speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
  return std::log(speed / kMinSpeed) / std::log(kMaxSpeed / kMinSpeed);
}

std::string speed_text(double speed) {
  char buf[64];
  if (speed >= 86400)
    std::snprintf(buf, sizeof buf, "%.0f s/s (%.3g d/s)", speed, speed / 86400);
  else if (speed >= 3600)
    std::snprintf(buf, sizeof buf, "%.0f s/s (%.3g h/s)", speed, speed / 3600);
  else if (speed >= 60)
    std::snprintf(buf, sizeof buf, "%.0f s/s (%.3g min/s)", speed, speed / 60);
  else
    std::snprintf(buf, sizeof buf, "%.3g s/s", speed);
  return buf;
}

}  // namespace repsim::viz
