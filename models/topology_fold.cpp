#include "models/topology_fold.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace repsim::models {
namespace {

using Vertex = Topology::Vertex;
using Graph = Topology::Graph;

// Distinct details of a group's members with their counts, in order of first appearance.
using Tally = std::vector<std::pair<std::string, std::uint32_t>>;

void count(Tally& tally, const std::string& detail) {
  for (auto& [d, n] : tally)
    if (d == detail) {
      ++n;
      return;
    }
  tally.emplace_back(detail, 1);
}

std::string merged(const Tally& tally) {
  if (tally.size() == 1) return tally.front().first;
  std::string out;
  for (const auto& [d, n] : tally) out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + d;
  return out;
}

// The group of each entity, by kind and index (kNone outside every group).
std::vector<std::vector<std::uint32_t>> group_index(const Graph& full,
                                                    const std::vector<TopologyGroup>& groups) {
  std::vector<std::vector<std::uint32_t>> of(kNodeKinds);
  for (auto v : boost::make_iterator_range(boost::vertices(full))) {
    auto& list = of[static_cast<int>(full[v].kind)];
    list.resize(std::max<std::size_t>(list.size(), full[v].index + std::size_t{1}), kNone);
  }
  for (std::uint32_t g = 0; g < groups.size(); ++g) {
    auto& list = of[static_cast<int>(groups[g].kind)];
    if (std::size_t{groups[g].first} + groups[g].count > list.size())
      throw std::invalid_argument("topology: group " + groups[g].name + " runs past the last " +
                                  std::string(to_string(groups[g].kind)));
    for (std::uint32_t i = groups[g].first; i < groups[g].first + groups[g].count; ++i) list[i] = g;
  }
  return of;
}

// The pool that holds an IP, when some pool does.
std::optional<Vertex> holder(const Graph& full, Vertex ip) {
  for (auto e : boost::make_iterator_range(boost::in_edges(ip, full)))
    if (full[e].kind == EdgeKind::Holds) return boost::source(e, full);
  return std::nullopt;
}

}  // namespace

Graph fold(const Graph& full, const std::vector<TopologyGroup>& groups) {
  const auto group_of = group_index(full, groups);
  Graph out;
  std::vector<Vertex> folded(boost::num_vertices(full));
  std::vector<std::optional<Vertex>> group_vertex(groups.size());
  std::vector<Tally> tallies(groups.size());
  // IPs go second: they join their pool's node, wherever that pool itself went.
  for (bool ips : {false, true})
    for (auto v : boost::make_iterator_range(boost::vertices(full))) {
      const TopologyNode& n = full[v];
      const auto pool = n.kind == NodeKind::Ip ? holder(full, v) : std::nullopt;
      if (ips != pool.has_value()) continue;
      if (pool) {
        folded[v] = folded[*pool];
        ++out[folded[v]].ips;
        continue;
      }
      const std::uint32_t g = group_of[static_cast<int>(n.kind)][n.index];
      if (g == kNone) {
        folded[v] = boost::add_vertex(n, out);
        continue;
      }
      if (!group_vertex[g])
        group_vertex[g] =
            boost::add_vertex(TopologyNode{n.kind, groups[g].first, groups[g].name, {}, 0, 0}, out);
      folded[v] = *group_vertex[g];
      out[folded[v]].members += n.members;
      count(tallies[g], n.detail);
    }
  for (std::uint32_t g = 0; g < groups.size(); ++g)
    if (group_vertex[g]) out[*group_vertex[g]].detail = merged(tallies[g]);

  std::set<std::tuple<Vertex, Vertex, EdgeKind>> drawn;
  for (auto e : boost::make_iterator_range(boost::edges(full))) {
    const Vertex from = folded[boost::source(e, full)], to = folded[boost::target(e, full)];
    if (from != to && drawn.emplace(from, to, full[e].kind).second) boost::add_edge(from, to, full[e], out);
  }
  return out;
}

}  // namespace repsim::models
