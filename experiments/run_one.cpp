#include "experiments/run_one.hpp"

#include <algorithm>

#include "io/run_outputs.hpp"
#include "io/scenario_loader.hpp"
#include "io/summary_json.hpp"
#include "models/ecosystem.hpp"

namespace repsim::experiments {

nlohmann::ordered_json run_summary(const nlohmann::json& document, const std::string& name_for_errors,
                                   std::uint64_t seed, std::optional<sim::Time> until,
                                   const std::string& keep_dir) {
  io::LoadOptions options;
  options.seed = seed;
  options.check_build = false;  // the ecosystem is built right below: a refusal throws there
  io::LoadedScenario loaded = io::load_scenario_json(document, name_for_errors, options);
  const sim::Time end = until ? std::min(*until, loaded.config.duration) : loaded.config.duration;
  const io::RunInfo info{loaded.config.name, loaded.description, loaded.config.seed};
  models::Ecosystem eco(std::move(loaded.config));
  if (end > 0) eco.run_until(end);
  eco.finish();
  if (!keep_dir.empty()) io::write_run_outputs(eco, info, keep_dir);
  return io::summary_json(eco, info);
}

std::vector<std::optional<double>> run_one(const nlohmann::json& document, const std::string& name_for_errors,
                                           std::uint64_t seed, const std::vector<MetricSpec>& metrics,
                                           const std::string& keep_dir) {
  const nlohmann::ordered_json summary = run_summary(document, name_for_errors, seed, {}, keep_dir);
  std::vector<std::optional<double>> out;
  out.reserve(metrics.size());
  for (const MetricSpec& m : metrics) out.push_back(extract_metric(summary, m));
  return out;
}

}  // namespace repsim::experiments
