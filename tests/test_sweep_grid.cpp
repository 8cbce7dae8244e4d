// Grid expansion: counts, order, zip groups, seeds; range and log_range values.
#include <catch2/catch.hpp>

#include "experiments/grid.hpp"
#include "experiments/value_ranges.hpp"
#include "sweep_fixture.hpp"

using namespace repsim;
using namespace repsim::sweep_test;
using experiments::Grid;

namespace {

// The values of each vary entry of `variant`, as compact JSON joined by spaces.
std::string params(const Grid& g, std::uint64_t variant) {
  std::string s;
  for (const nlohmann::json* v : g.parameters(variant)) s += (s.empty() ? "" : " ") + v->dump();
  return s;
}

std::vector<nlohmann::json> range_of(const std::string& text) {
  const nlohmann::json j = io::parse_json_text(text, "r");
  return experiments::expand_range(io::JsonNode(j, "r"));
}

std::vector<nlohmann::json> log_range_of(const std::string& text) {
  const nlohmann::json j = io::parse_json_text(text, "r");
  return experiments::expand_log_range(io::JsonNode(j, "r"));
}

}  // namespace

TEST_CASE("the grid is nested loops in spec order, zip groups moving together", "[sweep]") {
  // Axes: /a (3 values), then the zip group {/b, /c} (2 values): 6 variants, x 2 replications = 12.
  const Grid g(spec_from(spec_text(R"(, "replications": 2, "vary": [
      {"path": "/a", "values": [1, 2, 3]},
      {"path": "/b", "values": ["x", "y"], "zip": "g"},
      {"path": "/c", "values": [10, 20], "zip": "g"}])")));
  CHECK(g.variant_count() == 6);
  CHECK(g.run_count() == 12);
  CHECK(g.columns() == std::vector<std::string>{"/a", "/b", "/c"});
  // The last axis changes fastest: (1,x,10) (1,y,20) (2,x,10) (2,y,20) (3,x,10) (3,y,20).
  CHECK(params(g, 0) == R"(1 "x" 10)");
  CHECK(params(g, 1) == R"(1 "y" 20)");
  CHECK(params(g, 2) == R"(2 "x" 10)");
  CHECK(params(g, 5) == R"(3 "y" 20)");
  // Run 7 = variant 7 / 2 = 3, replication 7 % 2 = 1.
  const experiments::Run r = g.run(7);
  CHECK(r.variant == 3);
  CHECK(r.replication == 1);
  CHECK(params(g, r.variant) == R"(2 "y" 20)");
}

TEST_CASE("a zip group is one axis at its first entry's place", "[sweep]") {
  // Axes: {/a, /c} (2 values) first, then /b (3 values): 6 variants.
  const Grid g(spec_from(spec_text(R"(, "vary": [
      {"path": "/a", "values": [1, 2], "zip": "g"},
      {"path": "/b", "values": ["p", "q", "r"]},
      {"path": "/c", "values": [true, false], "zip": "g"}])")));
  CHECK(g.variant_count() == 6);
  CHECK(g.positions(0) == std::vector<std::size_t>{0, 0, 0});
  CHECK(g.positions(2) == std::vector<std::size_t>{0, 2, 0});
  CHECK(g.positions(3) == std::vector<std::size_t>{1, 0, 1});
  CHECK(params(g, 4) == R"(2 "q" false)");
}

TEST_CASE("no vary entry: one variant, replications runs", "[sweep]") {
  const Grid g(spec_from(spec_text(R"(, "replications": 5)")));
  CHECK(g.variant_count() == 1);
  CHECK(g.run_count() == 5);
  CHECK(g.columns().empty());
  CHECK(g.run(4).replication == 4);
}

TEST_CASE("replication r has one seed in every variant, from the spec seed and r only", "[sweep]") {
  const Grid g(
      spec_from(spec_text(R"(, "seed": 42, "replications": 3, "vary": [{"path": "/a", "values": [1, 2]}])")));
  // Runs 0..2 are variant 0, runs 3..5 variant 1: common random numbers pair 0-3, 1-4, 2-5.
  for (std::uint32_t r = 0; r < 3; ++r) {
    CHECK(g.run(r).seed == g.run(3 + r).seed);
    CHECK(g.run(r).seed == experiments::replication_seed(42, r));
  }
  CHECK(g.run(0).seed != g.run(1).seed);
  CHECK(experiments::replication_seed(42, 0) != experiments::replication_seed(43, 0));
  // The same spec seed and replication give the same seed in another sweep (another grid).
  const Grid other(spec_from(spec_text(R"(, "seed": 42, "replications": 2)")));
  CHECK(other.run(1).seed == g.run(1).seed);
}

TEST_CASE("range values are from + i * step, ends included, integers kept", "[sweep]") {
  // 0, 5, 10: all integers, so integer JSON values (usable where a whole number is required).
  const auto ints = range_of(R"({"from": 0, "to": 10, "step": 5})");
  REQUIRE(ints.size() == 3);
  CHECK(ints[2].is_number_integer());
  CHECK(ints[2].get<std::int64_t>() == 10);
  // 10 / 2.5 = 4 steps, each an exact binary fraction: 10, 7.5, 5, 2.5, 0.
  const auto down = range_of(R"({"from": 10, "to": 0, "step": -2.5})");
  REQUIRE(down.size() == 5);
  CHECK(down[1].get<double>() == 7.5);
  CHECK(down[4].get<double>() == 0.0);
  // (0.3 - 0.1) / 0.1 is 1.9999999999999998 in binary: still 3 values, and the last is 0.3
  // exactly, not 0.1 + 2 * 0.1 = 0.30000000000000004.
  const auto tenths = range_of(R"({"from": 0.1, "to": 0.3, "step": 0.1})");
  REQUIRE(tenths.size() == 3);
  CHECK(tenths[0].get<double>() == 0.1);
  CHECK(tenths[1].get<double>() == 0.2);  // 0.1 + 0.1 rounds to the double nearest 0.2
  CHECK(tenths[2].get<double>() == 0.3);
  // 1, 4, 7 and not 10: the next value 10 would pass 9.
  const auto short_end = range_of(R"({"from": 1, "to": 9, "step": 3})");
  REQUIRE(short_end.size() == 3);
  CHECK(short_end[2].get<std::int64_t>() == 7);
  CHECK(range_of(R"({"from": 4, "to": 4, "step": 1})").size() == 1);
}

TEST_CASE("log_range values are even in log10: decades exact, ends exact", "[sweep]") {
  // log10: 0, 1, 2, 3 -> 1, 10, 100, 1000.
  const auto decades = log_range_of(R"({"from": 1, "to": 1000, "points": 4})");
  REQUIRE(decades.size() == 4);
  CHECK(decades[0].get<double>() == 1.0);
  CHECK(decades[1].get<double>() == 10.0);
  CHECK(decades[2].get<double>() == 100.0);
  CHECK(decades[3].get<double>() == 1000.0);
  // 2 .. 8 in 3 points: the middle is 10^((log10 2 + log10 8) / 2) = sqrt(16) = 4 (to rounding);
  // the ends are the given numbers themselves.
  const auto mid = log_range_of(R"({"from": 2, "to": 8, "points": 3})");
  REQUIRE(mid.size() == 3);
  CHECK(mid[0].get<double>() == 2.0);
  CHECK(mid[1].get<double>() == Approx(4.0).epsilon(1e-14));
  CHECK(mid[2].get<double>() == 8.0);
  // Descending works too: 100, 10, 1.
  const auto down = log_range_of(R"({"from": 100, "to": 1, "points": 3})");
  CHECK(down[1].get<double>() == 10.0);
}
