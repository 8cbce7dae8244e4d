#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>

#include "models/traffic_profile.hpp"
#include "sim/calendar.hpp"
#include "sim/distributions.hpp"
#include "sim/random.hpp"

using namespace repsim;
using models::ArrivalRate;
using models::TrafficProfile;
using sim::kDay;
using sim::kHour;
using sim::kMinute;
using sim::kNever;
using sim::kWeek;
using sim::Time;

namespace {

// 2012-05-07 was a Monday: sim time 0 is Monday 00:00 local, so local week positions equal sim times.
const sim::Calendar kMonday = sim::Calendar::parse("2012-05-07T00:00:00-04:00");

TrafficProfile office_only() { return TrafficProfile::business_hours(sim::WorkingHours{}, 0.0); }

}  // namespace

TEST_CASE("weekly integrals of the three kinds", "[tenant]") {
  // Flat: 7 x 24 = 168 hours of weight 1.
  CHECK(models::weekly_weight_hours(TrafficProfile::flat()) == 168.0);
  // Mon-Fri 9-17: 5 x 8 = 40 hours inside; 168 - 40 = 128 outside.
  CHECK(models::weekly_weight_hours(office_only()) == 40.0);
  CHECK(models::weekly_weight_hours(TrafficProfile::business_hours({}, 0.05)) == Approx(40.0 + 0.05 * 128.0));
  // Diurnal default: the 24 weights sum to 0.44 + 4.2 + 5.3 + 1.7 = 11.64 (rows of the table);
  // 5 weekdays at 1 and 2 weekend days at 0.25 -> 11.64 x 5.5 = 64.02.
  CHECK(models::weekly_weight_hours(TrafficProfile::diurnal()) == Approx(64.02));
}

TEST_CASE("weekly segments cover the week in order, merging equal neighbours", "[tenant]") {
  const auto flat = models::weekly_segments(TrafficProfile::flat());
  REQUIRE(flat.size() == 1);
  CHECK(flat[0].start == 0);
  CHECK(flat[0].end == kWeek);

  // Mon 00-09 off, then (9-17 on, 17-next 09 off) x 5 where Friday's gap runs to Sunday's end: 11.
  const auto office = models::weekly_segments(office_only());
  REQUIRE(office.size() == 11);
  CHECK(office[1].start == 9 * kHour);
  CHECK(office[1].end == 17 * kHour);
  CHECK(office[1].value == 1.0);
  CHECK(office[10].start == 4 * kDay + 17 * kHour);
  CHECK(office[10].end == kWeek);
  CHECK(office[10].value == 0.0);

  sim::WorkingHours half_past{};  // 08:30-17:30: boundaries off the hour
  half_past.start_minute = 510;
  half_past.end_minute = 1050;
  for (const TrafficProfile& p : {TrafficProfile::flat(), office_only(), TrafficProfile::diurnal(),
                                  TrafficProfile::business_hours(half_past, 0.1)}) {
    const auto segs = models::weekly_segments(p);
    REQUIRE(!segs.empty());
    CHECK(segs.front().start == 0);
    CHECK(segs.back().end == kWeek);
    for (std::size_t i = 1; i < segs.size(); ++i) {
      CHECK(segs[i].start == segs[i - 1].end);
      CHECK(segs[i].value != segs[i - 1].value);
    }
  }
}

