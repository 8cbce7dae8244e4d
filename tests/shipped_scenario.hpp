#pragma once
// Runs a scenario shipped in scenarios/ to its end, for the regression tests that check its story.
#include <memory>
#include <string>
#include <vector>

#include "io/scenario_loader.hpp"
#include "models/ecosystem.hpp"

namespace repsim::testing {

inline std::unique_ptr<models::Ecosystem> run_shipped(const std::string& name) {
  auto loaded = io::load_scenario_file(std::string(REPSIM_SOURCE_DIR) + "/scenarios/" + name + ".json");
  auto eco = std::make_unique<models::Ecosystem>(std::move(loaded.config));
  eco->run();
  eco->finish();
  return eco;
}

inline models::TenantIndex tenant_index(const models::Ecosystem& eco, const std::string& id) {
  for (models::TenantIndex t{0}; t < eco.tenant_count(); ++t)
    if (eco.tenant_name(t) == id) return t;
  throw std::invalid_argument("no tenant " + id);
}

inline models::GatewayIndex gateway_index(const models::Ecosystem& eco, const std::string& id) {
  for (models::GatewayIndex g{0}; g < eco.gateway_count(); ++g)
    if (eco.gateway_name(g) == id) return g;
  throw std::invalid_argument("no gateway " + id);
}

// Every outage interval of one (tenant, gateway) pair, in the order they opened.
inline std::vector<models::OutageInterval> outages_of(const models::Ecosystem& eco, models::TenantIndex t,
                                                      models::GatewayIndex g) {
  std::vector<models::OutageInterval> out;
  for (const auto& o : eco.ledger().outages())
    if (o.tenant == t && o.gateway == g) out.push_back(o);
  return out;
}

}  // namespace repsim::testing
