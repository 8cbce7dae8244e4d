#include "models/topology.hpp"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "models/ecosystem.hpp"
#include "models/ip_pool.hpp"

namespace repsim::models {
namespace {

constexpr const char* kKindName[] = {"provider", "pool", "ip", "tenant", "gateway", "scorer"};
constexpr const char* kShape[] = {"box3d", "folder", "ellipse", "box", "house", "diamond"};

template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

TopologyInput TopologyInput::from(const Ecosystem& eco) {
  TopologyInput in;
  for (ProviderIndex p = 0; p < eco.provider_count(); ++p) in.providers.push_back(eco.provider_name(p));
  in.pools_of_provider.resize(eco.provider_count());
  for (PoolIndex p = 0; p < eco.pools().size(); ++p) {
    in.pools.push_back(eco.pools()[p].id);
    in.ips_of_pool.push_back(eco.pools()[p].ips);
    in.pools_of_provider[eco.provider_of_pool(p)].push_back(p);
  }
  for (const IpAddress& ip : eco.ips()) in.ips.push_back(ip.address);
  for (GatewayIndex g = 0; g < eco.gateway_count(); ++g) {
    const GatewayConfig& cfg = eco.gateway(g).config();
    in.gateways.push_back(cfg.id);
    in.scorers_fed_by_gateway.push_back(cfg.reports_to);
    std::vector<ScorerIndex> read;
    if (cfg.reputation != kNone) read.push_back(cfg.reputation);
    if (cfg.blocklist != kNone) read.push_back(cfg.blocklist);
    in.scorers_read_by_gateway.push_back(read);
  }
  for (ScorerIndex s = 0; s < eco.scorer_count(); ++s) in.scorers.push_back(eco.scorer(s).id());
  for (TenantIndex t = 0; t < eco.tenant_count(); ++t) {
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

Topology::Topology(TopologyInput input) : in_(std::move(input)), vertex_of_(6) {
  auto add_all = [&](NodeKind kind, const std::vector<std::string>& names) {
    for (std::uint32_t i = 0; i < names.size(); ++i)
      vertex_of_[static_cast<int>(kind)].push_back(
          boost::add_vertex(TopologyNode{kind, i, names[i]}, graph_));
  };
  add_all(NodeKind::Provider, in_.providers);
  add_all(NodeKind::Pool, in_.pools);
  add_all(NodeKind::Ip, in_.ips);
  add_all(NodeKind::Tenant, in_.tenants);
  add_all(NodeKind::Gateway, in_.gateways);
  add_all(NodeKind::Scorer, in_.scorers);
  auto at = [&](const auto& v, std::size_t i, const char* what) -> const auto& {
    if (i >= v.size()) throw std::invalid_argument(std::string("topology: unknown ") + what);
    return v[i];
  };
  for (ProviderIndex p = 0; p < in_.pools_of_provider.size(); ++p)
    for (PoolIndex pool : in_.pools_of_provider[p])
      boost::add_edge(vertex(NodeKind::Provider, p), vertex(NodeKind::Pool, pool), graph_);
  for (PoolIndex pool = 0; pool < in_.ips_of_pool.size(); ++pool)
    for (IpIndex ip : in_.ips_of_pool[pool])
      boost::add_edge(vertex(NodeKind::Pool, pool), vertex(NodeKind::Ip, ip), graph_);
  // An IP reaches a gateway when some tenant sending through it mails that gateway.
  std::vector<std::set<GatewayIndex>> gateways_of_pool(in_.pools.size());
  for (TenantIndex t = 0; t < in_.pools_of_tenant.size(); ++t)
    for (PoolIndex pool : in_.pools_of_tenant[t]) {
      boost::add_edge(vertex(NodeKind::Tenant, t), vertex(NodeKind::Pool, pool), graph_);
      for (GatewayIndex g : at(in_.gateways_of_tenant, t, "tenant")) gateways_of_pool[pool].insert(g);
    }
  std::vector<std::set<GatewayIndex>> gateways_of_ip(in_.ips.size());
  for (PoolIndex pool = 0; pool < gateways_of_pool.size(); ++pool)
    for (IpIndex ip : in_.ips_of_pool[pool])
      gateways_of_ip.at(ip).insert(gateways_of_pool[pool].begin(), gateways_of_pool[pool].end());
  for (TenantIndex t = 0; t < in_.own_ips_of_tenant.size(); ++t)
    for (IpIndex ip : in_.own_ips_of_tenant[t]) {
      boost::add_edge(vertex(NodeKind::Tenant, t), vertex(NodeKind::Ip, ip), graph_);
      for (GatewayIndex g : at(in_.gateways_of_tenant, t, "tenant")) gateways_of_ip.at(ip).insert(g);
    }
  for (IpIndex ip = 0; ip < gateways_of_ip.size(); ++ip)
    for (GatewayIndex g : gateways_of_ip[ip])
      boost::add_edge(vertex(NodeKind::Ip, ip), vertex(NodeKind::Gateway, g), graph_);
  for (GatewayIndex g = 0; g < in_.scorers_fed_by_gateway.size(); ++g)
    for (ScorerIndex s : in_.scorers_fed_by_gateway[g])
      boost::add_edge(vertex(NodeKind::Gateway, g), vertex(NodeKind::Scorer, s), graph_);
}

Topology::Vertex Topology::vertex(NodeKind kind, std::uint32_t index) const {
  const auto& v = vertex_of_[static_cast<int>(kind)];
  if (index >= v.size())
    throw std::invalid_argument(std::string("topology: unknown ") + kKindName[static_cast<int>(kind)]);
  return v[index];
}

std::vector<IpIndex> Topology::ips_of_tenant(TenantIndex t) const {
  std::vector<IpIndex> ips;
  for (auto pe : boost::make_iterator_range(boost::out_edges(vertex(NodeKind::Tenant, t), graph_))) {
    const auto next = boost::target(pe, graph_);
    if (graph_[next].kind == NodeKind::Ip) {  // its own dedicated IP
      ips.push_back(graph_[next].index);
      continue;
    }
    for (auto ie : boost::make_iterator_range(boost::out_edges(next, graph_))) {
      const TopologyNode& n = graph_[boost::target(ie, graph_)];
      if (n.kind == NodeKind::Ip) ips.push_back(n.index);
    }
  }
  sort_unique(ips);
  return ips;
}

std::vector<TenantIndex> Topology::co_tenants(TenantIndex t) const {
  std::vector<TenantIndex> out;
  for (IpIndex ip : ips_of_tenant(t))
    for (auto pe : boost::make_iterator_range(boost::in_edges(vertex(NodeKind::Ip, ip), graph_))) {
      const auto from = boost::source(pe, graph_);
      if (graph_[from].kind == NodeKind::Tenant) {  // a dedicated owner
        if (graph_[from].index != t) out.push_back(graph_[from].index);
        continue;
      }
      for (auto te : boost::make_iterator_range(boost::in_edges(from, graph_))) {
        const TopologyNode& n = graph_[boost::source(te, graph_)];
        if (n.kind == NodeKind::Tenant && n.index != t) out.push_back(n.index);
      }
    }
  sort_unique(out);
  return out;
}

Topology::BlastRadius Topology::blast_radius(TenantIndex compromised) const {
  BlastRadius r;
  r.ips = ips_of_tenant(compromised);
  r.tenants = co_tenants(compromised);
  // Its spam lowers the scores of every scorer fed by a gateway it mails ...
  std::set<ScorerIndex> fed;
  for (GatewayIndex g : in_.gateways_of_tenant[compromised])
    for (ScorerIndex s : in_.scorers_fed_by_gateway[g]) fed.insert(s);
  // ... and hurts every gateway that reads one of those scores and receives mail from those IPs.
  std::set<GatewayIndex> receiving;
  for (IpIndex ip : r.ips)
    for (auto e : boost::make_iterator_range(boost::out_edges(vertex(NodeKind::Ip, ip), graph_)))
      receiving.insert(graph_[boost::target(e, graph_)].index);
  for (GatewayIndex g : receiving)
    for (ScorerIndex s : in_.scorers_read_by_gateway[g])
      if (fed.count(s)) {
        r.gateways.push_back(g);
        break;
      }
  return r;
}

std::vector<std::pair<TenantIndex, GatewayIndex>> Topology::unreachable() const {
  std::vector<std::pair<TenantIndex, GatewayIndex>> out;
  const auto n = boost::num_vertices(graph_);
  for (TenantIndex t = 0; t < in_.tenants.size(); ++t) {
    std::vector<boost::default_color_type> color(n, boost::white_color);
    boost::breadth_first_search(graph_, vertex(NodeKind::Tenant, t),
                                boost::visitor(boost::default_bfs_visitor())
                                    .color_map(boost::make_iterator_property_map(
                                        color.begin(), boost::get(boost::vertex_index, graph_))));
    for (GatewayIndex g : in_.gateways_of_tenant[t])
      if (color[vertex(NodeKind::Gateway, g)] == boost::white_color) out.emplace_back(t, g);
  }
  return out;
}

std::string Topology::dot() const {
  std::ostringstream os;
  os << "digraph repsim {\n  rankdir=LR;\n";
  for (auto v : boost::make_iterator_range(boost::vertices(graph_))) {
    const TopologyNode& n = graph_[v];
    const int k = static_cast<int>(n.kind);
    os << "  n" << v << " [label=" << quoted(n.name) << ", shape=" << kShape[k] << ", class=" << kKindName[k]
       << "];\n";
  }
  for (auto e : boost::make_iterator_range(boost::edges(graph_)))
    os << "  n" << boost::source(e, graph_) << " -> n" << boost::target(e, graph_) << ";\n";
  os << "}\n";
  return os.str();
}

}  // namespace repsim::models
