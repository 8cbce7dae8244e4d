#pragma once
// The speed slider is logarithmic: a person wants 1 s/s to watch a session time out and 10^6 s/s
// to see a week pass in a second, and equal slider steps should feel like equal factors.
#include <string>

namespace repsim::viz {

inline constexpr double kMinSpeed = 1.0;  // simulated seconds per wall second
inline constexpr double kMaxSpeed = 1e6;

// Slider position in [0, 1] -> speed in [kMinSpeed, kMaxSpeed]: 10^(6 p). Positions outside are
// clamped.
double speed_of_position(double p);
// The inverse, clamped to [0, 1].
double position_of_speed(double speed);
// "1 s/s", "60 s/s (1 min/s)", "3600 s/s (1 h/s)", "86400 s/s (1 d/s)": the unit a person thinks in.
std::string speed_text(double speed);

}  // namespace repsim::viz
