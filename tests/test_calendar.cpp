#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "sim/calendar.hpp"

using namespace repsim::sim;
using Catch::Matchers::Contains;

namespace {

constexpr const char* kStart = "2012-05-09T16:30:00-04:00";  // a Wednesday afternoon

std::string parse_error(const std::string& text) {
  try {
    Calendar::parse(text);
    return "<no exception>";
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("Calendar::parse reads the start instant and offset", "[calendar]") {
  const Calendar cal = Calendar::parse(kStart);
  CHECK(cal.utc_offset_minutes() == -240);
  // 2012-05-09T20:30:00Z
  CHECK(cal.start_unix_us() == 1336595400LL * kSecond);

  const LocalTime lt = cal.local(0);
  CHECK(lt.year == 2012);
  CHECK(lt.month == 5);
  CHECK(lt.day == 9);
  CHECK(lt.hour == 16);
  CHECK(lt.minute == 30);
  CHECK(lt.second == 0);
  CHECK(lt.microsecond == 0);
  CHECK(lt.weekday == Weekday::Wednesday);
  CHECK(lt.minute_of_day() == 16 * 60 + 30);
}

TEST_CASE("Calendar default is the Unix epoch in UTC", "[calendar]") {
  const Calendar cal;
  CHECK(cal.iso(0) == "1970-01-01T00:00:00+00:00");
  CHECK(cal.weekday(0) == Weekday::Thursday);
  CHECK(cal.iso(-1) == "1969-12-31T23:59:59.999999+00:00");
  CHECK(cal.weekday(-1) == Weekday::Wednesday);
}

TEST_CASE("Calendar accepts every documented timestamp form", "[calendar]") {
  CHECK(Calendar::parse("2012-05-09T16:30Z").iso(0) == "2012-05-09T16:30:00+00:00");
  CHECK(Calendar::parse("2012-05-09T16:30:05Z").iso(0) == "2012-05-09T16:30:05+00:00");
  CHECK(Calendar::parse("2012-05-09T16:30:05.25Z").iso(0) == "2012-05-09T16:30:05.250000+00:00");
  CHECK(Calendar::parse("2012-05-09T16:30:05.000001+05:30").iso(0) == "2012-05-09T16:30:05.000001+05:30");
  CHECK(Calendar::parse("2012-05-09T16:30:00+0530").utc_offset_minutes() == 330);
  CHECK(Calendar::parse("2012-05-09T16:30:00-0930").utc_offset_minutes() == -570);
  CHECK(Calendar::parse("2012-05-09T16:30:00+14:00").utc_offset_minutes() == 14 * 60);
  CHECK(Calendar::parse("  2012-05-09T16:30:00Z ").iso(0) == "2012-05-09T16:30:00+00:00");
  // Same instant, different offsets.
  CHECK(Calendar::parse("2012-05-09T20:30:00Z").start_unix_us() == Calendar::parse(kStart).start_unix_us());
}

TEST_CASE("Calendar::parse rejects bad timestamps, quoting them", "[calendar]") {
  struct Case {
    const char* text;
    const char* reason;
  };
  const Case cases[] = {
      {"2012-13-01T00:00:00Z", "bad month 13"},
      {"2012-00-01T00:00:00Z", "bad month 0"},
      {"2011-02-29T00:00:00Z", "bad day 29"},
      {"1900-02-29T00:00:00Z", "bad day 29"},
      {"2012-04-31T00:00:00Z", "bad day 31"},
      {"2012-05-00T00:00:00Z", "bad day 0"},
      {"2012-05-09T24:00:00Z", "bad hour 24"},
      {"2012-05-09T16:60:00Z", "bad minute 60"},
      {"2012-05-09T16:30:60Z", "bad second 60"},
      {"2012-05-09T16:30:00+14:01", "14 hours"},
      {"2012-05-09T16:30:00-15:00", "14 hours"},
      {"2012-05-09T16:30:00+05:60", "offset minute"},
      {"2012-05-09T16:30:00", "missing UTC offset"},
      {"2012-05-09T16:30:00Zjunk", "unexpected"},
      {"2012-05-09 16:30:00Z", "'T'"},
      {"12-05-09T16:30:00Z", "year"},
      {"2012-5-09T16:30:00Z", "month"},
      {"2012-05-09T16:30:00.Z", "fractional"},
      {"2012-05-09T16:30:00.1234567Z", "fractional"},
      {"", "empty"},
  };
  for (const Case& c : cases) {
    INFO("text: '" << c.text << "'");
    const std::string message = parse_error(c.text);
    CHECK_THAT(message, Contains(std::string("'") + c.text + "'"));
    CHECK_THAT(message, Contains(c.reason));
  }
  // Leap years are accepted where they exist.
  CHECK_NOTHROW(Calendar::parse("2012-02-29T00:00:00Z"));
  CHECK_NOTHROW(Calendar::parse("2000-02-29T00:00:00Z"));
}

TEST_CASE("Calendar weekdays and weekends", "[calendar]") {
  const Calendar cal = Calendar::parse(kStart);
  CHECK(cal.weekday(0) == Weekday::Wednesday);
  CHECK_FALSE(cal.is_weekend(0));
  CHECK(cal.weekday(days(3)) == Weekday::Saturday);
  CHECK(cal.is_weekend(days(3)));
  CHECK(cal.weekday(days(4)) == Weekday::Sunday);
  CHECK(cal.is_weekend(days(4)));
  CHECK(cal.weekday(days(5)) == Weekday::Monday);
  CHECK_FALSE(cal.is_weekend(days(5)));
  CHECK(weekday_name(Weekday::Monday) == "Mon");
  CHECK(weekday_name(Weekday::Sunday) == "Sun");
}

TEST_CASE("Calendar iso and short_text", "[calendar]") {
  const Calendar cal = Calendar::parse(kStart);
  CHECK(cal.iso(0) == kStart);
  CHECK(cal.short_text(0) == "Wed 09 May 16:30");
  CHECK(cal.iso(days(3)) == "2012-05-12T16:30:00-04:00");
  CHECK(cal.short_text(days(3)) == "Sat 12 May 16:30");
  CHECK(cal.iso(1500 * kMillisecond) == "2012-05-09T16:30:01.500000-04:00");
  // Local midnight: UTC has already moved to the next day, local time has not.
  CHECK(cal.iso(hours(7) + minutes(30)) == "2012-05-10T00:00:00-04:00");
  CHECK(cal.iso(-days(1)) == "2012-05-08T16:30:00-04:00");
}

TEST_CASE("Calendar iso round-trips through parse_time", "[calendar]") {
  const Calendar cal = Calendar::parse(kStart);
  const Time values[] = {
      0, 1, -1, 1500 * kMillisecond, days(3) + 7, -days(400), days(1000) + hours(5) + 123456};
  for (Time t : values) {
    INFO("t = " << t << " iso = " << cal.iso(t));
    CHECK(cal.parse_time(cal.iso(t)) == t);
    CHECK(Calendar::parse(cal.iso(t)).start_unix_us() == cal.start_unix_us() + t);
  }
}

TEST_CASE("Calendar rolls months and years over", "[calendar]") {
  const Calendar leap = Calendar::parse("2012-02-28T23:00:00Z");
  CHECK(leap.iso(hours(2)) == "2012-02-29T01:00:00+00:00");
  CHECK(leap.iso(hours(2) + days(1)) == "2012-03-01T01:00:00+00:00");

  const Calendar plain = Calendar::parse("2011-02-28T23:00:00Z");
  CHECK(plain.iso(hours(2)) == "2011-03-01T01:00:00+00:00");

  const Calendar eve = Calendar::parse("2011-12-31T23:30:00+01:00");
  CHECK(eve.iso(hours(1)) == "2012-01-01T00:30:00+01:00");
  CHECK(eve.short_text(hours(1)) == "Sun 01 Jan 00:30");

  const Calendar century = Calendar::parse("2000-02-28T12:00:00Z");
  CHECK(century.iso(days(1)) == "2000-02-29T12:00:00+00:00");
}

TEST_CASE("Calendar::parse_time takes timestamps or offsets", "[calendar]") {
  const Calendar cal = Calendar::parse(kStart);
  CHECK(cal.parse_time("2012-05-14T08:00:00-04:00") == days(4) + hours(15) + minutes(30));
  // Same wall clock as the start, another zone: 16:30 in UTC is 4 h before 16:30 at -04:00.
  CHECK(cal.parse_time("2012-05-09T16:30:00Z") == -hours(4));
  CHECK(cal.parse_time("2012-05-10T02:30:00+06:00") == 0);
  CHECK(cal.parse_time("2012-05-09T22:30:00+0100") == hours(1));
  // Before the start is representable; callers decide whether it is allowed.
  CHECK(cal.parse_time("2012-05-08T16:30:00-04:00") == -days(1));

  CHECK(cal.parse_time("36h") == hours(36));
  CHECK(cal.parse_time("+36h") == hours(36));
  CHECK(cal.parse_time(" +1d30m ") == days(1) + minutes(30));
  CHECK(cal.parse_time("90") == seconds(90));

  CHECK_THROWS_AS(cal.parse_time("2012-13-01T00:00:00Z"), std::invalid_argument);
  CHECK_THROWS_AS(cal.parse_time("-5h"), std::invalid_argument);
  CHECK_THROWS_AS(cal.parse_time("soon"), std::invalid_argument);
  CHECK_THROWS_AS(cal.parse_time(""), std::invalid_argument);
}

TEST_CASE("WorkingHours::contains with business hours", "[calendar]") {
  const Calendar cal = Calendar::parse(kStart);
  const WorkingHours business;                                       // Mon-Fri 09:00-17:00
  CHECK(business.contains(cal, 0));                                  // Wed 16:30
  CHECK_FALSE(business.contains(cal, days(3)));                      // Sat 16:30
  CHECK(business.contains(cal, minutes(30) - 1));                    // Wed 16:59:59.999999
  CHECK_FALSE(business.contains(cal, minutes(30)));                  // Wed 17:00
  CHECK(business.contains(cal, -hours(7) - minutes(30)));            // Wed 09:00
  CHECK_FALSE(business.contains(cal, -hours(7) - minutes(30) - 1));  // Wed 08:59:59.999999

  const WorkingHours always = WorkingHours::always();
  CHECK(always.contains(cal, days(3)));
  CHECK(always.contains(cal, hours(7) + minutes(30)));  // midnight
}

TEST_CASE("WorkingHours::next_open", "[calendar]") {
  const Calendar cal = Calendar::parse(kStart);  // Wed 16:30
  const WorkingHours business;

  const Time friday_1700 = days(2) + minutes(30);
  const Time monday_0900 = days(4) + hours(16) + minutes(30);
  CHECK(cal.iso(friday_1700) == "2012-05-11T17:00:00-04:00");
  CHECK(cal.iso(monday_0900) == "2012-05-14T09:00:00-04:00");
  CHECK(business.next_open(cal, friday_1700) == monday_0900);
  CHECK(monday_0900 == 405'000'000'000);

  const Time saturday_noon = days(2) + hours(19) + minutes(30);
  CHECK(cal.iso(saturday_noon) == "2012-05-12T12:00:00-04:00");
  CHECK(business.next_open(cal, saturday_noon) == monday_0900);

  const Time tuesday_0800 = days(5) + hours(15) + minutes(30);
  CHECK(cal.iso(tuesday_0800) == "2012-05-15T08:00:00-04:00");
  CHECK(business.next_open(cal, tuesday_0800) == tuesday_0800 + hours(1));

  // Sub-minute remainders must not leak into the result.
  CHECK(business.next_open(cal, tuesday_0800 + seconds(59) + 7) == tuesday_0800 + hours(1));
  // Before the start (negative sim time) works the same way.
  CHECK(business.next_open(cal, -days(1) - hours(8) - minutes(30)) == -days(1) - hours(7) - minutes(30));

  CHECK(business.next_open(cal, 0) == 0);
  CHECK(business.next_open(cal, monday_0900) == monday_0900);
  CHECK(business.next_open(cal, friday_1700 - 1) == friday_1700 - 1);

  CHECK(WorkingHours::always().next_open(cal, days(3) + 17) == days(3) + 17);

  WorkingHours sunday_only;
  sunday_only.days = {false, false, false, false, false, false, true};
  // Sun 2012-05-13 09:00 local.
  CHECK(sunday_only.next_open(cal, 0) == days(3) + hours(16) + minutes(30));
  // Just after Sunday closes, the next opening is a full week later.
  CHECK(sunday_only.next_open(cal, days(4) + minutes(30)) == days(10) + hours(16) + minutes(30));

  WorkingHours never;
  never.days.fill(false);
  CHECK(never.next_open(cal, 0) == kNever);
  CHECK_FALSE(never.contains(cal, 0));
  CHECK(business.next_open(cal, kNever) == kNever);
}
