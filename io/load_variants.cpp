// The top-level `variants`: named designs of one scenario, each a set of edits (JSON pointer ->
// value). The loader checks only their shape; a run ignores them.
#include <map>

#include "io/json_pointer.hpp"
#include "io/load_parts.hpp"
#include "io/scenario_keys.hpp"

namespace repsim::io::detail {

void check_variants_shape(const JsonNode& array) {
  std::map<std::string, std::string> names;  // name -> pointer of its first variant
  for (const JsonNode& v : array.items()) {
    v.check_keys(keys::variant());
    const JsonNode name = v.at("name");
    auto [it, fresh] = names.emplace(name.nonempty_string(), v.pointer());
    if (!fresh) name.fail("variant name '" + it->first + "' is already used by " + it->second);
    if (auto d = v.find("description")) d->string();
    const JsonNode set = v.at("set");
    if (!set.is_object()) set.fail("expected an object {\"/pointer\": value, ...}, got " + set.type_name());
    if (set.value().empty()) set.fail("a variant changes at least one value: set is empty");
    for (const auto& [key, value] : set.value().items()) {
      const JsonNode where(value, set.file(), pointer_child(set.pointer(), key));
      const std::vector<std::string> tokens = pointer_tokens(key, where);
      // A comparison seeds both sides itself (common random numbers), and variants do not nest.
      if (tokens.size() == 1 && tokens[0] == "seed")
        where.fail("a variant cannot set /seed: a comparison seeds every replication of both sides itself");
      if (!tokens.empty() && tokens[0] == "variants") where.fail("a variant cannot edit the variants");
    }
  }
}

}  // namespace repsim::io::detail
