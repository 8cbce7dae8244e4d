#pragma once
// The event log's records: what happened, when, who did it and to which entities, as typed fields
// and dense ids. Models emit them; readers (events.csv, the story, summary.json, the visualizer)
// look names up through the Ecosystem, so no reader parses text.
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "models/ids.hpp"
#include "models/score_scale.hpp"
#include "models/smtp.hpp"
#include "sim/time.hpp"

namespace repsim::models {

enum class EventKind : std::uint8_t {
  // Score services. An IP that starts with a published score (an established pool) gets an
  // InitialBand at time 0; an IP without one starts unscored (and unlisted).
  InitialBand,
  BandChange,  // the published band changed; from is kNone when the IP had no score
  Listed,
  DelistedExpired,    // nobody asked: listing_ttl after the last trap hit
  DelistedOnRequest,  // delist_delay after request_delisting
  DelistedByVendor,   // removed by hand (restore_score)
  // The ledger: a (tenant, gateway) pair's legit mail refused, then delivered again.
  OutageStart,
  OutageEnd,
  // The first delay notice and the first NDR a pair's sender got; value counts the pair's whole
  // run once the run is finished (NaN before).
  DelayNotice,
  Ndr,
  // Actions, scripted, an operator's or a what-if, named as scenario files name them.
  SetThreshold,
  Allowlist,
  RestoreScore,
  RequestDelisting,
  Reroute,
  Compromise,
  GatewayOutage,  // starts a fault window ...
  ProviderFault,  // ... as this does
  FileTicket,
  Note,
  // Operators.
  TicketReceived,
  Declines,  // a playbook's chance said no; text names the action it would have taken
  // The end of a gateway_outage or provider_fault window (the action is its start).
  FaultEnd,
  // An action: a scenario parameter's new value (value), its tenant or gateway; text names the
  // parameter.
  SetParameter,
  // A provider's desks; actor: the provider. TicketAnswered: its support desk answers a ticket
  // about `tenant` (text: the stance; value: hours from filing); what the stance does follows as
  // actions. TenantSuspended: its abuse desk suspends `tenant` (value: the tenant's abuse signals).
  TicketAnswered,
  TenantSuspended,
};

// "band_change", "outage_start", "set_threshold", ...: the kind column of events.csv.
std::string_view event_kind_name(EventKind kind);
bool is_listing(EventKind kind);  // Listed and the three delistings

// Who caused a record.
enum class ActorKind : std::uint8_t {
  Ledger,    // nobody: the accounts or a model's clock (outages, notices, NDRs)
  Timeline,  // a scheduled action; index: Ecosystem's scheduled actions, whose actor names it
  WhatIf,    // the same, added in the visualizer
  Operator,  // index: OperatorIndex
  Scorer,    // index: ScorerIndex
  Provider,  // a provider's desk; index: ProviderIndex
  Tenant,    // a provider's customer passing on its support desk's advice; index: TenantIndex
};

struct Actor {
  ActorKind kind = ActorKind::Ledger;
  std::uint32_t index = kNone;
  bool operator==(const Actor&) const = default;
};

// A blocklist's two states, in from and to of its listing records.
inline constexpr std::uint32_t kUnlisted = 0;
inline constexpr std::uint32_t kListed = 1;

// Fields a kind does not use stay kNone / NaN / empty.
struct Event {
  sim::Time time = 0;
  EventKind kind = EventKind::Note;
  Actor actor{};
  TenantIndex tenant = kNone;
  GatewayIndex gateway = kNone;
  ProviderIndex provider = kNone;
  IpIndex ip = kNone;
  ScorerIndex scorer = kNone;
  OperatorIndex op = kNone;
  // Bands: indices into the scorer's scale (kNone: unscored). Listings: kUnlisted / kListed.
  std::uint32_t from = kNone;
  std::uint32_t to = kNone;
  BlockCause cause = BlockCause::None;  // outages
  // Bands: the published score. Outage end: its hours. set_threshold: the threshold.
  // restore_score: the score. compromise: spam per hour. Faults: the SMTP code. Notices: the count.
  // set: the parameter's new value.
  double value = std::numeric_limits<double>::quiet_NaN();
  std::string text{};  // free text for people: a note, a ticket's subject, an action's description
};

// The name of a from / to state: a band of `scale` for band kinds ("unscored" for a band change
// from kNone), "listed" or "unlisted" for listings, "" otherwise.
std::string_view state_name(EventKind kind, const ScoreScale& scale, std::uint32_t state);

}  // namespace repsim::models
