// The logarithmic speed slider.
#include <catch2/catch.hpp>

#include "viz/core/speed_scale.hpp"

using namespace repsim::viz;

TEST_CASE("speed slider positions map to powers of ten", "[viz]") {
  // 10^(6 p): p = 0 -> 1, p = 0.5 -> 10^3, p = 1 -> 10^6.
  CHECK(speed_of_position(0.0) == Approx(1.0));
  CHECK(speed_of_position(0.5) == Approx(1000.0));
  CHECK(speed_of_position(1.0) == Approx(1e6));
  // 1/3 of the way is 10^2.
  CHECK(speed_of_position(1.0 / 3.0) == Approx(100.0));
  CHECK(speed_of_position(-1.0) == Approx(1.0));
  CHECK(speed_of_position(2.0) == Approx(1e6));
}

TEST_CASE("speed slider position is the inverse mapping", "[viz]") {
  CHECK(position_of_speed(1000.0) == Approx(0.5));
  // log10(3600) / 6 = 3.5563 / 6 = 0.59271.
  CHECK(position_of_speed(3600.0) == Approx(0.59271).epsilon(1e-4));
  CHECK(position_of_speed(0.1) == Approx(0.0));
  CHECK(position_of_speed(1e9) == Approx(1.0));
  for (double s : {1.0, 7.0, 60.0, 86400.0, 1e6}) CHECK(speed_of_position(position_of_speed(s)) == Approx(s));
}

TEST_CASE("speed text names the unit a person thinks in", "[viz]") {
  CHECK(speed_text(1) == "1 s/s");
  CHECK(speed_text(90) == "90 s/s (1.5 min/s)");
  CHECK(speed_text(3600) == "3600 s/s (1 h/s)");
  CHECK(speed_text(172800) == "172800 s/s (2 d/s)");
}
