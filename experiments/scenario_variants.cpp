#include "experiments/scenario_variants.hpp"

#include <optional>

#include "experiments/scenario_overrides.hpp"
#include "io/json_pointer.hpp"
#include "io/scenario_loader.hpp"
#include "io/scenario_run.hpp"

namespace repsim::experiments {

std::vector<ScenarioVariant> scenario_variants(const nlohmann::json& document, const std::string& file) {
  std::vector<ScenarioVariant> out;
  const io::JsonNode root(document, file);
  if (!root.is_object()) return out;
  const std::optional<io::JsonNode> variants = root.find("variants");
  if (!variants) return out;
  for (const io::JsonNode& v : variants->items()) {
    ScenarioVariant variant;
    variant.name = v.at("name").nonempty_string();
    variant.pointer = v.pointer();
    if (auto d = v.find("description")) variant.description = d->string();
    const io::JsonNode set = v.at("set");
    if (!set.is_object()) set.fail("expected an object {\"/pointer\": value, ...}, got " + set.type_name());
    for (const auto& [key, value] : set.value().items()) {
      const io::JsonNode where(value, file, io::pointer_child(set.pointer(), key));
      SetEntry e{key, io::pointer_tokens(key, where), value, where.pointer()};
      check_pointer_in(document, e.tokens, where);
      variant.set.push_back(std::move(e));
    }
    out.push_back(std::move(variant));
  }
  return out;
}

const ScenarioVariant& find_variant(const std::vector<ScenarioVariant>& variants, const std::string& name,
                                    const std::string& file) {
  std::string names;
  for (const ScenarioVariant& v : variants) {
    if (v.name == name) return v;
    names += (names.empty() ? "" : ", ") + v.name;
  }
  throw io::LoadError(file, "/variants",
                      "no variant named '" + name + "' (" +
                          (names.empty() ? std::string("the file declares none") : "it declares: " + names) +
                          ")");
}

nlohmann::json apply_variant(const nlohmann::json& document, const ScenarioVariant& variant) {
  nlohmann::json out = document;
  for (const SetEntry& e : variant.set) set_at(out, e.tokens, e.value);
  return out;
}

void check_variant(const nlohmann::json& document, const std::string& file, const ScenarioVariant& variant,
                   std::uint64_t seed) {
  io::LoadOptions options;
  options.seed = seed;
  try {
    io::ScenarioRun(io::load_scenario_json(apply_variant(document, variant), file, options)).build();
  } catch (const io::LoadError& e) {
    for (const SetEntry& set : variant.set)
      if (pointers_related(set.path, e.pointer()))
        throw io::LoadError(file, set.spec_pointer,
                            set.value.dump() + " makes the scenario invalid: " + e.what());
    throw io::LoadError(file, variant.pointer + "/set",
                        "variant '" + variant.name + "' makes the scenario invalid: " + e.what());
  }
}

void check_variants(const nlohmann::json& document, const std::string& file, std::uint64_t seed) {
  for (const ScenarioVariant& v : scenario_variants(document, file)) check_variant(document, file, v, seed);
}

}  // namespace repsim::experiments
