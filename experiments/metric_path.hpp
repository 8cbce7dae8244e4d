#pragma once
// A sweep metric: one number read from a run's summary.json (io/summary_json.hpp) by a JSON pointer
// whose segments may be `*` (every member of an object or array), folded by an aggregate.
//   {"name": "va_deferred", "path": "/tenants/contractor/by_gateway/va/deferred_attempts"}
//   {"name": "delivered", "path": "/tenants/*/delivered"}                      (sum over tenants)
//   {"name": "worst_p95", "path": "/tenants/*/latency_s/p95", "aggregate": "max"}
// Numbers are collected in document order; null (a latency when nothing was delivered) and
// anything that is not a number count as absent. `count` is the number of numbers found; the other
// aggregates of no number at all are absent (an empty cell), never a made-up 0.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "io/json_reader.hpp"

namespace repsim::experiments {

enum class Aggregate { Sum, Mean, Min, Max, Count };

struct MetricSpec {
  std::string name;
  std::string path;                 // as written
  std::vector<std::string> tokens;  // unescaped segments; "*" is the wildcard
  Aggregate aggregate = Aggregate::Sum;
};

// Reads one entry of the spec's `metrics` array: {name, path, aggregate}.
MetricSpec parse_metric(const io::JsonNode& entry);

std::optional<double> extract_metric(const nlohmann::ordered_json& summary, const MetricSpec& metric);

// Checks a metric against the summary of a short run of the scenario (its keys, not its numbers):
// a key that is not there (when no branch of a wildcard finds it), a path that ends on an object,
// a string or a boolean, or goes on below a number, fails at `where` with the nearest key suggested.
// Arrays (outages), empty objects (by_gateway before any mail) and nulls end the check: their
// length and presence change from run to run.
void check_metric(const nlohmann::ordered_json& summary_shape, const MetricSpec& metric,
                  const io::JsonNode& where);

}  // namespace repsim::experiments
