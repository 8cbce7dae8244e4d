// "scorers": SenderBase-style reputation services and DNS blocklists.
#include "io/load_parts.hpp"
#include "io/scenario_keys.hpp"

namespace repsim::io::detail {
namespace {

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
  model_check(n, [&] { s.validate(); });
  return s;
}

models::SenderBaseWeights load_weights(const JsonNode& n) {
  n.check_keys(keys::weights());
  models::SenderBaseWeights w;
  if (auto v = n.find("spam_ratio")) w.spam_ratio = v->number();
  if (auto v = n.find("spam_saturation")) w.spam_saturation = v->number_in(0.0, 1.0);
  if (auto v = n.find("complaints_per_1000")) w.complaints_per_1000 = v->number();
  if (auto v = n.find("trap_hits")) w.trap_hits = v->number();
  if (auto v = n.find("log10_volume")) w.log10_volume = v->number();
  return w;
}

models::SenderBaseConfig load_senderbase(const JsonNode& n) {
  models::SenderBaseConfig c;
  c.id = n.at("id").string();
  if (auto v = n.find("scale")) c.scale = load_scale(*v);
  if (auto v = n.find("update_every")) c.update_every = v->positive_duration();
  if (auto v = n.find("publish_delay")) c.publish_delay = v->duration();
  if (auto v = n.find("window")) {
    c.window = v->positive_duration();
    if (c.window < c.update_every || c.window % c.update_every != 0)
      v->fail("window " + sim::format_duration(c.window) + " must be a whole number of update_every (" +
              sim::format_duration(c.update_every) + ")");
  }
  if (auto v = n.find("recovery_half_life")) c.recovery_half_life = v->positive_duration();
  if (auto v = n.find("warmup_volume")) c.warmup_volume = v->unsigned_in(0, UINT64_MAX);
  const auto on_scale = [&](const JsonNode& v, const char* what) {
    const double x = v.number();
    if (x < c.scale.min || x > c.scale.max)
      v.fail(std::string(what) + " " + format_number(x) + " is outside the score scale [" +
             format_number(c.scale.min) + ", " + format_number(c.scale.max) + "]");
    return x;
  };
  if (auto v = n.find("neutral_score")) c.neutral_score = on_scale(*v, "neutral_score");
  if (auto v = n.find("clean_score")) c.clean_score = on_scale(*v, "clean_score");
  if (auto v = n.find("weights")) c.weights = load_weights(*v);
  model_check(n, [&] { c.validate(); });
  return c;
}

models::BlocklistConfig load_blocklist(const JsonNode& n) {
  models::BlocklistConfig c;
  c.id = n.at("id").string();
  if (auto v = n.find("scale")) c.scale = load_scale(*v);
  if (auto v = n.find("trap_hits_to_list")) c.trap_hits_to_list = v->uint32_in(1, UINT32_MAX);
  if (auto v = n.find("list_window")) c.list_window = v->positive_duration();
  if (auto v = n.find("listing_ttl")) c.listing_ttl = v->positive_duration();
  if (auto v = n.find("delist_delay")) c.delist_delay = v->duration();
  model_check(n, [&] { c.validate(); });
  return c;
}

}  // namespace

void load_scorers(LoadContext& ctx, const JsonNode& array) {
  enum class Type { SenderBase, Blocklist };
  for (const JsonNode& n : array.items()) {
    n.expect_keys(keys::scorer());
    const Type type = n.at("type").choice<Type>(
        "scorer type", {{"senderbase", Type::SenderBase}, {"blocklist", Type::Blocklist}});
    if (type == Type::SenderBase) {
      check_variant_keys(n, keys::scorer_types(), 0);
      ctx.config.scorers.emplace_back(load_senderbase(n));
    } else {
      check_variant_keys(n, keys::scorer_types(), 1);
      ctx.config.scorers.emplace_back(load_blocklist(n));
    }
  }
}

}  // namespace repsim::io::detail
