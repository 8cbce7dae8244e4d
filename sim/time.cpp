#include "sim/time.hpp"

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

// Duration grammar, after trimming leading/trailing whitespace:
//   duration  := number | component+
//   component := number unit
//   number    := digits [ '.' digits ]
//   unit      := us | ms | s | m | h | d | w
// Components may come in any order ("30m1h" == "1h30m") because a config author reordering them
// loses nothing, but a unit may appear only once: "1h2h" is far more likely a typo than intent.
// The arithmetic is exact integer arithmetic on the decimal digits, so "1.5h" is exactly 5400 s
// and no value depends on how the platform rounds doubles. A fraction finer than 1 us is rounded
// half up; digits past the 18th are ignored since they can only matter within a hair of a
// rounding tie.
// Negative durations are rejected: every caller means "how long", and a stray '-' is a typo.
// format_duration still prints negative values (for diagnostics), so only non-negative values
// round-trip.

namespace repsim::sim {

namespace {

struct Unit {
  std::string_view name;
  Time scale;
};

// Largest first: format_duration's greedy split depends on this order.
constexpr std::array<Unit, 7> kUnits{{
    {"w", kWeek},
    {"d", kDay},
    {"h", kHour},
    {"m", kMinute},
    {"s", kSecond},
    {"ms", kMillisecond},
    {"us", kMicrosecond},
}};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  out += text;
  out += '\'';
  return out;
}

[[noreturn]] void fail(const std::string& what, std::string_view text) {
  throw std::invalid_argument(what + " in " + quoted(text));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (x != b[i]) return false;
  }
  return true;
}

// Digits of one number, kept as text so the scaling below stays exact.
struct Number {
  std::string_view whole;
  std::string_view fraction;
};

// value * scale in microseconds, rounded half up; false on int64 overflow.
bool scale_number(const Number& n, Time scale, Time& out) {
  Time whole = 0;
  for (char c : n.whole) {
    if (__builtin_mul_overflow(whole, Time{10}, &whole) ||
        __builtin_add_overflow(whole, Time{c - '0'}, &whole)) {
      return false;
    }
  }
  Time result = 0;
  if (__builtin_mul_overflow(whole, scale, &result)) return false;

  // 10^18 * kWeek < 2^127, so the fraction product cannot overflow 128 bits.
  constexpr std::size_t kMaxFractionDigits = 18;
  unsigned __int128 numerator = 0;
  unsigned __int128 denominator = 1;
  for (std::size_t i = 0; i < n.fraction.size() && i < kMaxFractionDigits; ++i) {
    numerator = numerator * 10 + static_cast<unsigned>(n.fraction[i] - '0');
    denominator *= 10;
  }
  numerator *= static_cast<unsigned __int128>(scale);
  unsigned __int128 part = numerator / denominator;
  if ((numerator % denominator) * 2 >= denominator) ++part;
  // part <= scale <= kWeek, so the narrowing is safe.
  if (__builtin_add_overflow(result, static_cast<Time>(part), &result)) return false;
  out = result;
  return true;
}

}  // namespace

Time from_seconds(double s) {
  // 2^63 is exactly representable; anything at or beyond it cannot be an int64.
  constexpr double kLimit = 9223372036854775808.0;
  const double us = std::round(s * static_cast<double>(kSecond));
  if (!(us >= -kLimit && us < kLimit)) {
    throw std::out_of_range("from_seconds: " + std::to_string(s) + " s is not representable in microseconds");
  }
  return static_cast<Time>(us);
}

