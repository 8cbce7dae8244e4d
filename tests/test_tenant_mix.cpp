// A tenant's recipient mix: small mixes inline, drawn by inverse CDF; large ones by alias table.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "index_literals.hpp"
#include "models/tenant_mix.hpp"
#include "sim/random.hpp"

using repsim::models::GatewayIndex;
using repsim::models::RecipientMix;
using repsim::models::RecipientShare;
using repsim::sim::RandomStream;
using namespace repsim::models::index_literals;

TEST_CASE("a small mix draws by inverse CDF from one uniform", "[tenant]") {
  // Weights 1, 0, 3 for gateways 7, 8, 9: cumulative 1, 1, 4. u x 4 < 1 -> 7, else 9; never 8.
  const RecipientMix mix({{7_gateway, 1.0}, {8_gateway, 0.0}, {9_gateway, 3.0}});
  CHECK(mix.size() == 3);
  RandomStream a(12), b(12);
  for (int i = 0; i < 1000; ++i) {
    const double u = b.uniform01() * 4.0;
    REQUIRE(mix.draw(a) == (u < 1.0 ? 7u : 9u));
  }
}

TEST_CASE("a mix draws each gateway in proportion to its weight, small or large", "[tenant]") {
  for (std::size_t n : {4u, 20u}) {
    std::vector<RecipientShare> shares;
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      shares.push_back({static_cast<GatewayIndex>(100 + i), static_cast<double>(i + 1)});
      total += static_cast<double>(i + 1);
    }
    const RecipientMix mix(shares);
    RandomStream r(3);
    constexpr int kDraws = 100000;
    std::vector<int> count(n, 0);
    for (int i = 0; i < kDraws; ++i) ++count[mix.draw(r) - 100];
    // Binomial, within 4 sd.
    for (std::size_t i = 0; i < n; ++i) {
      const double p = static_cast<double>(i + 1) / total;
      CHECK(std::fabs(count[i] - kDraws * p) <= 4.0 * std::sqrt(kDraws * p * (1 - p)));
    }
  }
}

TEST_CASE("a mix refuses what sim::Categorical refuses", "[tenant]") {
  CHECK_THROWS_AS(RecipientMix(std::vector<RecipientShare>{}), std::invalid_argument);
  CHECK_THROWS_AS(RecipientMix({{1_gateway, 0.0}, {2_gateway, 0.0}}), std::invalid_argument);
  CHECK_THROWS_AS(RecipientMix({{1_gateway, -1.0}}), std::invalid_argument);
  CHECK(RecipientMix().empty());
}

TEST_CASE("draw_entry makes draw()'s draws and names the share it picked", "[tenant]") {
  // Small (inline) and large (alias table) mixes; gateway 30 is listed by entries 1 and 3.
  for (std::size_t n : {3u, 12u}) {
    std::vector<RecipientShare> shares;
    for (std::size_t i = 0; i < n; ++i)
      shares.push_back({static_cast<GatewayIndex>(i == 3 ? 30 : 20 + 10 * i), static_cast<double>(i % 4)});
    const RecipientMix mix(shares);
    const std::vector<GatewayIndex> gateways = mix.gateways();
    REQUIRE(gateways.size() == n);
    for (std::size_t i = 0; i < n; ++i) CHECK(gateways[i] == shares[i].gateway);
    RandomStream a(5), b(5);
    std::vector<int> entries(n, 0);
    for (int k = 0; k < 20000; ++k) {
      const RecipientMix::Drawn d = mix.draw_entry(a);
      REQUIRE(d.gateway == mix.draw(b));
      REQUIRE(d.entry < n);
      REQUIRE(gateways[d.entry] == d.gateway);
      ++entries[d.entry];
    }
    // Entry 0 has weight 0 (i % 4): never drawn; every weighted entry is.
    for (std::size_t i = 0; i < n; ++i) CHECK((entries[i] > 0) == (i % 4 != 0));
  }
}

TEST_CASE("prefetch_draw is only a hint: the draws after it are the draws without it", "[tenant]") {
  for (std::size_t n : {3u, 20u}) {  // inline and alias-table mixes
    std::vector<RecipientShare> shares;
    for (std::size_t i = 0; i < n; ++i) shares.push_back({static_cast<GatewayIndex>(100 + i), 1.0 + i});
    const RecipientMix mix(shares);
    RandomStream hinted(41), plain(41);
    for (int i = 0; i < 1000; ++i) {
      mix.prefetch_draw(hinted);
      const auto a = mix.draw_entry(hinted);
      const auto b = mix.draw_entry(plain);
      REQUIRE(a.gateway == b.gateway);
      REQUIRE(a.entry == b.entry);
    }
  }
}
