// Cut-off time is a union of intervals, not their sum: overlaps count once, open intervals run to
// the run's end, nothing outside [0, end] counts.
#include <catch2/catch.hpp>

#include "index_literals.hpp"
#include "models/cut_off_time.hpp"

using namespace repsim::models;
using namespace repsim::models::index_literals;
using namespace repsim::sim;

TEST_CASE("union_length merges overlaps, runs open intervals to the end and clips", "[cut_off]") {
  // [1,3) and [2,5) overlap: 4 h; [7, open) at end 10: 3 h; total 7 h (the sum would be 8 h).
  CHECK(union_length({{hours(2), hours(5)}, {hours(1), hours(3)}, {hours(7), kNever}}, hours(10)) ==
        hours(7));
  CHECK(union_length({}, hours(10)) == 0);
  // Nested: the outer one alone.
  CHECK(union_length({{hours(1), hours(9)}, {hours(2), hours(3)}}, hours(10)) == hours(8));
  // Touching intervals join without double counting; past the end is clipped.
  CHECK(union_length({{hours(1), hours(2)}, {hours(2), hours(4)}, {hours(9), hours(12)}}, hours(10)) ==
        hours(4));
}

TEST_CASE("a tenant cut off from two gateways at once counts the hours once", "[cut_off]") {
  const std::vector<OutageInterval> outages{
      {0_tenant, 0_gateway, hours(0), hours(6), BlockCause::Reputation},
      {0_tenant, 1_gateway, hours(4), kNever, BlockCause::Reputation},
      {1_tenant, 1_gateway, hours(5), hours(6), BlockCause::ProviderFault},
  };
  const auto t = cut_off_time_by_tenant(outages, 3, hours(8));
  CHECK(t == std::vector<Time>{hours(8), hours(1), 0});  // pair-hours of tenant 0 would be 10
}
