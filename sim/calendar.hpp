#pragma once
// Maps simulated time onto the scenario's local wall clock. The start is an ISO-8601 timestamp
// with a fixed UTC offset ("2012-05-09T16:30:00-04:00"); the offset stays fixed for the whole run
// (scenarios last days, and a DST switch inside one is rare enough to model by choosing the offset).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/time.hpp"

namespace repsim::sim {

enum class Weekday : int { Monday = 0, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday };

// "Mon".."Sun"
std::string_view weekday_name(Weekday d);

struct LocalTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int microsecond = 0;
  Weekday weekday = Weekday::Thursday;
  int minute_of_day() const { return hour * 60 + minute; }
};

class Calendar {
 public:
  // Throws std::invalid_argument naming what is wrong (e.g. "bad month 13 in '2012-13-01T00:00:00Z'").
  // Accepts "YYYY-MM-DDTHH:MM[:SS[.ffffff]]" followed by "Z" or "+HH:MM"/"-HH:MM".
  static Calendar parse(std::string_view iso_start);
  Calendar() = default;  // 1970-01-01T00:00:00Z

  LocalTime local(Time t) const;
  Weekday weekday(Time t) const { return local(t).weekday; }
  bool is_weekend(Time t) const;

  // "2012-05-09T16:30:00-04:00"; fractional seconds only when non-zero.
  std::string iso(Time t) const;
  // "Wed 09 May 16:30", for stories a person reads.
  std::string short_text(Time t) const;

  // An absolute ISO-8601 time (any offset) -> sim time relative to the start; or, when the text is
  // not a timestamp, a duration offset from the start ("36h", "+36h"). Throws std::invalid_argument.
  Time parse_time(std::string_view text) const;

  int utc_offset_minutes() const { return offset_minutes_; }
  std::int64_t start_unix_us() const { return start_unix_us_; }

 private:
  std::int64_t start_unix_us_ = 0;
  int offset_minutes_ = 0;
};

// When a person or team works: [start, end) minutes of the local day on the days set.
struct WorkingHours {
  int start_minute = 9 * 60;
  int end_minute = 17 * 60;
  std::array<bool, 7> days{true, true, true, true, true, false, false};  // Monday first

  static WorkingHours always();
  bool contains(const Calendar& cal, Time t) const;
  // The first moment >= t inside working hours (t itself when already inside). Returns kNever when
  // no day is a working day.
  Time next_open(const Calendar& cal, Time t) const;
};

}  // namespace repsim::sim
