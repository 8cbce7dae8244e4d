#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <type_traits>
#include <vector>

#include "index_literals.hpp"
#include "models/ids.hpp"

using namespace repsim::models;
using namespace repsim::models::index_literals;

// The mix-ups themselves are compiled (and must fail) by the index_kinds_reject_* ctest entries.
TEST_CASE("ids: each kind is its own type", "[ids]") {
  STATIC_REQUIRE_FALSE(std::is_convertible_v<TenantIndex, GatewayIndex>);
  STATIC_REQUIRE_FALSE(std::is_constructible_v<GatewayIndex, TenantIndex>);
  STATIC_REQUIRE_FALSE(std::is_convertible_v<std::uint32_t, IpIndex>);
  STATIC_REQUIRE(std::is_constructible_v<IpIndex, std::uint32_t>);
  STATIC_REQUIRE(std::is_convertible_v<IpIndex, std::uint32_t>);
  STATIC_REQUIRE(std::is_convertible_v<NoIndex, ScorerIndex>);
  STATIC_REQUIRE(std::is_same_v<decltype(3_ip + 2), IpIndex>);
  STATIC_REQUIRE(sizeof(TenantIndex) == sizeof(std::uint32_t));
  STATIC_REQUIRE(std::is_trivially_copyable_v<TenantIndex>);
}

TEST_CASE("ids: arithmetic, the none value and hashing", "[ids]") {
  CHECK(3_ip + 2 == 5_ip);
  TenantIndex t{7};
  CHECK(t++ == 7_tenant);
  CHECK(++t == 9_tenant);
  t += 3;
  CHECK(t.value() == 12);

  const GatewayIndex none = kNone;
  CHECK(none.is_none());
  CHECK(none == kNone);
  CHECK(none.value() == 0xFFFFFFFFu);
  CHECK_FALSE(0_gateway == kNone);
  CHECK(TenantIndex{}.value() == 0);

  const std::vector<double> by_ip{0.5, 1.5, 2.5};
  CHECK(by_ip[2_ip] == 2.5);  // an index subscripts its kind's table
  CHECK(1_scorer < 2_scorer);
  CHECK(std::hash<ProviderIndex>{}(4_provider) == std::hash<std::uint32_t>{}(4u));
}