TEST_CASE("normalisation: messages_per_day is the weekly mean / 7", "[tenant]") {
  // 100/day -> 700/week, all in 40 office hours -> 17.5/h inside; 140 per working day.
  const ArrivalRate rate(office_only(), 100.0);
  CHECK(rate.scale() == 17.5);
  CHECK(rate.per_hour_at(kMonday, 10 * kHour) == 17.5);
  CHECK(rate.per_hour_at(kMonday, 9 * kHour - 1) == 0.0);
  CHECK(rate.per_hour_at(kMonday, 17 * kHour) == 0.0);
  CHECK(rate.per_hour_at(kMonday, 5 * kDay + 10 * kHour) == 0.0);  // Saturday
  CHECK(rate.expected_count(kMonday, 0, kDay) == Approx(140.0));
  CHECK(rate.expected_count(kMonday, 5 * kDay, 7 * kDay) == 0.0);
  CHECK(rate.expected_count(kMonday, 0, kWeek) == Approx(700.0));
  // Any whole number of weeks from any instant: 8 x 700.
  CHECK(rate.expected_count(kMonday, 3 * kDay + 11 * kHour + 7, 3 * kDay + 11 * kHour + 7 + 8 * kWeek) ==
        Approx(5600.0));
  // Half an office hour: 17.5 / 2.
  CHECK(rate.expected_count(kMonday, 10 * kHour, 10 * kHour + 30 * kMinute) == Approx(8.75));

  // With the default 5% off-hours share: 700 / 46.4 per hour inside, 5% of that outside.
  const ArrivalRate soft(TrafficProfile::business_hours(), 100.0);
  CHECK(soft.scale() == Approx(700.0 / 46.4));
  CHECK(soft.per_hour_at(kMonday, 3 * kHour) == Approx(0.05 * 700.0 / 46.4));

  // Boundaries off the hour: 08:30-17:30 Mon-Fri, 10% outside -> 5 x 9 + 0.1 x 123 = 57.3 weight-hours.
  sim::WorkingHours half_past{};
  half_past.start_minute = 510;
  half_past.end_minute = 1050;
  const ArrivalRate shifted(TrafficProfile::business_hours(half_past, 0.1), 100.0);
  CHECK(shifted.scale() == Approx(700.0 / 57.3));
  CHECK(shifted.per_hour_at(kMonday, 8 * kHour + 30 * kMinute - 1) == Approx(0.1 * 700.0 / 57.3));
  CHECK(shifted.per_hour_at(kMonday, 8 * kHour + 30 * kMinute) == Approx(700.0 / 57.3));
  CHECK(shifted.per_hour_at(kMonday, 17 * kHour + 29 * kMinute) == Approx(700.0 / 57.3));
}

TEST_CASE("week_position counts from the local Monday 00:00", "[tenant]") {
  CHECK(models::week_position(kMonday, 0) == 0);
  CHECK(models::week_position(kMonday, kWeek + 5) == 5);
  // Wed 16:30 local: 2 days 16.5 hours into the week, whatever the UTC offset.
  const auto wed = sim::Calendar::parse("2012-05-09T16:30:00-04:00");
  CHECK(models::week_position(wed, 0) == 2 * kDay + 16 * kHour + 30 * kMinute);
  const auto east = sim::Calendar::parse("2012-05-09T16:30:00+09:30");
  CHECK(models::week_position(east, 0) == 2 * kDay + 16 * kHour + 30 * kMinute);
  // Invariant against the calendar's own civil arithmetic.
  sim::RandomStream r(7);
  for (int i = 0; i < 1000; ++i) {
    const auto t = static_cast<Time>(r.below(400 * kDay));
    const sim::LocalTime lt = wed.local(t);
    const Time expected = static_cast<int>(lt.weekday) * kDay + lt.hour * kHour + lt.minute * kMinute +
                          lt.second * sim::kSecond + lt.microsecond;
    REQUIRE(models::week_position(wed, t) == expected);
  }
}

