// "type": "senderbase" scorers.
#include "io/load_parts.hpp"
#include "io/scenario_keys.hpp"
#include "io/scorer_loaders.hpp"
#include "models/senderbase_scorer.hpp"

namespace repsim::io::detail {
namespace {

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
  auto c = load_scorer_basics<models::SenderBaseConfig>(n);
  if (auto v = n.find("update_every")) c.update_every = v->positive_duration();
  if (auto v = n.find("publish_delay")) c.publish_delay = v->duration();
  if (auto v = n.find("evidence_half_life")) c.evidence_half_life = v->positive_duration();
  if (auto v = n.find("evidence_volume")) c.evidence_volume = v->number_in(1e-9, 1e15);
  if (auto v = n.find("volume"))
    c.volume = v->choice<models::CountedVolume>(
        "counted volume",
        {{"messages", models::CountedVolume::Messages}, {"attempts", models::CountedVolume::Attempts}});
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

}  // namespace

void add_senderbase_loader(ScorerLoaders& loaders) {
  loaders.add_type<models::SenderBaseConfig>(keys::senderbase(), load_senderbase);
}

}  // namespace repsim::io::detail
