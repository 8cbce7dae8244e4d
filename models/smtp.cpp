#include "models/smtp.hpp"

namespace repsim::models {

// lower_snake names: they are the keys of summaries, CSV columns and event logs.
std::string_view to_string(BlockCause c) {
  switch (c) {
    case BlockCause::None:
      return "none";
    case BlockCause::Reputation:
      return "reputation";
    case BlockCause::Blocklist:
      return "blocklist";
    case BlockCause::Throttle:
      return "throttle";
    case BlockCause::ConnectionLimit:
      return "connection_limit";
    case BlockCause::GatewayOutage:
      return "gateway_outage";
    case BlockCause::DnsFailure:
      return "dns_failure";
    case BlockCause::ContentFilter:
      return "content_filter";
    case BlockCause::Authentication:
      return "authentication";
    case BlockCause::ProviderFault:
      return "provider_fault";
    case BlockCause::ProviderLimit:
      return "provider_limit";
  }
  return "unknown";
}

std::string_view to_string(ReplyClass c) {
  switch (c) {
    case ReplyClass::Accept:
      return "accept";
    case ReplyClass::Tempfail:
      return "tempfail";
    case ReplyClass::Reject:
      return "reject";
  }
  return "unknown";
}

}  // namespace repsim::models
