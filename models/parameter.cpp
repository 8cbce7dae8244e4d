#include "models/parameter.hpp"

namespace repsim::models {

ParameterOwner owner(Parameter p) {
  switch (p) {
    case Parameter::AttachmentShare:
    case Parameter::SpamShare:
    case Parameter::MessagesPerDay:
      return ParameterOwner::Tenant;
    default:
      return ParameterOwner::Gateway;
  }
}

std::string_view parameter_name(Parameter p) {
  switch (p) {
    case Parameter::AttachmentShare:
      return "attachment_share";
    case Parameter::SpamShare:
      return "spam_share";
    case Parameter::MessagesPerDay:
      return "messages_per_day";
    case Parameter::Threshold:
      return "threshold";
    case Parameter::ComplaintRate:
      return "complaint_rate";
    case Parameter::DnsFailureProbability:
      return "dns_failure/probability";
    case Parameter::SpamDetection:
      return "content_filter/spam_detection";
    case Parameter::FalsePositive:
      return "content_filter/false_positive";
    case Parameter::MaxConnections:
      return "max_connections";
  }
  return "unknown";
}

}  // namespace repsim::models
