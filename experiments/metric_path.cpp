#include "experiments/metric_path.hpp"

#include <algorithm>

#include "io/json_pointer.hpp"
#include "io/suggest.hpp"

namespace repsim::experiments {
namespace {

using Json = nlohmann::ordered_json;

void collect(const Json& at, const std::vector<std::string>& tokens, std::size_t i,
             std::vector<double>& out) {
  if (i == tokens.size()) {
    if (at.is_number()) out.push_back(at.get<double>());
    return;
  }
  const std::string& t = tokens[i];
  if (at.is_object()) {
    if (t == "*") {
      for (const auto& [key, child] : at.items()) collect(child, tokens, i + 1, out);
    } else if (auto it = at.find(t); it != at.end()) {
      collect(*it, tokens, i + 1, out);
    }
  } else if (at.is_array()) {
    if (t == "*") {
      for (const Json& child : at) collect(child, tokens, i + 1, out);
    } else if (auto k = io::array_index(t); k && *k < at.size()) {
      collect(at[*k], tokens, i + 1, out);
    }
  }
}

struct ShapeWalk {
  std::size_t leaves = 0;
  std::optional<std::string> missing;  // the first key not found
  std::optional<std::string> wrong;    // the first type problem: always an error
};

void walk_shape(const Json& at, const std::vector<std::string>& tokens, std::size_t i, ShapeWalk& w) {
  if (w.wrong) return;
  if (i == tokens.size()) {
    if (at.is_number() || at.is_null())
      ++w.leaves;
    else
      w.wrong = io::pointer_prefix(tokens, i) + " is " +
                (at.is_object()  ? "an object"
                 : at.is_array() ? "an array"
                                 : std::string("a ") + at.type_name()) +
                " in summary.json, not a number" +
                (at.is_object() || at.is_array() ? " (add a key or *)" : "");
    return;
  }
  const std::string& t = tokens[i];
  if (at.is_null() || (at.is_object() && at.empty())) {
    // A latency block null in this run may be an object in another; by_gateway lists only the pairs
    // that had mail: none in the short run.
    ++w.leaves;
  } else if (at.is_array()) {
    ++w.leaves;
    if (t != "*" && !io::array_index(t))
      w.wrong = io::pointer_prefix(tokens, i) +
                " is an array in summary.json: index it by a number or *, not '" + t + "'";
  } else if (at.is_object()) {
    if (t == "*") {
      for (const auto& [key, child] : at.items()) walk_shape(child, tokens, i + 1, w);
    } else if (auto it = at.find(t); it != at.end()) {
      walk_shape(*it, tokens, i + 1, w);
    } else if (!w.missing) {
      std::vector<std::string> keys;
      for (const auto& [key, child] : at.items()) keys.push_back(key);
      std::string m = "summary.json has no '" + t + "' at " + io::pointer_prefix(tokens, i);
      if (auto near = io::closest_name(t, keys)) m += " (did you mean '" + *near + "'?)";
      w.missing = m;
    }
  } else {
    w.wrong =
        io::pointer_prefix(tokens, i) + " is a " + at.type_name() + " in summary.json: nothing lies below it";
  }
}

}  // namespace

MetricSpec parse_metric(const io::JsonNode& entry) {
  entry.check_keys({"name", "path", "aggregate"});
  MetricSpec m;
  m.name = entry.at("name").nonempty_string();
  const io::JsonNode path = entry.at("path");
  m.path = path.string();
  m.tokens = io::pointer_tokens(m.path, path);
  if (auto a = entry.find("aggregate"))
    m.aggregate = a->choice<Aggregate>("aggregate", {{"sum", Aggregate::Sum},
                                                     {"mean", Aggregate::Mean},
                                                     {"min", Aggregate::Min},
                                                     {"max", Aggregate::Max},
                                                     {"count", Aggregate::Count}});
  return m;
}

std::optional<double> extract_metric(const nlohmann::ordered_json& summary, const MetricSpec& metric) {
  std::vector<double> values;
  collect(summary, metric.tokens, 0, values);
  if (metric.aggregate == Aggregate::Count) return static_cast<double>(values.size());
  if (values.empty()) return std::nullopt;
  switch (metric.aggregate) {
    case Aggregate::Min:
      return *std::min_element(values.begin(), values.end());
    case Aggregate::Max:
      return *std::max_element(values.begin(), values.end());
    default:
      break;
  }
  double sum = 0;
  for (double v : values) sum += v;
  return metric.aggregate == Aggregate::Mean ? sum / static_cast<double>(values.size()) : sum;
}

void check_metric(const nlohmann::ordered_json& summary_shape, const MetricSpec& metric,
                  const io::JsonNode& where) {
  ShapeWalk w;
  walk_shape(summary_shape, metric.tokens, 0, w);
  if (w.wrong) where.fail(*w.wrong);
  if (w.missing && w.leaves == 0) where.fail(*w.missing);
}

}  // namespace repsim::experiments
