// The top level of a scenario file, and the order its sections are read in.
#include "io/scenario_loader.hpp"

#include <cmath>

#include "io/load_parts.hpp"
#include "io/load_problems.hpp"
#include "io/scenario_keys.hpp"

namespace repsim::io {

LoadedScenario load_scenario_file(const std::string& path, const LoadOptions& options) {
  return load_scenario_json(read_json_file(path), path, options);
}

LoadedScenario load_scenario_text(std::string_view text, const std::string& name_for_errors,
                                  const LoadOptions& options) {
  return load_scenario_json(parse_json_text(text, name_for_errors), name_for_errors, options);
}

namespace {

LoadedScenario load(const nlohmann::json& document, const std::string& name_for_errors,
                    const LoadOptions& options, LoadProblems& problems) {
  LoadedScenario out;
  out.source = name_for_errors;
  detail::LoadContext ctx(out);
  ctx.file = name_for_errors;
  ctx.document = &document;
  if (!(options.scale > 0.0) || !std::isfinite(options.scale))
    throw LoadError(name_for_errors, "",
                    "scale must be a finite number > 0, got " + format_number(options.scale));
  ctx.scale = options.scale;
  models::EcosystemConfig& c = out.config;

  JsonNode root(document, name_for_errors);
  root.collect_into(&problems);
  root.check_keys(keys::scenario());
  if (auto v = root.find("$schema")) v->string();  // for editors; not used
  if (auto v = root.find("name")) c.name = v->nonempty_string();
  if (auto v = root.find("description")) out.description = v->string();
  if (auto v = root.find("notes"))
    for (const JsonNode& note : v->items()) out.notes.push_back(note.string());
  const JsonNode start = root.at("start");
  try {
    c.calendar = sim::Calendar::parse(start.string());
  } catch (const std::invalid_argument& e) {
    start.fail(std::string("bad start time: ") + e.what());
  }
  c.duration = root.at("duration").positive_duration();
  if (auto v = root.find("seed")) c.seed = v->unsigned_in(0, UINT64_MAX);
  if (options.seed) c.seed = *options.seed;
  if (auto v = root.find("sample_every")) c.sample_every = v->positive_duration();
  if (auto v = root.find("cut_off")) {
    v->check_keys(keys::cut_off());
    if (auto gap = v->find("quiet_gap")) c.cut_off.quiet_gap = gap->positive_duration();
    if (auto min = v->find("min_duration")) c.cut_off.min_duration = min->duration();
  }

  if (auto v = root.find("variants")) detail::check_variants_shape(*v);

  detail::register_ids(ctx, root);
  // Scorers and providers (with their pools and IPs) first: the other sections refer to them, and
  // actions refer to the gateways' scorers.
  using Loader = void (*)(detail::LoadContext&, const JsonNode&);
  const std::pair<const char*, Loader> sections[] = {
      {"scorers", detail::load_scorers},     {"providers", detail::load_providers},
      {"gateways", detail::load_gateways},   {"tenants", detail::load_tenants},
      {"operators", detail::load_operators}, {"timeline", detail::load_timeline},
  };
  for (const auto& [key, load] : sections)
    if (auto v = root.find(key)) load(ctx, *v);
  return out;
}

}  // namespace

LoadedScenario load_scenario_json(const nlohmann::json& document, const std::string& name_for_errors,
                                  const LoadOptions& options) {
  // Problems after which loading can go on are collected; the first that stops it is added to them.
  LoadProblems problems;
  try {
    LoadedScenario out = load(document, name_for_errors, options, problems);
    if (problems.empty()) return out;
  } catch (const LoadError& e) {
    if (problems.empty()) throw;
    problems.add(e);
  } catch (const std::exception&) {
    // A model refusing a value clamped after an earlier problem: that problem is the news.
    if (problems.empty()) throw;
  }
  problems.throw_all();
}

}  // namespace repsim::io
