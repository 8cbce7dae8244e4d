#pragma once
// Editing a parsed scenario document at a JSON pointer: how `set` and `vary` reach the scenario.
// The document is then read by io::load_scenario_json like any file, so an edited value is checked
// exactly as a hand-written one would be.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "io/json_reader.hpp"

namespace repsim::experiments {

// Fails at `where` (the spec's path value) unless every step but the last exists in `scenario`:
// objects must hold the key (the nearest key is suggested), arrays the index. The last key of an
// object may be missing (most scenario keys are optional: the loader judges a new key, typos
// included); the last index of an array must exist.
void check_pointer_in(const nlohmann::json& scenario, const std::vector<std::string>& tokens,
                      const io::JsonNode& where);

// True when `path` is `pointer` or lies above or below it in the document: the edit at `path` may
// be what a loading error at `pointer` is about.
bool pointers_related(const std::string& path, const std::string& pointer);

// Replaces (or adds) the value at a pointer that check_pointer_in accepted.
void set_at(nlohmann::json& document, const std::vector<std::string>& tokens, const nlohmann::json& value);

}  // namespace repsim::experiments
