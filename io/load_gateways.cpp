// "gateways": receiving organisations, single or populations ("count" members, with an optional
// mix of policies apportioned over them).
#include <cmath>

#include "io/load_parts.hpp"
#include "io/load_policy.hpp"
#include "io/scenario_keys.hpp"
#include "models/scorer_registry.hpp"

namespace repsim::io::detail {
namespace {

void load_allowlist(const LoadContext& ctx, const JsonNode& n, models::GatewayConfig& g) {
  n.check_keys(keys::allowlist());
  if (auto v = n.find("domains"))
    for (const JsonNode& d : v->items())
      for (models::TenantIndex t : ctx.refs_all<models::TenantIndex>(d)) g.allowlist_domains.push_back(t);
  if (auto v = n.find("ips"))
    for (const JsonNode& i : v->items())
      for (models::IpIndex ip : ctx.ips(i)) g.allowlist_ips.push_back(ip);
}

models::OutageWindow load_outage(const LoadContext& ctx, const JsonNode& n) {
  n.check_keys(keys::outage());
  models::OutageWindow w;
  std::tie(w.start, w.end) = ctx.window(n, false);
  if (auto v = n.find("code")) w.code = LoadContext::failure_code(*v);
  if (auto v = n.find("text")) w.text = v->string();
  return w;
}

models::DnsFailure load_dns(const LoadContext& ctx, const JsonNode& n) {
  n.check_keys(keys::dns_failure());
  models::DnsFailure d;
  if (auto v = n.find("probability")) d.probability = v->share();
  if (auto v = n.find("providers"))
    for (const JsonNode& p : v->items()) d.providers.push_back(ctx.ref<models::ProviderIndex>(p));
  return d;
}

models::ContentFilter load_content(const JsonNode& n) {
  n.check_keys(keys::content_filter());
  models::ContentFilter c;
  if (auto v = n.find("spam_detection")) c.spam_detection = v->share();
  if (auto v = n.find("false_positive")) c.false_positive = v->share();
  return c;
}

// The scorer a gateway's `reputation` (publishing scores) or `blocklist` (publishing listings) names.
models::ScorerIndex scorer_publishing(const LoadContext& ctx, const JsonNode& n, models::Publishes what) {
  const models::ScorerIndex s = ctx.ref<models::ScorerIndex>(n);
  const models::ScorerSpec& spec = ctx.config.scorers[s];
  if (spec.publishes() != what) {
    std::string types;
    for (const std::string& type : models::scorer_registry().names_publishing(what))
      types += (types.empty() ? "" : " or ") + type;
    n.fail("scorer '" + n.string() + "' is a " + std::string(spec.type()) + " scorer; '" +
           (what == models::Publishes::Scores ? "reputation" : "blocklist") + "' needs a " + types +
           " scorer");
  }
  return s;
}

// Largest remainder: member counts proportional to the weights, summing to `count`; ties in the
// remainders go to the earlier entry.
std::vector<std::uint32_t> apportion(std::uint32_t count, const std::vector<double>& weights) {
  double total = 0;
  for (double w : weights) total += w;
  std::vector<std::uint32_t> n(weights.size());
  std::vector<double> rest(weights.size());
  std::uint32_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double quota = static_cast<double>(count) * weights[i] / total;
    n[i] = static_cast<std::uint32_t>(std::floor(quota));
    rest[i] = quota - std::floor(quota);
    given += n[i];
  }
  while (given < count) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < rest.size(); ++i)
      if (rest[i] > rest[best]) best = i;
    ++n[best];
    rest[best] = -1;  // at most one extra member per entry
    ++given;
  }
  return n;
}

}  // namespace

void load_gateways(LoadContext& ctx, const JsonNode& array) {
  for (const JsonNode& n : array.items()) {
    const bool population = n.has("count");
    check_variant_keys(n, keys::gateway_shapes(), population ? 1 : 0);
    models::GatewayConfig g;
    g.id = n.at("id").string();
    if (auto v = n.find("reputation")) g.reputation = scorer_publishing(ctx, *v, models::Publishes::Scores);
    if (auto v = n.find("blocklist")) g.blocklist = scorer_publishing(ctx, *v, models::Publishes::Listings);
    const models::ScoreScale* scale = g.reputation == models::kNone ? nullptr : &ctx.scale_of(g.reputation);
    const auto mix = population ? n.find("policy_mix") : std::nullopt;
    if (mix) reject_keys(n, keys::gateway_policy().names(), "is set per entry of 'policy_mix'");
    g.policy = load_policy(ctx, n, scale);
    if (auto v = n.find("allowlist")) load_allowlist(ctx, *v, g);
    if (auto v = n.find("max_connections")) g.max_connections = v->uint32_in(0, 1u << 20);
    if (auto v = n.find("session_time")) g.session_time = v->positive_duration();
    if (auto v = n.find("outages"))
      for (const JsonNode& o : v->items()) g.outages.push_back(load_outage(ctx, o));
    if (auto v = n.find("dns_failure")) g.dns = load_dns(ctx, *v);
    if (auto v = n.find("content_filter")) g.content = load_content(*v);
    if (auto v = n.find("check_spf")) g.check_spf = v->boolean();
    if (auto v = n.find("enforce_dmarc")) g.enforce_dmarc = v->boolean();
    // A gateway that reads a service is, by default, one of its sensors (SenderBase Network
    // Participation): without sensors a service would never score anyone.
    if (auto v = n.find("reports_to")) {
      for (const JsonNode& s : v->items()) {
        const models::ScorerIndex index = ctx.ref<models::ScorerIndex>(s);
        for (models::ScorerIndex known : g.reports_to)
          if (known == index) s.fail("scorer '" + s.string() + "' is listed twice");
        g.reports_to.push_back(index);
      }
    } else {
      if (g.reputation != models::kNone) g.reports_to.push_back(g.reputation);
      if (g.blocklist != models::kNone) g.reports_to.push_back(g.blocklist);
    }
    if (auto v = n.find("complaint_rate")) g.complaint_rate = v->share();
    if (auto v = n.find("trap_share")) g.trap_share = v->share();

    if (!population) {
      ctx.config.gateways.push_back(std::move(g));
      continue;
    }
    const std::uint32_t count = ctx.count(n.at("count"));
    std::vector<models::GatewayPolicy> policies{g.policy};
    std::vector<std::uint32_t> members{count};
    if (mix) {
      policies.clear();
      std::vector<double> weights;
      for (const JsonNode& e : mix->items()) {
        e.check_keys(keys::policy_mix_entry());
        weights.push_back(e.at("weight").nonnegative());
        policies.push_back(load_policy(ctx, e, scale));
      }
      if (weights.empty()) mix->fail("list at least one entry");
      double total = 0;
      for (double w : weights) total += w;
      if (!(total > 0)) mix->fail("every weight is 0");
      members = apportion(count, weights);
    }
    ctx.out.gateway_populations.push_back(
        PopulationRange{g.id, static_cast<std::uint32_t>(ctx.config.gateways.size()), count});
    std::uint32_t k = 0;
    for (std::size_t e = 0; e < policies.size(); ++e)
      for (std::uint32_t i = 0; i < members[e]; ++i, ++k) {
        models::GatewayConfig m = g;
        m.id = g.id + "#" + std::to_string(k);
        m.policy = policies[e];
        ctx.config.gateways.push_back(std::move(m));
      }
  }
}

}  // namespace repsim::io::detail