TEST_CASE("next_arrival inverts the integrated rate exactly", "[tenant]") {
  SECTION("flat 10/h from 09:00: E = 2.5 -> 2.5 / 10 h = 15 min") {
    const ArrivalRate rate(TrafficProfile::flat(), 240.0);  // 240/day = 10/h
    CHECK(rate.next_arrival(kMonday, 9 * kHour, 2.5, kNever) == 9 * kHour + 15 * kMinute);
  }
  SECTION("whole weeks are skipped: E = 2 x 1680 + 5 -> two weeks and 30 min") {
    const ArrivalRate rate(TrafficProfile::flat(), 240.0);  // 1680 per week
    CHECK(rate.next_arrival(kMonday, 9 * kHour, 3365.0, kNever) == 2 * kWeek + 9 * kHour + 30 * kMinute);
  }
  SECTION("Friday 16:50 jumps the weekend to Monday") {
    // 120/day -> 840/week over 40 office hours = 21/h. Friday 16:50 -> 17:00 holds 21/6 = 3.5.
    // E = 5.25 leaves 1.75 for Monday: 1.75 / 21 h = 1/12 h = 5 min -> Monday 09:05:00 exactly.
    const ArrivalRate rate(office_only(), 120.0);
    REQUIRE(rate.scale() == 21.0);
    const Time friday_1650 = 4 * kDay + 16 * kHour + 50 * kMinute;
    const Time monday_0905 = kWeek + 9 * kHour + 5 * kMinute;
    CHECK(rate.next_arrival(kMonday, friday_1650, 5.25, kNever) == monday_0905);
    // The horizon cuts the walk: arrivals at or after it are not made.
    CHECK(rate.next_arrival(kMonday, friday_1650, 5.25, monday_0905) == kNever);
    CHECK(rate.next_arrival(kMonday, friday_1650, 5.25, monday_0905 + 1) == monday_0905);
    CHECK(rate.next_arrival(kMonday, friday_1650, 5.25, kWeek) == kNever);
    // E equal to Friday's remaining mass lands on the first instant of Monday's window.
    CHECK(rate.next_arrival(kMonday, friday_1650, 3.5, kNever) == kWeek + 9 * kHour);
    // Just under it: (3.5 - 1e-12) x 3.6e9 / 21 us = 6e8 us - 1.7e-4 -> floor 599999999 us after 16:50,
    // still inside Friday's window (never on the closed 17:00 instant).
    CHECK(rate.next_arrival(kMonday, friday_1650, 3.5 - 1e-12, kNever) == friday_1650 + 10 * kMinute - 1);
  }
  SECTION("no traffic, no arrival") {
    CHECK(ArrivalRate().next_arrival(kMonday, 0, 1.0, kNever) == kNever);
    CHECK(ArrivalRate(TrafficProfile::flat(), 0.0).next_arrival(kMonday, 0, 1.0, kNever) == kNever);
  }
}

TEST_CASE("drawn arrivals: Poisson count over 8 weeks, none outside office hours", "[tenant]") {
  // 100/day over 8 weeks: Poisson mean 5600, sd sqrt(5600) = 74.8; 4 sd = 299.
  const ArrivalRate rate(office_only(), 100.0);
  const sim::WorkingHours office{};
  sim::RandomStream r(2024);
  const Time until = 8 * kWeek;
  std::uint64_t n = 0;
  std::uint64_t outside = 0;
  for (Time t = rate.next_arrival(kMonday, 0, sim::exponential(r, 1.0), until); t != kNever;
       t = rate.next_arrival(kMonday, t, sim::exponential(r, 1.0), until)) {
    ++n;
    if (!office.contains(kMonday, t)) ++outside;
  }
  CHECK(outside == 0);
  CHECK(std::fabs(static_cast<double>(n) - 5600.0) <= 4.0 * std::sqrt(5600.0));
}

TEST_CASE("drawn arrivals follow the diurnal weights", "[tenant]") {
  // 1000/day -> 7000/week over 64.02 weight-hours. Saturday 10-11 has weight 1 x 0.25:
  // 7000 / 64.02 x 0.25 = 27.34 per week; 26 weeks -> mean 710.8, sd 26.7.
  const ArrivalRate rate(TrafficProfile::diurnal(), 1000.0);
  sim::RandomStream r(99);
  const Time until = 26 * kWeek;
  std::uint64_t sat10 = 0;
  std::uint64_t total = 0;
  for (Time t = rate.next_arrival(kMonday, 0, sim::exponential(r, 1.0), until); t != kNever;
       t = rate.next_arrival(kMonday, t, sim::exponential(r, 1.0), until)) {
    ++total;
    const Time pos = models::week_position(kMonday, t);
    if (pos >= 5 * kDay + 10 * kHour && pos < 5 * kDay + 11 * kHour) ++sat10;
  }
  const double mean_sat10 = 26.0 * 7000.0 / 64.02 * 0.25;
  CHECK(std::fabs(static_cast<double>(sat10) - mean_sat10) <= 4.0 * std::sqrt(mean_sat10));
  CHECK(std::fabs(static_cast<double>(total) - 182000.0) <= 4.0 * std::sqrt(182000.0));
}

