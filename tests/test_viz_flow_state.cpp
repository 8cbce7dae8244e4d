// What a mail flow is doing, from the change of the ledger's counters over a window.
#include <catch2/catch.hpp>

#include "viz/core/flow_state.hpp"

using namespace repsim;
using namespace repsim::viz;

TEST_CASE("flows are classified by the answers they got", "[viz]") {
  CHECK(classify({0, 0, 0}) == FlowState::Idle);
  // 8 of 10 delivered is the 80% bar: delivering.
  CHECK(classify({8, 2, 0}) == FlowState::Delivering);
  // 7 of 10: something gets through, much does not.
  CHECK(classify({7, 3, 0}) == FlowState::Throttled);
  CHECK(classify({1, 0, 9}) == FlowState::Throttled);
  // Nothing through: 5xx at least as many as 4xx is a rejection, else a deferral.
  CHECK(classify({0, 5, 5}) == FlowState::Rejected);
  CHECK(classify({0, 6, 5}) == FlowState::Deferred);
  CHECK(classify({0, 0, 1}) == FlowState::Rejected);
  CHECK(flow_state_name(FlowState::Throttled) == "throttled");
}

TEST_CASE("the flow window takes the change since the newest record a window old", "[viz]") {
  FlowWindow w(sim::kHour);
  CHECK(w.delta(0, 0, {3, 2, 1}) == FlowCounts{3, 2, 1});  // nothing recorded: all of it
  w.record(0, {{0, 0, 0}});
  w.record(sim::minutes(5), {{1, 0, 0}});  // 5 min < 60/8 = 7.5 min after the last: not kept
  CHECK(w.records() == 1);
  w.record(sim::minutes(30), {{10, 0, 0}});
  w.record(sim::minutes(70), {{20, 5, 0}});
  CHECK(w.records() == 3);
  // At 70 min the window starts at 10 min; the newest record at or before it is the one at 0.
  CHECK(w.delta(0, sim::minutes(70), {25, 5, 0}) == FlowCounts{25, 5, 0});
  // At 100 min the window starts at 40 min: the record at 30 min is the base, the one at 0 is
  // dropped (one record older than the window is enough).
  w.record(sim::minutes(100), {{30, 5, 1}});
  CHECK(w.records() == 3);
  CHECK(w.delta(0, sim::minutes(100), {30, 5, 1}) == FlowCounts{20, 5, 1});
  // An unknown flow reads as its whole count.
  CHECK(w.delta(7, sim::minutes(100), {4, 0, 0}) == FlowCounts{4, 0, 0});
  w.clear();
  CHECK(w.records() == 0);
}
