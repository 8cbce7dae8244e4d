#include "experiments/run_one.hpp"

#include "io/scenario_loader.hpp"
#include "io/scenario_run.hpp"

namespace repsim::experiments {

nlohmann::ordered_json run_summary(const nlohmann::json& document, const std::string& name_for_errors,
                                   std::uint64_t seed, std::optional<sim::Time> until,
                                   const std::string& keep_dir) {
  io::LoadOptions load;
  load.seed = seed;
  io::RunOptions run;
  run.until = until.value_or(sim::kNever);
  run.out_dir = keep_dir;
  return io::run_scenario(io::load_scenario_json(document, name_for_errors, load), run).summary();
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
