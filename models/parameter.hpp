#pragma once
// The scenario parameters a `set` action may change during a run, and what a change means. A
// parameter is settable when the model reads it afresh for every message or attempt, so a new
// value simply applies from the set on; what is fixed at build time (ids, pools, the wiring,
// seeds, the run's length) is not.
#include <array>
#include <cstdint>
#include <string_view>

namespace repsim::models {

enum class Parameter : std::uint8_t {
  // A tenant's: messages created from the set on draw with the new value; mail created before
  // keeps what it was created with (its attachment, its kind), queued or not.
  AttachmentShare,
  SpamShare,
  // A tenant's volume: its next legit arrival is drawn afresh at the set on the new rate
  // (memoryless, so nothing of the old draw carries over).
  MessagesPerDay,
  // A gateway's: delivery attempts from the set on meet the new value.
  Threshold,
  ComplaintRate,
  DnsFailureProbability,
  SpamDetection,
  FalsePositive,
  MaxConnections,
};

inline constexpr std::array kAllParameters{
    Parameter::AttachmentShare, Parameter::SpamShare,     Parameter::MessagesPerDay,
    Parameter::Threshold,       Parameter::ComplaintRate, Parameter::DnsFailureProbability,
    Parameter::SpamDetection,   Parameter::FalsePositive, Parameter::MaxConnections,
};

enum class ParameterOwner : std::uint8_t { Tenant, Gateway };

ParameterOwner owner(Parameter p);
// The key as a scenario writes it below its tenant or gateway: "attachment_share",
// "dns_failure/probability", ... (a JSON pointer's tail).
std::string_view parameter_name(Parameter p);

}  // namespace repsim::models
