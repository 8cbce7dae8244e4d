#pragma once
// How each scorer type is read from a "scorers" entry of a scenario, by type name (the names of
// models::scorer_registry()). load_scorers picks the loader by "type" and checks the entry's keys
// first, so a loader reads only what its type means.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "io/json_reader.hpp"
#include "io/key_table.hpp"
#include "models/named_registry.hpp"
#include "models/scorer_spec.hpp"

namespace repsim::io {

struct ScorerLoader {
  // The type's key table (io/key_table.hpp), which includes keys::scorer() ("id", "type",
  // "scale") first. A key that only other types know is refused as "'k' applies only to <those
  // types> scorers".
  const KeyTable* keys = nullptr;
  std::function<models::ScorerSpec(const JsonNode&)> load;
};

class ScorerLoaders : public models::NamedRegistry<ScorerLoader> {
 public:
  // Registers Config::kType: load(const JsonNode&) returns a Config.
  template <models::ScorerConfigType Config, class Load>
  void add_type(const KeyTable& keys, Load load) {
    add(std::string(Config::kType),
        ScorerLoader{&keys, [load](const JsonNode& n) { return models::ScorerSpec(Config(load(n))); }});
  }
};

// The loaders of every scenario, with the built-in types. Register more before loading on threads.
ScorerLoaders& scorer_loaders();

// {min, max, bands, cuts} over the model's defaults, validated.
models::ScoreScale load_scale(const JsonNode& n);

// What every type reads alike: `id` (required) and `scale`.
template <class Config>
Config load_scorer_basics(const JsonNode& n) {
  Config c;
  c.id = n.at("id").string();
  if (auto v = n.find("scale")) c.scale = load_scale(*v);
  return c;
}

}  // namespace repsim::io
