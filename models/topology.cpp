#include "models/topology.hpp"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/pending/queue.hpp>
#include <iterator>
#include <set>
#include <stdexcept>

#include "models/ecosystem.hpp"
#include "models/gateway_policy.hpp"

namespace repsim::models {
namespace {

template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Edge filter of a walk: keeps the edges whose kind is in the mask.
struct EdgeKindIn {
  const Topology::Graph* graph = nullptr;
  unsigned mask = 0;
  template <class Edge>
  bool operator()(const Edge& e) const {
    return (mask >> static_cast<unsigned>((*graph)[e].kind) & 1u) != 0;
  }
};

struct RecordDiscovered : boost::default_bfs_visitor {
  std::vector<Topology::Vertex>* found;
  template <class G>
  void discover_vertex(Topology::Vertex v, const G&) const {
    found->push_back(v);
  }
};

template <class G>
void bfs(const G& g, const std::vector<Topology::Vertex>& sources, std::size_t vertex_count,
         std::vector<Topology::Vertex>& found) {
  std::vector<boost::default_color_type> color(vertex_count, boost::white_color);
  boost::queue<Topology::Vertex> buffer;
  RecordDiscovered visitor;
  visitor.found = &found;
  boost::breadth_first_visit(
      g, sources.begin(), sources.end(), buffer, visitor,
      boost::make_iterator_property_map(color.begin(), boost::identity_property_map()));
}

}  // namespace

std::string_view to_string(NodeKind k) {
  switch (k) {
    case NodeKind::Provider:
      return "provider";
    case NodeKind::Pool:
      return "pool";
    case NodeKind::Ip:
      return "ip";
    case NodeKind::Tenant:
      return "tenant";
    case NodeKind::Gateway:
      return "gateway";
    case NodeKind::Scorer:
      return "scorer";
  }
  return "unknown";
}

std::string_view to_string(EdgeKind k) {
  switch (k) {
    case EdgeKind::Owns:
      return "owns";
    case EdgeKind::Holds:
      return "holds";
    case EdgeKind::SendsVia:
      return "sends_via";
    case EdgeKind::Mails:
      return "mails";
    case EdgeKind::Delivers:
      return "delivers";
    case EdgeKind::ReportsTo:
      return "reports_to";
    case EdgeKind::Reads:
      return "reads";
  }
  return "unknown";
}

TopologyInput TopologyInput::from(const Ecosystem& eco) {
  TopologyInput in;
  for (ProviderIndex p{0}; p < eco.provider_count(); ++p) in.providers.push_back(eco.provider_name(p));
  in.pools_of_provider.resize(eco.provider_count());
  for (PoolIndex p{0}; p < eco.pools().size(); ++p) {
    in.pools.push_back(eco.pools()[p].id);
    in.pool_kinds.push_back(eco.pools()[p].kind);
    in.ips_of_pool.push_back(eco.pools()[p].ips);
    in.pools_of_provider[eco.provider_of_pool(p)].push_back(p);
  }
  for (const IpAddress& ip : eco.ips()) in.ips.push_back(ip.address);
  for (GatewayIndex g{0}; g < eco.gateway_count(); ++g) {
    const GatewayConfig& cfg = eco.gateway(g).config();
    in.gateways.push_back(cfg.id);
    in.scorers_fed_by_gateway.push_back(cfg.reports_to);
    std::vector<ScorerIndex> read;
    if (cfg.reputation != kNone) read.push_back(cfg.reputation);
    if (cfg.blocklist != kNone) read.push_back(cfg.blocklist);
    in.scorers_read_by_gateway.push_back(read);
    in.gateway_policies.push_back(
        policy_label(cfg.policy, cfg.reputation == kNone ? nullptr : &eco.scorer(cfg.reputation).scale()));
  }
  for (ScorerIndex s{0}; s < eco.scorer_count(); ++s) in.scorers.push_back(eco.scorer(s).id());
  for (TenantIndex t{0}; t < eco.tenant_count(); ++t) {
    const TenantSpec& spec = eco.config().tenants[t];
    in.tenants.push_back(spec.config.id);
    std::vector<GatewayIndex> mails;
    for (const RecipientShare& r : spec.config.recipients) mails.push_back(r.gateway);
    for (const CompromiseEpisode& e : spec.config.episodes)
      for (const RecipientShare& r : e.recipients) mails.push_back(r.gateway);
    sort_unique(mails);
    in.gateways_of_tenant.push_back(mails);
    const IpPool& pool = eco.pools()[spec.pool];
    if (pool.assignment == Assignment::Dedicated) {
      in.pools_of_tenant.emplace_back();
      in.own_ips_of_tenant.push_back({pool.ip_of_tenant[t]});
    } else {
      in.pools_of_tenant.push_back({spec.pool});
      in.own_ips_of_tenant.emplace_back();
    }
  }
  return in;
}

Topology::Topology(const TopologyInput& in) : vertex_of_(kNodeKinds) {
  auto add_all = [&](NodeKind kind, const std::vector<std::string>& names) {
    for (std::uint32_t i = 0; i < names.size(); ++i)
      vertex_of_[static_cast<int>(kind)].push_back(
          boost::add_vertex(TopologyNode{kind, i, names[i], {}, 1, 0}, graph_));
  };
  add_all(NodeKind::Provider, in.providers);
  add_all(NodeKind::Pool, in.pools);
  add_all(NodeKind::Ip, in.ips);
  add_all(NodeKind::Tenant, in.tenants);
  add_all(NodeKind::Gateway, in.gateways);
  add_all(NodeKind::Scorer, in.scorers);
  for (PoolIndex p{0}; p < in.pool_kinds.size(); ++p)
    graph_[vertex(NodeKind::Pool, p)].detail = to_string(in.pool_kinds[p]);
  for (GatewayIndex g{0}; g < in.gateway_policies.size(); ++g)
    graph_[vertex(NodeKind::Gateway, g)].detail = in.gateway_policies[g];

  // One relation: relation[i] lists the entities of kind `to` that entity i of kind `from` is
  // linked to. vertex() refuses unknown indices on either side.
  auto link = [&](NodeKind from, NodeKind to, EdgeKind kind, const auto& relation) {
    for (std::uint32_t i = 0; i < relation.size(); ++i)
      for (std::uint32_t j : relation[i])
        boost::add_edge(vertex(from, i), vertex(to, j), TopologyEdge{kind}, graph_);
  };
  link(NodeKind::Provider, NodeKind::Pool, EdgeKind::Owns, in.pools_of_provider);
  link(NodeKind::Pool, NodeKind::Ip, EdgeKind::Holds, in.ips_of_pool);
  link(NodeKind::Tenant, NodeKind::Pool, EdgeKind::SendsVia, in.pools_of_tenant);
  link(NodeKind::Tenant, NodeKind::Ip, EdgeKind::SendsVia, in.own_ips_of_tenant);
  link(NodeKind::Tenant, NodeKind::Gateway, EdgeKind::Mails, in.gateways_of_tenant);

  // An IP delivers to a gateway when some tenant sending through it mails that gateway. Pools
  // gather their tenants' gateways first: a pool's tenants times its IPs would be too many pairs.
  std::vector<std::set<GatewayIndex>> gateways_of_pool(in.pools.size());
  std::vector<std::set<GatewayIndex>> gateways_of_ip(in.ips.size());
  for (TenantIndex t{0}; t < in.gateways_of_tenant.size(); ++t) {
    const auto& mails = in.gateways_of_tenant[t];
    if (t < in.pools_of_tenant.size())
      for (PoolIndex pool : in.pools_of_tenant[t]) gateways_of_pool[pool].insert(mails.begin(), mails.end());
    if (t < in.own_ips_of_tenant.size())
      for (IpIndex ip : in.own_ips_of_tenant[t]) gateways_of_ip[ip].insert(mails.begin(), mails.end());
  }
  for (PoolIndex pool{0}; pool < in.ips_of_pool.size(); ++pool)
    for (IpIndex ip : in.ips_of_pool[pool])
      gateways_of_ip[ip].insert(gateways_of_pool[pool].begin(), gateways_of_pool[pool].end());
  link(NodeKind::Ip, NodeKind::Gateway, EdgeKind::Delivers, gateways_of_ip);

  link(NodeKind::Gateway, NodeKind::Scorer, EdgeKind::ReportsTo, in.scorers_fed_by_gateway);
  link(NodeKind::Gateway, NodeKind::Scorer, EdgeKind::Reads, in.scorers_read_by_gateway);
}

Topology::Vertex Topology::vertex(NodeKind kind, std::uint32_t index) const {
  const auto& v = vertex_of_[static_cast<int>(kind)];
  if (index >= v.size()) throw std::invalid_argument("topology: unknown " + std::string(to_string(kind)));
  return v[index];
}

std::vector<Topology::Vertex> Topology::reach(const std::vector<Vertex>& sources,
                                              std::initializer_list<EdgeKind> kinds,
                                              Direction direction) const {
  EdgeKindIn filter{&graph_, 0};
  for (EdgeKind k : kinds) filter.mask |= 1u << static_cast<unsigned>(k);
  const boost::filtered_graph<Graph, EdgeKindIn> walk(graph_, filter);
  std::vector<Vertex> found;
  if (direction == Direction::Along)
    bfs(walk, sources, boost::num_vertices(graph_), found);
  else
    bfs(boost::make_reverse_graph(walk), sources, boost::num_vertices(graph_), found);
  return found;
}

// Down from the tenant: its pool's IPs, or its own IP (a dedicated pool is not linked to it).
std::vector<IpIndex> Topology::ips_of_tenant(TenantIndex t) const {
  return indices_of<IpIndex>(NodeKind::Ip, reach({vertex(NodeKind::Tenant, t)},
                                                 {EdgeKind::SendsVia, EdgeKind::Holds}, Direction::Along));
}

// Down to its IPs, then back up the same kinds of edges to everyone else who sends through them.
std::vector<TenantIndex> Topology::co_tenants(TenantIndex t) const {
  auto out = indices_of<TenantIndex>(NodeKind::Tenant,
                                     reach(vertices_of(NodeKind::Ip, ips_of_tenant(t)),
                                           {EdgeKind::SendsVia, EdgeKind::Holds}, Direction::Against));
  out.erase(std::remove(out.begin(), out.end(), t), out.end());
  return out;
}

Topology::BlastRadius Topology::blast_radius(TenantIndex compromised) const {
  BlastRadius r;
  r.ips = ips_of_tenant(compromised);
  r.tenants = co_tenants(compromised);
  // Its spam lowers the scores fed by the gateways it mails ...
  const auto fed = reach({vertex(NodeKind::Tenant, compromised)}, {EdgeKind::Mails, EdgeKind::ReportsTo},
                         Direction::Along);
  const auto readers = indices_of<GatewayIndex>(
      NodeKind::Gateway, reach(vertices_of(NodeKind::Scorer, indices_of<ScorerIndex>(NodeKind::Scorer, fed)),
                               {EdgeKind::Reads}, Direction::Against));
  // ... and hurts every gateway that reads one of those scores and receives mail from its IPs.
  const auto receiving = indices_of<GatewayIndex>(
      NodeKind::Gateway, reach(vertices_of(NodeKind::Ip, r.ips), {EdgeKind::Delivers}, Direction::Along));
  std::set_intersection(readers.begin(), readers.end(), receiving.begin(), receiving.end(),
                        std::back_inserter(r.gateways));
  return r;
}

}  // namespace repsim::models
