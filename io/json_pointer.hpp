#pragma once
// RFC 6901 JSON pointers as token lists: the sweep spec points into a scenario (`vary`, `set`) and
// into a run's summary (`metrics`) with them, and a timeline's `set` action at a scenario parameter.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "io/json_reader.hpp"

namespace repsim::io {

// Splits a pointer ("/a/b~1c" -> {"a", "b/c"}); fails at `where` unless it starts with '/' and every
// '~' is followed by 0 or 1. The whole document ("") is not a pointer a sweep can use.
std::vector<std::string> pointer_tokens(const std::string& pointer, const JsonNode& where);

// The pointer of the first n tokens; "/" for none (the root, as errors write it).
std::string pointer_prefix(const std::vector<std::string>& tokens, std::size_t n);

// An array index as RFC 6901 writes it: digits without a leading zero.
std::optional<std::size_t> array_index(const std::string& token);

}  // namespace repsim::io
