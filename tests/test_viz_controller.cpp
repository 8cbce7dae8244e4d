// The visualizer without a window: commands from the panels are applied between slices, at the
// current simulated time, through the ecosystem's own action API.
#include <catch2/catch.hpp>

#include "test_viz_fixture.hpp"
#include "viz/core/controller.hpp"

using namespace repsim;
using namespace repsim::viz;

namespace {

const auto kNoBudget = [] { return false; };  // tests never run out of wall-clock time

models::GatewayIndex gateway(const models::Ecosystem& eco, const std::string& id) {
  for (models::GatewayIndex g{0}; g < eco.gateway_count(); ++g)
    if (eco.gateway_name(g) == id) return g;
  throw std::invalid_argument(id);
}

}  // namespace

TEST_CASE("a jump runs the simulation to the target between frames", "[viz]") {
  Session s(testing::small_scenario(), "small.json", std::nullopt);
  Controller c(s, {});
  UiState ui;
  CHECK(s.now() == 0);
  c.commands().push(cmd::JumpTo{sim::hours(10)});
  CHECK(s.now() == 0);  // nothing happens until the frame applies the queue
  c.frame(0.016, kNoBudget, ui);
  CHECK(s.now() == sim::hours(10));
  CHECK_FALSE(c.jump_target());
  CHECK_FALSE(c.playing());
  // Samples at 0, 1 h, ..., 10 h reached the charts' store.
  CHECK(c.series().series("shared", "sb.score").size() == 11);
}

TEST_CASE("a budget that runs out leaves the jump for the next frame", "[viz]") {
  Session s(testing::small_scenario(), "small.json", std::nullopt);
  Controller c(s, {});
  UiState ui;
  c.commands().push(cmd::JumpTo{sim::hours(1)});
  // The budget is spent after the first chunk of 10 simulated minutes.
  c.frame(
      0.016, [] { return true; }, ui);
  CHECK(s.now() == kSliceChunk);
  CHECK(c.jump_target() == sim::hours(1));
  // Five more chunks: 6 x 10 min = 1 h.
  for (int k = 0; k < 5; ++k)
    c.frame(
        0.016, [] { return true; }, ui);
  CHECK(s.now() == sim::hours(1));
  CHECK_FALSE(c.jump_target());
}

TEST_CASE("playing advances speed x wall time", "[viz]") {
  Session s(testing::small_scenario(), "small.json", std::nullopt);
  ControllerOptions o;
  o.speed = 3600;
  Controller c(s, o);
  UiState ui;
  c.commands().push(cmd::Play{});
  c.frame(0.05, kNoBudget, ui);
  // 3600 s/s x 0.05 s = 180 s.
  CHECK(s.now() == sim::seconds(180));
  // A stall is capped at kMaxFrameSeconds = 0.1 s: 360 s more, not 3600.
  c.frame(1.0, kNoBudget, ui);
  CHECK(s.now() == sim::seconds(540));
  c.commands().push(cmd::Pause{});
  c.frame(0.05, kNoBudget, ui);
  CHECK(s.now() == sim::seconds(540));
}

