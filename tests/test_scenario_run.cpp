// The run pipeline (io::ScenarioRun, io::run_scenario): slicing and resuming change no byte, `until`
// ends the run early, a rebuild starts over with the extra actions of that build only, and a world
// the models refuse is the loader's one-line error.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "index_literals.hpp"
#include "io/scenario_run.hpp"
#include "io/summary_json.hpp"
#include "scenario_fixture.hpp"
#include "writers_fixture.hpp"

using namespace repsim;
using io::testing::base_scenario;
using sim::days;
using sim::hours;
using namespace repsim::models::index_literals;

namespace {

// base_scenario (7 days) with one note of its own at 2 h.
io::LoadedScenario with_note() {
  nlohmann::json doc = base_scenario();
  doc["timeline"] = nlohmann::json::parse(R"([{"at": "2h", "action": "note", "text": "own"}])");
  return io::testing::load(doc);
}

std::string build_error(io::ScenarioRun& run) {
  try {
    run.build();
    return "<built>";
  } catch (const io::LoadError& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("a run in slices, or paused and resumed, gives the bytes of one whole run", "[pipeline]") {
  const io::ScenarioRun whole = io::run_scenario(with_note());
  CHECK(whole.now() == days(7));
  const std::string expected = whole.summary().dump();

  io::ScenarioRun sliced(with_note());
  sliced.build();
  int calls = 0;
  // 168 h in slices of 5 h: 33 full slices, then the last 3 h.
  CHECK(sliced.run_in_slices(sim::kNever, hours(5), [&calls](const io::ScenarioRun& r) {
    ++calls;
    CHECK(r.now() == std::min(hours(5) * calls, days(7)));
    return true;
  }));
  CHECK(calls == 34);
  sliced.finish();
  CHECK(sliced.summary().dump() == expected);
  CHECK(sliced.story() == whole.story());

  io::ScenarioRun paused(with_note());
  paused.build();
  CHECK_FALSE(
      paused.run_in_slices(days(7), hours(1), [](const io::ScenarioRun& r) { return r.now() < hours(3); }));
  CHECK(paused.now() == hours(3));
  paused.run();
  paused.finish();
  CHECK(paused.summary().dump() == expected);
}

TEST_CASE("until ends the run early, and the scenario's duration caps it", "[pipeline]") {
  io::RunOptions options;
  options.until = hours(36);
  const io::ScenarioRun early = io::run_scenario(with_note(), options);
  CHECK(early.end() == hours(36));
  CHECK(early.at_end());
  CHECK(early.summary()["duration_s"] == 36 * 3600);

  options.until = days(30);
  const io::ScenarioRun capped = io::run_scenario(with_note(), options);
  CHECK(capped.end() == days(7));
  CHECK(capped.summary()["duration_s"] == 7 * 24 * 3600);
  CHECK(capped.events_handled() > early.events_handled());
}

TEST_CASE("run_scenario writes the four outputs of the finished run", "[pipeline]") {
  writers_test::TempDir dir;
  io::RunOptions options;
  options.out_dir = (dir.path() / "out").string();
  const io::ScenarioRun run = io::run_scenario(with_note(), options);
  CHECK(writers_test::listing(dir.path() / "out") ==
        std::vector<std::string>{"events.csv", "report.html", "summary.json", "timeseries.csv"});
  CHECK(writers_test::read_file(dir.path() / "out" / "summary.json") ==
        io::summary_json_text(run.world(), run.info()));
  CHECK(run.info().scenario_name == "base");
  CHECK(run.world().finished());
}

TEST_CASE("a rebuild starts over at 0 with this build's extra actions after the scenario's own",
          "[pipeline]") {
  const io::ScenarioRun plain = io::run_scenario(with_note());

  io::ScenarioRun run(with_note());
  run.build();
  run.run_until(hours(30));
  run.build({models::TimedAction{hours(1), "viz", models::Note{"what if"}}});
  CHECK(run.now() == 0);
  REQUIRE(run.config().timeline.size() == 2);
  CHECK(run.config().timeline[0].at == hours(2));
  CHECK(run.config().timeline[1].actor == "viz");
  run.run();
  // The extra note is one more event and changes nothing else.
  CHECK(run.events_handled() == plain.events_handled() + 1);

  run.build();  // the extras of the last build are gone
  CHECK(run.config().timeline.size() == 1);
  run.run();
  run.finish();
  CHECK(run.summary().dump() == plain.summary().dump());
}

TEST_CASE("a world the models refuse is the loader's one-line error at /, and nothing is left",
          "[pipeline]") {
  io::LoadedScenario loaded = with_note();
  loaded.config.sample_every = 0;
  io::ScenarioRun run(std::move(loaded));
  CHECK(build_error(run) == "t.json: /: the models refuse this scenario: sample_every must be positive");
  CHECK_FALSE(run.built());
  CHECK_THROWS_AS(run.world(), std::logic_error);
  CHECK_THROWS_AS(run.build(), std::logic_error);

  // The one-call pipeline refuses it the same way, before running or writing anything.
  writers_test::TempDir dir;
  loaded = with_note();
  loaded.config.tenants[0].config.recipients[0].gateway = 3_gateway;  // base_scenario has gateways 0..2
  io::RunOptions options;
  options.out_dir = (dir.path() / "out").string();
  try {
    io::run_scenario(std::move(loaded), options);
    FAIL("a refused world ran");
  } catch (const io::LoadError& e) {
    CHECK(std::string(e.what()) ==
          "t.json: /: the models refuse this scenario: tenant customer: unknown recipient gateway");
    CHECK(e.pointer().empty());
  }
  CHECK_FALSE(std::filesystem::exists(dir.path() / "out"));
}

TEST_CASE("step_event runs one event at a time and stops at the end", "[pipeline]") {
  io::RunOptions options;
  options.until = hours(3);
  const io::ScenarioRun whole = io::run_scenario(with_note(), options);

  io::ScenarioRun stepped(with_note(), hours(3));
  stepped.build();
  stepped.run_until(0);
  const std::uint64_t at_start = stepped.events_handled();
  std::uint64_t steps = 0;
  while (stepped.step_event()) {
    ++steps;
    CHECK(stepped.now() <= hours(3));
  }
  CHECK(stepped.now() == hours(3));
  CHECK(stepped.events_handled() == whole.events_handled());
  CHECK(steps == whole.events_handled() - at_start);  // one event a step
  CHECK(steps > 0);
}
