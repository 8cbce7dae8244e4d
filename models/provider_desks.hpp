#pragma once
// The people behind a provider: an abuse desk that suspends a spamming tenant some time after the
// signals pile up, and a support desk that answers a customer's ticket after a delay with a fixed
// stance. Operators and ticket routing are wired by the ecosystem; this is the provider's side.
#include <cstdint>
#include <string_view>
#include <vector>

#include "models/action.hpp"
#include "models/ids.hpp"
#include "sim/time.hpp"

namespace repsim::models {

struct AbuseDesk {
  bool enabled = false;  // off by default: no domain source fixes a threshold or a delay
  // Abuse signals of one tenant at which the desk acts: complaints reported to the provider (the
  // ecosystem forwards the complaints gateways' users make about accepted spam, as mailbox
  // providers' feedback loops send ARF reports, RFC 5965, to the sending IP's owner) plus spam
  // its outbound filter caught. 50: a placeholder of this model, scenarios set their own.
  std::uint32_t complaint_threshold = 50;
  // From the crossing of the threshold to the suspension. 4 h: a placeholder of this model.
  sim::Time response_delay = sim::hours(4);
};

enum class SupportStance : std::uint8_t {
  // What the 2012 provider told its customer (docs/architecture.md, domain facts): the customer
  // files a ticket about itself to each of `recipients` (the recipients' mail admins).
  AskRecipientsToAllowlist,
  EscalateToVendor,  // the desk files a ticket about the tenant to `vendor` (the reputation vendor)
  Reroute,           // the desk moves all the tenant's new mail to `reroute_to`
};
// "ask_recipients_to_allowlist", ...: as scenario files name it.
std::string_view stance_name(SupportStance stance);

struct SupportDesk {
  // Ticket filed -> answer. 24 h: a placeholder of this model (the 2012 answers took days).
  sim::Time response_delay = sim::hours(24);
  SupportStance stance = SupportStance::AskRecipientsToAllowlist;
  std::vector<OperatorIndex> recipients;  // AskRecipientsToAllowlist; may be empty
  OperatorIndex vendor = kNone;           // EscalateToVendor: required
  ProviderIndex reroute_to = kNone;       // Reroute: required, another provider
};

struct TicketAnswer {
  TenantIndex tenant = kNone;
  ProviderIndex provider = kNone;
  SupportStance stance = SupportStance::AskRecipientsToAllowlist;
  sim::Time filed = 0;
  sim::Time answered = 0;
};

// What follows the desk's answer, in order: the actions its stance takes, each with who takes it
// (the customer passing the advice on, or the desk itself).
struct DeskFollowUp {
  Action action;
  bool by_customer = false;
};
std::vector<DeskFollowUp> follow_up(const TicketAnswer& answer, const SupportDesk& desk);

// Per-tenant abuse signal counts; says when a tenant first reaches the desk's threshold.
class AbuseSignals {
 public:
  explicit AbuseSignals(const AbuseDesk& desk) : desk_(desk) {}

  // Adds n signals for tenant t. True exactly once per tenant: on the call that reaches the
  // threshold, and only when the desk is enabled (the caller then schedules the suspension).
  bool record(TenantIndex t, std::uint32_t n);
  std::uint64_t signals(TenantIndex t) const { return t < counts_.size() ? counts_[t] : 0; }

 private:
  AbuseDesk desk_;
  std::vector<std::uint64_t> counts_;
  std::vector<bool> flagged_;
};

}  // namespace repsim::models
