#pragma once
// The scorer types by name, and how each builds its scorer from its config. Adding a type: its
// config and scorer in files of their own, one add_type() in scorer_registry.cpp, its loader in
// io/scorer_loaders.cpp, its schema and docs entries (scenarios/README.md, "Adding a scorer type").
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "models/named_registry.hpp"
#include "models/scorer.hpp"
#include "models/scorer_spec.hpp"

namespace repsim::sim {
class Simulation;
}

namespace repsim::models {

struct ScorerType {
  Publishes publishes = Publishes::Scores;
  // IPs are dense indices 0..ip_count-1; the scorer may schedule events on `sim`, which outlives it.
  std::function<std::unique_ptr<Scorer>(const ScorerSpec&, sim::Simulation&, std::size_t ip_count)> build;
};

class ScorerRegistry : public NamedRegistry<ScorerType> {
 public:
  // Registers Config::kType: make(const Config&, sim::Simulation&, std::size_t ip_count) builds one.
  template <ScorerConfigType Config, class Make>
  void add_type(Make make) {
    add(std::string(Config::kType),
        ScorerType{Config::kPublishes,
                   [make](const ScorerSpec& spec, sim::Simulation& sim, std::size_t ip_count) {
                     return std::unique_ptr<Scorer>(make(spec.get<Config>(), sim, ip_count));
                   }});
  }
  // Throws std::invalid_argument naming the scorer and the registered types when its type is not
  // registered (a spec is never built as some other type).
  std::unique_ptr<Scorer> build(const ScorerSpec& spec, sim::Simulation& sim, std::size_t ip_count) const;
  // The types whose scorers publish `what`, in registration order.
  std::vector<std::string> names_publishing(Publishes what) const;
};

// The registry every Ecosystem builds from, with the built-in types. Register more before runs
// start: the runs of a sweep read it from several threads.
ScorerRegistry& scorer_registry();

}  // namespace repsim::models
