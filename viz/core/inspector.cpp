// The inspector's rows for one selected node: the ledger's counters (summed over a population),
// and the outage intervals of its (tenant, gateway) pairs.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <variant>

#include "models/ledger.hpp"
#include "viz/core/snapshot.hpp"
#include "viz/core/time_axis.hpp"

namespace repsim::viz {
namespace {

using models::kNone;
using models::NodeKind;

std::string num(std::uint64_t v) { return std::to_string(v); }

std::string fixed(double v, int digits) {
  if (std::isnan(v)) return "-";
  if (std::isinf(v)) return v > 0 ? "none (+inf)" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

void add_counts(Inspector& in, const LiveCounts& c) {
  in.rows.emplace_back("sent", num(c.sent));
  in.rows.emplace_back("delivered", num(c.delivered));
  in.rows.emplace_back("deferred (4xx)", num(c.deferred_attempts));
  in.rows.emplace_back("bounced (5xx, expired)", num(c.bounced));
  in.rows.emplace_back("filtered outbound", num(c.filtered));
  in.rows.emplace_back("legit lost", num(c.legit_lost));
  in.rows.emplace_back("spam accepted", num(c.spam_accepted));
  in.rows.emplace_back("delay notices", num(c.delay_notices));
  in.rows.emplace_back("refusal blips", num(c.refusal_blips));
}

void add_latency(Inspector& in, const sim::Histogram& h) {
  if (h.count() == 0) return;
  // Seconds, minutes or hours: a deferral of days reads badly in minutes.
  auto span = [](std::int64_t s) {
    if (s < 120) return std::to_string(s) + " s";
    if (s < 7200) return fixed(static_cast<double>(s) / 60, 0) + " min";
    return fixed(static_cast<double>(s) / 3600, 1) + " h";
  };
  in.rows.emplace_back("latency p50/95/99", span(h.quantile(0.5)) + " / " + span(h.quantile(0.95)) + " / " +
                                                span(h.quantile(0.99)));
}

void add_outages(Inspector& in, const models::Ecosystem& eco, const TopologyView& view, std::uint32_t node,
                 sim::Time now) {
  const auto& all = eco.ledger().outages();
  for (std::size_t k = all.size(); k-- > 0;) {
    const models::OutageInterval& o = all[k];
    if (view.node_of(NodeKind::Tenant, o.tenant) != node &&
        view.node_of(NodeKind::Gateway, o.gateway) != node)
      continue;
    ++in.outage_count;
    in.outage_hours += sim::to_hours(o.duration(now));
    if (in.outages.size() < kInspectorOutages)
      in.outages.push_back(InspectorOutage{eco.tenant_name(o.tenant) + "->" + eco.gateway_name(o.gateway),
                                           o.start, o.end, std::string(models::to_string(o.cause))});
  }
}

}  // namespace

Inspector inspect(const models::Ecosystem& eco, const TopologyView& view, const Snapshot& snap,
                  std::uint32_t node) {
  Inspector in;
  if (node >= view.nodes().size() || node >= snap.nodes.size()) return in;
  const ViewNode& v = view.nodes()[node];
  const NodeLive& live = snap.nodes[node];
  static constexpr const char* kKind[] = {"provider", "pool", "IP", "tenant", "gateway", "scorer"};
  in.title = std::string(kKind[static_cast<int>(v.kind)]) + " " + v.name;
  if (v.population) in.rows.emplace_back("members", num(v.members.size()));
  switch (v.kind) {
    case NodeKind::Tenant: {
      add_counts(in, live.counts);
      sim::Histogram latency;  // a tenant's latencies are its pairs'
      for (std::uint32_t t : v.members)
        eco.ledger().each_pair_of(models::TenantIndex{t}, [&latency](const models::DeliveryCounts& c) {
          latency.merge(c.latency_s);
        });
      add_latency(in, latency);
      in.rows.emplace_back("in outage now", num(live.open_outages));
      add_outages(in, eco, view, node, snap.now);
      break;
    }
    case NodeKind::Gateway: {
      const models::Gateway& gw = eco.gateway(models::GatewayIndex{v.members.front()});
      add_counts(in, live.counts);
      sim::Histogram latency;
      for (std::uint32_t g : v.members)
        latency.merge(eco.ledger().gateway(models::GatewayIndex{g}).latency_s);
      add_latency(in, latency);
      in.rows.emplace_back("threshold", fixed(live.threshold, 2));
      in.rows.emplace_back(
          "reputation", gw.config().reputation == kNone ? "none" : eco.scorer(gw.config().reputation).id());
      in.rows.emplace_back("allowlisted domains / IPs", num(gw.config().allowlist_domains.size()) + " / " +
                                                            num(gw.config().allowlist_ips.size()));
      in.rows.emplace_back("outage windows", num(gw.outages().size()));
      in.rows.emplace_back("in outage now", num(live.open_outages));
      add_outages(in, eco, view, node, snap.now);
      break;
    }
    case NodeKind::Pool: {
      const models::IpPool& pool = eco.pools()[v.members.front()];
      in.rows.emplace_back("provider",
                           eco.provider_name(eco.provider_of_pool(models::PoolIndex{v.members.front()})));
      static constexpr const char* kPoolKind[] = {"shared", "dedicated", "high risk"};
      in.rows.emplace_back("kind", kPoolKind[static_cast<int>(pool.kind)]);
      in.rows.emplace_back("IPs", num(pool.ips.size()));
      if (snap.main_scorer != kNone) {
        const models::Scorer& s = eco.scorer(snap.main_scorer);
        in.rows.emplace_back(s.id() + " mean score", fixed(live.mean_score, 2));
        std::vector<int> per_band(s.scale().bands.size(), 0);
        int unscored = 0;
        for (int b : live.ip_band) b < 0 ? ++unscored : ++per_band[static_cast<std::size_t>(b)];
        std::string bands;
        for (std::size_t b = 0; b < per_band.size(); ++b)
          bands += (b ? ", " : "") + s.scale().bands[b] + " " + num(static_cast<std::uint64_t>(per_band[b]));
        if (unscored) bands += ", unscored " + num(static_cast<std::uint64_t>(unscored));
        in.rows.emplace_back("IPs by band", bands);
        for (std::size_t k = 0; k < pool.ips.size() && k < 8; ++k) {
          const models::IpIndex ip = pool.ips[k];
          const models::IpAddress& a = eco.ips()[ip];
          const auto score = s.standing(ip).score;
          in.rows.emplace_back(a.address, (score ? fixed(*score, 2) : std::string("unscored")) +
                                              ", attempts " + num(a.attempts) + ", delivered " +
                                              num(a.delivered));
        }
        if (pool.ips.size() > 8) in.rows.emplace_back("...", num(pool.ips.size() - 8) + " more IPs");
      }
      break;
    }
    case NodeKind::Provider: {
      const models::Provider& p = eco.provider(models::ProviderIndex{v.members.front()});
      in.rows.emplace_back("queued now", num(p.queued()));
      in.rows.emplace_back("waits for a connection", num(p.connection_waits()));
      break;
    }
    case NodeKind::Scorer: {
      const models::Scorer& s = eco.scorer(models::ScorerIndex{v.members.front()});
      std::string bands;
      for (std::size_t b = 0; b < s.scale().bands.size(); ++b) bands += (b ? ", " : "") + s.scale().bands[b];
      in.rows.emplace_back("scale",
                           fixed(s.scale().min, 0) + " .. " + fixed(s.scale().max, 0) + ": " + bands);
      std::uint64_t scored = 0, listed = 0;
      for (models::IpIndex ip{0}; ip < eco.ips().size(); ++ip) {
        scored += s.has_score(ip);
        listed += s.listed(ip);
      }
      in.rows.emplace_back("IPs scored / listed", num(scored) + " / " + num(listed));
      break;
    }
    case NodeKind::Ip:
      break;
  }
  return in;
}

}  // namespace repsim::viz
