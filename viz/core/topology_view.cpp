#include "viz/core/topology_view.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <map>
#include <numeric>

namespace repsim::viz {

using models::NodeKind;

int column_of(NodeKind kind) {
  switch (kind) {
    case NodeKind::Tenant:
      return 0;
    case NodeKind::Provider:
    case NodeKind::Pool:
      return 1;
    case NodeKind::Gateway:
      return 2;
    case NodeKind::Scorer:
      return 3;
    case NodeKind::Ip:
      break;
  }
  return -1;
}

void TopologyView::add_group(NodeKind kind, std::string name, std::vector<std::uint32_t> members,
                             bool population) {
  const auto node = static_cast<std::uint32_t>(nodes_.size());
  auto& index = node_of_[static_cast<int>(kind)];
  for (std::uint32_t m : members) {
    if (index.size() <= m) index.resize(m + 1, models::kNone);
    index[m] = node;
  }
  ViewNode n;
  n.kind = kind;
  n.name = std::move(name);
  n.members = std::move(members);
  n.population = population;
  nodes_.push_back(std::move(n));
}

TopologyView::TopologyView(const models::Topology& topology,
                           const std::vector<io::PopulationRange>& tenant_populations,
                           const std::vector<io::PopulationRange>& gateway_populations)
    : node_of_(6) {
  const auto& g = topology.graph();
  // Entities of each kind, by index, with their names (vertex order is kind by kind, index order).
  std::vector<std::vector<std::string>> names(6);
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    const models::TopologyNode& n = g[v];
    auto& list = names[static_cast<int>(n.kind)];
    if (list.size() <= n.index) list.resize(n.index + 1);
    list[n.index] = n.name;
  }
  auto add_kind = [&](NodeKind kind, const std::vector<io::PopulationRange>& populations) {
    const auto& list = names[static_cast<int>(kind)];
    for (std::uint32_t i = 0; i < list.size();) {
      const auto pop =
          std::find_if(populations.begin(), populations.end(),
                       [&](const io::PopulationRange& p) { return p.first == i && p.count > 0; });
      if (pop != populations.end()) {
        std::vector<std::uint32_t> members(pop->count);
        std::iota(members.begin(), members.end(), i);
        add_group(kind, pop->id, std::move(members), true);
        nodes_.back().member_names.assign(list.begin() + i, list.begin() + i + pop->count);
        i += pop->count;
      } else {
        add_group(kind, list[i], {i}, false);
        nodes_.back().member_names = {list[i]};
        ++i;
      }
    }
  };
  add_kind(NodeKind::Tenant, tenant_populations);
  add_kind(NodeKind::Provider, {});
  add_kind(NodeKind::Pool, {});
  add_kind(NodeKind::Gateway, gateway_populations);
  add_kind(NodeKind::Scorer, {});

  // IPs fold into their pool; provider -> pool edges become containment.
  std::vector<std::uint32_t> pool_node_of_ip(names[static_cast<int>(NodeKind::Ip)].size(), models::kNone);
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    const models::TopologyNode& a = g[boost::source(e, g)];
    const models::TopologyNode& b = g[boost::target(e, g)];
    if (a.kind == NodeKind::Pool && b.kind == NodeKind::Ip) {
      const std::uint32_t pool = node_of(NodeKind::Pool, a.index);
      nodes_[pool].ips.push_back(models::IpIndex{b.index});
      pool_node_of_ip[b.index] = pool;
    }
    if (a.kind == NodeKind::Provider && b.kind == NodeKind::Pool)
      nodes_[node_of(NodeKind::Pool, b.index)].provider_node = node_of(NodeKind::Provider, a.index);
  }
  for (ViewNode& n : nodes_) std::sort(n.ips.begin(), n.ips.end());
  auto node_for = [&](const models::TopologyNode& n) {
    return n.kind == NodeKind::Ip ? pool_node_of_ip[n.index] : node_of(n.kind, n.index);
  };
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    const models::TopologyNode& a = g[boost::source(e, g)];
    const models::TopologyNode& b = g[boost::target(e, g)];
    // Mail flow and sensor reports only: ownership and IPs are drawn as containment, and the
    // recipients and lookups would cross every column.
    const models::EdgeKind k = g[e].kind;
    if (k != models::EdgeKind::SendsVia && k != models::EdgeKind::Delivers &&
        k != models::EdgeKind::ReportsTo)
      continue;
    const std::uint32_t from = node_for(a), to = node_for(b);
    if (from != models::kNone && to != models::kNone && from != to) edges_.push_back(ViewEdge{from, to});
  }
  std::sort(edges_.begin(), edges_.end());
  edges_.erase(std::unique(edges_.begin(), edges_.end()), edges_.end());
  layout();
}

