#include "models/action.hpp"

namespace repsim::models {
namespace {

struct KindOf {
  EventKind operator()(const SetThreshold&) const { return EventKind::SetThreshold; }
  EventKind operator()(const Allowlist&) const { return EventKind::Allowlist; }
  EventKind operator()(const RestoreScore&) const { return EventKind::RestoreScore; }
  EventKind operator()(const RequestDelisting&) const { return EventKind::RequestDelisting; }
  EventKind operator()(const Reroute&) const { return EventKind::Reroute; }
  EventKind operator()(const Compromise&) const { return EventKind::Compromise; }
  EventKind operator()(const GatewayOutage&) const { return EventKind::GatewayOutage; }
  EventKind operator()(const ProviderFaultAction&) const { return EventKind::ProviderFault; }
  EventKind operator()(const FileTicket&) const { return EventKind::FileTicket; }
  EventKind operator()(const Note&) const { return EventKind::Note; }
  EventKind operator()(const SetParameter&) const { return EventKind::SetParameter; }
};

}  // namespace

EventKind event_kind(const Action& a) { return std::visit(KindOf{}, a); }

std::string_view action_name(const Action& a) { return event_kind_name(event_kind(a)); }

}  // namespace repsim::models
