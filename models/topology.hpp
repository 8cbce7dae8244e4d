#pragma once
// The ecosystem's wiring as a Boost.Graph: providers own pools, pools hold IPs, tenants send via a
// pool (or their own dedicated IP) and mail gateways, IPs deliver to gateways, gateways report to
// and read scorers. The architect's questions are walks over it: who shares an IP with whom
// (collateral exposure) and whom one compromised tenant can hurt (blast radius).
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "models/ids.hpp"
#include "models/ip_pool.hpp"

namespace repsim::models {

class Ecosystem;

enum class NodeKind : std::uint8_t { Provider, Pool, Ip, Tenant, Gateway, Scorer };
inline constexpr int kNodeKinds = 6;
std::string_view to_string(NodeKind k);  // "provider", "pool", ...

enum class EdgeKind : std::uint8_t {
  Owns,       // provider -> pool
  Holds,      // pool -> IP
  SendsVia,   // tenant -> the pool it leaves from, or tenant -> its own dedicated IP
  Mails,      // tenant -> gateway it has recipients at
  Delivers,   // IP -> gateway: some tenant sending through the IP mails the gateway
  ReportsTo,  // gateway -> scorer it is a sensor of
  Reads,      // gateway -> scorer its policy or blocklist check consults
};
std::string_view to_string(EdgeKind k);  // "owns", "holds", "sends_via", ...

struct TopologyNode {
  NodeKind kind = NodeKind::Provider;
  std::uint32_t index = 0;  // index among entities of its kind (a folded node: its first member)
  std::string name;
  std::string detail;         // a pool's kind, a gateway's policy label; empty for other kinds
  std::uint32_t members = 1;  // entities of its kind it stands for (a folded population: its count)
  std::uint32_t ips = 0;      // a pool in a folded graph: the IPs folded into it
};

struct TopologyEdge {
  EdgeKind kind = EdgeKind::Owns;
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
  // Labels only (empty: none): each pool's kind, each gateway's policy_label().
  std::vector<PoolKind> pool_kinds;
  std::vector<std::string> gateway_policies;

  static TopologyInput from(const Ecosystem& eco);
};

class Topology {
 public:
  using Graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, TopologyNode, TopologyEdge>;
  using Vertex = Graph::vertex_descriptor;
  enum class Direction : std::uint8_t { Along, Against };

  // Throws std::invalid_argument when a relation names an entity the input does not list.
  explicit Topology(const TopologyInput& input);

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

  // Every vertex a breadth-first search from `sources` reaches over edges of the given kinds,
  // followed along or against their direction; sources included, in discovery order.
  std::vector<Vertex> reach(const std::vector<Vertex>& sources, std::initializer_list<EdgeKind> kinds,
                            Direction direction) const;

 private:
  std::vector<IpIndex> ips_of_tenant(TenantIndex t) const;
  // The indices of the vertices of `kind` among `vs`, ascending.
  template <class Id>
  std::vector<Id> indices_of(NodeKind kind, const std::vector<Vertex>& vs) const {
    std::vector<Id> out;
    for (Vertex v : vs)
      if (graph_[v].kind == kind) out.push_back(Id{graph_[v].index});
    std::sort(out.begin(), out.end());
    return out;
  }
  template <class Id>
  std::vector<Vertex> vertices_of(NodeKind kind, const std::vector<Id>& indices) const {
    std::vector<Vertex> out;
    out.reserve(indices.size());
    for (Id i : indices) out.push_back(vertex(kind, i));
    return out;
  }

  Graph graph_;
  std::vector<std::vector<Vertex>> vertex_of_;  // by NodeKind, by index
};

}  // namespace repsim::models