std::uint32_t TopologyView::node_of(NodeKind kind, std::uint32_t index) const {
  const auto k = static_cast<std::size_t>(kind);
  if (k >= node_of_.size() || index >= node_of_[k].size()) return models::kNone;
  return node_of_[k][index];
}

std::uint32_t TopologyView::find(std::string_view name) const {
  for (std::uint32_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].name == name) return i;
  return models::kNone;
}

std::vector<std::uint32_t> TopologyView::column(NodeKind kind) const {
  std::vector<std::pair<float, std::uint32_t>> order;
  for (std::uint32_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].kind == kind) order.emplace_back(nodes_[i].y, i);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::uint32_t> out;
  out.reserve(order.size());
  for (const auto& [y, i] : order) out.push_back(i);
  return out;
}

// Columns are evenly spaced. Pools stack in provider order (a provider's pools stay together and
// the provider sits at their mean); every other column is sorted by the mean rank of its
// neighbours in the pool column (one barycentre pass), ties keeping declaration order, so that
// lines cross less. Within a column, n nodes sit at y = (k + 0.5) / n.
void TopologyView::layout() {
  auto place = [&](const std::vector<std::uint32_t>& order, int col) {
    for (std::size_t k = 0; k < order.size(); ++k) {
      nodes_[order[k]].x = (static_cast<float>(col) + 0.5f) / kTopologyColumns;
      nodes_[order[k]].y = (static_cast<float>(k) + 0.5f) / static_cast<float>(order.size());
    }
  };
  std::vector<std::uint32_t> pools;
  for (std::uint32_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].kind == NodeKind::Pool) pools.push_back(i);
  std::stable_sort(pools.begin(), pools.end(), [&](std::uint32_t a, std::uint32_t b) {
    return nodes_[a].provider_node < nodes_[b].provider_node;
  });
  place(pools, 1);
  std::map<std::uint32_t, std::vector<std::uint32_t>> providers;  // node -> its pools, in node order
  for (std::uint32_t p : pools) providers[nodes_[p].provider_node].push_back(p);
  for (const auto& [provider, its_pools] : providers) {
    if (provider == models::kNone) continue;
    float sum = 0;
    for (std::uint32_t p : its_pools) sum += nodes_[p].y;
    nodes_[provider].x = 1.5f / kTopologyColumns;
    nodes_[provider].y = sum / static_cast<float>(its_pools.size());
  }
  std::vector<float> rank(nodes_.size(), 0);
  for (std::size_t k = 0; k < pools.size(); ++k) rank[pools[k]] = static_cast<float>(k);
  // Gateways are ranked by the pools they receive from; scorers by the gateways that feed them.
  auto sort_column = [&](NodeKind kind, int col) {
    std::vector<std::pair<float, std::uint32_t>> order;
    for (std::uint32_t i = 0; i < nodes_.size(); ++i) {
      if (nodes_[i].kind != kind) continue;
      float sum = 0;
      int n = 0;
      for (const ViewEdge& e : edges_) {
        const std::uint32_t other = e.from == i ? e.to : (e.to == i ? e.from : models::kNone);
        if (other == models::kNone || column_of(nodes_[other].kind) == col) continue;
        if (kind == NodeKind::Scorer && nodes_[other].kind != NodeKind::Gateway) continue;
        if (kind != NodeKind::Scorer && nodes_[other].kind != NodeKind::Pool) continue;
        sum += rank[other];
        ++n;
      }
      order.emplace_back(n ? sum / static_cast<float>(n) : 0.0f, i);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::uint32_t> ids;
    for (std::size_t k = 0; k < order.size(); ++k) {
      ids.push_back(order[k].second);
      rank[order[k].second] = static_cast<float>(k);
    }
    place(ids, col);
  };
  sort_column(NodeKind::Tenant, 0);
  sort_column(NodeKind::Gateway, 2);
  sort_column(NodeKind::Scorer, 3);
}

}  // namespace repsim::viz
