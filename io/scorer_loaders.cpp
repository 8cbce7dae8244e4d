#include "io/scorer_loaders.hpp"

#include "io/load_parts.hpp"
#include "io/scenario_keys.hpp"

namespace repsim::io {

ScorerLoaders& scorer_loaders() {
  static ScorerLoaders loaders = [] {
    ScorerLoaders r;
    detail::add_senderbase_loader(r);
    detail::add_blocklist_loader(r);
    return r;
  }();
  return loaders;
}

models::ScoreScale load_scale(const JsonNode& n) {
  n.check_keys(keys::scale());
  models::ScoreScale s;
  if (auto v = n.find("min")) s.min = v->number();
  if (auto v = n.find("max")) s.max = v->number();
  if (auto v = n.find("bands")) {
    s.bands.clear();
    for (const JsonNode& b : v->items()) s.bands.push_back(b.nonempty_string());
  }
  if (auto v = n.find("cuts")) {
    s.cuts.clear();
    for (const JsonNode& c : v->items()) s.cuts.push_back(c.number());
  }
  detail::model_check(n, [&] { s.validate(); });
  return s;
}

}  // namespace repsim::io
