#include <catch2/catch.hpp>

#include <stdexcept>

#include "models/connection_tracker.hpp"

using namespace repsim::models;
using repsim::sim::kMicrosecond;
using repsim::sim::seconds;

TEST_CASE("connection tracker: max 2 sessions of 2 s", "[gateway]") {
  ConnectionTracker c(2, seconds(2));
  // t=0: sessions [0, 2s) and [0, 2s) open; the third finds both slots taken.
  CHECK(c.try_open(0));
  CHECK(c.try_open(0));
  CHECK_FALSE(c.try_open(0));
  CHECK(c.open_at(0) == 2);  // the refused attempt opened nothing
  CHECK_FALSE(c.try_open(seconds(2) - kMicrosecond));
  // t=2s: both sessions end exactly now and free their slots.
  CHECK(c.open_at(seconds(2)) == 0);
  CHECK(c.try_open(seconds(2)));
  // t=3s: the 2 s session [2s, 4s) is open, one slot free.
  CHECK(c.try_open(seconds(3)));
  CHECK_FALSE(c.try_open(seconds(3)));
  // t=4s: [2s, 4s) ended, [3s, 5s) still open.
  CHECK(c.open_at(seconds(4)) == 1);
  CHECK(c.try_open(seconds(4)));
  CHECK_FALSE(c.try_open(seconds(4)));
}

TEST_CASE("connection tracker: 0 means unlimited", "[gateway]") {
  ConnectionTracker c(0, seconds(2));
  for (int i = 0; i < 1000; ++i) REQUIRE(c.try_open(0));
  CHECK(c.open_at(0) == 0);  // nothing is tracked
}

TEST_CASE("connection tracker: invariants", "[gateway]") {
  CHECK_THROWS_AS(ConnectionTracker(1, 0), std::invalid_argument);
  ConnectionTracker c(3, seconds(2));
  CHECK(c.try_open(seconds(10)));
  CHECK_THROWS_AS(c.try_open(seconds(9)), std::logic_error);
  // Open sessions never exceed the maximum, whatever the arrival pattern: arrivals every 0.5 s keep
  // exactly 3 sessions open once the first 2 s have passed (4 arrivals per session time).
  ConnectionTracker d(3, seconds(2));
  int accepted = 0;
  for (int i = 0; i < 40; ++i) {
    const repsim::sim::Time t = i * 500 * repsim::sim::kMillisecond;
    if (d.try_open(t)) ++accepted;
    REQUIRE(d.open_at(t) <= 3);
  }
  // Per 2 s window (4 arrivals at 0, .5, 1, 1.5) 3 are accepted; a slot frees every 2 s, so the
  // pattern repeats: 10 windows x 3 = 30.
  CHECK(accepted == 30);
}
