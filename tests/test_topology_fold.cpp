// Folding the topology: populations into one node, IPs into their pools, edges kept once per kind.
#include <catch2/catch.hpp>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/topology_fold.hpp"
#include "topology_fixture.hpp"

using namespace repsim::models;
using repsim::models::testing::small_world;
using Graph = Topology::Graph;

namespace {

const TopologyNode& node(const Graph& g, const std::string& name) {
  for (auto v : boost::make_iterator_range(boost::vertices(g)))
    if (g[v].name == name) return g[v];
  FAIL("no node " << name);
  throw std::logic_error("unreachable");
}

std::map<EdgeKind, int> edges_by_kind(const Graph& g) {
  std::map<EdgeKind, int> out;
  for (auto e : boost::make_iterator_range(boost::edges(g))) ++out[g[e].kind];
  return out;
}

}  // namespace

TEST_CASE("a population becomes one node and IPs fold into their pools", "[topology]") {
  // Tenants a, b, c (0..2, all on the shared pool) are the population "abc".
  const Graph g = fold(Topology(small_world()).graph(), {{NodeKind::Tenant, "abc", 0, 3}});
  // 2 providers + 3 pools + (abc, bank, other) + 3 gateways + 1 scorer; no IP stays a node.
  CHECK(boost::num_vertices(g) == 12);
  const TopologyNode& abc = node(g, "abc");
  CHECK(abc.kind == NodeKind::Tenant);
  CHECK(abc.index == 0);
  CHECK(abc.members == 3);
  CHECK(node(g, "bank").members == 1);
  CHECK(node(g, "shared").ips == 2);
  CHECK(node(g, "dedicated").ips == 2);
  CHECK(node(g, "ns-shared").ips == 1);

  const auto kinds = edges_by_kind(g);
  CHECK(kinds.count(EdgeKind::Holds) == 0);  // inside the pool node now
  CHECK(kinds.at(EdgeKind::Owns) == 3);
  // abc -> shared once (not three times); the bank's own IP is drawn as its pool; other -> ns-shared.
  CHECK(kinds.at(EdgeKind::SendsVia) == 3);
  // abc -> va, prime, plain; bank -> va, prime; other -> plain.
  CHECK(kinds.at(EdgeKind::Mails) == 6);
  // shared -> va, prime, plain (once for its two IPs); dedicated (IP 2) -> va, prime; ns-shared -> plain.
  CHECK(kinds.at(EdgeKind::Delivers) == 6);
  CHECK(kinds.at(EdgeKind::ReportsTo) == 1);
  CHECK(kinds.at(EdgeKind::Reads) == 2);
  CHECK(boost::num_edges(g) == 21);
}

TEST_CASE("a folded node names its members' details with their counts when they differ", "[topology]") {
  TopologyInput in = small_world();
  in.pool_kinds = {PoolKind::Shared, PoolKind::Dedicated, PoolKind::Shared};
  in.gateway_policies = {"good_only", "good_only", "neutral_ok"};
  const Topology topo(in);
  const Graph all = fold(topo.graph(), {{NodeKind::Gateway, "orgs", 0, 3}});
  CHECK(node(all, "orgs").members == 3);
  CHECK(node(all, "orgs").detail == "2 good_only, 1 neutral_ok");
  CHECK(node(all, "dedicated").detail == "dedicated");
  const Graph alike = fold(topo.graph(), {{NodeKind::Gateway, "va-and-prime", 0, 2}});
  CHECK(node(alike, "va-and-prime").detail == "good_only");
  CHECK(node(alike, "plain").detail == "neutral_ok");
}

TEST_CASE("without groups only the IPs fold, and a group past the last entity is refused", "[topology]") {
  const Topology topo(small_world());
  const Graph g = fold(topo.graph(), {});
  CHECK(boost::num_vertices(g) == 14);  // 19 less the 5 IPs
  CHECK(node(g, "b").members == 1);
  CHECK_THROWS_AS(fold(topo.graph(), {{NodeKind::Tenant, "too-many", 3, 3}}), std::invalid_argument);
}
