#pragma once
// One run of a sweep, a pure function of (scenario document, seed): the pipeline of `repsim run`
// (io::load_scenario_json, then io::run_scenario: build, run, finish, summary), in memory. Nothing
// here touches shared state, so runs can go on in parallel threads.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "experiments/metric_path.hpp"
#include "sim/time.hpp"

namespace repsim::experiments {

// Loads `document` with `seed`, runs it to `until` (its duration when absent, capped by it) and
// closes the books. With a non-empty keep_dir, also writes the run's full outputs there
// (io::write_run_outputs). A document the loader or the models refuse throws io::LoadError; a model
// that fails while running throws what it throws.
nlohmann::ordered_json run_summary(const nlohmann::json& document, const std::string& name_for_errors,
                                   std::uint64_t seed, std::optional<sim::Time> until = {},
                                   const std::string& keep_dir = {});

// run_summary to the end, then every metric read from the summary (absent: an empty cell).
std::vector<std::optional<double>> run_one(const nlohmann::json& document, const std::string& name_for_errors,
                                           std::uint64_t seed, const std::vector<MetricSpec>& metrics,
                                           const std::string& keep_dir = {});

}  // namespace repsim::experiments
