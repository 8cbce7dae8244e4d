#pragma once
// Small worlds built in code for the ecosystem's scenario-level tests (before any JSON exists).
#include <limits>
#include <string>

#include "models/ecosystem_config.hpp"
#include "models/gateway_policy.hpp"
#include "models/senderbase_scorer.hpp"

namespace repsim::testing {

// Gateways of every world, by index.
inline constexpr models::GatewayIndex kGoodOnly{0}, kNeutralOk{1}, kBulk{2};

// A SenderBase tuned so hand checks stay simple: evidence that fades by time alone (half-life 2 h,
// whatever the volume), 6 h recovery half-life, spam alone saturating at 5 points (a clean 5 falls
// to about 0, Neutral), complaints and traps ignored.
inline models::SenderBaseConfig test_senderbase() {
  models::SenderBaseConfig sb;
  sb.evidence_half_life = sim::hours(2);
  sb.evidence_volume = std::numeric_limits<double>::infinity();
  sb.recovery_half_life = sim::hours(6);
  sb.warmup_volume = 100;
  sb.weights.spam_ratio = 5.0;
  sb.weights.spam_saturation = 0.01;
  sb.weights.complaints_per_1000 = 0.0;
  sb.weights.trap_hits = 0.0;
  return sb;
}

// Three gateways, all SenderBase sensors: "good-only" defers anything not Good, "neutral-ok"
// refuses only Poor, "bulk" reads no score and rejects every spam it sees (detection 1).
inline void add_gateways(models::EcosystemConfig& c) {
  const models::ScoreScale scale;
  models::GatewayConfig good, neutral, bulk;
  good.id = "good-only";
  good.reputation = models::ScorerIndex{0};
  good.policy = models::good_only_policy(scale);
  neutral.id = "neutral-ok";
  neutral.reputation = models::ScorerIndex{0};
  neutral.policy = models::neutral_ok_policy(scale);
  bulk.id = "bulk";
  bulk.content.spam_detection = 1.0;
  for (auto* g : {&good, &neutral, &bulk}) {
    g->reports_to = {models::ScorerIndex{0}};
    g->check_spf = false;
    c.gateways.push_back(*g);
  }
}

inline models::TenantConfig flat_tenant(const std::string& id, double per_day,
                                        std::vector<models::RecipientShare> recipients) {
  models::TenantConfig t;
  t.id = id;
  t.messages_per_day = per_day;
  t.profile = models::TrafficProfile::flat();
  t.recipients = std::move(recipients);
  return t;
}

// 20 tenants mailing all three gateways; `dedicated` puts each on its own established IP instead of
// an 8-IP established shared pool. Tenant 0 is compromised at +48 h for 6 h (600 spam/h to bulk).
inline models::EcosystemConfig pool_world(bool dedicated) {
  models::EcosystemConfig c;
  c.name = dedicated ? "dedicated" : "shared";
  c.calendar = sim::Calendar::parse("2012-05-07T00:00:00-04:00");
  c.duration = sim::days(4);
  c.seed = 42;
  c.scorers.push_back(test_senderbase());
  models::ProviderSpec provider;
  provider.config.id = "o365";
  models::PoolSpec pool;
  pool.id = dedicated ? "dedicated" : "shared";
  pool.kind = dedicated ? models::PoolKind::Dedicated : models::PoolKind::Shared;
  pool.assignment = dedicated ? models::Assignment::Dedicated : models::Assignment::RoundRobin;
  pool.size = dedicated ? 20 : 8;
  pool.initial_score = 5.0;
  provider.pools.push_back(pool);
  c.providers.push_back(provider);
  add_gateways(c);
  for (int t = 0; t < 20; ++t) {
    models::TenantSpec spec;
    spec.config = flat_tenant("t" + std::to_string(t), 480, {{kGoodOnly, 1}, {kNeutralOk, 1}, {kBulk, 1}});
    c.tenants.push_back(spec);
  }
  models::Compromise burst;
  burst.tenant = models::TenantIndex{0};
  burst.episode.duration = sim::hours(6);
  burst.episode.messages_per_hour = 600;
  burst.episode.recipients = {{kBulk, 1}};
  burst.episode.trap_share = 0;
  c.timeline.push_back({sim::hours(48), "timeline", burst});
  return c;
}

}  // namespace repsim::testing
