#pragma once
// Scenario JSON -> models::EcosystemConfig. The format is documented field by field in
// scenarios/README.md and checked by schema/scenario.schema.json; this loader is its reference.
// Every problem (unreadable file, bad JSON, unknown key, wrong type, value out of range, unknown or
// duplicate id, time outside the run) is an io::LoadError whose what() is one line:
// "FILE: /json/pointer: what is wrong". Problems after which the rest can still be checked (unknown
// keys, values out of range) are collected and thrown together when loading ends or stops: what()
// is still the first alone, LoadError::lines() has them all (io/load_problems.hpp). Loading builds no world:
// the models have the last word when io::ScenarioRun builds it (io/scenario_run.hpp), and a refusal there is
// a LoadError at "/".
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/json_reader.hpp"
#include "io/load_error.hpp"
#include "models/ecosystem_config.hpp"

namespace repsim::io {

// A `count` entry of the scenario: members are config entries first .. first+count-1, named
// "<id>#0" .. "<id>#<count-1>".
struct PopulationRange {
  std::string id;
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};

struct LoadedScenario {
  models::EcosystemConfig config;
  std::string description;
  std::vector<std::string> notes;  // free text for reports (sources, assumptions)
  std::string source;              // the file name (or name_for_errors) it was read from
  std::vector<PopulationRange> tenant_populations;
  std::vector<PopulationRange> gateway_populations;
};

struct LoadOptions {
  // Replaces the file's `seed` before anything is drawn: populations are expanded with the seed
  // the run will use (repsim run --seed N).
  std::optional<std::uint64_t> seed;
  // Multiplies the size of the world (repsim run --scale X): every population's `count`, every
  // pool's `size` (pools that list explicit `addresses` keep theirs) and the messages_per_day of
  // single tenants are multiplied by `scale` and rounded to the nearest integer (counts and sizes
  // at least 1). Per-member quantities of a population stay as written, so the world's volume
  // scales through its member counts. Must be finite and > 0; 1 reads the file as written.
  double scale = 1.0;
};

LoadedScenario load_scenario_file(const std::string& path, const LoadOptions& options = {});
LoadedScenario load_scenario_text(std::string_view text, const std::string& name_for_errors,
                                  const LoadOptions& options = {});
// For callers that edit the document first (sweep variants): `document` as parsed by
// parse_json_text / read_json_file.
LoadedScenario load_scenario_json(const nlohmann::json& document, const std::string& name_for_errors,
                                  const LoadOptions& options = {});

}  // namespace repsim::io
