// Actions ({"action": name, ...its keys}) as timeline entries and playbooks write them.
#include <deque>
#include <string>

#include "io/scenario_keys.hpp"

namespace repsim::io::keys {

using namespace json_type;

namespace {

const KeyTable& compromise() {
  static const KeyTable t{
      "action_compromise",
      false,
      {
          {"tenant", kString, "tenant id", kRequired,
           "its episode starts at `at`; without `recipients` the tenant's own mix, which must "
           "then not be empty"},
          include(episode_fields()),
      }};
  return t;
}

const KeyTable& set_threshold() {
  static const KeyTable t{"action_set_threshold",
                          false,
                          {
                              {"gateway", kString, "gateway id", kRequired, "must have a `reputation`"},
                              {"threshold", kScore, "score", kRequired, ""},
                          }};
  return t;
}

const KeyTable& allowlist_action() {
  static const KeyTable t{
      "action_allowlist",
      false,
      {
          {"gateway", kString, "gateway id", kRequired, ""},
          {"tenant", kString, "tenant id", prose("in a playbook, the tenant that triggered it"),
           "give `tenant` or `ip`"},
          {"ip", kString, "IP reference naming one IP", prose("-"), "instead of `tenant`"},
      }};
  return t;
}

const KeyTable& restore_score() {
  static const KeyTable t{"action_restore_score",
                          false,
                          {
                              {"scorer", kString, "scorer id", kRequired, ""},
                              {"ips", kArray, "non-empty array of IP references", prose("every IP"), ""},
                              {"score", kScore, "score", prose("**required** for a senderbase scorer"),
                               "not allowed for a blocklist, where restoring removes the listing"},
                          }};
  return t;
}

const KeyTable& request_delisting() {
  static const KeyTable t{
      "action_request_delisting",
      false,
      {
          {"scorer", kString, "scorer id", kRequired, ""},
          {"ips", kArray, "non-empty array of IP references", prose("every listed IP"), ""},
      }};
  return t;
}

const KeyTable& reroute() {
  static const KeyTable t{
      "action_reroute",
      false,
      {
          {"tenant", kString, "tenant id",
           prose("**required** in the timeline; in a playbook, the tenant that triggered it"), ""},
          {"gateway", kString, "gateway id", prose("all gateways"), ""},
          {"to", kString, "provider id", kRequired, "needs a pool that is not dedicated"},
      }};
  return t;
}

const KeyTable& gateway_outage() {
  static const KeyTable t{
      "action_gateway_outage",
      false,
      {
          {"gateway", kString, "gateway id", kRequired, ""},
          {"duration", kDuration, "positive duration", kRequired, ""},
          {"code", kInteger, "integer 400 .. 599", literal("421"), "reply code"},
          {"text", kString, "string", prose("the 421 4.3.2 text"), "reply text after the code"},
      }};
  return t;
}

const KeyTable& provider_fault() {
  static const KeyTable t{
      "action_provider_fault",
      false,
      {
          {"provider", kString, "provider id", kRequired, ""},
          {"duration", kDuration, "positive duration", kRequired, ""},
          {"attachments_only", kBoolean, "boolean", literal("true"), "only mail with an attachment bounces"},
          {"share", kNumber, "number 0 .. 1", literal("1"),
           "the share of that mail it breaks, the same messages on every attempt"},
          {"code", kInteger, "integer 500 .. 599", literal("554"),
           "the bounce's reply code: the provider returns the message (an NDR), so 5xx"},
          {"text", kString, "string", literal(R"("5.6.0 Corrupt message content")"),
           "reply text after the code"},
      }};
  return t;
}

const KeyTable& file_ticket() {
  static const KeyTable t{"action_file_ticket",
                          false,
                          {
                              {"to", kString, "operator or provider id", kRequired,
                               "an operator's playbooks, or a provider's `support_desk`, answer it"},
                              {"tenant", kString, "tenant id", prose("none"),
                               "whom it is about: a `ticket_received` playbook's `allowlist` or "
                               "`reroute` without `tenant` acts on it; **required** for a provider, "
                               "one of its tenants"},
                              {"subject", kString, "string", literal(R"("")"), ""},
                          }};
  return t;
}

const KeyTable& note() {
  static const KeyTable t{"action_note",
                          false,
                          {
                              {"text", kString, "string", kRequired, "a line in the event log"},
                          }};
  return t;
}

const KeyTable& set_parameter() {
  static const KeyTable t{
      "action_set",
      false,
      {
          {"pointer", kString, "JSON pointer into this file", kRequired,
           "a tenant's or gateway's settable key, its entry by index or `id`: "
           "`/tenants/ID/attachment_share`; the list is below"},
          {"value", kScore, "what the key takes", kRequired,
           "checked as the key itself is; a tenant's volume is scaled like its declared one"},
      }};
  return t;
}

// The actions in the order errors list them.
struct ActionFields {
  std::string_view name;
  const KeyTable& (*fields)();
};
constexpr ActionFields kActions[] = {
    {"compromise", compromise},
    {"set_threshold", set_threshold},
    {"allowlist", allowlist_action},
    {"restore_score", restore_score},
    {"request_delisting", request_delisting},
    {"reroute", reroute},
    {"gateway_outage", gateway_outage},
    {"provider_fault", provider_fault},
    {"file_ticket", file_ticket},
    {"note", note},
    {"set", set_parameter},
};

}  // namespace

const KeyTable& action() {
  static const KeyTable t{"action", false, {[] {
                            Key k{"action", kString, "", kRequired, "the action; its keys follow"};
                            for (const ActionFields& a : kActions) k.choices.push_back(a.name);
                            return k;
                          }()}};
  return t;
}

const KeyTable& timeline_entry() {
  static const KeyTable t{
      "timeline_entry",
      false,
      {
          {"at", kTime, "time", kRequired, "when it happens"},
          {"actor", kString, "non-empty string", literal(R"("timeline")"), "who acts, for the event log"},
      }};
  return t;
}

const std::vector<ActionKeys>& actions() {
  // A deque never moves what it holds: the loader and the list above keep pointers to these.
  static std::deque<KeyTable> composites;
  static const std::vector<ActionKeys> all = [] {
    std::vector<ActionKeys> out;
    for (const ActionFields& a : kActions) {
      const KeyTable& fields = a.fields();
      const std::string name(a.name);
      const KeyTable& timeline = composites.emplace_back(
          "timeline_" + name, true,
          std::vector<Key>{include(action()), include(timeline_entry()), include(fields)});
      const KeyTable& playbook = composites.emplace_back(
          "playbook_" + name, true, std::vector<Key>{include(action()), include(fields)});
      out.push_back(ActionKeys{a.name, &fields, &timeline, &playbook});
    }
    return out;
  }();
  return all;
}

const ActionKeys* find_action(std::string_view name) {
  for (const ActionKeys& a : actions())
    if (a.name == name) return &a;
  return nullptr;
}

}  // namespace repsim::io::keys
