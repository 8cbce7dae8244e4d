#include "models/event_log.hpp"

namespace repsim::models {

std::string_view event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::InitialBand:
      return "initial_band";
    case EventKind::BandChange:
      return "band_change";
    case EventKind::Listed:
      return "listed";
    case EventKind::DelistedExpired:
      return "delisted_expired";
    case EventKind::DelistedOnRequest:
      return "delisted_on_request";
    case EventKind::DelistedByVendor:
      return "delisted_by_vendor";
    case EventKind::OutageStart:
      return "outage_start";
    case EventKind::OutageEnd:
      return "outage_end";
    case EventKind::DelayNotice:
      return "delay_notice";
    case EventKind::Ndr:
      return "ndr";
    case EventKind::SetThreshold:
      return "set_threshold";
    case EventKind::Allowlist:
      return "allowlist";
    case EventKind::RestoreScore:
      return "restore_score";
    case EventKind::RequestDelisting:
      return "request_delisting";
    case EventKind::Reroute:
      return "reroute";
    case EventKind::Compromise:
      return "compromise";
    case EventKind::GatewayOutage:
      return "gateway_outage";
    case EventKind::ProviderFault:
      return "provider_fault";
    case EventKind::FileTicket:
      return "file_ticket";
    case EventKind::Note:
      return "note";
    case EventKind::TicketReceived:
      return "ticket_received";
    case EventKind::Declines:
      return "declines";
    case EventKind::FaultEnd:
      return "fault_end";
    case EventKind::SetParameter:
      return "set";
    case EventKind::TicketAnswered:
      return "ticket_answered";
    case EventKind::TenantSuspended:
      return "tenant_suspended";
  }
  return "unknown";
}

bool is_listing(EventKind kind) {
  return kind == EventKind::Listed || kind == EventKind::DelistedExpired ||
         kind == EventKind::DelistedOnRequest || kind == EventKind::DelistedByVendor;
}

std::string_view state_name(EventKind kind, const ScoreScale& scale, std::uint32_t state) {
  if (is_listing(kind)) return state == kListed ? "listed" : "unlisted";
  if (kind != EventKind::InitialBand && kind != EventKind::BandChange) return "";
  if (state < scale.bands.size()) return scale.bands[state];
  return kind == EventKind::BandChange && state == kNone ? "unscored" : "";
}

}  // namespace repsim::models
