#pragma once
// Named designs within one scenario file (its top-level `variants`, scenarios/README.md): a
// variant is the file as written with its `set` edits applied, reached and checked as a sweep's
// `set` is (experiments/scenario_overrides.hpp), so an edited value is judged by the loader exactly
// as a hand-written one.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "experiments/sweep_spec.hpp"

namespace repsim::experiments {

struct ScenarioVariant {
  std::string name;
  std::string pointer;  // "/variants/0"
  std::string description;
  std::vector<SetEntry> set;  // spec_pointer: "/variants/0/set/~1tenants~10~1pool", for errors
};

// The document's variants in file order (none when it declares none). Each edit's pointer must
// exist in the document but for its last key (check_pointer_in); errors are LoadErrors at the edit.
std::vector<ScenarioVariant> scenario_variants(const nlohmann::json& document, const std::string& file);

// The variant called `name`; a LoadError at FILE: /variants listing the names otherwise.
const ScenarioVariant& find_variant(const std::vector<ScenarioVariant>& variants, const std::string& name,
                                    const std::string& file);

// `document` with the variant's edits applied.
nlohmann::json apply_variant(const nlohmann::json& document, const ScenarioVariant& variant);

// Loads and builds the variant with `seed` as a run would. A refusal related to one of its edits is
// a LoadError at that edit ("FILE: /variants/0/set/~1tenants~10~1pool: \"x\" makes the scenario
// invalid: ..."); any other at the variant's /set.
void check_variant(const nlohmann::json& document, const std::string& file, const ScenarioVariant& variant,
                   std::uint64_t seed);

// Every variant of the document loads and builds (repsim validate).
void check_variants(const nlohmann::json& document, const std::string& file, std::uint64_t seed);

}  // namespace repsim::experiments
