#include "viz/core/whatif.hpp"

#include <cstdio>
#include <stdexcept>
#include <variant>

#include "sim/calendar.hpp"
#include "viz/core/time_axis.hpp"

namespace repsim::viz {
namespace {

using models::kNone;

const ViewNode& node(const TopologyView& view, std::uint32_t n, models::NodeKind kind, const char* what) {
  if (n >= view.nodes().size() || view.nodes()[n].kind != kind)
    throw std::invalid_argument(std::string("choose a ") + what);
  return view.nodes()[n];
}

const models::ScoreScale& reputation_scale(const models::Ecosystem& eco, models::GatewayIndex g) {
  const models::ScorerIndex s = eco.gateway(g).config().reputation;
  if (s == kNone)
    throw std::invalid_argument("gateway '" + eco.gateway_name(g) +
                                "' has no reputation scorer: a threshold needs one");
  return eco.scorer(s).scale();
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void check_on_scale(double v, const models::ScoreScale& scale, const char* what) {
  if (!(v >= scale.min && v <= scale.max))
    throw std::invalid_argument(std::string(what) + " is outside the score scale");
}

}  // namespace

std::vector<models::Action> expand(const WhatIfRequest& r, const TopologyView& view,
                                   const models::Ecosystem& eco) {
  std::vector<models::Action> out;
  switch (r.kind) {
    case WhatIfKind::SetThreshold: {
      for (std::uint32_t member : node(view, r.gateway_node, models::NodeKind::Gateway, "gateway").members) {
        const models::GatewayIndex g{member};
        check_on_scale(r.value, reputation_scale(eco, g), "the threshold");
        out.emplace_back(std::in_place_type<models::SetThreshold>, models::SetThreshold{g, r.value});
      }
      break;
    }
    case WhatIfKind::Allowlist: {
      const ViewNode& gw = node(view, r.gateway_node, models::NodeKind::Gateway, "gateway");
      const ViewNode& tn = node(view, r.tenant_node, models::NodeKind::Tenant, "tenant");
      for (std::uint32_t g : gw.members)
        for (std::uint32_t t : tn.members)
          out.emplace_back(std::in_place_type<models::Allowlist>,
                           models::Allowlist{models::GatewayIndex{g}, models::TenantIndex{t}, kNone});
      break;
    }
    case WhatIfKind::Reroute: {
      const ViewNode& tn = node(view, r.tenant_node, models::NodeKind::Tenant, "tenant");
      if (r.provider >= eco.provider_count())
        throw std::invalid_argument("choose a provider to reroute through");
      bool shared = false;
      for (models::PoolIndex p{0}; p < eco.pools().size(); ++p)
        shared = shared || (eco.provider_of_pool(p) == r.provider &&
                            eco.pools()[p].assignment != models::Assignment::Dedicated);
      if (!shared)
        throw std::invalid_argument("provider '" + eco.provider_name(r.provider) +
                                    "' has no shared pool to reroute onto");
      std::vector<std::uint32_t> gateways{kNone};
      if (r.gateway_node != kNone)
        gateways = node(view, r.gateway_node, models::NodeKind::Gateway, "gateway").members;
      for (std::uint32_t g : gateways)
        for (std::uint32_t t : tn.members)
          out.emplace_back(std::in_place_type<models::Reroute>,
                           models::Reroute{models::TenantIndex{t}, models::GatewayIndex{g}, r.provider});
      break;
    }
    case WhatIfKind::RestoreScore: {
      if (r.scorer >= eco.scorer_count()) throw std::invalid_argument("choose a scorer");
      if (eco.scorer(r.scorer).publishes() != models::Publishes::Scores)
        throw std::invalid_argument("scorer '" + eco.scorer(r.scorer).id() +
                                    "' publishes listings: it has no score to restore");
      check_on_scale(r.value, eco.scorer(r.scorer).scale(), "the score");
      std::vector<models::IpIndex> ips;
      if (r.pool_node != kNone) ips = node(view, r.pool_node, models::NodeKind::Pool, "pool").ips;
      out.emplace_back(std::in_place_type<models::RestoreScore>,
                       models::RestoreScore{r.scorer, std::move(ips), r.value});
      break;
    }
  }
  return out;
}

std::string whatif_label(const models::TimedAction& a, const models::Ecosystem& eco) {
  std::string what(models::action_name(a.action));
  if (const auto* t = std::get_if<models::SetThreshold>(&a.action))
    what = eco.gateway_name(t->gateway) + " threshold " + number(t->threshold);
  else if (const auto* l = std::get_if<models::Allowlist>(&a.action))
    what = eco.gateway_name(l->gateway) + " allowlists " +
           (l->tenant != kNone ? eco.tenant_name(l->tenant) : "an IP");
  else if (const auto* r = std::get_if<models::Reroute>(&a.action))
    what = eco.tenant_name(r->tenant) + " -> " +
           (r->gateway == kNone ? std::string("all") : eco.gateway_name(r->gateway)) + " via " +
           eco.provider_name(r->to);
  else if (const auto* s = std::get_if<models::RestoreScore>(&a.action))
    what = eco.scorer(s->scorer).id() + " restores " +
           (s->ips.empty() ? "all IPs" : std::to_string(s->ips.size()) + " IPs") + " to " + number(s->score);
  return eco.calendar().short_text(a.at) + "  " + what;
}

}  // namespace repsim::viz
