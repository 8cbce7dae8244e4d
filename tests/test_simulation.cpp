#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/random.hpp"
#include "sim/simulation.hpp"

using namespace repsim::sim;

namespace {

// Records (time, payload) of every event it handles.
struct Recorder final : EventHandler {
  std::vector<std::pair<Time, std::uint64_t>> seen;
  void on_event(Simulation& s, std::uint64_t payload) override { seen.emplace_back(s.now(), payload); }
};

}  // namespace

TEST_CASE("events at equal times run in scheduling order", "[simulation]") {
  Simulation s;
  Recorder r;
  for (std::uint64_t i = 0; i < 50; ++i) s.schedule_at(seconds(5), r, i);
  s.schedule_at(seconds(1), r, 100);
  s.run();
  REQUIRE(r.seen.size() == 51);
  CHECK(r.seen[0] == std::pair<Time, std::uint64_t>{seconds(1), 100});
  for (std::uint64_t i = 0; i < 50; ++i) CHECK(r.seen[i + 1].second == i);
}

TEST_CASE("FIFO ties hold for events scheduled from inside handlers", "[simulation]") {
  Simulation s;
  std::vector<int> order;
  s.schedule_at(seconds(1), [&](Simulation& sim) {
    order.push_back(0);
    sim.schedule_at(seconds(2), [&](Simulation&) { order.push_back(2); });
    sim.schedule_at(seconds(2), [&](Simulation&) { order.push_back(3); });
  });
  s.schedule_at(seconds(2), [&](Simulation&) { order.push_back(1); });
  s.run();
  CHECK(order == std::vector<int>{0, 1, 2, 3});
}

TEST_CASE("cancel of a pending event stops it, cancel of a fired one is a no-op", "[simulation]") {
  Simulation s;
  Recorder r;
  const EventId a = s.schedule_at(seconds(1), r, 1);
  const EventId b = s.schedule_at(seconds(2), r, 2);
  CHECK(s.pending() == 2);
  CHECK(s.is_pending(b));
  CHECK(s.cancel(b));
  CHECK_FALSE(s.is_pending(b));
  CHECK_FALSE(s.cancel(b));  // twice
  CHECK(s.pending() == 1);
  s.run();
  REQUIRE(r.seen.size() == 1);
  CHECK(r.seen[0].second == 1);
  CHECK_FALSE(s.cancel(a));  // already fired
  CHECK_FALSE(s.cancel(EventId{}));
  CHECK(s.events_handled() == 1);
}

TEST_CASE("a stale id never cancels the event that reuses its slot", "[simulation]") {
  Simulation s;
  Recorder r;
  const EventId first = s.schedule_at(seconds(1), r, 1);
  s.run();
  const EventId second = s.schedule_at(seconds(2), r, 2);  // reuses the freed slot
  CHECK((second.tie & 0xFFFF) == (first.tie & 0xFFFF));    // same slot, another sequence number
  CHECK(second != first);
  CHECK_FALSE(s.cancel(first));
  CHECK(s.is_pending(second));
  s.run();
  CHECK(r.seen.size() == 2);
}

TEST_CASE("a handler can cancel a later event and schedule in its place", "[simulation]") {
  Simulation s;
  Recorder r;
  const EventId victim = s.schedule_at(seconds(10), r, 99);
  s.schedule_at(seconds(5), [&](Simulation& sim) {
    CHECK(sim.cancel(victim));
    sim.schedule_at(seconds(7), r, 7);
  });
  s.run();
  REQUIRE(r.seen.size() == 1);
  CHECK(r.seen[0] == std::pair<Time, std::uint64_t>{seconds(7), 7});
  CHECK(s.pending() == 0);
}

