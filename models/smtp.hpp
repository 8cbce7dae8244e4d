#pragma once
// What a receiving gateway answers to one delivery attempt, and why.
#include <cstdint>
#include <string>
#include <string_view>

namespace repsim::models {

enum class ReplyClass : std::uint8_t {
  Accept,    // 2xx
  Tempfail,  // 4xx: try again later; nothing is lost while the sender's queue lives
  Reject,    // 5xx: bounce now
};

// The reason behind a refusal; outage intervals and summaries are keyed by it.
enum class BlockCause : std::uint8_t {
  None,
  Reputation,       // the scorer's band or score is below the gateway's policy
  Blocklist,        // listed by a DNS blocklist
  Throttle,         // graded policy: hourly recipient budget for the sending IP used up
  ConnectionLimit,  // 421 4.3.2 too many concurrent connections
  GatewayOutage,    // a scheduled outage window
  DnsFailure,       // the gateway's resolver got SERVFAIL
  ContentFilter,    // spam verdict (or a false positive) on the content
  Authentication,   // SPF fail or DMARC policy
  ProviderFault,    // the sender's own provider broke the message
  ProviderLimit,    // the sender's own per-destination connection limit
};

std::string_view to_string(BlockCause c);
std::string_view to_string(ReplyClass c);

struct SmtpReply {
  ReplyClass cls = ReplyClass::Accept;
  std::uint16_t code = 250;
  BlockCause cause = BlockCause::None;
  // Points into text owned by the gateway's configuration (or a static literal): valid for the run.
  std::string_view text = "2.0.0 OK";

  static SmtpReply accept() { return {}; }
  bool accepted() const { return cls == ReplyClass::Accept; }
};

}  // namespace repsim::models
