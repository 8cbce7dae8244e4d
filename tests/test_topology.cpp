#include <catch2/catch.hpp>

#include "models/topology.hpp"

using namespace repsim::models;

namespace {

// Two providers. Provider 0: shared pool 0 (IPs 0,1) and dedicated pool 1 (IPs 2,3).
// Provider 1: shared pool 2 (IP 4).
// Tenants: 0,1,2 on shared pool 0; 3 on dedicated pool 1 with its own IP 2; 4 on pool 2.
// Gateways: 0 reads scorer 0 and feeds it; 1 reads scorer 0; 2 reads nothing.
TopologyInput small_world() {
  TopologyInput in;
  in.providers = {"o365", "nsmail"};
  in.pools = {"shared", "dedicated", "ns-shared"};
  in.ips = {"10.0.0.1", "10.0.0.2", "10.0.1.1", "10.0.1.2", "10.1.0.1"};
  in.tenants = {"a", "b", "c", "bank", "other"};
  in.gateways = {"va", "prime", "plain"};
  in.scorers = {"senderbase"};
  in.pools_of_provider = {{0, 1}, {2}};
  in.ips_of_pool = {{0, 1}, {2, 3}, {4}};
  in.pools_of_tenant = {{0}, {0}, {0}, {}, {2}};
  in.own_ips_of_tenant = {{}, {}, {}, {2}, {}};
  in.gateways_of_tenant = {{0}, {1}, {2}, {0, 1}, {2}};
  in.scorers_fed_by_gateway = {{0}, {}, {}};
  in.scorers_read_by_gateway = {{0}, {0}, {}};
  return in;
}

}  // namespace

TEST_CASE("co-tenants are exactly the tenants sharing an IP", "[topology]") {
  const Topology topo(small_world());
  CHECK(topo.co_tenants(0) == std::vector<TenantIndex>{1, 2});
  CHECK(topo.co_tenants(2) == std::vector<TenantIndex>{0, 1});
  CHECK(topo.co_tenants(3).empty());                           // the dedicated IP isolates the bank
  CHECK(topo.blast_radius(3).ips == std::vector<IpIndex>{2});  // its own IP only, not IP 3
  CHECK(topo.co_tenants(4).empty());
}

TEST_CASE("blast radius of a compromised shared-pool tenant", "[topology]") {
  const Topology topo(small_world());
  // Tenant a mails va, a sensor of senderbase; its IPs 0,1 carry mail to va (a), prime (b) and
  // plain (c). va and prime read senderbase, plain reads nothing.
  const auto r = topo.blast_radius(0);
  CHECK(r.ips == std::vector<IpIndex>{0, 1});
  CHECK(r.tenants == std::vector<TenantIndex>{1, 2});
  CHECK(r.gateways == std::vector<GatewayIndex>{0, 1});
  // Tenant c mails only plain, which feeds no scorer: its spam reaches no score.
  CHECK(topo.blast_radius(2).gateways.empty());
}

TEST_CASE("every tenant reaches the gateways it mails, a pool without IPs does not", "[topology]") {
  CHECK(Topology(small_world()).unreachable().empty());
  TopologyInput in = small_world();
  in.ips_of_pool[2] = {};  // nsmail's pool lost its only IP
  const auto missing = Topology(in).unreachable();
  REQUIRE(missing.size() == 1);
  CHECK(missing[0] == std::pair<TenantIndex, GatewayIndex>{4, 2});
}

TEST_CASE("DOT export names every node once and every edge", "[topology]") {
  const Topology topo(small_world());
  const std::string dot = topo.dot();
  CHECK(dot.rfind("digraph repsim {", 0) == 0);
  // 2 providers + 3 pools + 5 IPs + 5 tenants + 3 gateways + 1 scorer = 19 nodes.
  CHECK(boost::num_vertices(topo.graph()) == 19);
  // provider->pool 3, pool->ip 5, tenant->pool 4 + tenant->own ip 1, ip->gateway: pool0
  // {va,prime,plain} x 2 IPs = 6, the bank's IP 2 {va,prime} = 2, pool2 {plain} x 1 = 1,
  // gateway->scorer 1: 23 edges.
  CHECK(boost::num_edges(topo.graph()) == 23);
  std::size_t arrows = 0;
  for (std::size_t p = dot.find("->"); p != std::string::npos; p = dot.find("->", p + 2)) ++arrows;
  CHECK(arrows == 23);
  CHECK(dot.find("label=\"bank\"") != std::string::npos);
}

TEST_CASE("unknown indices are refused", "[topology]") {
  TopologyInput in = small_world();
  in.pools_of_tenant[0] = {7};
  CHECK_THROWS_AS(Topology(in), std::invalid_argument);
}
