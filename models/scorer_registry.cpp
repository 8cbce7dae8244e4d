#include "models/scorer_registry.hpp"

#include <stdexcept>

#include "models/blocklist_scorer.hpp"
#include "models/senderbase_scorer.hpp"

namespace repsim::models {

std::unique_ptr<Scorer> ScorerRegistry::build(const ScorerSpec& spec, sim::Simulation& sim,
                                              std::size_t ip_count) const {
  const ScorerType* type = find(spec.type());
  if (!type) {
    std::string known;
    for (const std::string& name : names()) known += (known.empty() ? "" : ", ") + name;
    throw std::invalid_argument("scorer '" + spec.id() + "': unknown type '" + std::string(spec.type()) +
                                "' (registered: " + known + ")");
  }
  return type->build(spec, sim, ip_count);
}

std::vector<std::string> ScorerRegistry::names_publishing(Publishes what) const {
  std::vector<std::string> out;
  for (const auto& [name, type] : entries())
    if (type.publishes == what) out.push_back(name);
  return out;
}

ScorerRegistry& scorer_registry() {
  static ScorerRegistry registry = [] {
    ScorerRegistry r;
    r.add_type<SenderBaseConfig>([](const SenderBaseConfig& c, sim::Simulation&, std::size_t ip_count) {
      return std::make_unique<SenderBaseScorer>(c, ip_count);
    });
    r.add_type<BlocklistConfig>([](const BlocklistConfig& c, sim::Simulation& sim, std::size_t ip_count) {
      return std::make_unique<BlocklistScorer>(c, sim, ip_count);
    });
    return r;
  }();
  return registry;
}

}  // namespace repsim::models
