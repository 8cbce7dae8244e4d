#include "experiments/sweep_spec.hpp"

#include <map>

#include "experiments/value_ranges.hpp"
#include "io/json_pointer.hpp"
#include "io/json_reader.hpp"

namespace repsim::experiments {
namespace {

// The sweep seeds every replication itself (common random numbers): a scenario seed of its own
// would silently undo that.
void refuse_seed_path(const std::vector<std::string>& tokens, const io::JsonNode& where) {
  if (tokens.size() == 1 && tokens[0] == "seed")
    where.fail(
        "the scenario's /seed is set per replication from the spec's 'seed': vary replications instead");
}

VaryEntry parse_vary_entry(const io::JsonNode& entry) {
  entry.check_keys({"path", "values", "range", "log_range", "zip"});
  VaryEntry v;
  v.spec_pointer = entry.pointer();
  const io::JsonNode path = entry.at("path");
  v.path = path.string();
  v.tokens = io::pointer_tokens(v.path, path);
  refuse_seed_path(v.tokens, path);
  int given = 0;
  for (const char* key : {"values", "range", "log_range"})
    if (entry.has(key)) {
      ++given;
      v.values_key = key;
    }
  if (given != 1)
    entry.fail(given == 0 ? "missing its values: give one of 'values', 'range', 'log_range'"
                          : "give only one of 'values', 'range', 'log_range'");
  const io::JsonNode source = entry.at(v.values_key);
  if (v.values_key == "values") {
    for (const io::JsonNode& item : source.items()) v.values.push_back(item.value());
    if (v.values.empty()) source.fail("values is empty: give at least one value");
  } else if (v.values_key == "range") {
    v.values = expand_range(source);
  } else {
    v.values = expand_log_range(source);
  }
  if (auto zip = entry.find("zip")) v.zip = zip->nonempty_string();
  return v;
}

// Zip groups vary together, so their lists must be equally long.
void check_zip_lengths(const std::vector<VaryEntry>& vary, const io::JsonNode& root) {
  std::map<std::string, const VaryEntry*> first;
  for (const VaryEntry& v : vary) {
    if (v.zip.empty()) continue;
    auto [it, fresh] = first.emplace(v.zip, &v);
    if (!fresh && it->second->values.size() != v.values.size())
      io::JsonNode(root.value(), root.file(), v.spec_pointer + "/" + v.values_key)
          .fail("zip group '" + v.zip + "' needs lists of one length: " + it->second->spec_pointer + " has " +
                std::to_string(it->second->values.size()) + " values, this entry " +
                std::to_string(v.values.size()));
  }
}

std::uint64_t grid_size(const std::vector<VaryEntry>& vary, std::uint32_t replications,
                        const io::JsonNode& root) {
  std::map<std::string, bool> zip_counted;
  std::uint64_t runs = replications;
  for (const VaryEntry& v : vary) {
    if (!v.zip.empty() && !zip_counted.emplace(v.zip, true).second) continue;
    runs *= v.values.size();  // each factor <= kMaxValuesPerEntry: checked before it can overflow
    if (runs > kMaxRuns)
      root.fail("the grid has more than " + std::to_string(kMaxRuns) +
                " runs: check the ranges and replications");
  }
  return runs;
}

}  // namespace

SweepSpec parse_sweep_spec(const nlohmann::json& document, const std::string& file) {
  const io::JsonNode root(document, file);
  root.check_keys(
      {"$schema", "description", "scenario", "set", "vary", "replications", "seed", "metrics", "keep_runs"});
  SweepSpec s;
  s.file = file;
  s.document = document;
  if (auto v = root.find("$schema")) v->string();
  if (auto v = root.find("description")) v->string();
  s.scenario = root.at("scenario").nonempty_string();
  s.scenario_path = std::filesystem::path(file).parent_path() / s.scenario;

  std::map<std::string, std::string> seen;  // scenario pointer -> spec pointer that uses it
  const auto claim = [&](const std::string& path, const io::JsonNode& where) {
    auto [it, fresh] = seen.emplace(path, where.pointer());
    if (!fresh) where.fail("'" + path + "' is already set by " + it->second);
  };
  if (auto set = root.find("set")) {
    if (!set->is_object())
      set->fail("expected an object {\"/pointer\": value, ...}, got " + set->type_name());
    for (const auto& [key, value] : set->value().items()) {
      const io::JsonNode where(value, file, io::pointer_child(set->pointer(), key));
      SetEntry e{key, io::pointer_tokens(key, where), value, where.pointer()};
      refuse_seed_path(e.tokens, where);
      claim(key, where);
      s.set.push_back(std::move(e));
    }
  }
  if (auto vary = root.find("vary")) {
    for (const io::JsonNode& entry : vary->items()) {
      VaryEntry v = parse_vary_entry(entry);
      claim(v.path, entry.at("path"));
      s.vary.push_back(std::move(v));
    }
    check_zip_lengths(s.vary, root);
  }
  if (auto v = root.find("replications"))
    s.replications = static_cast<std::uint32_t>(v->unsigned_in(1, kMaxReplications));
  if (auto v = root.find("seed")) s.seed = v->unsigned_in(0, UINT64_MAX);
  grid_size(s.vary, s.replications, root);

  const io::JsonNode metrics = root.at("metrics");
  std::map<std::string, std::string> names;
  for (const io::JsonNode& entry : metrics.items()) {
    MetricSpec m = parse_metric(entry);
    auto [it, fresh] = names.emplace(m.name, entry.pointer());
    if (!fresh) entry.at("name").fail("metric name '" + m.name + "' is already used by " + it->second);
    s.metrics.push_back(std::move(m));
  }
  if (s.metrics.empty()) metrics.fail("metrics is empty: give at least one {name, path}");
  if (auto v = root.find("keep_runs")) s.keep_runs = v->boolean();
  return s;
}

SweepSpec load_sweep_spec(const std::string& path) {
  return parse_sweep_spec(io::read_json_file(path), path);
}

}  // namespace repsim::experiments
