#include "models/provider_desks.hpp"

namespace repsim::models {

std::string_view stance_name(SupportStance stance) {
  switch (stance) {
    case SupportStance::AskRecipientsToAllowlist:
      return "ask_recipients_to_allowlist";
    case SupportStance::EscalateToVendor:
      return "escalate_to_vendor";
    case SupportStance::Reroute:
      return "reroute";
  }
  return "unknown";
}

std::vector<DeskFollowUp> follow_up(const TicketAnswer& answer, const SupportDesk& desk) {
  std::vector<DeskFollowUp> out;
  // Assigned, not brace-built: GCC 12 warns (wrongly) about a variant built inside a braced list.
  const auto add = [&out](Action action, bool by_customer) {
    DeskFollowUp& f = out.emplace_back();
    f.action = std::move(action);
    f.by_customer = by_customer;
  };
  switch (answer.stance) {
    case SupportStance::AskRecipientsToAllowlist:
      for (OperatorIndex op : desk.recipients)
        add(FileTicket{.to = op,
                       .tenant = answer.tenant,
                       .subject = "please allowlist our domain (our provider's advice)"},
            true);
      break;
    case SupportStance::EscalateToVendor:
      add(FileTicket{.to = desk.vendor,
                     .tenant = answer.tenant,
                     .subject = "a customer's mail is refused on our IPs' reputation"},
          false);
      break;
    case SupportStance::Reroute:
      add(Reroute{.tenant = answer.tenant, .gateway = kNone, .to = desk.reroute_to}, false);
      break;
  }
  return out;
}

bool AbuseSignals::record(TenantIndex t, std::uint32_t n) {
  if (t >= counts_.size()) {
    counts_.resize(t + std::size_t{1}, 0);
    flagged_.resize(t + std::size_t{1}, false);
  }
  counts_[t] += n;
  if (!desk_.enabled || flagged_[t] || counts_[t] < desk_.complaint_threshold) return false;
  flagged_[t] = true;
  return true;
}

}  // namespace repsim::models
