#pragma once
// The topology as a person looks at it: populations fold into one node with a count, IPs fold into
// their pool (the pool node shows them as a strip), providers enclose their pools. Built from the
// Boost.Graph of models/topology.hpp, then laid out in columns: tenants | pools | gateways |
// scorers, the way mail flows.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/scenario_loader.hpp"
#include "models/ids.hpp"
#include "models/topology.hpp"

namespace repsim::viz {

inline constexpr int kTopologyColumns = 4;
int column_of(models::NodeKind kind);  // Tenant 0, Provider and Pool 1, Gateway 2, Scorer 3; Ip -1

struct ViewNode {
  models::NodeKind kind = models::NodeKind::Tenant;
  std::string name;                       // entity id, or the population id for a population
  std::vector<std::uint32_t> members;     // entity indices of that kind, ascending
  std::vector<std::string> member_names;  // their ids ("pop#0", ...), as metrics key them
  bool population = false;
  std::uint32_t provider_node = models::kNone;  // pools: the node of their provider
  std::vector<models::IpIndex> ips;             // pools: their IPs in pool order
  float x = 0, y = 0;                           // centre in the unit square
};

struct ViewEdge {
  std::uint32_t from;  // node indices; tenant->pool, pool->gateway, gateway->scorer
  std::uint32_t to;
  bool operator==(const ViewEdge&) const = default;
  auto operator<=>(const ViewEdge&) const = default;
};

class TopologyView {
 public:
  TopologyView() = default;
  TopologyView(const models::Topology& topology, const std::vector<io::PopulationRange>& tenant_populations,
               const std::vector<io::PopulationRange>& gateway_populations);

  const std::vector<ViewNode>& nodes() const { return nodes_; }
  const std::vector<ViewEdge>& edges() const { return edges_; }
  // The node that stands for an entity (its population's node for a member); kNone when unknown.
  std::uint32_t node_of(models::NodeKind kind, std::uint32_t index) const;
  // The first node named `name` (a population by its id), or kNone.
  std::uint32_t find(std::string_view name) const;
  // Nodes of one kind, in the order the layout stacks them top to bottom.
  std::vector<std::uint32_t> column(models::NodeKind kind) const;

 private:
  void add_group(models::NodeKind kind, std::string name, std::vector<std::uint32_t> members,
                 bool population);
  void layout();

  std::vector<ViewNode> nodes_;
  std::vector<ViewEdge> edges_;
  std::vector<std::vector<std::uint32_t>> node_of_;  // by NodeKind, by entity index
};

}  // namespace repsim::viz
