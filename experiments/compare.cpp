#include "experiments/compare.hpp"

#include <map>

#include "experiments/grid.hpp"
#include "experiments/runner.hpp"
#include "experiments/scenario_variants.hpp"
#include "io/scenario_loader.hpp"
#include "io/scenario_run.hpp"

namespace repsim::experiments {
namespace {

std::vector<EntityMeasures> measure_one(const CompareSide& side, std::uint64_t seed,
                                        const std::optional<sim::Time>& until) {
  io::LoadOptions load;
  load.seed = seed;
  io::RunOptions run;
  run.until = until.value_or(sim::kNever);
  const io::ScenarioRun done = io::run_scenario(io::load_scenario_json(side.document, side.file, load), run);
  return measure_run(done.world(), done.now());
}

std::string entity_text(const EntityMeasures& e) { return e.kind + " " + e.id; }

}  // namespace

SideName parse_side_name(const std::string& text) {
  const std::size_t hash = text.rfind('#');
  if (hash == std::string::npos || text.find('/', hash) != std::string::npos) return {text, {}};
  return {text.substr(0, hash), text.substr(hash + 1)};
}

CompareSide load_compare_side(const SideName& name, std::uint64_t seed) {
  CompareSide side;
  side.file = name.file;
  side.label = name.variant.empty() ? name.file : name.file + "#" + name.variant;
  const nlohmann::json document = io::read_json_file(name.file);
  io::LoadOptions options;
  options.seed = seed;
  io::ScenarioRun(io::load_scenario_json(document, name.file, options)).build();
  if (name.variant.empty()) {
    side.document = document;
    return side;
  }
  const std::vector<ScenarioVariant> variants = scenario_variants(document, name.file);
  const ScenarioVariant& variant = find_variant(variants, name.variant, name.file);
  check_variant(document, name.file, variant, seed);
  side.description = variant.description;
  side.document = apply_variant(document, variant);
  return side;
}

CompareResult run_compare(const CompareSide& a, const CompareSide& b, const CompareOptions& options) {
  const std::uint32_t n = options.replications;
  CompareResult result;
  for (std::uint32_t k = 0; k < n; ++k) result.seeds.push_back(replication_seed(options.seed, k));

  // Run id r < n is replication r of A, n + r of B; each writes only its own slot.
  std::vector<std::vector<EntityMeasures>> runs(2 * std::size_t{n});
  std::vector<RunId> todo(runs.size());
  for (RunId id = 0; id < todo.size(); ++id) todo[id] = id;
  run_parallel(todo, options.threads == 0 ? default_threads() : options.threads, [&](RunId id) {
    const bool side_b = id >= n;
    runs[id] = measure_one(side_b ? b : a, result.seeds[id % n], options.until);
  });

  // Entities come out in the same order every run of a side (the scenario fixes them).
  const std::vector<EntityMeasures>& first_a = runs[0];
  const std::vector<EntityMeasures>& first_b = runs[n];
  std::map<std::pair<std::string, std::string>, std::size_t> in_b;
  for (std::size_t j = 0; j < first_b.size(); ++j) in_b.emplace(std::pair{first_b[j].kind, first_b[j].id}, j);
  std::vector<bool> matched_b(first_b.size(), false);
  for (std::size_t i = 0; i < first_a.size(); ++i) {
    const auto it = in_b.find({first_a[i].kind, first_a[i].id});
    if (it == in_b.end()) {
      result.only_a.push_back(entity_text(first_a[i]));
      continue;
    }
    const std::size_t j = it->second;
    matched_b[j] = true;
    for (CompareMeasure m : kAllCompareMeasures) {
      MeasureComparison row{first_a[i].kind, first_a[i].id, m, {}, {}, {}, {}};
      const auto slot = static_cast<std::size_t>(m);
      for (std::uint32_t k = 0; k < n; ++k) {
        const std::optional<double>& va = runs[k][i].values[slot];
        const std::optional<double>& vb = runs[n + k][j].values[slot];
        if (!va || !vb) continue;  // a latency with nothing delivered on one side
        row.a.push_back(*va);
        row.b.push_back(*vb);
        row.replications.push_back(k);
      }
      row.stats = compare_paired(row.a, row.b);
      result.rows.push_back(std::move(row));
    }
  }
  for (std::size_t j = 0; j < first_b.size(); ++j)
    if (!matched_b[j]) result.only_b.push_back(entity_text(first_b[j]));
  return result;
}

}  // namespace repsim::experiments
