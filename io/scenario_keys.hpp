#pragma once
// The scenario format, object kind by object kind: one KeyTable each (io/key_table.hpp), in the
// keys_*.cpp files by section. The loader checks every object against its table; `repsim keys`
// prints them for scripts/scenario_keys.py, which writes the key tables of scenarios/README.md and
// the keys of fuzz/scenario.dict from them and checks schema/scenario.schema.json against them.
#include <string_view>
#include <vector>

#include "io/key_table.hpp"

namespace repsim::io::keys {

// Top level.
const KeyTable& scenario();
const KeyTable& cut_off();
const KeyTable& variant();  // an entry of the top-level `variants`

// "scorers": a type of scorer is a table that includes scorer() first; the family is the types
// io::scorer_loaders() has registered.
const KeyTable& scorer();
const KeyTable& scale();
const KeyTable& senderbase();
const KeyTable& weights();
const KeyTable& blocklist();

// "providers".
const KeyTable& provider();
const KeyTable& retry();
const KeyTable& outbound_filter();
const KeyTable& abuse_desk();
const KeyTable& support_desk();
const KeyTable& fault();
const KeyTable& pool();

// "tenants": single senders and populations; profiles by kind; hours, recipients, episodes.
const KeyTable& tenant();
const KeyTable& tenant_population();
const std::vector<Variant>& tenant_shapes();  // single, population
const KeyTable& profile();
const KeyTable& profile_flat();
const KeyTable& profile_business_hours();
const KeyTable& profile_diurnal();
const std::vector<Variant>& profile_kinds();  // flat, business_hours, diurnal
const KeyTable& working_hours();
const KeyTable& recipient();
const KeyTable& episode_fields();  // what a compromise episode and a compromise action share
const KeyTable& episode();
const KeyTable& episode_template();  // a population's episode: its start is drawn per member

// "gateways".
const KeyTable& gateway();
const KeyTable& gateway_policy();  // read by load_policy from a gateway or a policy_mix entry
const KeyTable& gateway_population();
const std::vector<Variant>& gateway_shapes();  // single, population
const KeyTable& policy_mix_entry();
const KeyTable& allowlist();
const KeyTable& outage();
const KeyTable& dns_failure();
const KeyTable& content_filter();
const KeyTable& graded_cuts();
const KeyTable& rule();

// "operators".
const KeyTable& operator_();
const KeyTable& playbook();
const KeyTable& trigger();
const KeyTable& trigger_legit_blocked_for();
const KeyTable& trigger_spam_complaints();
const KeyTable& trigger_ticket_received();
const std::vector<Variant>& trigger_kinds();  // legit_blocked_for, spam_complaints, ticket_received

// "timeline" entries and playbook actions: {"action": name, ...that action's keys}.
struct ActionKeys {
  std::string_view name;
  const KeyTable* fields;    // the action's own keys
  const KeyTable* timeline;  // action, at, actor, fields
  const KeyTable* playbook;  // action, fields
};
const KeyTable& action();          // the `action` key itself
const KeyTable& timeline_entry();  // at, actor
const std::vector<ActionKeys>& actions();
const ActionKeys* find_action(std::string_view name);

// Every table, in the order the format is documented.
const std::vector<const KeyTable*>& all();

}  // namespace repsim::io::keys
