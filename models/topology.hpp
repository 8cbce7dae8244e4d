#pragma once
// The ecosystem's wiring as a Boost.Graph: providers -> pools -> IPs -> gateways -> scorers, and
// tenants -> the pools they send through. Answers the architect's questions: who shares an IP with
// whom (collateral exposure), whom one compromised tenant can hurt (blast radius), and whether
// every tenant can reach the gateways it mails.
#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "models/ids.hpp"

namespace repsim::models {

class Ecosystem;

enum class NodeKind : std::uint8_t { Provider, Pool, Ip, Tenant, Gateway, Scorer };

struct TopologyNode {
  NodeKind kind;
  std::uint32_t index;  // index among entities of its kind
  std::string name;
};

// Plain description of the wiring, so the analyses are testable without a running ecosystem.
struct TopologyInput {
  std::vector<std::string> providers, pools, ips, tenants, gateways, scorers;
  std::vector<std::vector<PoolIndex>> pools_of_provider;
  std::vector<std::vector<IpIndex>> ips_of_pool;
  std::vector<std::vector<PoolIndex>> pools_of_tenant;  // every pool a tenant's mail can leave from
  // A tenant on a dedicated pool leaves from its own IP only: listed here, and its pool is then
  // not in pools_of_tenant (the pool's other IPs belong to other tenants).
  std::vector<std::vector<IpIndex>> own_ips_of_tenant;
  std::vector<std::vector<GatewayIndex>> gateways_of_tenant;      // whom it mails
  std::vector<std::vector<ScorerIndex>> scorers_fed_by_gateway;   // sensor reports
  std::vector<std::vector<ScorerIndex>> scorers_read_by_gateway;  // reputation / blocklist lookups

  static TopologyInput from(const Ecosystem& eco);
};

class Topology {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, TopologyNode>;
  using Vertex = Graph::vertex_descriptor;

  explicit Topology(TopologyInput input);

  const Graph& graph() const { return graph_; }
  Vertex vertex(NodeKind kind, std::uint32_t index) const;

  // Tenants (other than t) that send through at least one IP t sends through, ascending.
  std::vector<TenantIndex> co_tenants(TenantIndex t) const;
  struct BlastRadius {
    std::vector<IpIndex> ips;          // IPs whose reputation its spam lowers
    std::vector<TenantIndex> tenants;  // co-tenants on those IPs
    std::vector<GatewayIndex>
        gateways;  // gateways that read a score its spam feeds and get mail from those IPs
  };
  BlastRadius blast_radius(TenantIndex compromised) const;
  // (tenant, gateway) pairs the tenant mails but cannot reach (no IP on any route).
  std::vector<std::pair<TenantIndex, GatewayIndex>> unreachable() const;
  // Graphviz DOT text; tenants of large populations are kept as individual nodes.
  std::string dot() const;

 private:
  std::vector<IpIndex> ips_of_tenant(TenantIndex t) const;

  TopologyInput in_;
  Graph graph_;
  std::vector<std::vector<Vertex>> vertex_of_;  // by NodeKind, by index
};

}  // namespace repsim::models
