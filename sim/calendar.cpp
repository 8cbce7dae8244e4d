#include "sim/calendar.hpp"

#include <cstdio>
#include <stdexcept>

// Pure int64 civil-date arithmetic (Howard Hinnant's days_from_civil / civil_from_days) instead of
// <ctime>: results must not depend on the host's time zone database or locale, and a fixed offset
// is all a scenario needs.

namespace repsim::sim {

namespace {

constexpr std::array<std::string_view, 7> kWeekdayNames{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 12> kMonthNames{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

// Days since 1970-01-01 of a proleptic Gregorian date.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = floor_div(y, 400);
  const auto yoe = static_cast<unsigned>(y - era * 400);                 // [0, 399]
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

constexpr Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = floor_div(z, 146097);
  const auto doe = static_cast<unsigned>(z - era * 146097);                    // [0, 146096]
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);  // [0, 365]
  const unsigned mp = (5 * doy + 2) / 153;                       // [0, 11]
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;               // [1, 31]
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;                  // [1, 12]
  return {y + (m <= 2), m, d};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(civil_from_days(11017).month == 3);

constexpr bool is_leap(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

constexpr unsigned days_in_month(std::int64_t y, unsigned m) {
  constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Reads the text left to right; every error names the whole original text so a user can find it
// in a scenario file.
class IsoReader {
 public:
  explicit IsoReader(std::string_view original) : original_(original), text_(trim(original)) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument(what + " in '" + std::string(original_) + "'");
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  int digits(int count, const char* field) {
    int value = 0;
    for (int i = 0; i < count; ++i) {
      if (at_end() || !is_digit(text_[pos_]))
        fail(std::string("expected ") + std::to_string(count) + "-digit " + field);
      value = value * 10 + (text_[pos_++] - '0');
    }
    return value;
  }

  void expect(char c, const char* where) {
    if (peek() != c) fail(std::string("expected '") + c + "' " + where);
    ++pos_;
  }

  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }

  // Up to six digits after '.', scaled to microseconds.
  int fraction() {
    int value = 0;
    int n = 0;
    while (!at_end() && is_digit(text_[pos_])) {
      if (n == 6) fail("more than 6 fractional second digits");
      value = value * 10 + (text_[pos_++] - '0');
      ++n;
    }
    if (n == 0) fail("missing fractional second digits after '.'");
    for (; n < 6; ++n) value *= 10;
    return value;
  }

 private:
  std::string_view original_;
  std::string_view text_;
  std::size_t pos_ = 0;
};

struct ParsedIso {
  std::int64_t unix_us;
  int offset_minutes;
};

ParsedIso parse_iso(std::string_view original) {
  IsoReader r(original);
  if (r.at_end()) r.fail("empty timestamp");
  const int year = r.digits(4, "year");
  r.expect('-', "after year");
  const int month = r.digits(2, "month");
  r.expect('-', "after month");
  const int day = r.digits(2, "day");
  r.expect('T', "between date and time");
  const int hour = r.digits(2, "hour");
  r.expect(':', "after hour");
  const int minute = r.digits(2, "minute");
  int second = 0;
  int microsecond = 0;
  if (r.accept(':')) {
    second = r.digits(2, "second");
    if (r.accept('.')) microsecond = r.fraction();
  }

  int offset = 0;
  if (r.accept('Z')) {
    offset = 0;
  } else if (r.peek() == '+' || r.peek() == '-') {
    const int sign = r.peek() == '-' ? -1 : 1;
    r.accept(r.peek());
    const int oh = r.digits(2, "offset hour");
    r.accept(':');
    const int om = r.digits(2, "offset minute");
    if (om >= 60) r.fail("bad offset minute " + std::to_string(om));
    if (oh * 60 + om > 14 * 60) r.fail("UTC offset beyond 14 hours");
    offset = sign * (oh * 60 + om);
  } else {
    r.fail("missing UTC offset ('Z' or '+HH:MM')");
  }
  if (!r.at_end()) r.fail(std::string("unexpected '") + r.peek() + "' after the UTC offset");

  if (month < 1 || month > 12) r.fail("bad month " + std::to_string(month));
  const auto dim = days_in_month(year, static_cast<unsigned>(month));
  if (day < 1 || static_cast<unsigned>(day) > dim) {
    r.fail("bad day " + std::to_string(day) + " (month has " + std::to_string(dim) + " days)");
  }
  if (hour >= 24) r.fail("bad hour " + std::to_string(hour));
  if (minute >= 60) r.fail("bad minute " + std::to_string(minute));
  // No leap seconds: a fixed-offset clock has nowhere to put them.
  if (second >= 60) r.fail("bad second " + std::to_string(second));

  const std::int64_t local_seconds =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * (kDay / kSecond) +
      hour * 3600 + minute * 60 + second;
  const std::int64_t utc_us = local_seconds * kSecond + microsecond - offset * kMinute;
  return {utc_us, offset};
}

std::string two(int v) {
  std::string s(2, '0');
  s[0] = static_cast<char>('0' + v / 10 % 10);
  s[1] = static_cast<char>('0' + v % 10);
  return s;
}

}  // namespace

std::string_view weekday_name(Weekday d) {
  const auto i = static_cast<std::size_t>(d);
  return i < kWeekdayNames.size() ? kWeekdayNames[i] : std::string_view("???");
}

Calendar Calendar::parse(std::string_view iso_start) {
  const ParsedIso p = parse_iso(iso_start);
  Calendar cal;
  cal.start_unix_us_ = p.unix_us;
  cal.offset_minutes_ = p.offset_minutes;
  return cal;
}

LocalTime Calendar::local(Time t) const {
  std::int64_t us = 0;
  if (__builtin_add_overflow(start_unix_us_ + offset_minutes_ * kMinute, t, &us)) {
    throw std::out_of_range("sim time " + std::to_string(t) + " us is beyond the calendar");
  }
  const std::int64_t day_number = floor_div(us, kDay);
  std::int64_t rest = us - day_number * kDay;  // [0, kDay)
  const Civil c = civil_from_days(day_number);

  LocalTime lt;
  lt.year = static_cast<int>(c.year);
  lt.month = static_cast<int>(c.month);
  lt.day = static_cast<int>(c.day);
  lt.hour = static_cast<int>(rest / kHour);
  rest %= kHour;
  lt.minute = static_cast<int>(rest / kMinute);
  rest %= kMinute;
  lt.second = static_cast<int>(rest / kSecond);
  lt.microsecond = static_cast<int>(rest % kSecond);
  // Day 0 (1970-01-01) was a Thursday.
  lt.weekday = static_cast<Weekday>(floor_mod(day_number + 3, 7));
  return lt;
}

bool Calendar::is_weekend(Time t) const {
  const Weekday d = weekday(t);
  return d == Weekday::Saturday || d == Weekday::Sunday;
}

std::string Calendar::iso(Time t) const {
  const LocalTime lt = local(t);
  char date[32];
  std::snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:%02d:%02d", lt.year, lt.month, lt.day, lt.hour,
                lt.minute, lt.second);
  std::string out = date;
  if (lt.microsecond != 0) {
    char frac[16];
    std::snprintf(frac, sizeof frac, ".%06d", lt.microsecond);
    out += frac;
  }
  const int off = offset_minutes_ < 0 ? -offset_minutes_ : offset_minutes_;
  out += offset_minutes_ < 0 ? '-' : '+';
  out += two(off / 60);
  out += ':';
  out += two(off % 60);
  return out;
}

std::string Calendar::short_text(Time t) const {
  const LocalTime lt = local(t);
  std::string out(weekday_name(lt.weekday));
  out += ' ';
  out += two(lt.day);
  out += ' ';
  out += kMonthNames[static_cast<std::size_t>(lt.month - 1)];
  out += ' ';
  out += two(lt.hour);
  out += ':';
  out += two(lt.minute);
  return out;
}

Time Calendar::parse_time(std::string_view text) const {
  const std::string_view s = trim(text);
  const bool looks_iso =
      s.size() >= 5 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) && s[4] == '-';
  if (looks_iso) {
    // Years are four digits, so both instants lie within +-10^4 years and the difference fits.
    return parse_iso(text).unix_us - start_unix_us_;
  }
  std::string_view rest = s;
  if (!rest.empty() && rest.front() == '+') rest.remove_prefix(1);
  return parse_duration(rest);
}

WorkingHours WorkingHours::always() {
  WorkingHours w;
  w.start_minute = 0;
  w.end_minute = 24 * 60;
  w.days.fill(true);
  return w;
}

// A window with start >= end is empty (no overnight wrap): such a WorkingHours never opens.
bool WorkingHours::contains(const Calendar& cal, Time t) const {
  const LocalTime lt = cal.local(t);
  const int m = lt.minute_of_day();
  return days[static_cast<std::size_t>(lt.weekday)] && m >= start_minute && m < end_minute;
}

Time WorkingHours::next_open(const Calendar& cal, Time t) const {
  if (t == kNever) return kNever;
  const int start = start_minute < 0 ? 0 : start_minute;
  const int end = end_minute > 24 * 60 ? 24 * 60 : end_minute;
  if (start >= end) return kNever;

  const LocalTime lt = cal.local(t);
  const auto today = static_cast<std::size_t>(lt.weekday);
  const int m = lt.minute_of_day();
  if (days[today] && m >= start && m < end) return t;

  // The offset is fixed, so every local day is exactly kDay long and day starts are plain sums.
  const Time day_start =
      t - (static_cast<Time>(m) * kMinute + static_cast<Time>(lt.second) * kSecond + lt.microsecond);
  for (int ahead = 0; ahead <= 7; ++ahead) {
    if (!days[(today + static_cast<std::size_t>(ahead)) % 7]) continue;
    if (ahead == 0 && m >= start) continue;  // today's window is already over
    Time open = 0;
    if (__builtin_add_overflow(day_start, ahead * kDay + start * kMinute, &open)) return kNever;
    return open;
  }
  return kNever;
}

}  // namespace repsim::sim
