// "operators": people with working hours and playbooks, and the triggers that start a playbook.
#include "io/scenario_keys.hpp"

namespace repsim::io::keys {

using namespace json_type;

const KeyTable& operator_() {
  static const KeyTable t{
      "operator",
      true,
      {
          {"id", kString, "id", kRequired, ""},
          {"hours",
           kString | kObject,
           "working hours",
           prose("09:00-17:00 Mon-Fri"),
           "when they look and act",
           {"always"}},
          {"response_mean", kDuration, "duration", literal(R"("4h")"),
           "working time from first look to action"},
          {"response_cv", kNumber, "number 0 .. 100", literal("0.5"),
           "lognormal spread; 0 = always the mean"},
          {"playbooks", kArray, "array", literal("[]"), "what they do when something happens, below"},
      }};
  return t;
}

const KeyTable& playbook() {
  static const KeyTable t{
      "playbook",
      true,
      {
          {"when", kObject, "trigger", kRequired, "below"},
          {"probability", kNumber, "share", literal("1"), "the chance they act when it fires"},
          {"action", kObject, "action", kRequired, "an action as in the timeline, without `at` and `actor`"},
          {"repeat", kBoolean, "boolean", literal("false"), "`false`: act at most once"},
      }};
  return t;
}

const KeyTable& trigger() {
  static const KeyTable t{"trigger",
                          false,
                          {
                              {"kind",
                               kString,
                               "",
                               kRequired,
                               "what fires the playbook; its keys follow",
                               {"legit_blocked_for", "spam_complaints", "ticket_received"}},
                          }};
  return t;
}

const KeyTable& trigger_legit_blocked_for() {
  static const KeyTable t{
      "trigger_legit_blocked_for",
      true,
      {
          include(trigger()),
          {"tenant", kString, "tenant id", prose("any"), ""},
          {"gateway", kString, "gateway id", prose("any"), ""},
          {"after", kDuration, "duration", literal("0"),
           "legitimate mail of the tenant to the gateway refused without a break this long"},
      }};
  return t;
}

const KeyTable& trigger_spam_complaints() {
  static const KeyTable t{"trigger_spam_complaints",
                          true,
                          {
                              include(trigger()),
                              {"tenant", kString, "tenant id", prose("any"), ""},
                              {"gateway", kString, "gateway id", prose("any"), ""},
                              {"count", kInteger, "integer >= 1", literal("1"),
                               "users report this many accepted spam messages from the tenant"},
                          }};
  return t;
}

const KeyTable& trigger_ticket_received() {
  static const KeyTable t{"trigger_ticket_received", true, {include(trigger())}};
  return t;
}

const std::vector<Variant>& trigger_kinds() {
  static const std::vector<Variant> family{{&trigger_legit_blocked_for(), "legit_blocked_for triggers"},
                                           {&trigger_spam_complaints(), "spam_complaints triggers"},
                                           {&trigger_ticket_received(), "ticket_received triggers"}};
  return family;
}

}  // namespace repsim::io::keys
