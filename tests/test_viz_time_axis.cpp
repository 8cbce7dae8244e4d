// The time chart's arithmetic: time and values <-> pixels, ticks on round local hours.
#include <catch2/catch.hpp>

#include "viz/core/time_axis.hpp"

using namespace repsim;
using namespace repsim::viz;

TEST_CASE("time axis maps simulated time linearly onto pixels and back", "[viz]") {
  const TimeAxis ax{0, sim::hours(10), 100.0f, 600.0f};
  // 5 h of 10 h is half way: 100 + 0.5 * 500 = 350.
  CHECK(ax.x_of(sim::hours(5)) == Approx(350.0f));
  CHECK(ax.x_of(0) == Approx(100.0f));
  CHECK(ax.x_of(sim::hours(10)) == Approx(600.0f));
  // 225 px is (225 - 100) / 500 = 1/4 of the way: 2.5 h.
  CHECK(ax.t_of(225.0f) == sim::hours(2) + sim::minutes(30));
  // Outside the plot the time is clamped to the range.
  CHECK(ax.t_of(50.0f) == 0);
  CHECK(ax.t_of(700.0f) == sim::hours(10));
  const TimeAxis empty{sim::hours(1), sim::hours(1), 10.0f, 20.0f};
  CHECK(empty.x_of(sim::hours(3)) == 10.0f);
}

TEST_CASE("value axis puts larger values higher", "[viz]") {
  const ValueAxis ay{-7.0, 7.0, 300.0f, 20.0f};
  // 0 is the middle of [-7, 7]: 300 + 0.5 * (20 - 300) = 160.
  CHECK(ay.y_of(0.0) == Approx(160.0f));
  CHECK(ay.y_of(7.0) == Approx(20.0f));
  CHECK(ay.y_of(-7.0) == Approx(300.0f));
  // 90 px is (90 - 300) / (20 - 300) = 0.75 of the range: -7 + 10.5 = 3.5.
  CHECK(ay.v_of(90.0f) == Approx(3.5));
}

TEST_CASE("ticks of a ten-day run fall on local midnights", "[viz]") {
  const auto cal = sim::Calendar::parse("2012-05-08T00:00:00-04:00");
  // 12 ticks at most: 1 d is the finest step that fits (11 midnights from day 0 to day 10;
  // 12 h would need 21).
  const auto ticks = time_ticks(0, sim::days(10), 12, cal);
  REQUIRE(ticks.size() == 11);
  CHECK(ticks[0].t == 0);
  CHECK(ticks[0].label == "Tue 08");
  CHECK(ticks[0].major);
  CHECK(ticks[1].t == sim::days(1));
  CHECK(ticks[1].label == "Wed 09");
  CHECK(ticks[10].label == "Fri 18");
  for (const auto& t : ticks) CHECK(t.t % sim::kDay == 0);
}

TEST_CASE("ticks of a short range fall on round local hours, not on the start", "[viz]") {
  // Start at 16:30: hour ticks sit at 17:00 .. 22:00, i.e. 30 min, 1 h 30 min, ... 5 h 30 min in.
  // 8 ticks at most over 6 h: 30 min would give 12, 1 h gives 6.
  const auto cal = sim::Calendar::parse("2012-05-09T16:30:00-04:00");
  const auto ticks = time_ticks(0, sim::hours(6), 8, cal);
  REQUIRE(ticks.size() == 6);
  CHECK(ticks[0].t == sim::minutes(30));
  CHECK(ticks[0].label == "17:00");
  CHECK_FALSE(ticks[0].major);
  CHECK(ticks[5].t == sim::hours(5) + sim::minutes(30));
  CHECK(ticks[5].label == "22:00");
  // Midnight of Thursday is 7 h 30 min in: a major tick with the day's name.
  const auto night = time_ticks(sim::hours(7), sim::hours(8), 4, cal);
  // 23:30 .. 00:30 with at most 4 ticks: 15 min steps give 5 (23:30 23:45 00:00 00:15 00:30),
  // 30 min steps give 3 (23:30 00:00 00:30).
  REQUIRE(night.size() == 3);
  CHECK(night[0].label == "23:30");
  CHECK(night[1].label == "Thu 10");
  CHECK(night[1].major);
  CHECK(time_ticks(sim::hours(2), sim::hours(1), 5, cal).empty());
}

TEST_CASE("value ticks are round numbers", "[viz]") {
  // (7 - -7) / 7 = 2 per tick: multiples of 2 from -6 to 6.
  CHECK(value_ticks(-7, 7, 7) == std::vector<double>{-6, -4, -2, 0, 2, 4, 6});
  // 1000 / 4 = 250 -> the next of 1, 2, 5 x 100 is 500.
  CHECK(value_ticks(0, 1000, 4) == std::vector<double>{0, 500, 1000});
  CHECK(value_ticks(1, 1, 4).empty());
  CHECK(offset_text(sim::hours(36) + sim::minutes(30)) == "T+36.5 h");
}
