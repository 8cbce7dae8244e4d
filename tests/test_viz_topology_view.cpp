// The topology as the viz shows it: populations folded, IPs in their pools, columns laid out.
#include <algorithm>
#include <catch2/catch.hpp>

#include "index_literals.hpp"
#include "viz/core/topology_view.hpp"

using namespace repsim;
using namespace repsim::viz;
using namespace repsim::models::index_literals;
using models::NodeKind;

namespace {

// Providers p0 (pool a: IPs a0 a1) and p1 (pool b: IP b0); tenants t0 and spam on pool a mail g0,
// the population pop (pop#0, pop#1) on pool b mails g1; both gateways feed scorer s.
models::TopologyInput wiring() {
  models::TopologyInput in;
  in.providers = {"p0", "p1"};
  in.pools = {"a", "b"};
  in.ips = {"a0", "a1", "b0"};
  in.tenants = {"t0", "pop#0", "pop#1", "spam"};
  in.gateways = {"g0", "g1"};
  in.scorers = {"s"};
  in.pools_of_provider = {{0_pool}, {1_pool}};
  in.ips_of_pool = {{0_ip, 1_ip}, {2_ip}};
  in.pools_of_tenant = {{0_pool}, {1_pool}, {1_pool}, {0_pool}};
  in.own_ips_of_tenant = {{}, {}, {}, {}};
  in.gateways_of_tenant = {{0_gateway}, {1_gateway}, {1_gateway}, {0_gateway}};
  in.scorers_fed_by_gateway = {{0_scorer}, {0_scorer}};
  in.scorers_read_by_gateway = {{0_scorer}, {0_scorer}};
  return in;
}

}  // namespace

TEST_CASE("populations fold into one node and IPs into their pool", "[viz]") {
  const TopologyView v(models::Topology(wiring()), {io::PopulationRange{"pop", 1, 2}}, {});
  // 3 tenant nodes (t0, pop, spam) + 2 providers + 2 pools + 2 gateways + 1 scorer.
  REQUIRE(v.nodes().size() == 10);
  const std::uint32_t pop = v.find("pop");
  REQUIRE(pop != models::kNone);
  CHECK(v.nodes()[pop].population);
  CHECK(v.nodes()[pop].members == std::vector<std::uint32_t>{1, 2});
  CHECK(v.nodes()[pop].member_names == std::vector<std::string>{"pop#0", "pop#1"});
  CHECK(v.node_of(NodeKind::Tenant, 1) == pop);
  CHECK(v.node_of(NodeKind::Tenant, 2) == pop);
  const std::uint32_t a = v.find("a");
  CHECK(v.nodes()[a].ips == std::vector<models::IpIndex>{0_ip, 1_ip});
  CHECK(v.nodes()[a].provider_node == v.find("p0"));
  CHECK(v.node_of(NodeKind::Ip, 0) == models::kNone);  // IPs have no node of their own
  CHECK(v.find("nobody") == models::kNone);
}

TEST_CASE("edges run tenant -> pool -> gateway -> scorer, once each", "[viz]") {
  const TopologyView v(models::Topology(wiring()), {io::PopulationRange{"pop", 1, 2}}, {});
  auto id = [&](const char* n) { return v.find(n); };
  std::vector<ViewEdge> want{{id("t0"), id("a")}, {id("pop"), id("b")}, {id("spam"), id("a")},
                             {id("a"), id("g0")}, {id("b"), id("g1")},  {id("g0"), id("s")},
                             {id("g1"), id("s")}};
  std::sort(want.begin(), want.end());
  // pop#0 and pop#1 both send through b, and a0, a1 both reach g0: one edge each.
  CHECK(v.edges() == want);
}

TEST_CASE("columns are laid out by the barycentre of their pool neighbours", "[viz]") {
  const TopologyView v(models::Topology(wiring()), {io::PopulationRange{"pop", 1, 2}}, {});
  auto node = [&](const char* n) { return v.nodes()[v.find(n)]; };
  // Pools: column 1 of 4, x = 1.5 / 4; two of them at y = 1/4 and 3/4; providers beside them.
  CHECK(node("a").x == Approx(0.375f));
  CHECK(node("a").y == Approx(0.25f));
  CHECK(node("b").y == Approx(0.75f));
  CHECK(node("p1").y == Approx(0.75f));
  // Tenants rank by their pool: t0 (a: 0), spam (a: 0), pop (b: 1); stable ties keep t0 before
  // spam. Three nodes: y = 1/6, 3/6, 5/6.
  CHECK(node("t0").x == Approx(0.125f));
  CHECK(node("t0").y == Approx(1.0f / 6));
  CHECK(node("spam").y == Approx(0.5f));
  CHECK(node("pop").y == Approx(5.0f / 6));
  CHECK(v.column(NodeKind::Tenant) ==
        std::vector<std::uint32_t>{v.find("t0"), v.find("spam"), v.find("pop")});
  // Gateways: g0 from a (rank 0), g1 from b (rank 1). The scorer sits alone in column 3.
  CHECK(node("g0").y == Approx(0.25f));
  CHECK(node("g1").y == Approx(0.75f));
  CHECK(node("s").x == Approx(0.875f));
  CHECK(node("s").y == Approx(0.5f));
  CHECK(column_of(NodeKind::Ip) == -1);
}
