// The ecosystem builds its tenants busiest first (models/ecosystem.cpp, build_tenants): a layout
// choice that nothing observable may depend on.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "ecosystem_fixture.hpp"
#include "index_literals.hpp"
#include "models/ecosystem.hpp"

using namespace repsim;
using namespace repsim::testing;
using models::Ecosystem;
using namespace repsim::models::index_literals;

namespace {

// pool_world's 20 tenants, tenant t sending 100 + 10 t a day, except tenants 4 and 7, which send
// 300 each, more than any other.
models::EcosystemConfig graded_volumes() {
  models::EcosystemConfig c = pool_world(false);
  for (std::size_t t = 0; t < c.tenants.size(); ++t) c.tenants[t].config.messages_per_day = 100.0 + 10.0 * t;
  c.tenants[4].config.messages_per_day = 300.0;
  c.tenants[7].config.messages_per_day = 300.0;
  return c;
}

}  // namespace

TEST_CASE("tenants are laid out busiest first and found by their index", "[ecosystem]") {
  const Ecosystem eco(graded_volumes());
  REQUIRE(eco.tenant_count() == 20);
  for (models::TenantIndex t{0}; t < 20; ++t) {
    CHECK(eco.tenant(t).index() == t);
    CHECK(eco.tenant(t).config().id == "t" + std::to_string(t));
  }
  // 4 and 7 (300 each, index order), then 19 (290) down to 8 (180), 6, 5, 3, ..., 0 (100).
  std::vector<models::TenantIndex> expected;
  for (std::uint32_t t : {4, 7, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 6, 5, 3, 2, 1, 0})
    expected.emplace_back(t);
  for (std::size_t k = 0; k + 1 < expected.size(); ++k)
    CHECK(&eco.tenant(expected[k]) + 1 == &eco.tenant(expected[k + 1]));
}

TEST_CASE("a world with two bad tenants names the first in index order, not in build order", "[ecosystem]") {
  models::EcosystemConfig c = graded_volumes();
  c.tenants[2].config.recipients.push_back({99_gateway, 1.0});   // 120 a day: built late
  c.tenants[17].config.recipients.push_back({99_gateway, 1.0});  // 270 a day: built early
  CHECK_THROWS_WITH(Ecosystem(c), "tenant t2: unknown recipient gateway");
}
