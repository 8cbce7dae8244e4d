// sim::Metrics (sim/metrics.hpp): counters, histograms by key, gauges and periodic samples.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/metrics.hpp"
#include "sim/simulation.hpp"

using repsim::sim::Histogram;
using repsim::sim::Metrics;
using repsim::sim::seconds;
using repsim::sim::Simulation;
using repsim::sim::Time;

TEST_CASE("counters hand out one stable cell per key", "[metrics]") {
  Metrics m;
  std::int64_t& hits = m.counter("cache", "hits");
  hits += 2;
  REQUIRE(&m.counter("cache", "hits") == &hits);
  REQUIRE(m.counter("cache", "hits") == 2);
  REQUIRE(&m.counter("cache", "misses") != &hits);
  REQUIRE(&m.counter("hits", "cache") != &hits);  // entity and name are not interchangeable
  for (int i = 0; i < 1000; ++i) m.counter("node" + std::to_string(i), "sent");
  REQUIRE(&m.counter("cache", "hits") == &hits);  // growth never moves a cell
  REQUIRE(m.counters().size() == 1003);
  REQUIRE(m.counters().at(Metrics::Key{"cache", "hits"}) == &hits);

  Histogram& lat = m.histogram("disk", "latency");
  lat.add(5);
  for (int i = 0; i < 100; ++i) m.histogram("disk" + std::to_string(i), "latency");
  REQUIRE(&m.histogram("disk", "latency") == &lat);
  REQUIRE(m.histogram("disk", "latency").count() == 1);
  REQUIRE(&m.histogram("disk", "size") != &lat);
}

TEST_CASE("counters and histograms iterate sorted by key", "[metrics]") {
  Metrics m;
  m.counter("b", "x") = 1;
  m.counter("a", "y") = 2;
  m.counter("a", "x") = 3;
  m.counter("a", "y") += 10;  // a repeat does not add an entry
  std::vector<std::string> order;
  std::vector<std::int64_t> values;
  for (const auto& [key, cell] : m.counters()) {
    order.push_back(key.entity + "/" + key.name);
    values.push_back(*cell);
  }
  REQUIRE(order == std::vector<std::string>{"a/x", "a/y", "b/x"});
  REQUIRE(values == std::vector<std::int64_t>{3, 12, 1});

  m.histogram("z", "h");
  m.histogram("m", "h");
  std::vector<std::string> hist_order;
  for (const auto& [key, cell] : m.histograms()) hist_order.push_back(key.entity);
  REQUIRE(hist_order == std::vector<std::string>{"m", "z"});
}

TEST_CASE("gauges sample in registration order, re-registration replaces the reader", "[metrics]") {
  Metrics m;
  m.gauge("z", "depth", [] { return 1.0; });
  m.gauge("a", "depth", [] { return 2.0; });
  m.gauge("z", "depth", [] { return 3.0; });
  REQUIRE(m.gauges().size() == 2);
  REQUIRE(m.gauges()[0] == Metrics::Key{"z", "depth"});
  REQUIRE(m.gauges()[1] == Metrics::Key{"a", "depth"});
  m.sample(seconds(4));
  REQUIRE(m.samples().size() == 2);
  CHECK(m.samples()[0].time == seconds(4));
  CHECK(m.samples()[0].gauge == 0);
  CHECK(m.samples()[0].value == 3.0);
  CHECK(m.samples()[1].gauge == 1);
  CHECK(m.samples()[1].value == 2.0);
  REQUIRE_THROWS_AS(m.gauge("a", "b", nullptr), std::invalid_argument);
}

TEST_CASE("sample hooks run once per sample, after the gauges are read", "[metrics]") {
  Metrics m;
  m.gauge("e", "g", [] { return 1.0; });
  std::vector<Time> calls;
  std::size_t samples_seen = 0;
  m.on_sample([&](Time t) {
    calls.push_back(t);
    samples_seen = m.samples().size();
  });
  m.sample(seconds(1));
  REQUIRE(calls == std::vector<Time>{seconds(1)});
  REQUIRE(samples_seen == 1);
  m.sample(seconds(2));
  REQUIRE(calls == std::vector<Time>{seconds(1), seconds(2)});
  REQUIRE(samples_seen == 2);

  Metrics no_gauges;
  int hook_calls = 0;
  no_gauges.on_sample([&](Time) { ++hook_calls; });
  no_gauges.sample(0);
  REQUIRE(hook_calls == 1);
  REQUIRE(no_gauges.samples().empty());
}

