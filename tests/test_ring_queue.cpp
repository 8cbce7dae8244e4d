#include <catch2/catch.hpp>

#include <cstdint>
#include <deque>

#include "sim/memory/ring_queue.hpp"
#include "sim/random.hpp"

using repsim::sim::RandomStream;
using repsim::sim::RingQueue;

TEST_CASE("ring queue: first in, first out across wrap-around and growth", "[simulation]") {
  RingQueue<int> q;
  CHECK(q.empty());
  for (int i = 1; i <= 6; ++i) q.push_back(i);  // capacity 8
  q.pop_front();
  q.pop_front();
  q.pop_front();                                 // 4 5 6 at slots 3..5
  for (int i = 7; i <= 11; ++i) q.push_back(i);  // 9, 10, 11 wrap to slots 0..2: full at 8
  CHECK(q.size() == 8);
  CHECK(q.front() == 4);
  CHECK(q[7] == 11);
  q.push_back(12);  // grows to 16 while wrapped: the order must survive the copy
  CHECK(q.size() == 9);
  for (int want = 4; want <= 12; ++want) {
    REQUIRE(q.front() == want);
    q.pop_front();
  }
  CHECK(q.empty());
}

TEST_CASE("ring queue: matches std::deque under random pushes, pops and reads", "[simulation]") {
  RandomStream rng(7);
  RingQueue<std::uint64_t> q;
  std::deque<std::uint64_t> want;
  std::uint64_t next = 0;
  for (int op = 0; op < 200000; ++op) {
    // Phases of growth and of draining, so the ring both wraps and doubles many times.
    const bool grow_phase = (op / 5000) % 2 == 0;
    if (want.empty() || rng.below(100) < (grow_phase ? 60u : 35u)) {
      q.push_back(next);
      want.push_back(next);
      ++next;
    } else {
      REQUIRE(q.front() == want.front());
      q.pop_front();
      want.pop_front();
    }
    REQUIRE(q.size() == want.size());
    if (!want.empty()) {
      const std::size_t i = rng.below(want.size());
      REQUIRE(q[i] == want[i]);
    }
  }
}

TEST_CASE("ring queue: an entry changed through [i] keeps its change across wrap-around and growth",
          "[simulation]") {
  RingQueue<int> q;
  for (int i = 0; i < 8; ++i) q.push_back(i);
  for (int i = 0; i < 5; ++i) q.pop_front();    // 5 6 7 at slots 5..7
  for (int i = 8; i < 13; ++i) q.push_back(i);  // 8..12 wrap to slots 0..4: full
  q[1] = 60;                                    // slot 6
  q[4] = 90;                                    // slot 1, past the wrap
  q.push_back(13);                              // grows to 16 while wrapped
  q[8] = 130;
  const int want[] = {5, 60, 7, 8, 90, 10, 11, 12, 130};
  for (int w : want) {
    REQUIRE(q.front() == w);
    q.pop_front();
  }
  CHECK(q.empty());
}
