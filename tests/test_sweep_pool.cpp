// The thread pool: every run once, on any number of threads; the first failure stops it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "experiments/runner.hpp"

using namespace repsim::experiments;

TEST_CASE("each id is run exactly once, whatever the thread count", "[sweep]") {
  std::vector<RunId> todo(100);
  std::iota(todo.begin(), todo.end(), RunId{5});  // ids 5 .. 104
  for (unsigned threads : {1u, 2u, 3u, 200u}) {
    std::vector<int> seen(105, 0);
    std::mutex m;
    run_parallel(todo, threads, [&](RunId id) {
      std::lock_guard<std::mutex> lock(m);
      ++seen[id];
    });
    CHECK(std::accumulate(seen.begin(), seen.begin() + 5, 0) == 0);
    CHECK(std::count(seen.begin() + 5, seen.end(), 1) == 100);
  }
  run_parallel({}, 4, [](RunId) { FAIL("no id to run"); });
}

TEST_CASE("after a failure no new run starts and the exception comes out", "[sweep]") {
  std::vector<RunId> todo(50);
  std::iota(todo.begin(), todo.end(), RunId{0});
  int ran = 0;
  // One thread: ids go in order, so 0..3 run and 3 throws; 4..49 never start.
  CHECK_THROWS_WITH(run_parallel(todo, 1,
                                 [&](RunId id) {
                                   ++ran;
                                   if (id == 3) throw std::runtime_error("run 3 failed");
                                 }),
                    "run 3 failed");
  CHECK(ran == 4);
}