TEST_CASE("sample_every samples a running simulation at exact times", "[metrics]") {
  Simulation sim;
  Metrics m;
  double level = 1.0;
  m.gauge("pool", "level", [&] { return level; });
  m.gauge("pool", "twice", [&] { return 2.0 * level; });
  int hooks = 0;
  m.on_sample([&](Time) { ++hooks; });
  sim.schedule_at(seconds(15), [&](Simulation&) { level = 5.0; });
  m.sample_every(sim, seconds(10), seconds(20));

  sim.run();  // ends: the sampler stops after its sample at 20 s

  REQUIRE(sim.now() == seconds(20));
  REQUIRE(sim.pending() == 0);
  REQUIRE(hooks == 3);
  struct Expected {
    Time time;
    std::uint32_t gauge;
    double value;
  };
  const std::vector<Expected> expected{{seconds(0), 0, 1.0},  {seconds(0), 1, 2.0},  {seconds(10), 0, 1.0},
                                       {seconds(10), 1, 2.0}, {seconds(20), 0, 5.0}, {seconds(20), 1, 10.0}};
  REQUIRE(m.samples().size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("sample " << i);
    CHECK(m.samples()[i].time == expected[i].time);
    CHECK(m.samples()[i].gauge == expected[i].gauge);
    CHECK(m.samples()[i].value == expected[i].value);
  }
}

TEST_CASE("sample_every without a bound keeps sampling across run_until calls", "[metrics]") {
  Simulation sim;
  Metrics m;
  m.gauge("clock", "now", [&] { return static_cast<double>(sim.now()); });
  m.sample_every(sim, seconds(10));
  sim.run_until(seconds(35));
  std::vector<double> values;
  for (const auto& s : m.samples()) values.push_back(s.value);
  REQUIRE(values == std::vector<double>{0.0, 1e7, 2e7, 3e7});
  REQUIRE(sim.pending() == 1);  // the next sample, at 40 s
  sim.run_until(seconds(50));
  REQUIRE(m.samples().size() == 6);
  REQUIRE(m.samples().back().time == seconds(50));
}

TEST_CASE("sample_every starts at now and sees same-instant events scheduled before it", "[metrics]") {
  Simulation sim;
  Metrics m;
  double level = 0.0;
  m.gauge("x", "level", [&] { return level; });
  sim.schedule_at(seconds(5), [&](Simulation&) { level = 1.0; });
  sim.run_until(seconds(5));  // the change at 5 s has run
  sim.schedule_at(seconds(15), [&](Simulation&) { level = 2.0; });
  m.sample_every(sim, seconds(10), seconds(30));  // the sampler event at 15 s is queued after the change
  sim.run();
  std::vector<Time> times;
  std::vector<double> values;
  for (const auto& s : m.samples()) {
    times.push_back(s.time);
    values.push_back(s.value);
  }
  REQUIRE(times == std::vector<Time>{seconds(5), seconds(15), seconds(25)});
  REQUIRE(values == std::vector<double>{1.0, 2.0, 2.0});
}

TEST_CASE("sample_every validates its period and honours a past bound", "[metrics]") {
  Simulation sim;
  Metrics m;
  REQUIRE_THROWS_AS(m.sample_every(sim, 0), std::invalid_argument);
  REQUIRE_THROWS_AS(m.sample_every(sim, -seconds(1)), std::invalid_argument);
  REQUIRE(sim.pending() == 0);
  sim.run_until(seconds(10));
  m.sample_every(sim, seconds(1), seconds(5));  // bound already passed: nothing to do
  REQUIRE(sim.pending() == 0);
  m.sample_every(sim, seconds(1), seconds(10));  // bound is now: exactly one sample
  sim.run();
  REQUIRE(m.samples().empty());  // no gauges, but the sampler ran
  REQUIRE(sim.events_handled() == 1);
}
