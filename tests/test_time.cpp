#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "sim/time.hpp"

using namespace repsim::sim;
using Catch::Matchers::Contains;

namespace {

// what() of the std::invalid_argument that parse_duration throws, or a marker when it does not.
std::string duration_error(const std::string& text) {
  try {
    const Time t = parse_duration(text);
    return "<no exception, got " + std::to_string(t) + ">";
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("parse_duration golden values", "[time]") {
  CHECK(parse_duration("90s") == 90 * kSecond);
  CHECK(parse_duration("15m") == 15 * kMinute);
  CHECK(parse_duration("4h") == 4 * kHour);
  CHECK(parse_duration("7d") == 7 * kDay);
  CHECK(parse_duration("2d6h") == 54 * kHour);
  CHECK(parse_duration("1w") == kWeek);
  CHECK(parse_duration("250ms") == 250 * kMillisecond);
  CHECK(parse_duration("10us") == 10);
  CHECK(parse_duration("1.5h") == 5400 * kSecond);
  CHECK(parse_duration("1h30m15s250ms7us") == kHour + 30 * kMinute + 15 * kSecond + 250 * kMillisecond + 7);
  CHECK(parse_duration("1d1.5h") == kDay + 90 * kMinute);
}

TEST_CASE("parse_duration plain numbers are seconds", "[time]") {
  CHECK(parse_duration("90") == 90 * kSecond);
  CHECK(parse_duration("0.5") == 500 * kMillisecond);
  CHECK(parse_duration("0") == 0);
  CHECK(parse_duration("0s") == 0);
}

TEST_CASE("parse_duration fractions are exact and round to the nearest microsecond", "[time]") {
  // 0.1 is not exact in binary; the decimal arithmetic must still give exactly 100 ms.
  CHECK(parse_duration("0.1") == 100 * kMillisecond);
  CHECK(parse_duration("0.1234564") == 123456);
  CHECK(parse_duration("0.1234565") == 123457);
  CHECK(parse_duration("1.5us") == 2);
  CHECK(parse_duration("0.0000004") == 0);
  CHECK(parse_duration("0.333333333333333333333333h") == 1200 * kSecond);
}

TEST_CASE("parse_duration whitespace and component order", "[time]") {
  CHECK(parse_duration("  15m\t") == 15 * kMinute);
  // Any order is accepted; only repeats are rejected.
  CHECK(parse_duration("30m1h") == 90 * kMinute);
  CHECK(parse_duration("500ms1s") == 1500 * kMillisecond);
}

TEST_CASE("parse_duration accepts the int64 limit and rejects beyond it", "[time]") {
  CHECK(parse_duration("9223372036854775807us") == std::numeric_limits<Time>::max());
  CHECK(parse_duration(format_duration(kNever)) == kNever);
  CHECK_THAT(duration_error("9223372036854775808us"), Contains("'9223372036854775808us'"));
  CHECK_THAT(duration_error("106751992d"), Contains("'106751992d'"));
  CHECK_THAT(duration_error("106751991d5h"), Contains("'106751991d5h'"));
  CHECK_THAT(duration_error("99999999999999999999999"), Contains("out of range"));
}

TEST_CASE("parse_duration errors quote the offending text", "[time]") {
  struct Case {
    const char* text;
    const char* reason;
  };
  const Case cases[] = {
      {"", "empty"},
      {"   ", "empty"},
      {"-5m", "negative"},
      {"-0", "negative"},
      {"5x", "unknown unit 'x'"},
      {"5H", "unknown unit 'H'"},
      {"5mss", "unknown unit 'mss'"},
      {"h", "missing number"},
      {"2dh", "unknown unit 'dh'"},
      {"2d6", "missing unit"},
      {"1h30", "missing unit"},
      {"1h2h", "repeated unit 'h'"},
      {"1m30s2m", "repeated unit 'm'"},
      {"abc", "unexpected"},
      {"5m!", "unexpected"},
      {"+5m", "unexpected"},
      {"1.2.3s", "unexpected"},
      {".5s", "malformed number"},
      {"5.s", "malformed number"},
      {"2d 6h", "whitespace"},
      {"5 m", "whitespace"},
      {"nan", "not a finite"},
      {"NaN", "not a finite"},
      {"inf", "not a finite"},
      {"-inf", "negative"},
      {"Infinity", "not a finite"},
      {"1e3", "unknown unit 'e'"},
  };
  for (const Case& c : cases) {
    INFO("text: '" << c.text << "'");
    const std::string message = duration_error(c.text);
    CHECK_THAT(message, Contains(std::string("'") + c.text + "'"));
    CHECK_THAT(message, Contains(c.reason));
  }
}

TEST_CASE("format_duration golden values", "[time]") {
  CHECK(format_duration(0) == "0s");
  CHECK(format_duration(5400 * kSecond) == "1h30m");
  CHECK(format_duration(1500 * kMillisecond) == "1s500ms");
  CHECK(format_duration(54 * kHour) == "2d6h");
  CHECK(format_duration(kWeek) == "7d");
  CHECK(format_duration(1) == "1us");
  CHECK(format_duration(kDay + 1) == "1d1us");
  CHECK(format_duration(-90 * kMinute) == "-1h30m");
  CHECK(format_duration(kNever) == "106751991d4h54s775ms807us");
  CHECK(format_duration(std::numeric_limits<Time>::min()) == "-106751991d4h54s775ms808us");
}

TEST_CASE("format_duration round-trips through parse_duration", "[time]") {
  const Time values[] = {0,
                         1,
                         999,
                         kMillisecond,
                         kSecond + 1,
                         59 * kSecond,
                         61 * kMinute,
                         kDay - 1,
                         3 * kWeek + 5,
                         123456789012345,
                         kNever};
  for (Time t : values) {
    INFO("t = " << t << " text = " << format_duration(t));
    CHECK(parse_duration(format_duration(t)) == t);
  }
}

TEST_CASE("from_seconds rounds to nearest and rejects the unrepresentable", "[time]") {
  CHECK(from_seconds(0.0) == 0);
  CHECK(from_seconds(1.5) == 1500 * kMillisecond);
  CHECK(from_seconds(0.1) == 100 * kMillisecond);
  CHECK(from_seconds(1e-6) == 1);
  CHECK(from_seconds(0.4e-6) == 0);
  CHECK(from_seconds(0.6e-6) == 1);
  CHECK(from_seconds(-2.5) == -2500 * kMillisecond);
  CHECK(from_seconds(-0.6e-6) == -1);
  CHECK(from_seconds(9.2e12) == 9'200'000'000'000'000'000);
  CHECK_THROWS_AS(from_seconds(9.3e12), std::out_of_range);
  CHECK_THROWS_AS(from_seconds(-9.3e12), std::out_of_range);
  CHECK_THROWS_AS(from_seconds(std::nan("")), std::out_of_range);
  CHECK_THROWS_AS(from_seconds(std::numeric_limits<double>::infinity()), std::out_of_range);
  CHECK_THROWS_AS(from_seconds(-std::numeric_limits<double>::infinity()), std::out_of_range);
}

TEST_CASE("time unit helpers", "[time]") {
  CHECK(seconds(3) == 3'000'000);
  CHECK(minutes(2) == 120 * kSecond);
  CHECK(hours(1) == 60 * kMinute);
  CHECK(days(1) == 24 * kHour);
  CHECK(to_seconds(1500 * kMillisecond) == 1.5);
  CHECK(to_hours(90 * kMinute) == 1.5);
}