TEST_CASE("run_until runs an event exactly at the bound and advances the clock", "[simulation]") {
  Simulation s;
  Recorder r;
  s.schedule_at(seconds(10), r, 1);
  s.schedule_at(seconds(10) + 1, r, 2);
  CHECK(s.run_until(seconds(10)) == 1);
  CHECK(s.now() == seconds(10));
  REQUIRE(r.seen.size() == 1);
  CHECK(s.run_until(seconds(20)) == 1);
  CHECK(s.now() == seconds(20));
  CHECK(s.run_until(seconds(30)) == 0);
  CHECK(s.now() == seconds(30));
  CHECK(s.next_event_time() == kNever);
}

TEST_CASE("stop ends the run after the current event", "[simulation]") {
  Simulation s;
  Recorder r;
  s.schedule_at(seconds(1), [](Simulation& sim) { sim.stop(); });
  s.schedule_at(seconds(2), r, 2);
  s.run_until(seconds(100));
  CHECK(s.now() == seconds(1));  // a stopped run does not jump to the bound
  CHECK(r.seen.empty());
  s.run_until(seconds(100));
  CHECK(r.seen.size() == 1);
}

TEST_CASE("step runs one event at a time", "[simulation]") {
  Simulation s;
  Recorder r;
  s.schedule_at(seconds(3), r, 3);
  s.schedule_at(seconds(1), r, 1);
  CHECK(s.next_event_time() == seconds(1));
  CHECK(s.step());
  CHECK(s.now() == seconds(1));
  CHECK(s.step());
  CHECK(s.now() == seconds(3));
  CHECK_FALSE(s.step());
}

TEST_CASE("scheduling in the past is refused", "[simulation]") {
  Simulation s;
  s.run_until(seconds(10));
  Recorder r;
  CHECK_THROWS_AS(s.schedule_at(seconds(9), r), std::invalid_argument);
  CHECK_NOTHROW(s.schedule_at(seconds(10), r));
}

TEST_CASE("next_event_time from inside a handler does not lose the next event", "[simulation]") {
  Simulation s;
  Recorder r;
  Time seen_next = 0;
  s.schedule_at(seconds(1), [&](Simulation& sim) { seen_next = sim.next_event_time(); });
  s.schedule_at(seconds(2), r, 2);
  s.run();
  CHECK(seen_next == seconds(2));
  CHECK(r.seen.size() == 1);
}

TEST_CASE("a throwing handler leaves the queue consistent", "[simulation]") {
  Simulation s;
  Recorder r;
  s.schedule_at(seconds(1), [](Simulation&) { throw std::runtime_error("boom"); });
  s.schedule_at(seconds(2), r, 2);
  CHECK_THROWS_AS(s.run(), std::runtime_error);
  s.run();
  REQUIRE(r.seen.size() == 1);
  CHECK(r.seen[0].second == 2);
}

TEST_CASE("random schedule and cancel against a sorted reference", "[simulation]") {
  // Invariant check: the engine pops exactly what a stable sort of the surviving events predicts.
  Simulation s;
  Recorder r;
  RandomStream rng(7);
  std::vector<std::pair<Time, std::uint64_t>> expected;
  std::vector<std::pair<EventId, std::size_t>> ids;
  for (std::uint64_t i = 0; i < 5000; ++i) {
    const Time t = static_cast<Time>(rng.below(1000));  // many ties
    ids.emplace_back(s.schedule_at(t, r, i), expected.size());
    expected.emplace_back(t, i);
  }
  std::vector<bool> cancelled(expected.size(), false);
  for (std::size_t k = 0; k < ids.size(); k += 3) {
    CHECK(s.cancel(ids[k].first));
    cancelled[ids[k].second] = true;
  }
  std::vector<std::pair<Time, std::uint64_t>> survivors;
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (!cancelled[i]) survivors.push_back(expected[i]);
  std::stable_sort(survivors.begin(), survivors.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  s.run();
  CHECK(r.seen == survivors);
  CHECK(s.events_handled() == survivors.size());
  CHECK(s.pending() == 0);
}
