#include "experiments/sweep_plan.hpp"

#include <cstdio>
#include <optional>

#include "experiments/run_one.hpp"
#include "experiments/scenario_overrides.hpp"
#include "io/json_pointer.hpp"
#include "io/scenario_loader.hpp"
#include "io/scenario_run.hpp"
#include "sim/random.hpp"

namespace repsim::experiments {
namespace {

std::string value_text(const nlohmann::json& v) { return v.dump(); }

// Loads and builds one variant as a run would; a refusal names the vary (or set) entry to fix, in
// the spec file.
void check_variant(const SweepPlan& plan, std::uint64_t variant,
                   const std::optional<std::string>& base_error) {
  const nlohmann::json document = variant_document(plan, variant);
  io::LoadOptions options;
  options.seed = plan.grid.run(variant * plan.grid.replications()).seed;
  try {
    io::ScenarioRun(io::load_scenario_json(document, plan.scenario_name, options)).build();
  } catch (const io::LoadError& e) {
    const SweepSpec& s = plan.spec;
    const std::vector<std::size_t> pos = plan.grid.positions(variant);
    const VaryEntry* best = nullptr;
    std::size_t best_index = 0;
    for (std::size_t i = 0; i < s.vary.size(); ++i)
      if (pointers_related(s.vary[i].path, e.pointer()) &&
          (!best || s.vary[i].path.size() > best->path.size())) {
        best = &s.vary[i];
        best_index = i;
      }
    if (best) {
      const std::string at = best->spec_pointer + "/" + best->values_key +
                             (best->values_key == "values" ? "/" + std::to_string(pos[best_index]) : "");
      throw io::LoadError(
          s.file, at, value_text(best->values[pos[best_index]]) + " makes the scenario invalid: " + e.what());
    }
    for (const SetEntry& set : s.set)
      if (pointers_related(set.path, e.pointer()))
        throw io::LoadError(s.file, set.spec_pointer,
                            value_text(set.value) + " makes the scenario invalid: " + e.what());
    if (base_error || s.vary.empty()) throw io::LoadError(s.file, "/scenario", e.what());
    std::string values;
    for (std::size_t i = 0; i < s.vary.size(); ++i)
      values += (i ? ", " : "") + s.vary[i].path + " = " + value_text(s.vary[i].values[pos[i]]);
    throw io::LoadError(
        s.file, "/vary",
        "variant " + std::to_string(variant) + " (" + values + ") makes the scenario invalid: " + e.what());
  }
}

// Whether the scenario with `set` but no vary value loads and builds; its error when not.
std::optional<std::string> base_error(const SweepPlan& plan) {
  try {
    io::LoadOptions options;
    options.seed = plan.grid.run(0).seed;
    io::ScenarioRun(io::load_scenario_json(plan.scenario, plan.scenario_name, options)).build();
    return std::nullopt;
  } catch (const io::LoadError& e) {
    return e.what();
  }
}

}  // namespace

std::string spec_hash(const nlohmann::json& spec, const nlohmann::json& scenario) {
  std::uint64_t h = sim::hash_name(spec.dump());
  // Chained rather than concatenated: no text of one can be mistaken for the other.
  h = sim::mix64(h) ^ sim::hash_name(scenario.dump());
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

nlohmann::json variant_document(const SweepPlan& plan, std::uint64_t variant) {
  nlohmann::json document = plan.scenario;
  const std::vector<const nlohmann::json*> values = plan.grid.parameters(variant);
  for (std::size_t i = 0; i < values.size(); ++i) set_at(document, plan.spec.vary[i].tokens, *values[i]);
  return document;
}

SweepPlan prepare_sweep(const std::string& spec_path) { return prepare_sweep(load_sweep_spec(spec_path)); }

SweepPlan prepare_sweep(SweepSpec spec) {
  const io::JsonNode root(spec.document, spec.file);
  nlohmann::json scenario;
  try {
    scenario = io::read_json_file(spec.scenario_path.string());
  } catch (const io::LoadError& e) {
    root.at("scenario").fail(e.what());
  }
  Grid grid(spec);
  const std::string hash = spec_hash(spec.document, scenario);
  for (const SetEntry& e : spec.set) {
    check_pointer_in(scenario, e.tokens, io::JsonNode(e.value, spec.file, e.spec_pointer));
    set_at(scenario, e.tokens, e.value);
  }
  for (std::size_t i = 0; i < spec.vary.size(); ++i)
    check_pointer_in(scenario, spec.vary[i].tokens, root.at("vary").items()[i].at("path"));
  SweepPlan plan{std::move(spec), std::move(grid), std::move(scenario), {}, hash};
  plan.scenario_name = plan.spec.scenario_path.string();

  const std::optional<std::string> base = plan.spec.vary.empty() ? std::nullopt : base_error(plan);
  for (std::uint64_t v = 0; v < plan.grid.variant_count(); ++v) check_variant(plan, v, base);

  // The shape of a summary: the scenario built, run to its start and closed, which is cheap.
  const nlohmann::ordered_json shape =
      run_summary(variant_document(plan, 0), plan.scenario_name, plan.grid.run(0).seed, sim::Time{0});
  const io::JsonNode metrics = io::JsonNode(plan.spec.document, plan.spec.file).at("metrics");
  const std::vector<io::JsonNode> entries = metrics.items();
  for (std::size_t i = 0; i < plan.spec.metrics.size(); ++i)
    check_metric(shape, plan.spec.metrics[i], entries[i].at("path"));
  return plan;
}

}  // namespace repsim::experiments
