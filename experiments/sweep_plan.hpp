#pragma once
// Everything `repsim sweep` knows before the first run: the spec, its scenario document (parsed
// once, `set` applied), the grid, and the spec hash that names the sweep in its output directory.
// prepare_sweep proves the whole sweep can run: every pointer exists in the scenario, every variant
// loads and builds (io::load_scenario_json, io::ScenarioRun::build), every metric path exists in a
// summary. A bad spec is an io::LoadError in the spec file, at the pointer of the entry to fix.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "experiments/grid.hpp"
#include "experiments/sweep_spec.hpp"

namespace repsim::experiments {

struct SweepPlan {
  SweepSpec spec;
  Grid grid;
  nlohmann::json scenario;    // with `set` applied
  std::string scenario_name;  // the FILE of the scenario's own errors
  std::string hash;           // spec_hash(spec.document, the scenario as read)
};

SweepPlan prepare_sweep(const std::string& spec_path);
SweepPlan prepare_sweep(SweepSpec spec);

// The scenario of one variant: the plan's document with the variant's values put in.
nlohmann::json variant_document(const SweepPlan& plan, std::uint64_t variant);

// 16 hex digits of FNV-1a 64 over the canonical text (sorted keys, no spaces) of the spec and of its
// scenario: editing either, but not re-indenting either, makes another sweep.
std::string spec_hash(const nlohmann::json& spec, const nlohmann::json& scenario);

}  // namespace repsim::experiments
