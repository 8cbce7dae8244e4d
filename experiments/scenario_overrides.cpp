#include "experiments/scenario_overrides.hpp"

#include <stdexcept>

#include "io/json_pointer.hpp"
#include "io/suggest.hpp"

namespace repsim::experiments {
namespace {

[[noreturn]] void fail_no_key(const io::JsonNode& where, const nlohmann::json& object, const std::string& key,
                              const std::string& here) {
  std::vector<std::string> keys;
  for (const auto& [k, child] : object.items()) keys.push_back(k);
  std::string m = "the scenario has no '" + key + "' at " + here;
  if (auto near = io::closest_name(key, keys)) m += " (did you mean '" + *near + "'?)";
  where.fail(m);
}

[[noreturn]] void fail_index(const io::JsonNode& where, const nlohmann::json& array, const std::string& token,
                             const std::string& here) {
  if (!io::array_index(token))
    where.fail("the scenario's " + here + " is an array: index it by a number, not '" + token + "'");
  where.fail("the scenario's " + here + " has " + std::to_string(array.size()) + " entries: no index " +
             token);
}

}  // namespace

void check_pointer_in(const nlohmann::json& scenario, const std::vector<std::string>& tokens,
                      const io::JsonNode& where) {
  const nlohmann::json* at = &scenario;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    const bool last = i + 1 == tokens.size();
    const std::string here = io::pointer_prefix(tokens, i);
    if (at->is_object()) {
      auto it = at->find(t);
      if (it != at->end()) {
        at = &*it;
        continue;
      }
      if (last) return;
      fail_no_key(where, *at, t, here);
    } else if (at->is_array()) {
      const auto k = io::array_index(t);
      if (!k || *k >= at->size()) fail_index(where, *at, t, here);
      at = &(*at)[*k];
    } else {
      where.fail("the scenario's " + here + " is a " + std::string(at->type_name()) +
                 ": nothing lies below it");
    }
  }
}

bool pointers_related(const std::string& path, const std::string& pointer) {
  const auto under = [](const std::string& a, const std::string& b) {
    return a.size() > b.size() && a.compare(0, b.size(), b) == 0 && a[b.size()] == '/';
  };
  return path == pointer || under(pointer, path) || under(path, pointer);
}

void set_at(nlohmann::json& document, const std::vector<std::string>& tokens, const nlohmann::json& value) {
  nlohmann::json* at = &document;
  for (const std::string& t : tokens) {
    if (at->is_array()) {
      const auto k = io::array_index(t);
      if (!k || *k >= at->size()) throw std::logic_error("set_at: unchecked pointer");
      at = &(*at)[*k];
    } else {
      at = &(*at)[t];
    }
  }
  *at = value;
}

}  // namespace repsim::experiments
