#pragma once
// "Did you mean": the nearest known name to a misspelt key or id, so a typo in a scenario is
// answered with its fix rather than a bare "unknown".
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace repsim::io {

// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
// two adjacent characters each cost 1 ("thershold" -> "threshold" is 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The known name nearest to `wanted` when it is close enough to be a plausible typo (distance at
// most 1 + size/4, and less than the word itself); ties go to the earlier name.
std::optional<std::string> closest_name(std::string_view wanted, const std::vector<std::string>& known);

// Up to max_shown names, nearest to `wanted` first (ties in the given order), joined by ", ",
// with ", ..." appended when some were left out.
std::string short_list(std::string_view wanted, const std::vector<std::string>& known,
                       std::size_t max_shown = 5);

}  // namespace repsim::io
