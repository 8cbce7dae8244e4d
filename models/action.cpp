#include "models/action.hpp"

namespace repsim::models {
namespace {

struct NameOf {
  std::string_view operator()(const SetThreshold&) const { return "set_threshold"; }
  std::string_view operator()(const Allowlist&) const { return "allowlist"; }
  std::string_view operator()(const RestoreScore&) const { return "restore_score"; }
  std::string_view operator()(const RequestDelisting&) const { return "request_delisting"; }
  std::string_view operator()(const Reroute&) const { return "reroute"; }
  std::string_view operator()(const Compromise&) const { return "compromise"; }
  std::string_view operator()(const GatewayOutage&) const { return "gateway_outage"; }
  std::string_view operator()(const ProviderFaultAction&) const { return "provider_fault"; }
  std::string_view operator()(const FileTicket&) const { return "file_ticket"; }
  std::string_view operator()(const Note&) const { return "note"; }
};

}  // namespace

std::string_view action_name(const Action& a) { return std::visit(NameOf{}, a); }

}  // namespace repsim::models