Time parse_duration(std::string_view original) {
  const std::string_view text = trim(original);
  if (text.empty()) throw std::invalid_argument("empty duration " + quoted(original));
  if (text.front() == '-') throw std::invalid_argument("negative duration " + quoted(original));
  {
    std::string_view bare = text;
    if (bare.front() == '+') bare.remove_prefix(1);
    if (iequals(bare, "nan") || iequals(bare, "inf") || iequals(bare, "infinity")) {
      throw std::invalid_argument("duration is not a finite number " + quoted(original));
    }
  }

  std::array<bool, kUnits.size()> seen{};
  Time total = 0;
  std::size_t pos = 0;
  int components = 0;
  while (pos < text.size()) {
    const std::size_t number_start = pos;
    while (pos < text.size() && is_digit(text[pos])) ++pos;
    Number number{text.substr(number_start, pos - number_start), {}};
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      const std::size_t fraction_start = pos;
      while (pos < text.size() && is_digit(text[pos])) ++pos;
      number.fraction = text.substr(fraction_start, pos - fraction_start);
      if (number.whole.empty() || number.fraction.empty()) {
        fail("malformed number '" + std::string(text.substr(number_start, pos - number_start)) + "'",
             original);
      }
    }

    const std::size_t unit_start = pos;
    while (pos < text.size() && is_alpha(text[pos])) ++pos;
    const std::string_view unit_name = text.substr(unit_start, pos - unit_start);

    if (number.whole.empty()) {
      if (unit_start >= text.size()) fail("unexpected end", original);
      if (unit_name.empty())
        fail("unexpected character '" + std::string(1, text[unit_start]) + "'", original);
      bool known = false;
      for (const Unit& u : kUnits) known = known || u.name == unit_name;
      if (known) fail("missing number before unit '" + std::string(unit_name) + "'", original);
      fail("unexpected text '" + std::string(unit_name) + "'", original);
    }

    if (unit_name.empty()) {
      // A bare number is only a duration when it is the whole text: "90" is 90 s, but the "6" of
      // "2d6" is more likely a forgotten unit than seconds.
      if (pos == text.size() && components == 0) {
        if (!scale_number(number, kSecond, total)) {
          throw std::invalid_argument("duration out of range " + quoted(original));
        }
        return total;
      }
      if (pos == text.size()) {
        fail("missing unit after '" + std::string(text.substr(number_start)) + "'", original);
      }
      if (is_space(text[pos])) fail("unexpected whitespace", original);
      fail("unexpected character '" + std::string(1, text[pos]) + "'", original);
    }

    std::size_t unit_index = kUnits.size();
    for (std::size_t i = 0; i < kUnits.size(); ++i) {
      if (kUnits[i].name == unit_name) unit_index = i;
    }
    if (unit_index == kUnits.size()) fail("unknown unit '" + std::string(unit_name) + "'", original);
    if (seen[unit_index]) fail("repeated unit '" + std::string(unit_name) + "'", original);
    seen[unit_index] = true;

    Time part = 0;
    if (!scale_number(number, kUnits[unit_index].scale, part) ||
        __builtin_add_overflow(total, part, &total)) {
      throw std::invalid_argument("duration out of range " + quoted(original));
    }
    ++components;

    if (pos < text.size() && !is_digit(text[pos]) && !is_alpha(text[pos])) {
      if (is_space(text[pos])) fail("unexpected whitespace", original);
      fail("unexpected character '" + std::string(1, text[pos]) + "'", original);
    }
  }
  return total;
}

std::string format_duration(Time t) {
  if (t == 0) return "0s";
  std::string out;
  // Unsigned magnitude so INT64_MIN has a magnitude too.
  std::uint64_t rest = static_cast<std::uint64_t>(t);
  if (t < 0) {
    out += '-';
    rest = 0 - rest;
  }
  // A greedy split from days down gives one canonical spelling per value ("1h30m", never "90m"),
  // so logs can be compared textually. Weeks are skipped: "14d" reads more naturally than "2w".
  for (std::size_t i = 1; i < kUnits.size(); ++i) {
    const auto scale = static_cast<std::uint64_t>(kUnits[i].scale);
    const std::uint64_t count = rest / scale;
    if (count == 0) continue;
    rest -= count * scale;
    out += std::to_string(count);
    out += kUnits[i].name;
  }
  return out;
}

}  // namespace repsim::sim