TEST_CASE("invalid profiles are refused", "[tenant]") {
  CHECK_THROWS_AS(ArrivalRate(TrafficProfile::business_hours({}, -0.1), 10.0), std::invalid_argument);
  CHECK_THROWS_AS(ArrivalRate(TrafficProfile::flat(), -1.0), std::invalid_argument);
  CHECK_THROWS_AS(ArrivalRate(TrafficProfile::flat(), std::nan("")), std::invalid_argument);
  std::array<double, 24> zeros{};
  CHECK_THROWS_AS(ArrivalRate(TrafficProfile::diurnal(zeros, 1.0), 10.0), std::invalid_argument);
  sim::WorkingHours never = sim::WorkingHours{};
  never.days.fill(false);
  CHECK_THROWS_AS(ArrivalRate(TrafficProfile::business_hours(never, 0.0), 10.0), std::invalid_argument);
  // Never at work but some off-hours mail: a valid (flat-like) profile.
  // 24/day -> 168/week over 0.5 x 168 = 84 weight-hours -> scale 2/h.
  CHECK(ArrivalRate(TrafficProfile::business_hours(never, 0.5), 24.0).scale() == 2.0);
}

TEST_CASE("an arrival rate over a shared shape draws exactly what a private one does", "[traffic]") {
  const sim::Calendar cal = sim::Calendar::parse("2012-05-09T16:30:00-04:00");
  for (const TrafficProfile& profile :
       {TrafficProfile::flat(), TrafficProfile::business_hours(), TrafficProfile::diurnal()}) {
    const auto shape = models::WeeklyShape::of(profile);
    const ArrivalRate own(profile, 137.5);
    const ArrivalRate shared(shape, 137.5);
    CHECK(shared.shape() == shape);
    CHECK(shared.scale() == own.scale());
    CHECK(shared.messages_per_day() == Approx(137.5));
    sim::RandomStream r(4);
    for (int i = 0; i < 2000; ++i) {
      const sim::Time t = static_cast<sim::Time>(r.below(static_cast<std::uint64_t>(2 * kWeek)));
      const double e = 5.0 * r.uniform01_open();
      REQUIRE(shared.next_arrival(cal, t, e, 3 * kWeek) == own.next_arrival(cal, t, e, 3 * kWeek));
      REQUIRE(shared.per_hour_at(cal, t) == own.per_hour_at(cal, t));
    }
    CHECK(shared.expected_count(cal, 0, kWeek) == Approx(7 * 137.5));
  }
  CHECK_THROWS_AS(ArrivalRate(std::shared_ptr<const models::WeeklyShape>(), 1.0), std::invalid_argument);
  CHECK(ArrivalRate(models::WeeklyShape::of(TrafficProfile::flat()), 0.0).segments().empty());
}

TEST_CASE("same_profile compares every field that shapes the week", "[traffic]") {
  TrafficProfile a = TrafficProfile::diurnal();
  TrafficProfile b = a;
  CHECK(models::same_profile(a, b));
  b.hourly[3] += 0.01;
  CHECK_FALSE(models::same_profile(a, b));
  b = a;
  b.weekend_factor = 0.5;
  CHECK_FALSE(models::same_profile(a, b));
  TrafficProfile h = TrafficProfile::business_hours();
  TrafficProfile g = h;
  g.hours.days[5] = true;
  CHECK_FALSE(models::same_profile(h, g));
  CHECK_FALSE(models::same_profile(h, a));
}
