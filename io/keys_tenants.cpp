// "tenants": single senders and populations, their traffic profiles, working hours, recipient
// mixes and compromise episodes.
#include "io/scenario_keys.hpp"

namespace repsim::io::keys {

using namespace json_type;

const KeyTable& tenant() {
  static const KeyTable t{
      "tenant",
      true,
      {
          {"id", kString, "id", kRequired, "also the tenant's mail domain"},
          {"provider", kString, "provider id", kRequired, ""},
          {"pool", kString, "pool id of that provider", prose("the provider's first pool"), ""},
          {"messages_per_day", kNumber, "number >= 0", literal("0"),
           "legitimate volume: the weekly mean / 7"},
          {"profile", kObject, "object", literal(R"({"kind": "flat"})"), "when mail is sent, below"},
          {"recipients", kArray, "array of `{gateway, weight}`", literal("[]"),
           "where mail goes, below. Required when the tenant sends (`messages_per_day` or `spam_share` > 0)"},
          {"spam_share", kNumber, "share", literal("0"), "baseline spam of a clean tenant"},
          {"attachment_share", kNumber, "share", literal("0.3"), "messages with an attachment"},
          {"dmarc",
           kString,
           "",
           literal(R"("none")"),
           "the domain's published DMARC policy",
           {"none", "quarantine", "reject"}},
          {"always_signs", kBoolean, "boolean", literal("true"),
           "the domain declares it always signs with DKIM"},
          {"fallback_providers", kArray, "array of provider ids", literal("[]"),
           "other providers the tenant may be rerouted through (its SPF lists them)"},
          {"episodes", kArray, "array", literal("[]"), "compromise episodes: spam bursts, below"},
      }};
  return t;
}

const KeyTable& tenant_population() {
  static const KeyTable t{
      "tenant_population",
      true,
      {
          include(tenant()),
          {"count", kInteger, "integer 1 .. 10^6", kRequired, "members"},
          {"volume_cv", kNumber, "number 0 .. 100", literal("0"),
           "members' `messages_per_day` ~ lognormal with the entry's value as mean and this coefficient of "
           "variation"},
          {"compromise_probability", kNumber, "share", literal("0"),
           "each member independently gets one episode"},
          {"episode_window_start", kTime, "time", prose("the start of the run"),
           "a compromised member's episode starts uniformly in the window from here"},
          {"episode_window_end", kTime, "time", prose("the end of the run"), "to here"},
          {"recipients_per_member", kInteger, "integer 1 .. 10^6", prose("all"),
           "each member mails only this many distinct entries of `recipients` (after populations in it are "
           "expanded), drawn in proportion to their weights among those not drawn yet, keeping their "
           "weights; a provider's customer writes to a handful of organisations, and (tenant, gateway) "
           "pairs then grow with the member count, not members x gateways"},
          {"arrivals",
           kString,
           "",
           literal(R"("per_member")"),
           "`\"pooled\"`: the members' legitimate mail arrives as one superposed Poisson process (each "
           "arrival belongs to member k with probability volume_k / total volume), one pending event for "
           "the population instead of one per member; the price is per-member common random numbers for "
           "arrival times (the other draws stay on each member's stream)",
           {"per_member", "pooled"}},
      }};
  return t;
}

const std::vector<Variant>& tenant_shapes() {
  static const std::vector<Variant> family{{&tenant(), "single tenants"},
                                           {&tenant_population(), "populations (entries with 'count')"}};
  return family;
}

const KeyTable& profile() {
  static const KeyTable t{"profile",
                          false,
                          {
                              {"kind",
                               kString,
                               "",
                               literal(R"("flat")"),
                               "`\"flat\"`: the same rate at every hour, and no other key",
                               {"flat", "business_hours", "diurnal"}},
                          }};
  return t;
}

const KeyTable& profile_flat() {
  static const KeyTable t{"profile_flat", true, {include(profile())}};
  return t;
}

const KeyTable& profile_business_hours() {
  static const KeyTable t{
      "profile_business_hours",
      true,
      {
          include(profile()),
          {"hours",
           kString | kObject,
           "working hours",
           prose("09:00-17:00 Mon-Fri"),
           "inside them the weight is 1",
           {"always"}},
          {"off_hours_share", kNumber, "share", literal("0.05"), "the weight outside `hours`"},
      }};
  return t;
}

const KeyTable& profile_diurnal() {
  static const KeyTable t{"profile_diurnal",
                          true,
                          {
                              include(profile()),
                              {"hourly", kArray, "24 numbers >= 0", prose("an office-like day"),
                               "weights of the local hours 00 .. 23"},
                              {"weekend_factor", kNumber, "number >= 0", literal("0.25"),
                               "multiplies the weights on Saturday and Sunday"},
                          }};
  return t;
}

const std::vector<Variant>& profile_kinds() {
  static const std::vector<Variant> family{{&profile_flat(), "flat profiles"},
                                           {&profile_business_hours(), "business_hours profiles"},
                                           {&profile_diurnal(), "diurnal profiles"}};
  return family;
}

const KeyTable& working_hours() {
  static const KeyTable t{
      "working_hours",
      true,
      {
          {"start", kString, "`\"HH:MM\"`", literal(R"("09:00")"), ""},
          {"end", kString, "`\"HH:MM\"` up to `\"24:00\"`", literal(R"("17:00")"), "after `start`"},
          {"days",
           kArray,
           "non-empty array of distinct days",
           literal(R"(["Mon", "Tue", "Wed", "Thu", "Fri"])"),
           "each `\"Mon\"` .. `\"Sun\"`",
           {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}},
      }};
  return t;
}

const KeyTable& recipient() {
  static const KeyTable t{"recipient",
                          true,
                          {
                              {"gateway", kString, "gateway id", kRequired,
                               "a gateway population means all its members, sharing the weight equally"},
                              {"weight", kNumber, "number >= 0", literal("1"), "relative"},
                          }};
  return t;
}

const KeyTable& episode_fields() {
  static const KeyTable t{
      "episode_fields",
      false,
      {
          {"duration", kDuration, "positive duration", kRequired, ""},
          {"messages_per_hour", kNumber, "number >= 0", kRequired, "flat: bots keep no office hours"},
          {"recipients", kArray, "array of `{gateway, weight}`", prose("the tenant's own mix"), ""},
          {"trap_share", kNumber, "share", literal("0.01"), "spam addressed to spam traps"},
          {"spoof_as", kString, "tenant id", prose("none"), "header and envelope show that tenant's domain"},
      }};
  return t;
}

const KeyTable& episode() {
  static const KeyTable t{"episode",
                          true,
                          {
                              {"start", kTime, "time", prose("the scenario start"), ""},
                              include(episode_fields()),
                          }};
  return t;
}

const KeyTable& episode_template() {
  static const KeyTable t{"episode_template", true, {include(episode_fields())}};
  return t;
}

}  // namespace repsim::io::keys
