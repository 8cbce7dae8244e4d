#pragma once
// What people (and scripted timelines) do to the ecosystem. A scenario's timeline and an
// operator's playbook use the same action types, applied by Ecosystem::apply, so a what-if typed
// in the visualizer and a scripted event behave identically and reproducibly.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "models/event_log.hpp"
#include "models/ids.hpp"
#include "models/parameter.hpp"
#include "models/tenant.hpp"
#include "sim/time.hpp"

namespace repsim::models {

// Scores >= threshold are accepted before the gateway's policy table is consulted.
struct SetThreshold {
  GatewayIndex gateway = kNone;
  double threshold = 0;
};

// Allowlist a sender's domain (tenant) or one IP at a gateway.
struct Allowlist {
  GatewayIndex gateway = kNone;
  TenantIndex tenant = kNone;
  IpIndex ip = kNone;
};

// The reputation vendor sets scores by hand (e.g. after working with the provider).
struct RestoreScore {
  ScorerIndex scorer = kNone;
  std::vector<IpIndex> ips;  // empty: every IP the scorer knows
  double score = 0;
};

struct RequestDelisting {
  ScorerIndex scorer = kNone;
  std::vector<IpIndex> ips;  // empty: every listed IP
};

// From now on, new mail of the tenant (to one gateway, or to all) leaves through another provider.
// Mail already queued stays where it is: real senders cannot pull it back.
struct Reroute {
  TenantIndex tenant = kNone;
  GatewayIndex gateway = kNone;  // kNone: every gateway
  ProviderIndex to = kNone;
};

struct Compromise {
  TenantIndex tenant = kNone;
  CompromiseEpisode episode;  // episode.start is ignored: it starts when applied
};

struct GatewayOutage {
  GatewayIndex gateway = kNone;
  sim::Time duration = 0;
  std::uint16_t code = 421;
  std::string text =
      "4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission "
      "channel";
};

struct ProviderFaultAction {
  ProviderIndex provider = kNone;
  sim::Time duration = 0;
  bool attachments_only = true;
  double share = 1.0;  // ProviderFault::share
  std::uint16_t code = 554;
  std::string text = "5.6.0 Corrupt message content";
};

// A ticket lands in an operator's queue, where the operator's TicketReceived playbooks answer it,
// or at a provider's support desk (provider set, to kNone), which answers by its stance.
struct FileTicket {
  OperatorIndex to = kNone;
  ProviderIndex provider = kNone;
  // Whom the ticket is about: a playbook's Allowlist or Reroute without a tenant acts on it.
  // Required for a provider's desk (one of its tenants).
  TenantIndex tenant = kNone;
  std::string subject;
};

struct Note {
  std::string text;
};

// A scenario parameter takes a new value (the `set` action; models/parameter.hpp says which and
// from when). The loader has checked the value as the parameter's own key is checked.
struct SetParameter {
  Parameter parameter = Parameter::AttachmentShare;
  TenantIndex tenant = kNone;    // for a tenant's parameter
  GatewayIndex gateway = kNone;  // for a gateway's
  double value = 0;
};

using Action = std::variant<SetThreshold, Allowlist, RestoreScore, RequestDelisting, Reroute, Compromise,
                            GatewayOutage, ProviderFaultAction, FileTicket, Note, SetParameter>;

// The event log's record of the action, and its name: "set_threshold", "allowlist", ... as scenario
// files name them.
EventKind event_kind(const Action& a);
std::string_view action_name(const Action& a);

struct TimedAction {
  sim::Time at = 0;
  std::string actor;  // who does it, for the event log ("timeline" when empty)
  Action action;
  bool whatif = false;  // added in the visualizer: its records say so
};

}  // namespace repsim::models
