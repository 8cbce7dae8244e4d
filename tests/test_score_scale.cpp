#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "models/score_scale.hpp"

using repsim::models::ScoreScale;

TEST_CASE("band_of puts each cut in the band above it", "[scorers]") {
  const ScoreScale s;  // Poor [-7, -1), Neutral [-1, 1), Good [1, 7]
  CHECK(s.band_of(-7.0) == 0);
  CHECK(s.band_of(-1.000001) == 0);
  CHECK(s.band_of(-1.0) == 1);  // the cut -1 opens Neutral
  CHECK(s.band_of(0.0) == 1);
  CHECK(s.band_of(0.999) == 1);
  CHECK(s.band_of(1.0) == 2);  // the cut 1 opens Good
  CHECK(s.band_of(7.0) == 2);  // the last band includes max
  CHECK(s.band_name(-1.0) == "Neutral");
  CHECK(s.band_name(-7.0) == "Poor");
  CHECK(s.band_name(7.0) == "Good");
}

TEST_CASE("band_of outside the range and for NaN", "[scorers]") {
  const ScoreScale s;
  CHECK(s.band_of(-100.0) == 0);
  CHECK(s.band_of(100.0) == 2);
  // A broken score must never pass a policy as Good: NaN reads as the lowest band.
  CHECK(s.band_of(std::numeric_limits<double>::quiet_NaN()) == 0);
}

TEST_CASE("band_floor and band_index look bands up by name", "[scorers]") {
  const ScoreScale s;
  CHECK(s.band_floor("Poor") == -7.0);  // the first band starts at min
  CHECK(s.band_floor("Neutral") == -1.0);
  CHECK(s.band_floor("Good") == 1.0);
  CHECK_FALSE(s.band_floor("Excellent").has_value());
  CHECK(s.band_index("Good") == 2u);
  CHECK_FALSE(s.band_index("good").has_value());  // names are exact
  // Every band's floor reads as that band.
  for (const auto& name : s.bands) CHECK(s.band_name(*s.band_floor(name)) == name);
}

TEST_CASE("a SenderBase-sized scale with five bands", "[scorers]") {
  ScoreScale s;
  s.min = -10.0;
  s.max = 10.0;
  s.bands = {"Poor", "Low", "Neutral", "Fair", "Good"};
  s.cuts = {-3.0, -1.0, 1.0, 3.0};
  REQUIRE_NOTHROW(s.validate());
  CHECK(s.band_of(-3.0) == 1);
  CHECK(s.band_of(2.999) == 3);
  CHECK(s.band_of(3.0) == 4);
  CHECK(s.band_floor("Fair") == 1.0);
}

TEST_CASE("clamp keeps scores on the scale", "[scorers]") {
  const ScoreScale s;
  CHECK(s.clamp(-9.0) == -7.0);
  CHECK(s.clamp(9.0) == 7.0);
  CHECK(s.clamp(2.5) == 2.5);
}

TEST_CASE("validate rejects scales that do not fit together", "[scorers]") {
  REQUIRE_NOTHROW(ScoreScale{}.validate());
  const auto fails = [](auto edit) {
    ScoreScale s;
    edit(s);
    CHECK_THROWS_AS(s.validate(), std::invalid_argument);
  };
  fails([](ScoreScale& s) { s.min = 7.0; });           // min == max
  fails([](ScoreScale& s) { s.max = -8.0; });          // max < min
  fails([](ScoreScale& s) { s.max = std::nan(""); });  // not a number
  fails([](ScoreScale& s) {
    s.bands.clear();
    s.cuts.clear();
  });
  fails([](ScoreScale& s) { s.cuts = {0.0}; });        // 3 bands need 2 cuts
  fails([](ScoreScale& s) { s.cuts = {1.0, -1.0}; });  // decreasing
  fails([](ScoreScale& s) { s.cuts = {1.0, 1.0}; });   // not strictly increasing
  fails([](ScoreScale& s) { s.cuts = {-7.0, 1.0}; });  // on min: band Poor unreachable
  fails([](ScoreScale& s) { s.cuts = {-1.0, 8.0}; });  // beyond max
  fails([](ScoreScale& s) { s.bands = {"Poor", "", "Good"}; });
  fails([](ScoreScale& s) { s.bands = {"Poor", "Good", "Good"}; });  // band_floor could not tell them apart
  // One band and no cut is a valid (if dull) scale.
  ScoreScale one;
  one.bands = {"All"};
  one.cuts.clear();
  REQUIRE_NOTHROW(one.validate());
  CHECK(one.band_of(-7.0) == 0);
  CHECK(one.band_of(7.0) == 0);
}
