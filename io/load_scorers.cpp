// "scorers": each entry is read by the loader of its "type" (io/scorer_loaders.hpp).
#include <algorithm>

#include "io/load_parts.hpp"
#include "io/scorer_loaders.hpp"

namespace repsim::io::detail {
namespace {

bool knows(const ScorerLoader& loader, std::string_view key) {
  return std::find(loader.keys.begin(), loader.keys.end(), key) != loader.keys.end();
}

// A key that only other types know gets "'listing_ttl' applies only to blocklist scorers" rather
// than "unknown key".
void reject_other_types_keys(const JsonNode& n, const ScorerLoader& own, const ScorerLoaders& loaders) {
  for (const auto& [type, loader] : loaders.entries())
    for (const std::string& key : loader.keys) {
      if (knows(own, key) || !n.has(key)) continue;
      std::string owners;
      for (const auto& [other, other_loader] : loaders.entries())
        if (knows(other_loader, key)) owners += (owners.empty() ? "" : " or ") + other;
      reject_keys(n, {key}, "applies only to " + owners + " scorers");
    }
}

}  // namespace

void load_scorers(LoadContext& ctx, const JsonNode& array) {
  const ScorerLoaders& loaders = scorer_loaders();
  for (const JsonNode& n : array.items()) {
    const ScorerLoader& loader = *loaders.find(n.at("type").one_of("scorer type", loaders.names()));
    reject_other_types_keys(n, loader, loaders);
    std::vector<std::string_view> keys{"id", "type", "scale"};
    keys.insert(keys.end(), loader.keys.begin(), loader.keys.end());
    n.check_keys(keys);
    ctx.config.scorers.push_back(loader.load(n));
  }
}

}  // namespace repsim::io::detail