TEST_CASE("a what-if is applied one microsecond after the current time", "[viz]") {
  Session s(testing::small_scenario(), "small.json", std::nullopt);
  Controller c(s, {});
  UiState ui;
  c.commands().push(cmd::JumpTo{sim::hours(10)});
  c.frame(0, kNoBudget, ui);
  WhatIfRequest r;
  r.kind = WhatIfKind::SetThreshold;
  r.gateway_node = c.view().find("va");
  r.value = -1;
  c.commands().push(cmd::WhatIf{r});
  c.frame(0, kNoBudget, ui);
  REQUIRE(s.whatifs().size() == 1);
  CHECK(s.whatifs()[0].at == sim::hours(10) + 1);
  CHECK(s.whatifs()[0].actor == "viz");
  const models::GatewayIndex va = gateway(s.eco(), "va");
  CHECK(s.eco().gateway(va).threshold() == std::numeric_limits<double>::infinity());  // not yet run
  c.commands().push(cmd::JumpTo{sim::hours(11)});
  c.frame(0, kNoBudget, ui);
  CHECK(s.eco().gateway(va).threshold() == -1);
  // The ecosystem logged it as a what-if of actor "viz", at 10 h + 1 us.
  const auto& log = s.eco().event_log();
  const auto it = std::find_if(log.begin(), log.end(), [](const models::Event& e) {
    return e.actor.kind == models::ActorKind::WhatIf;
  });
  REQUIRE(it != log.end());
  CHECK(s.eco().actor_name(it->actor) == "viz");
  CHECK(it->time == sim::hours(10) + 1);
  CHECK(it->kind == models::EventKind::SetThreshold);
  CHECK(it->gateway == va);
  CHECK(it->value == -1);
  CHECK(it->text == "va accepts scores >= -1 (Neutral)");
}

TEST_CASE("a refused what-if changes nothing and says why", "[viz]") {
  Session s(testing::small_scenario(), "small.json", std::nullopt);
  Controller c(s, {});
  UiState ui;
  WhatIfRequest r;
  r.kind = WhatIfKind::SetThreshold;
  r.gateway_node = c.view().find("mx");  // no score service: no threshold
  c.commands().push(cmd::WhatIf{r});
  c.frame(0, kNoBudget, ui);
  CHECK(s.whatifs().empty());
  CHECK(c.status() == "what-if refused: gateway 'mx' has no reputation scorer: a threshold needs one");
}

TEST_CASE("jumping back rebuilds the run and replays the what-ifs", "[viz]") {
  Session s(testing::small_scenario(), "small.json", std::nullopt);
  Controller c(s, {});
  UiState ui;
  c.commands().push(cmd::JumpTo{sim::hours(3)});
  c.frame(0, kNoBudget, ui);
  WhatIfRequest r;
  r.kind = WhatIfKind::SetThreshold;
  r.gateway_node = c.view().find("va");
  r.value = 1;
  c.commands().push(cmd::WhatIf{r});
  c.commands().push(cmd::JumpTo{sim::hours(20)});
  c.frame(0, kNoBudget, ui);
  const std::vector<models::Event> first = s.eco().event_log();
  const auto generation = s.generation();
  c.commands().push(cmd::JumpTo{sim::hours(1)});  // back in time: a rebuild
  c.frame(0, kNoBudget, ui);
  CHECK(s.generation() == generation + 1);
  CHECK(s.now() == sim::hours(1));
  c.commands().push(cmd::JumpTo{sim::hours(20)});
  c.frame(0, kNoBudget, ui);
  // The same run, what-if included, entry for entry.
  const auto& again = s.eco().event_log();
  REQUIRE(again.size() == first.size());
  for (std::size_t k = 0; k < again.size(); ++k) {
    CHECK(again[k].time == first[k].time);
    CHECK(again[k].kind == first[k].kind);
    CHECK(again[k].actor == first[k].actor);
    CHECK(again[k].text == first[k].text);
  }
}

TEST_CASE("restart with another seed keeps the wiring and changes the draws", "[viz]") {
  Session s(testing::small_scenario(), "small.json", std::nullopt);
  Controller c(s, {});
  UiState ui;
  c.commands().push(cmd::JumpTo{sim::hours(12)});
  c.frame(0, kNoBudget, ui);
  const auto events7 = s.eco().simulation().events_handled();
  c.commands().push(cmd::Restart{99});
  c.frame(0, kNoBudget, ui);
  CHECK(s.seed() == 99);
  CHECK(s.now() == 0);
  CHECK(c.status() == "restarted with seed 99");
  c.commands().push(cmd::JumpTo{sim::hours(12)});
  c.frame(0, kNoBudget, ui);
  CHECK(s.eco().simulation().events_handled() != events7);
}
