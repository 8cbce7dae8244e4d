// "scorers": the keys every scorer has, its score scale, and one table per type of scorer.
#include "io/scenario_keys.hpp"

namespace repsim::io::keys {

using namespace json_type;

const KeyTable& scorer() {
  static const KeyTable t{"scorer",
                          false,
                          {
                              {"id", kString, "id", kRequired, ""},
                              {"type",
                               kString,
                               "",
                               kRequired,
                               "the type of service; its keys follow",
                               {"senderbase", "blocklist"}},
                              {"scale", kObject, "object", literal("{}"), "the score scale, below"},
                          }};
  return t;
}

const KeyTable& scale() {
  static const KeyTable t{
      "scale",
      true,
      {
          {"min", kNumber, "number", literal("-7"), "the lowest score (`min < max`)"},
          {"max", kNumber, "number", literal("7"), "the highest score"},
          {"bands", kArray, "array of names", literal(R"(["Poor", "Neutral", "Good"])"),
           "band names, lowest first, distinct"},
          {"cuts", kArray, "array of numbers", literal("[-1, 1]"),
           "`bands - 1` strictly increasing cut points inside `(min, max)`; a cut belongs to the band above "
           "it"},
      }};
  return t;
}

const KeyTable& senderbase() {
  static const KeyTable t{
      "senderbase",
      true,
      {
          include(scorer()),
          {"update_every", kDuration, "positive duration", literal(R"("1h")"), "recomputation interval"},
          {"publish_delay", kDuration, "duration", literal(R"("30m")"),
           "lag from computation to what gateways see"},
          {"evidence_half_life", kDuration, "positive duration", literal(R"("72h")"),
           "the evidence halves in this time, whatever the volume"},
          {"evidence_volume", kNumber, "number > 0", literal("1500"),
           "the evidence falls by a factor e for every this many messages the IP sends afterwards"},
          {"volume",
           kString,
           "",
           literal(R"("messages")"),
           "which reports count as volume (evidence and warm-up): `\"messages\"` the sensors received, "
           "`\"attempts\"` also those refused or deferred before DATA (by reputation, a blocklist or a "
           "throttle)",
           {"messages", "attempts"}},
          {"recovery_half_life", kDuration, "positive duration", literal(R"("48h")"),
           "upward recovery halves the gap in this time"},
          {"warmup_volume", kInteger, "integer >= 0", literal("500"),
           "lifetime messages before an IP may score above `neutral_score`"},
          {"neutral_score", kNumber, "number on the scale", literal("0"), "score of new / low-history IPs"},
          {"clean_score", kNumber, "number on the scale", literal("5"),
           "where a clean established IP settles"},
          {"weights", kObject, "object", literal("{}"), "the penalties of the score, below"},
      }};
  return t;
}

const KeyTable& weights() {
  static const KeyTable t{
      "weights",
      true,
      {
          {"spam_ratio", kNumber, "number", literal("100"),
           "penalty per unit of spam fraction (with `spam_saturation`: the most spam alone can cost)"},
          {"spam_saturation", kNumber, "number 0 .. 1", literal("0"),
           "0: the spam feature is the spam fraction (linear). > 0: it is `1 - exp(-fraction / "
           "spam_saturation)`, so a sustained spam share of a few times this value costs the full "
           "`spam_ratio` and no more: a big shared pool stuck at \"Neutral, score 0\" (May 2012)"},
          {"complaints_per_1000", kNumber, "number", literal("2"), "penalty per complaint per 1000 messages"},
          {"trap_hits", kNumber, "number", literal("4"), "penalty per trap hit in the evidence"},
          {"log10_volume", kNumber, "number", literal("0"), "penalty per decade of evidence volume"},
      }};
  return t;
}

const KeyTable& blocklist() {
  static const KeyTable t{"blocklist",
                          true,
                          {
                              include(scorer()),
                              {"trap_hits_to_list", kInteger, "integer >= 1", literal("3"),
                               "trap hits within `list_window` that list an IP"},
                              {"list_window", kDuration, "positive duration", literal(R"("24h")"),
                               "the window trap hits count in"},
                              {"listing_ttl", kDuration, "positive duration", literal(R"("7d")"),
                               "a listing expires this long after the last hit"},
                              {"delist_delay", kDuration, "duration", literal(R"("24h")"),
                               "a delisting request is honoured after this"},
                          }};
  return t;
}

}  // namespace repsim::io::keys
