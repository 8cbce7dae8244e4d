#pragma once
// A sweep spec (experiments/*.json, documented in experiments/README.md and schema.json): which
// scenario, which of its values to vary and how, how many replications with which seeds, and which
// numbers to read from each run's summary. Reading it checks everything that needs no scenario;
// experiments/sweep_plan.hpp checks the rest against the scenario. Every problem is an
// io::LoadError, one line: "FILE: /json/pointer: what is wrong".
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "experiments/metric_path.hpp"

namespace repsim::experiments {

// More runs than this is a typo in a range, not a plan (the dry run alone would take minutes).
inline constexpr std::uint64_t kMaxRuns = 10'000'000;
inline constexpr std::uint32_t kMaxReplications = 1'000'000;
inline constexpr std::uint64_t kDefaultSeed = 1;

// A value replaced in every variant: `set` {"/duration": "2d"}.
struct SetEntry {
  std::string path;  // pointer into the scenario
  std::vector<std::string> tokens;
  nlohmann::json value;
  std::string spec_pointer;  // "/set/~1duration", for errors
};

// One `vary` entry: a pointer into the scenario and the values it takes.
struct VaryEntry {
  std::string path;
  std::vector<std::string> tokens;
  std::vector<nlohmann::json> values;  // never empty
  std::string zip;                     // entries sharing a zip name vary together; "" = own axis
  std::string spec_pointer;            // "/vary/2"
  std::string values_key;              // "values", "range" or "log_range": where the values came from
};

struct SweepSpec {
  std::string file;                     // as given: the FILE of errors
  nlohmann::json document;              // as parsed: its canonical text is hashed (experiments/manifest.hpp)
  std::string scenario;                 // as written
  std::filesystem::path scenario_path;  // resolved against the spec file's directory
  std::vector<SetEntry> set;
  std::vector<VaryEntry> vary;
  std::uint32_t replications = 1;
  std::uint64_t seed = kDefaultSeed;
  std::vector<MetricSpec> metrics;  // at least one, names unique
  bool keep_runs = false;
};

SweepSpec parse_sweep_spec(const nlohmann::json& document, const std::string& file);
SweepSpec load_sweep_spec(const std::string& path);

}  // namespace repsim::experiments
