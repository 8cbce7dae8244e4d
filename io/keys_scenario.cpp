// The top level of a scenario file, and the list of every table of the format.
#include "io/scenario_keys.hpp"

namespace repsim::io::keys {

using namespace json_type;

const KeyTable& scenario() {
  static const KeyTable t{
      "scenario",
      true,
      {
          {"$schema", kString, "string", prose("-"), "for editors; ignored"},
          {"name", kString, "non-empty string", literal(R"("unnamed")"), "shown in reports"},
          {"description", kString, "string", literal(R"("")"), "one paragraph for reports"},
          {"notes", kArray, "array of strings", literal("[]"), "sources and assumptions, for reports"},
          {"start", kString, "ISO-8601 time with offset", kRequired,
           "wall-clock time of sim time 0; the offset is the local time zone for the whole run (business "
           "hours, weekends)"},
          {"duration", kDuration, "positive duration", kRequired, "length of the run"},
          {"seed", kInteger, "integer 0 .. 2^64-1", literal("1"),
           "master seed; every random stream derives from it (`repsim run --seed` replaces it before "
           "populations are drawn)"},
          {"sample_every", kDuration, "positive duration", literal(R"("1h")"), "interval of the time series"},
          {"scorers", kArray, "array", literal("[]"), "reputation services and DNS blocklists"},
          {"providers", kArray, "array", literal("[]"), "outbound providers with their IP pools"},
          {"tenants", kArray, "array", literal("[]"), "senders: single tenants and populations"},
          {"gateways", kArray, "array", literal("[]"), "receiving organisations: single and populations"},
          {"operators", kArray, "array", literal("[]"), "people who react, with their playbooks"},
          {"timeline", kArray, "array", literal("[]"), "scripted actions at given times"},
          {"cut_off", kObject, "object", literal("{}"),
           "when a (tenant, gateway) pair counts as cut off: what outage intervals, pair-hours, cut-off "
           "hours and outage_count count, and what operators' legit_blocked_for watches, below"},
          {"variants", kArray, "array", literal("[]"),
           "named alternative designs of this scenario, each a set of edits, for `repsim compare FILE "
           "--variant NAME`; `repsim run` runs the file as written, below"},
      }};
  return t;
}

const KeyTable& variant() {
  static const KeyTable t{
      "variant",
      true,
      {
          {"name", kString, "non-empty string", kRequired,
           "unique in the file; `repsim compare FILE --variant NAME` or `FILE#NAME` picks it"},
          {"description", kString, "string", literal(R"("")"),
           "what the variant changes and why, for reports"},
          {"set", kObject, "object", kRequired,
           "JSON pointer -> value, as a sweep's `set`: the edits that make this variant from the file "
           "as written (a design decision, e.g. `{\"/tenants/0/pool\": \"dedicated-pool\"}`); each "
           "pointer must exist but for its last key, and the edited scenario must load"},
      }};
  return t;
}

const KeyTable& cut_off() {
  static const KeyTable t{
      "cut_off",
      true,
      {
          {"quiet_gap", kDuration, "positive duration", literal(R"("2h")"),
           "a pair that makes no attempt for longer than this after a refusal was cut off until that "
           "refusal, not until its next delivery (nights, a sender that stops); longer than the longest "
           "documented retry interval (Postfix's 4000 s), so mail waiting in a queue stays cut off"},
          {"min_duration", kDuration, "duration", literal(R"("1h")"),
           "refusals with no legit delivery for less than this are a blip (refusal_blips), not an "
           "outage: a partial fault lets most mail through"},
      }};
  return t;
}

const std::vector<const KeyTable*>& all() {
  static const std::vector<const KeyTable*> tables = [] {
    std::vector<const KeyTable*> out{
        &scenario(),
        &cut_off(),
        &variant(),
        &scorer(),
        &scale(),
        &senderbase(),
        &weights(),
        &blocklist(),
        &provider(),
        &retry(),
        &outbound_filter(),
        &abuse_desk(),
        &support_desk(),
        &fault(),
        &pool(),
        &tenant(),
        &profile(),
        &profile_flat(),
        &profile_business_hours(),
        &profile_diurnal(),
        &working_hours(),
        &recipient(),
        &episode(),
        &episode_fields(),
        &episode_template(),
        &tenant_population(),
        &gateway(),
        &gateway_policy(),
        &allowlist(),
        &outage(),
        &dns_failure(),
        &content_filter(),
        &graded_cuts(),
        &rule(),
        &gateway_population(),
        &policy_mix_entry(),
        &operator_(),
        &playbook(),
        &trigger(),
        &trigger_legit_blocked_for(),
        &trigger_spam_complaints(),
        &trigger_ticket_received(),
        &timeline_entry(),
        &action(),
    };
    for (const ActionKeys& a : actions()) out.push_back(a.fields);
    for (const ActionKeys& a : actions()) out.push_back(a.timeline);
    for (const ActionKeys& a : actions()) out.push_back(a.playbook);
    return out;
  }();
  return tables;
}

}  // namespace repsim::io::keys
