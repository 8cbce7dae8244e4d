// "scorers": each entry is read by the loader of its "type" (io/scorer_loaders.hpp).
#include "io/load_parts.hpp"
#include "io/scenario_keys.hpp"
#include "io/scorer_loaders.hpp"

namespace repsim::io::detail {

void load_scorers(LoadContext& ctx, const JsonNode& array) {
  const ScorerLoaders& loaders = scorer_loaders();
  // The registered types are the variants of a scorer: a key only other types know is refused as
  // "'k' applies only to <those types> scorers" rather than as an unknown key.
  std::vector<std::string> names;
  for (const auto& [type, loader] : loaders.entries()) names.push_back(type + " scorers");
  std::vector<Variant> family;
  for (std::size_t k = 0; k < names.size(); ++k)
    family.push_back({loaders.entries()[k].second.keys, names[k]});
  for (const JsonNode& n : array.items()) {
    n.expect_keys(keys::scorer());
    const std::string type = n.at("type").one_of("scorer type", loaders.names());
    std::size_t mine = 0;
    while (loaders.entries()[mine].first != type) ++mine;
    check_variant_keys(n, family, mine);
    ctx.config.scorers.push_back(loaders.entries()[mine].second.load(n));
  }
}

}  // namespace repsim::io::detail
