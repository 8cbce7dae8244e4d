#pragma once
// Simulated time: signed 64-bit microseconds since the scenario start. Integers keep event
// ordering exact over runs of any length (no floating-point drift between machines).
#include <cstdint>
#include <string>
#include <string_view>

namespace repsim::sim {

using Time = std::int64_t;

inline constexpr Time kMicrosecond = 1;
inline constexpr Time kMillisecond = 1000 * kMicrosecond;
inline constexpr Time kSecond = 1000 * kMillisecond;
inline constexpr Time kMinute = 60 * kSecond;
inline constexpr Time kHour = 60 * kMinute;
inline constexpr Time kDay = 24 * kHour;
inline constexpr Time kWeek = 7 * kDay;
inline constexpr Time kNever = INT64_MAX;

constexpr Time seconds(std::int64_t n) { return n * kSecond; }
constexpr Time minutes(std::int64_t n) { return n * kMinute; }
constexpr Time hours(std::int64_t n) { return n * kHour; }
constexpr Time days(std::int64_t n) { return n * kDay; }

// Rounds to the nearest microsecond; throws std::out_of_range past the representable range.
Time from_seconds(double s);
constexpr double to_seconds(Time t) { return static_cast<double>(t) / static_cast<double>(kSecond); }
constexpr double to_hours(Time t) { return static_cast<double>(t) / static_cast<double>(kHour); }

// Parses "90s", "15m", "4h", "7d", "2d6h", "1.5h", "250ms", "1w" or a plain number of seconds
// ("90", "0.5"). Units: us, ms, s, m, h, d, w. Throws std::invalid_argument whose what() says what
// is wrong ("empty duration", "negative duration '-5m'", "unknown unit 'x' in '5x'", ...).
Time parse_duration(std::string_view text);

// Shortest exact text that parse_duration reads back: 0 -> "0s", 5400 s -> "1h30m",
// 1.5 s -> "1s500ms".
std::string format_duration(Time t);

}  // namespace repsim::sim
