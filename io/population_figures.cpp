#include "io/population_figures.hpp"

#include <map>

#include "models/cut_off_time.hpp"

namespace repsim::io {

double GroupFigures::cut_off_share(sim::Time run) const {
  if (members == 0 || run <= 0) return 0;
  return static_cast<double>(cut_off_time) / (static_cast<double>(members) * static_cast<double>(run));
}

std::vector<GroupFigures> group_figures(const models::Ecosystem& eco, const Grouping& g, sim::Time end) {
  std::vector<GroupFigures> out(g.names.size());
  for (std::size_t k = 0; k < out.size(); ++k) out[k].members = g.members[k];
  for (models::TenantIndex t{0}; t < eco.tenant_count(); ++t)
    out[g.group_of[t]].counts.add(eco.ledger().tenant(t));
  for (const models::OutageInterval& o : eco.ledger().outages()) {
    GroupFigures& f = out[g.group_of[o.tenant]];
    ++f.outage_count;
    f.outage_pair_time += o.duration(end);
  }
  const auto cut_off = models::cut_off_time_by_tenant(eco.ledger().outages(), eco.tenant_count(), end);
  for (models::TenantIndex t{0}; t < eco.tenant_count(); ++t) {
    if (cut_off[t] == 0) continue;
    GroupFigures& f = out[g.group_of[t]];
    f.cut_off_time += cut_off[t];
    ++f.members_cut_off;
  }
  return out;
}

Grouping group_by_population(const models::Ecosystem& eco) {
  return group_entities(eco.tenant_count(), 0, [&](std::size_t t) -> const std::string& {
    return eco.tenant_name(models::TenantIndex{t});
  });
}

Grouping group_by_design(const models::Ecosystem& eco) {
  std::vector<std::string> kinds(eco.tenant_count());
  for (models::TenantIndex t{0}; t < eco.tenant_count(); ++t)
    kinds[t] = std::string(models::to_string(eco.pools()[eco.config().tenants[t].pool].kind));
  // group_entities groups past its cap by the name before '#': a kind has none, so it is the group.
  return group_entities(kinds.size(), 0, [&](std::size_t t) -> const std::string& { return kinds[t]; });
}

}  // namespace repsim::io
