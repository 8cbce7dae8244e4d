#include "viz/core/snapshot.hpp"

#include <cmath>
#include <limits>
#include <variant>

namespace repsim::viz {

using models::kNone;
using models::NodeKind;

void LiveCounts::add(const models::DeliveryCounts& c) {
  sent += c.sent;
  delivered += c.delivered;
  deferred_attempts += c.deferred_attempts;
  bounced += c.bounced();
  filtered += c.filtered;
  legit_lost += c.legit_lost;
  spam_accepted += c.spam_accepted;
  delay_notices += c.delay_notices;
  refusal_blips += c.refusal_blips;
}

FlowTotals flow_totals(const models::Ecosystem& eco, const TopologyView& view) {
  FlowTotals out;
  // Every (tenant node, gateway node) combination, in node order: a fixed set, so the FlowWindow's
  // records line up from frame to frame whichever pairs have exchanged mail yet.
  std::vector<std::uint32_t> t_nodes, g_nodes;
  for (std::uint32_t n = 0; n < view.nodes().size(); ++n) {
    if (view.nodes()[n].kind == NodeKind::Tenant) t_nodes.push_back(n);
    if (view.nodes()[n].kind == NodeKind::Gateway) g_nodes.push_back(n);
  }
  std::vector<std::uint32_t> t_rank(view.nodes().size(), 0), g_rank(view.nodes().size(), 0);
  for (std::uint32_t k = 0; k < t_nodes.size(); ++k) t_rank[t_nodes[k]] = k;
  for (std::uint32_t k = 0; k < g_nodes.size(); ++k) g_rank[g_nodes[k]] = k;
  for (std::uint32_t tn : t_nodes)
    for (std::uint32_t gn : g_nodes) out.keys.emplace_back(tn, gn);
  out.counts.resize(out.keys.size());
  const models::Ledger& ledger = eco.ledger();
  for (const auto& [t, g] : ledger.pairs()) {
    const std::uint32_t tn = view.node_of(NodeKind::Tenant, t), gn = view.node_of(NodeKind::Gateway, g);
    if (tn == kNone || gn == kNone) continue;
    const models::DeliveryCounts& c = ledger.pair(t, g);
    out.counts[t_rank[tn] * g_nodes.size() + g_rank[gn]] +=
        FlowCounts{c.delivered, c.deferred_attempts, c.rejected};
  }
  return out;
}

models::PoolIndex current_pool(const models::Ecosystem& eco, models::TenantIndex tenant,
                               models::GatewayIndex gateway) {
  const models::ProviderIndex p = eco.route(tenant, gateway);
  const models::TenantSpec& spec = eco.config().tenants[tenant];
  if (p == spec.provider) return spec.pool;
  for (models::PoolIndex pool{0}; pool < eco.pools().size(); ++pool)
    if (eco.provider_of_pool(pool) == p && eco.pools()[pool].assignment != models::Assignment::Dedicated)
      return pool;
  return spec.pool;
}

namespace {

models::ScorerIndex main_scorer(const models::Ecosystem& eco) {
  for (models::ScorerIndex s{0}; s < eco.scorer_count(); ++s)
    if (eco.scorer(s).publishes() == models::Publishes::Scores) return s;
  return eco.scorer_count() ? models::ScorerIndex{0} : models::ScorerIndex{kNone};
}

void build_nodes(const models::Ecosystem& eco, const TopologyView& view, Snapshot& out) {
  out.nodes.assign(view.nodes().size(), NodeLive{});
  const models::Ledger& ledger = eco.ledger();
  for (std::uint32_t n = 0; n < view.nodes().size(); ++n) {
    const ViewNode& v = view.nodes()[n];
    NodeLive& live = out.nodes[n];
    switch (v.kind) {
      case NodeKind::Tenant:
        for (std::uint32_t t : v.members)
          ledger.each_pair_of(models::TenantIndex{t},
                              [&live](const models::DeliveryCounts& c) { live.counts.add(c); });
        break;
      case NodeKind::Gateway:
        for (std::uint32_t g : v.members) live.counts.add(ledger.gateway(models::GatewayIndex{g}));
        live.threshold = eco.gateway(models::GatewayIndex{v.members.front()}).threshold();
        break;
      case NodeKind::Provider:
        for (std::uint32_t p : v.members) live.queued += eco.provider(models::ProviderIndex{p}).queued();
        break;
      case NodeKind::Pool: {
        if (out.main_scorer == kNone) break;
        const models::Scorer& s = eco.scorer(out.main_scorer);
        std::vector<int> per_band(s.scale().bands.size(), 0);
        double sum = 0;
        int scored = 0;
        for (models::IpIndex ip : v.ips) {
          int band = -1;
          if (const auto score = s.standing(ip).score) {
            band = static_cast<int>(s.scale().band_of(*score));
            ++per_band[static_cast<std::size_t>(band)];
            sum += *score;
            ++scored;
          }
          live.ip_band.push_back(band);
        }
        for (std::size_t b = 0; b < per_band.size(); ++b)
          if (per_band[b] > 0 &&
              (live.band < 0 || per_band[b] > per_band[static_cast<std::size_t>(live.band)]))
            live.band = static_cast<int>(b);
        live.mean_score = scored ? sum / scored : std::nan("");
        break;
      }
      case NodeKind::Scorer:
      case NodeKind::Ip:
        break;
    }
  }
  for (const models::OutageInterval& o : ledger.outages()) {
    if (o.end != sim::kNever) continue;
    const std::uint32_t tn = view.node_of(NodeKind::Tenant, o.tenant),
                        gn = view.node_of(NodeKind::Gateway, o.gateway);
    if (tn != kNone) ++out.nodes[tn].open_outages;
    if (gn != kNone) ++out.nodes[gn].open_outages;
  }
}

}  // namespace

void SnapshotBuilder::build(const models::Ecosystem& eco, const TopologyView& view, const SeriesStore& series,
                            const FlowWindow& window, const FlowTotals& totals, std::uint32_t selected,
                            Snapshot& out) {
  out.now = eco.simulation().now();
  out.events = eco.simulation().events_handled();
  out.main_scorer = main_scorer(eco);
  if (out.duration == 0) {  // first build
    out.calendar = eco.calendar();
    out.duration = eco.config().duration;
    out.scales.clear();
    out.publishes_scores.clear();
    for (models::ScorerIndex s{0}; s < eco.scorer_count(); ++s) {
      out.scales.push_back(eco.scorer(s).scale());
      out.publishes_scores.push_back(eco.scorer(s).publishes() == models::Publishes::Scores);
    }
  }
  build_nodes(eco, view, out);
  out.flows.clear();
  for (std::size_t i = 0; i < totals.keys.size(); ++i) {
    if (totals.counts[i].total() == 0) continue;
    const auto [tn, gn] = totals.keys[i];
    FlowLive f{tn, gn, kNone, totals.counts[i], window.delta(i, out.now, totals.counts[i]), FlowState::Idle};
    f.state = classify(f.recent);
    f.pool_node =
        view.node_of(NodeKind::Pool, current_pool(eco, models::TenantIndex{view.nodes()[tn].members.front()},
                                                  models::GatewayIndex{view.nodes()[gn].members.front()}));
    out.flows.push_back(f);
  }
  build_accept_lines(eco, view, series, out);
  out.inspector = inspect(eco, view, out, selected);
}

void SnapshotBuilder::build_accept_lines(const models::Ecosystem& eco, const TopologyView& view,
                                         const SeriesStore& series, Snapshot& out) {
  out.accept_lines.clear();
  for (std::uint32_t n = 0; n < view.nodes().size(); ++n) {
    const ViewNode& v = view.nodes()[n];
    if (v.kind != NodeKind::Gateway) continue;
    const models::Gateway& gw = eco.gateway(models::GatewayIndex{v.members.front()});
    const models::ScorerIndex s = gw.config().reputation;
    if (s == kNone) continue;
    AcceptLine line{n, s, {}};
    // The gauge is the floor already (models/accept_floor.hpp), NaN where there is no line.
    for (const Point& p : series.series({models::Gauge::AcceptFloor, gw.id()})) line.floor.push_back(p);
    out.accept_lines.push_back(std::move(line));
  }
}

}  // namespace repsim::viz
