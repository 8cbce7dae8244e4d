#pragma once
// The generated value lists of a sweep's `vary` entries: `range` {from, to, step} (arithmetic, both
// ends included when `to` is hit) and `log_range` {from, to, points} (geometric, both ends exact).
// Problems are io::LoadErrors at the pointer of the offending key.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <vector>

#include "io/json_reader.hpp"

namespace repsim::experiments {

// More values than this in one entry is surely a typo in `step` or `points`.
inline constexpr std::size_t kMaxValuesPerEntry = 100000;

// from, from + step, ... while not past `to`. Value i is from + i * step (no accumulated error), and
// a last value within 1e-9 steps of `to` is `to` exactly (0.1 .. 0.3 step 0.1 ends at 0.3, not
// 0.30000000000000004). When from, to and step are all integers the values are integers.
// Errors: step 0, a step whose sign leads away from `to`, too many values.
std::vector<nlohmann::json> expand_range(const io::JsonNode& range);

// `points` (>= 2) values from `from` to `to` (both > 0), evenly spaced in log10: value i is
// 10^(log10(from) + i * (log10(to) - log10(from)) / (points - 1)), so decades are exact
// (1 .. 1000 in 4 points is 1, 10, 100, 1000); the first and last are `from` and `to` exactly.
std::vector<nlohmann::json> expand_log_range(const io::JsonNode& log_range);

}  // namespace repsim::experiments
