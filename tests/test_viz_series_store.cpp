// The charts' copy of the metrics' gauge samples, and the arithmetic the charts do on them.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/metrics.hpp"
#include "viz/core/series_store.hpp"

using namespace repsim;
using namespace repsim::viz;

TEST_CASE("the series store copies gauge samples incrementally", "[viz]") {
  sim::Metrics m;
  double a = 1, b = 10;
  m.gauge("pool", "sb.score", [&] { return a; });
  m.gauge("va", "delivered", [&] { return b; });
  SeriesStore store;
  store.update(m);
  CHECK(store.size() == 2);
  CHECK(store.series("pool", "sb.score").empty());
  m.sample(0);
  a = 3;
  b = 25;
  m.sample(sim::kHour);
  store.update(m);
  CHECK(store.series("pool", "sb.score") == Series{{0, 1}, {sim::kHour, 3}});
  CHECK(store.series("va", "delivered") == Series{{0, 10}, {sim::kHour, 25}});
  // Only the new sample is appended on the next update.
  b = 40;
  m.sample(2 * sim::kHour);
  store.update(m);
  CHECK(store.series("va", "delivered").size() == 3);
  CHECK(store.series("va", "delivered").back() == Point{2 * sim::kHour, 40});
  CHECK(store.find("va", "delivered") == 1u);
  CHECK_FALSE(store.find("va", "nothing"));
  CHECK(store.series("nobody", "x").empty());
  store.clear();
  CHECK(store.size() == 0);
}

TEST_CASE("a population's series sum point by point", "[viz]") {
  const Series a{{0, 1}, {sim::kHour, 2}, {2 * sim::kHour, 3}};
  const Series b{{0, 10}, {sim::kHour, 20}};
  // As long as the shortest part: 1 + 10, 2 + 20.
  CHECK(sum_series({&a, &b}) == Series{{0, 11}, {sim::kHour, 22}});
  CHECK(sum_series({}).empty());
}

TEST_CASE("cumulative counters become rates per hour", "[viz]") {
  // 0 -> 10 over 1 h is 10/h; 10 -> 30 over 2 h is 10/h; 30 -> 35 over 30 min is 10/h.
  const Series c{{0, 0}, {sim::kHour, 10}, {3 * sim::kHour, 30}, {3 * sim::kHour + 30 * sim::kMinute, 35}};
  CHECK(hourly_rate(c) ==
        Series{{sim::kHour, 10}, {3 * sim::kHour, 10}, {3 * sim::kHour + 30 * sim::kMinute, 10}});
  CHECK(hourly_rate(Series{{0, 5}}).empty());
}

TEST_CASE("a gauge reads as a step function", "[viz]") {
  const Series s{{sim::kHour, 2}, {2 * sim::kHour, std::nan("")}, {3 * sim::kHour, 4}};
  CHECK_FALSE(value_at(s, 0));                               // before the first sample
  CHECK(*value_at(s, sim::kHour) == 2);                      // at a sample
  CHECK(*value_at(s, sim::kHour + 59 * sim::kMinute) == 2);  // held until the next
  CHECK_FALSE(value_at(s, 2 * sim::kHour + 1));              // NaN: unscored
  CHECK(*value_at(s, 10 * sim::kHour) == 4);
}
