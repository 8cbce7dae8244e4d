#pragma once
// Everything an Ecosystem is built from, as plain data with entities referenced by dense index.
// The scenario loader (io/) fills it from JSON; tests fill it in code.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/action.hpp"
#include "models/auth.hpp"
#include "models/gateway.hpp"
#include "models/ip_pool.hpp"
#include "models/operator.hpp"
#include "models/outage_rule.hpp"
#include "models/provider.hpp"
#include "models/scorer_spec.hpp"
#include "models/tenant.hpp"
#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace repsim::models {

struct PoolSpec {
  std::string id;
  PoolKind kind = PoolKind::Shared;
  Assignment assignment = Assignment::RoundRobin;
  std::uint32_t size = 1;  // number of IPs; a Dedicated pool needs one per tenant placed on it
  // Reports show addresses; by default "<prefix>.<k>" with a per-pool prefix.
  std::vector<std::string> addresses;  // optional explicit addresses (size entries)
  // An established pool: every score service starts its IPs at this score with this much history
  // (out of warm-up). Unset: the IPs are new, unscored until seen, and must warm up.
  std::optional<double> initial_score;
  std::uint64_t initial_volume = 1'000'000;
};

struct ProviderSpec {
  ProviderConfig config;
  std::vector<PoolSpec> pools;  // PoolIndex values are global, in provider order then pool order
};

struct TenantSpec {
  TenantConfig config;
  ProviderIndex provider{0};
  PoolIndex pool{0};  // global pool index; must belong to `provider`
  DmarcPolicy dmarc = DmarcPolicy::None;
  bool always_signs = true;
  // Other providers this tenant may be rerouted through (its SPF record lists them as well).
  std::vector<ProviderIndex> fallback_providers;
};

struct EcosystemConfig {
  std::string name = "unnamed";
  sim::Calendar calendar;
  sim::Time duration = sim::days(1);
  std::uint64_t seed = 1;
  sim::Time sample_every = sim::hours(1);
  std::vector<ScorerSpec> scorers;
  std::vector<ProviderSpec> providers;
  std::vector<TenantSpec> tenants;
  std::vector<GatewayConfig> gateways;
  std::vector<OperatorConfig> operators;
  std::vector<TimedAction> timeline;
  OutageRule cut_off;  // when a (tenant, gateway) pair counts as cut off
};

}  // namespace repsim::models
