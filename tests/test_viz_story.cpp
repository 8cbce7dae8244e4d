// The story panel's timed lines and teaching mode's stops at notes.
#include <catch2/catch.hpp>

#include "test_viz_fixture.hpp"
#include "viz/core/controller.hpp"
#include "viz/core/story_feed.hpp"

using namespace repsim;
using namespace repsim::viz;

TEST_CASE("story lines carry the time of their first log entry", "[viz]") {
  Session s(testing::small_scenario(), "small.json", std::nullopt);
  s.advance(sim::hours(6), {});
  const auto items = timed_story(s.eco());
  // The only entry by 6 h is the note at 5 h: "Tue 08 May 05:00  teacher note: watch the pool".
  REQUIRE(items.size() == 1);
  CHECK(items[0].t == sim::hours(5));
  CHECK(items[0].when == "Tue 08 May 05:00");
  CHECK(items[0].text == "teacher note: watch the pool");
  CHECK(items[0].note);
  CHECK_FALSE(items[0].whatif);
}

TEST_CASE("teaching mode pauses at a note and continues on request", "[viz]") {
  Session s(testing::small_scenario(), "small.json", std::nullopt);
  ControllerOptions o;
  o.story = true;
  o.speed = 1e6;
  Controller c(s, o);
  UiState ui;
  c.commands().push(cmd::Play{});
  // 1e6 s/s x 0.1 s = 27.8 h would pass the note at 5 h: the run stops right after it.
  c.frame(
      0.1, [] { return false; }, ui);
  CHECK(s.now() == sim::hours(5));
  CHECK_FALSE(c.playing());
  REQUIRE(c.banner());
  CHECK(c.banner()->text == "watch the pool");
  CHECK(c.banner()->actor == "teacher");
  c.commands().push(cmd::ContinueStory{});
  c.frame(
      0.01, [] { return false; }, ui);
  CHECK_FALSE(c.banner());
  CHECK(c.playing());
  // 1e6 x 0.01 s = 10000 s past the note.
  CHECK(s.now() == sim::hours(5) + sim::seconds(10000));
}

TEST_CASE("without teaching mode notes do not stop the run", "[viz]") {
  Session s(testing::small_scenario(), "small.json", std::nullopt);
  ControllerOptions o;
  o.speed = 1e6;
  Controller c(s, o);
  UiState ui;
  c.commands().push(cmd::Play{});
  c.frame(
      0.1, [] { return false; }, ui);
  // 1e6 x 0.1 s = 100000 s.
  CHECK(s.now() == sim::seconds(100000));
  CHECK_FALSE(c.banner());
}
