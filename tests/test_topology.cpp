#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "index_literals.hpp"
#include "models/topology.hpp"
#include "topology_fixture.hpp"

using namespace repsim::models;
using namespace repsim::models::index_literals;
using repsim::models::testing::small_world;

TEST_CASE("co-tenants are exactly the tenants sharing an IP", "[topology]") {
  const Topology topo(small_world());
  CHECK(topo.co_tenants(0_tenant) == std::vector<TenantIndex>{1_tenant, 2_tenant});
  CHECK(topo.co_tenants(2_tenant) == std::vector<TenantIndex>{0_tenant, 1_tenant});
  CHECK(topo.co_tenants(3_tenant).empty());                              // the dedicated IP isolates the bank
  CHECK(topo.blast_radius(3_tenant).ips == std::vector<IpIndex>{2_ip});  // its own IP only, not IP 3
  CHECK(topo.co_tenants(4_tenant).empty());
}

TEST_CASE("blast radius of a compromised shared-pool tenant", "[topology]") {
  const Topology topo(small_world());
  // Tenant a mails va, a sensor of senderbase; its IPs 0,1 carry mail to va (a), prime (b) and
  // plain (c). va and prime read senderbase, plain reads nothing.
  const auto r = topo.blast_radius(0_tenant);
  CHECK(r.ips == std::vector<IpIndex>{0_ip, 1_ip});
  CHECK(r.tenants == std::vector<TenantIndex>{1_tenant, 2_tenant});
  CHECK(r.gateways == std::vector<GatewayIndex>{0_gateway, 1_gateway});
  // Tenant c mails only plain, which feeds no scorer: its spam reaches no score.
  CHECK(topo.blast_radius(2_tenant).gateways.empty());
  // The bank's own IP carries mail to va and prime, both readers of the score va feeds.
  CHECK(topo.blast_radius(3_tenant).gateways == std::vector<GatewayIndex>{0_gateway, 1_gateway});
}

TEST_CASE("blast radius: a reader of the score that gets no mail from those IPs is not hurt", "[topology]") {
  TopologyInput in = small_world();
  in.gateways_of_tenant[4] = {0_gateway,
                              2_gateway};  // other (IP 4) now mails va, the sensor, as well as plain
  // Its spam feeds senderbase, read by va and prime; IP 4 delivers to va and plain only.
  CHECK(Topology(in).blast_radius(4_tenant).gateways == std::vector<GatewayIndex>{0_gateway});
}

TEST_CASE("the graph has a vertex per entity and an edge per relation", "[topology]") {
  const Topology topo(small_world());
  const auto& g = topo.graph();
  // 2 providers + 3 pools + 5 IPs + 5 tenants + 3 gateways + 1 scorer = 19 vertices.
  CHECK(boost::num_vertices(g) == 19);
  std::map<EdgeKind, int> edges;
  for (auto e : boost::make_iterator_range(boost::edges(g))) ++edges[g[e].kind];
  CHECK(edges[EdgeKind::Owns] == 3);
  CHECK(edges[EdgeKind::Holds] == 5);
  CHECK(edges[EdgeKind::SendsVia] == 5);  // a, b, c and other to their pools, the bank to its IP 2
  CHECK(edges[EdgeKind::Mails] == 6);     // a va, b prime, c plain, bank va+prime, other plain
  // Pool 0's IPs 0 and 1 deliver to va, prime and plain (6); the bank's IP 2 to va and prime (2);
  // IP 4 to plain (1). IP 3 carries nobody's mail.
  CHECK(edges[EdgeKind::Delivers] == 9);
  CHECK(edges[EdgeKind::ReportsTo] == 1);
  CHECK(edges[EdgeKind::Reads] == 2);
  CHECK(boost::num_edges(g) == 31);
  CHECK(boost::out_degree(topo.vertex(NodeKind::Ip, 3), g) == 0);
}

TEST_CASE("reach walks the chosen kinds of edges, along or against them", "[topology]") {
  const Topology topo(small_world());
  const auto names = [&](const std::vector<Topology::Vertex>& vs) {
    std::vector<std::string> out;
    for (auto v : vs) out.push_back(topo.graph()[v].name);
    return out;
  };
  const auto down = {EdgeKind::SendsVia, EdgeKind::Holds};
  // Breadth first: the source, then its pool, then the pool's IPs.
  CHECK(names(topo.reach({topo.vertex(NodeKind::Tenant, 0)}, down, Topology::Direction::Along)) ==
        std::vector<std::string>{"a", "shared", "10.0.0.1", "10.0.0.2"});
  // Up from the dedicated pool's second IP: its pool, and nobody sends via that pool.
  CHECK(names(topo.reach({topo.vertex(NodeKind::Ip, 3)}, down, Topology::Direction::Against)) ==
        std::vector<std::string>{"10.0.1.2", "dedicated"});
  // Edges of other kinds are not followed: from a tenant over Holds alone, nowhere.
  CHECK(
      topo.reach({topo.vertex(NodeKind::Tenant, 0)}, {EdgeKind::Holds}, Topology::Direction::Along).size() ==
      1);
}

TEST_CASE("pools are labelled with their kind and gateways with their policy", "[topology]") {
  TopologyInput in = small_world();
  in.pool_kinds = {PoolKind::Shared, PoolKind::Dedicated, PoolKind::HighRisk};
  in.gateway_policies = {"good_only", "good_only, threshold 0", "accept_all"};
  const Topology topo(in);
  CHECK(topo.graph()[topo.vertex(NodeKind::Pool, 1)].detail == "dedicated");
  CHECK(topo.graph()[topo.vertex(NodeKind::Pool, 2)].detail == "high_risk");
  CHECK(topo.graph()[topo.vertex(NodeKind::Gateway, 1)].detail == "good_only, threshold 0");
  CHECK(topo.graph()[topo.vertex(NodeKind::Tenant, 0)].detail.empty());
}

TEST_CASE("unknown indices are refused", "[topology]") {
  TopologyInput in = small_world();
  in.pools_of_tenant[0] = {7_pool};
  CHECK_THROWS_AS(Topology(in), std::invalid_argument);
  in = small_world();
  in.own_ips_of_tenant[3] = {5_ip};
  CHECK_THROWS_AS(Topology(in), std::invalid_argument);
  in = small_world();
  in.gateways_of_tenant.push_back({0_gateway});  // a sixth tenant
  CHECK_THROWS_AS(Topology(in), std::invalid_argument);
  in = small_world();
  in.scorers_read_by_gateway[2] = {1_scorer};
  CHECK_THROWS_AS(Topology(in), std::invalid_argument);
  CHECK_THROWS_AS(Topology(small_world()).co_tenants(5_tenant), std::invalid_argument);
}
