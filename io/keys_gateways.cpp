// "gateways": receiving organisations, their policy, allowlists, outages and filters; populations
// with a mix of policies.
#include "io/scenario_keys.hpp"

namespace repsim::io::keys {

using namespace json_type;

const KeyTable& gateway() {
  static const KeyTable t{
      "gateway",
      true,
      {
          {"id", kString, "id", kRequired, ""},
          {"reputation", kString, "id of a scorer that publishes scores (senderbase)", prose("none"),
           "the score service the policy reads"},
          {"blocklist", kString, "id of a scorer that publishes listings (blocklist)", prose("none"),
           "the DNS blocklist it consults"},
          include(gateway_policy()),
          {"allowlist", kObject, "object", literal("{}"),
           "senders accepted whatever their reputation, below"},
          {"max_connections", kInteger, "integer 0 .. 2^20", literal("0"),
           "concurrent sessions; 0 = unlimited; one more gets 421 4.3.2"},
          {"session_time", kDuration, "positive duration", literal(R"("2s")"), "one SMTP transaction"},
          {"outages", kArray, "array", literal("[]"), "windows of refusal, below"},
          {"dns_failure", kObject, "object", literal("{}"), "senders that cannot resolve the gateway, below"},
          {"content_filter", kObject, "object", literal("{}"), "the gateway's spam filter, below"},
          {"check_spf", kBoolean, "boolean", literal("true"), "SPF fail -> 550"},
          {"enforce_dmarc", kBoolean, "boolean", literal("true"), "DMARC fail with p=reject -> 550"},
          {"reports_to", kArray, "array of distinct scorer ids", prose("its `reputation` and `blocklist`"),
           "the scorers this gateway is a sensor of; `[]` for none"},
          {"complaint_rate", kNumber, "share", literal("0"), "accepted spam users report"},
          {"trap_share", kNumber, "share", literal("0"),
           "spam to this organisation that lands on trap addresses"},
      }};
  return t;
}

const KeyTable& gateway_policy() {
  static const KeyTable t{
      "gateway_policy",
      false,
      {
          {"policy",
           kString | kArray,
           "preset name or array of rules",
           literal(R"("accept_all")"),
           "a preset or an explicit rule table, below",
           {"accept_all", "good_only", "neutral_ok", "graded", "cisco_default"}},
          {"graded_cuts", kObject, "object", prose("model defaults"),
           "only with `\"policy\": \"graded\"`: below"},
          {"threshold", kScore, "score", prose("none"),
           "scores at or above are accepted before the policy table is read (the operators' knob); needs "
           "`reputation`"},
      }};
  return t;
}

const KeyTable& gateway_population() {
  static const KeyTable t{
      "gateway_population",
      true,
      {
          include(gateway()),
          {"count", kInteger, "integer 1 .. 10^6", kRequired, "members"},
          {"policy_mix", kArray, "array", prose("none"),
           "replaces `policy`, `graded_cuts` and `threshold` with a policy per share of the members, below"},
      }};
  return t;
}

const std::vector<Variant>& gateway_shapes() {
  static const std::vector<Variant> family{{&gateway(), "single gateways"},
                                           {&gateway_population(), "populations (entries with 'count')"}};
  return family;
}

const KeyTable& policy_mix_entry() {
  static const KeyTable t{"policy_mix_entry",
                          true,
                          {
                              {"weight", kNumber, "number >= 0", kRequired, "not all 0"},
                              include(gateway_policy()),
                          }};
  return t;
}

const KeyTable& allowlist() {
  static const KeyTable t{
      "allowlist",
      true,
      {
          {"domains", kArray, "array of tenant ids", literal("[]"), "allowlisted sender domains"},
          {"ips", kArray, "array of IP references", literal("[]"), "allowlisted IPs"},
      }};
  return t;
}

const KeyTable& outage() {
  static const KeyTable t{"outage",
                          true,
                          {
                              {"start", kTime, "time", kRequired, ""},
                              {"end", kTime, "time", prose("-"), "give exactly one of `end` and `duration`"},
                              {"duration", kDuration, "positive duration", prose("-"), "the outage's length"},
                              {"code", kInteger, "integer 400 .. 599", literal("421"), "reply code"},
                              {"text", kString, "string", prose("the 421 4.3.2 connection-limit text"),
                               "reply text after the code"},
                          }};
  return t;
}

const KeyTable& dns_failure() {
  static const KeyTable t{
      "dns_failure",
      true,
      {
          {"probability", kNumber, "share", literal("0"),
           "per attempt, the sender cannot resolve the gateway"},
          {"providers", kArray, "array of provider ids", literal("[]"), "senders affected; `[]` = all"},
      }};
  return t;
}

const KeyTable& content_filter() {
  static const KeyTable t{
      "content_filter",
      true,
      {
          {"spam_detection", kNumber, "share", literal("0"), "spam judged spam"},
          {"false_positive", kNumber, "share", literal("0"), "legitimate mail judged spam"},
      }};
  return t;
}

const KeyTable& graded_cuts() {
  static const KeyTable t{
      "graded_cuts",
      true,
      {
          {"refuse_below", kNumber, "number on the scale", literal("-3"), "lower scores are refused (554)"},
          {"slow_below", kNumber, "number on the scale", literal("-1"),
           "from `refuse_below` to here: `slow_per_hour`"},
          {"throttle_at_or_below", kNumber, "number on the scale", literal("0"),
           "from `slow_below` to here, and unscored senders: `throttle_per_hour`"},
          {"slow_per_hour", kNumber, "number >= 0", literal("1"), "recipients per hour per sending IP"},
          {"throttle_per_hour", kNumber, "number >= 0", literal("10"), "recipients per hour per sending IP"},
      }};
  return t;
}

const KeyTable& rule() {
  static const KeyTable t{
      "rule",
      true,
      {
          {"score_min", kScore, "score", prose("unbounded"),
           "other rules match `score_min <= score < score_max`; not with `listed`/`unscored`"},
          {"score_max", kScore, "score", prose("unbounded"), "see `score_min`"},
          {"unscored", kBoolean, "boolean", literal("false"),
           "matches IPs without a score (not together with `listed`)"},
          {"listed", kBoolean, "boolean", literal("false"), "matches IPs the blocklist lists"},
          {"action", kString, "", kRequired, "", {"accept", "throttle", "tempfail", "reject"}},
          {"per_hour", kNumber, "number >= 0", prose("**required for throttle**, not allowed otherwise"),
           "recipients per hour per sending IP"},
          {"code", kInteger, "integer 200 .. 599",
           prose("accept `250`, throttle `452`, tempfail `451`, reject `550`"),
           "must fit the action: 2xx, 4xx, 4xx, 5xx"},
          {"text", kString, "string",
           prose("throttle `\"4.5.3 Too many recipients this hour\"`, tempfail `\"4.7.1 Try again later\"`, "
                 "reject `\"5.7.1 Rejected by policy\"`, accept `\"\"`"),
           "reply text after the code"},
      }};
  return t;
}

}  // namespace repsim::io::keys
