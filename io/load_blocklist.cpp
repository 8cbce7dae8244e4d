// "type": "blocklist" scorers.
#include "io/load_parts.hpp"
#include "io/scenario_keys.hpp"
#include "io/scorer_loaders.hpp"
#include "models/blocklist_scorer.hpp"

namespace repsim::io::detail {
namespace {

models::BlocklistConfig load_blocklist(const JsonNode& n) {
  auto c = load_scorer_basics<models::BlocklistConfig>(n);
  if (auto v = n.find("trap_hits_to_list")) c.trap_hits_to_list = v->uint32_in(1, UINT32_MAX);
  if (auto v = n.find("list_window")) c.list_window = v->positive_duration();
  if (auto v = n.find("listing_ttl")) c.listing_ttl = v->positive_duration();
  if (auto v = n.find("delist_delay")) c.delist_delay = v->duration();
  model_check(n, [&] { c.validate(); });
  return c;
}

}  // namespace

void add_blocklist_loader(ScorerLoaders& loaders) {
  loaders.add_type<models::BlocklistConfig>(keys::blocklist(), load_blocklist);
}

}  // namespace repsim::io::detail
