#include "experiments/compare_measures.hpp"

#include <map>

#include "io/summary_json.hpp"
#include "models/cut_off_time.hpp"

namespace repsim::experiments {
namespace {

// Entities by (kind, id) in order of first appearance, with their sums.
struct Tally {
  std::vector<EntityMeasures> entities;
  std::vector<models::DeliveryCounts> counts;
  std::vector<sim::Time> cut_off;
  std::map<std::pair<std::string, std::string>, std::size_t> slot;

  void add(std::string_view single_kind, std::string_view population_kind, const std::string& name,
           const models::DeliveryCounts& c, sim::Time cut) {
    const std::string_view population = io::population_of(name);
    const bool member = population.size() != name.size();
    std::pair<std::string, std::string> key{std::string(member ? population_kind : single_kind),
                                            std::string(population)};
    auto [it, fresh] = slot.emplace(key, entities.size());
    if (fresh) {
      entities.push_back(EntityMeasures{key.first, key.second, {}});
      counts.emplace_back();
      cut_off.push_back(0);
    }
    counts[it->second].add(c);
    cut_off[it->second] += cut;
  }

  void close(std::vector<EntityMeasures>& out) {
    for (std::size_t i = 0; i < entities.size(); ++i) {
      const models::DeliveryCounts& c = counts[i];
      auto& v = entities[i].values;
      v[static_cast<std::size_t>(CompareMeasure::CutOffHours)] =
          static_cast<double>(cut_off[i]) / static_cast<double>(sim::kHour);
      v[static_cast<std::size_t>(CompareMeasure::LostOrQueued)] =
          static_cast<double>(c.legit_lost + c.legit_queued_at_end);
      if (c.delivered > 0)
        v[static_cast<std::size_t>(CompareMeasure::LatencyP95)] =
            static_cast<double>(c.latency_s.quantile(0.95));
      out.push_back(std::move(entities[i]));
    }
  }
};

}  // namespace

std::string_view measure_name(CompareMeasure m) {
  switch (m) {
    case CompareMeasure::CutOffHours:
      return "cut_off_hours";
    case CompareMeasure::LostOrQueued:
      return "lost_or_queued";
    case CompareMeasure::LatencyP95:
      return "latency_p95_s";
  }
  return "?";
}

std::vector<EntityMeasures> measure_run(const models::Ecosystem& world, sim::Time run_end) {
  const models::Ledger& ledger = world.ledger();
  const std::vector<sim::Time> tenant_cut =
      models::cut_off_time_by_tenant(ledger.outages(), world.tenant_count(), run_end);
  std::vector<std::vector<std::pair<sim::Time, sim::Time>>> by_gateway(world.gateway_count());
  for (const models::OutageInterval& o : ledger.outages()) by_gateway[o.gateway].emplace_back(o.start, o.end);

  std::vector<EntityMeasures> out;
  Tally tenants;
  for (std::size_t i = 0; i < world.tenant_count(); ++i) {
    const models::TenantIndex t{static_cast<std::uint32_t>(i)};
    tenants.add("tenant", "population", world.tenant_name(t), ledger.tenant(t), tenant_cut[i]);
  }
  tenants.close(out);
  Tally gateways;
  for (std::size_t i = 0; i < world.gateway_count(); ++i) {
    const models::GatewayIndex g{static_cast<std::uint32_t>(i)};
    gateways.add("gateway", "gateway_population", world.gateway_name(g), ledger.gateway(g),
                 models::union_length(std::move(by_gateway[i]), run_end));
  }
  gateways.close(out);
  return out;
}

}  // namespace repsim::experiments
