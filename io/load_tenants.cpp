// "tenants": single senders and populations ("count" members drawn with models::expand).
#include <map>

#include "io/load_parts.hpp"
#include "io/scenario_keys.hpp"
#include "models/population.hpp"

namespace repsim::io::detail {
namespace {

// Routing and authentication, the same for every member of a population.
models::TenantSpec load_routing(const LoadContext& ctx, const JsonNode& n) {
  models::TenantSpec spec;
  spec.provider = ctx.ref<models::ProviderIndex>(n.at("provider"));
  if (auto v = n.find("pool")) {
    spec.pool = ctx.ref<models::PoolIndex>(*v);
    if (ctx.pool_info[spec.pool].provider != spec.provider)
      v->fail("pool '" + v->string() + "' belongs to provider '" +
              ctx.providers.entries()[ctx.pool_info[spec.pool].provider].id + "', not '" +
              ctx.providers.entries()[spec.provider].id + "'");
  } else {
    // The provider's first pool.
    spec.pool = models::PoolIndex{0};
    while (ctx.pool_info[spec.pool].provider != spec.provider) ++spec.pool;
  }
  if (auto v = n.find("dmarc"))
    spec.dmarc =
        v->choice<models::DmarcPolicy>("dmarc policy", {{"none", models::DmarcPolicy::None},
                                                        {"quarantine", models::DmarcPolicy::Quarantine},
                                                        {"reject", models::DmarcPolicy::Reject}});
  if (auto v = n.find("always_signs")) spec.always_signs = v->boolean();
  if (auto v = n.find("fallback_providers"))
    for (const JsonNode& p : v->items()) {
      const models::ProviderIndex f = ctx.ref<models::ProviderIndex>(p);
      if (f == spec.provider) p.fail("the tenant's own provider is not a fallback");
      for (models::ProviderIndex known : spec.fallback_providers)
        if (known == f) p.fail("provider '" + p.string() + "' is listed twice");
      spec.fallback_providers.push_back(f);
    }
  return spec;
}

models::TenantPopulation load_population(const LoadContext& ctx, const JsonNode& n,
                                         models::TenantConfig base) {
  models::TenantPopulation p;
  p.base = std::move(base);
  p.count = ctx.count(n.at("count"));
  if (auto v = n.find("volume_cv")) p.volume_cv = v->number_in(0.0, 100.0);
  if (auto v = n.find("compromise_probability")) p.compromise_probability = v->share();
  p.episode_window_end = ctx.config.duration;
  if (auto v = n.find("episode_window_start")) p.episode_window_start = ctx.time_in_run(*v);
  if (auto v = n.find("episode_window_end")) p.episode_window_end = ctx.time_in_run(*v);
  if (auto v = n.find("recipients_per_member")) p.recipients_per_member = v->uint32_in(1, 1'000'000);
  if (auto v = n.find("arrivals"))
    p.pooled_arrivals = v->choice<bool>("arrivals", {{"per_member", false}, {"pooled", true}});
  if (p.compromise_probability > 0) {
    if (p.base.episodes.size() != 1)
      n.fail("compromise_probability > 0 needs exactly one template episode in 'episodes', got " +
             std::to_string(p.base.episodes.size()));
    if (p.episode_window_end <= p.episode_window_start)
      n.fail("the episode window is empty (episode_window_end is not after episode_window_start)");
  } else if (!p.base.episodes.empty()) {
    n.at("episodes").fail("a population's template episode is used only with compromise_probability > 0");
  }
  return p;
}

}  // namespace

void load_tenants(LoadContext& ctx, const JsonNode& array) {
  const sim::StreamFactory streams(ctx.config.seed);
  std::map<models::PoolIndex, std::uint32_t> placed_on_dedicated;

  for (const JsonNode& n : array.items()) {
    const bool population = n.has("count");
    check_variant_keys(n, keys::tenant_shapes(), population ? 1 : 0);
    models::TenantConfig base = load_tenant_config(ctx, n, population);
    const models::TenantSpec routing = load_routing(ctx, n);

    std::vector<models::TenantConfig> members;
    if (population) {
      const models::TenantPopulation p = load_population(ctx, n, std::move(base));
      const std::string id = n.at("id").string();
      model_check(n, [&] { members = models::expand(p, streams, id); });
      ctx.out.tenant_populations.push_back(
          PopulationRange{id, static_cast<std::uint32_t>(ctx.config.tenants.size()), p.count});
    } else {
      // A single sender stands for its share of the world's mail: it grows with the world.
      base.messages_per_day *= ctx.scale;
      members.push_back(std::move(base));
    }

    const PoolInfo& pool = ctx.pool_info[routing.pool];
    if (pool.assignment == models::Assignment::Dedicated) {
      std::uint32_t& taken = placed_on_dedicated[routing.pool];
      if (std::uint64_t{taken} + members.size() > pool.size)
        (n.has("pool") ? n.at("pool") : n.at("provider"))
            .fail("pool '" + ctx.pools.entries()[routing.pool].id + "' has " + std::to_string(pool.size) +
                  " dedicated IPs, too few for " + std::to_string(std::uint64_t{taken} + members.size()) +
                  " tenants");
      taken += static_cast<std::uint32_t>(members.size());
    }
    for (models::TenantConfig& m : members) {
      models::TenantSpec spec = routing;
      spec.config = std::move(m);
      ctx.config.tenants.push_back(std::move(spec));
    }
  }
}

}  // namespace repsim::io::detail
