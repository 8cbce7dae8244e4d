#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/event_queue.hpp"
#include "sim/random.hpp"

using repsim::sim::EventQueue;
using repsim::sim::RandomStream;
using repsim::sim::Time;

namespace {

struct Item {
  Time time;
  std::uint64_t tie;
};

bool before(const Item& a, const Item& b) { return a.time != b.time ? a.time < b.time : a.tie < b.tie; }

// The reference: a plain sorted list, popped from the front.
class Reference {
 public:
  void push(Item i) { items_.insert(std::upper_bound(items_.begin(), items_.end(), i, before), i); }
  Item pop() {
    const Item i = items_.front();
    items_.erase(items_.begin());
    return i;
  }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Item> items_;
};

// Pushes and pops at random, times never below the last one popped, with a share of exact ties;
// every pop must match the reference.
void compare_with_reference(std::uint64_t seed, std::size_t operations, Time max_gap, int tie_percent) {
  RandomStream rng(seed);
  EventQueue<Item> q;
  Reference ref;
  Time now = 0;
  std::uint64_t tie = 1;
  std::size_t pops = 0;
  for (std::size_t op = 0; op < operations; ++op) {
    const bool push = q.empty() || rng.below(100) < 55;
    if (push) {
      const Time t = rng.below(100) < static_cast<std::uint64_t>(tie_percent)
                         ? now
                         : now + static_cast<Time>(rng.below(static_cast<std::uint64_t>(max_gap)));
      q.push(Item{t, tie});
      ref.push(Item{t, tie});
      ++tie;
    } else {
      const Item got = q.top();
      const Item want = ref.pop();
      REQUIRE(got.time == want.time);
      REQUIRE(got.tie == want.tie);
      q.pop();
      now = got.time;
      ++pops;
    }
  }
  while (!q.empty()) {
    const Item got = q.top();
    const Item want = ref.pop();
    REQUIRE(got.time == want.time);
    REQUIRE(got.tie == want.tie);
    q.pop();
    ++pops;
  }
  CHECK(ref.empty());
  CHECK(pops == tie - 1);  // every pushed item popped exactly once
}

}  // namespace

TEST_CASE("event queue: pops in (time, tie) order, FIFO among equal times", "[simulation]") {
  EventQueue<Item> q;
  // Hand-made: three at 5 pushed in the order 1, 2, 3, with smaller and larger times around them.
  q.push({5, 1});
  q.push({9, 2});
  q.push({5, 3});
  q.push({0, 4});
  q.push({5, 5});
  CHECK(q.size() == 5);
  std::vector<std::uint64_t> order;
  while (!q.empty()) {
    order.push_back(q.top().tie);
    q.pop();
  }
  CHECK(order == std::vector<std::uint64_t>{4, 1, 3, 5, 2});
}

TEST_CASE("event queue: a push inside the span being drained goes to its place", "[simulation]") {
  EventQueue<Item> q;
  // 64, 66, .., 82 share one bucket (64 <= t < 128 against the initial reference 0) and are drained
  // as one sorted span.
  for (std::uint64_t i = 0; i < 10; ++i) q.push({static_cast<Time>(64 + 2 * i), i + 1});
  CHECK(q.top().time == 64);
  q.pop();
  q.push({67, 11});  // between 66 and 68
  q.push({66, 12});  // equal to a pending time: behind it
  std::vector<std::uint64_t> order;
  while (!q.empty()) {
    order.push_back(q.top().tie);
    q.pop();
  }
  CHECK(order == std::vector<std::uint64_t>{2, 12, 11, 3, 4, 5, 6, 7, 8, 9, 10});
}

TEST_CASE("event queue: thousands at one time keep their order", "[simulation]") {
  EventQueue<Item> q;
  for (std::uint64_t i = 1; i <= 5000; ++i) q.push({Time{3600}, i});
  q.push({Time{1}, 5001});
  CHECK(q.top().tie == 5001);
  q.pop();
  for (std::uint64_t i = 1; i <= 5000; ++i) {
    REQUIRE(q.top().tie == i);
    q.pop();
    if (i == 2500) q.push({Time{3600}, 5002});  // a late arrival at the same time: last
  }
  CHECK(q.top().tie == 5002);
  q.pop();
  CHECK(q.empty());
}

TEST_CASE("event queue: matches a sorted list under random pushes and pops", "[simulation]") {
  // Wide gaps exercise spreading over many buckets, narrow ones the sorted run, ties both.
  compare_with_reference(1, 20000, Time{1} << 40, 5);
  compare_with_reference(2, 20000, 1000, 10);
  compare_with_reference(3, 20000, 3, 30);
  compare_with_reference(4, 20000, 1000000, 0);
}

TEST_CASE("event queue: a long-lived run drops what it has popped", "[simulation]") {
  EventQueue<Item> q;
  // Both in bucket 20 (2^19 <= t < 2^20): one sorted run whose span reaches 1,000,000, so every
  // later push below that lands in the run and keeps it alive.
  q.push({600000, 1});
  q.push({1000000, 2});
  std::uint64_t tie = 3;
  for (Time now = 600000; now < 700000; ++now) {
    REQUIRE(q.top().time == now);
    q.pop();
    q.push({now + 1, tie++});
  }
  CHECK(q.size() == 2);
  // 100,000 events went through the run; without the drop all of them would still be stored.
  CHECK(q.stored() <= 2 * q.size() + EventQueue<Item>::kRunDrop);
  CHECK(q.top().time == 700000);
  q.pop();
  CHECK(q.top().tie == 2);
}
