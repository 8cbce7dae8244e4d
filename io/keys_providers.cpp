// "providers": outbound MTAs with their retry queue, filters, desks, faults and IP pools.
#include "io/scenario_keys.hpp"

namespace repsim::io::keys {

using namespace json_type;

const KeyTable& provider() {
  static const KeyTable t{
      "provider",
      true,
      {
          {"id", kString, "id", kRequired, ""},
          {"retry", kObject, "object", literal(R"({"preset": "fope2012"})"), "the sender's queue, below"},
          {"max_connections_per_destination", kInteger, "integer 0 .. 2^20", literal("0"),
           "concurrent sessions to one gateway; 0 = unlimited"},
          {"session_time", kDuration, "positive duration", literal(R"("2s")"),
           "how long one delivery attempt holds its connection"},
          {"dead_after", kInteger, "integer 1 .. 2^20", literal("5"),
           "deferrals in a row, with no delivery between, after which a destination queue is dead and its "
           "retries start with one probe (Postfix's default: one failed cohort at its initial concurrency of "
           "5)"},
          {"outbound_filter", kObject, "object", literal("{}"), "the provider's spam filter, below"},
          {"abuse_desk", kObject, "object", literal("{}"), "who suspends abusive tenants, below"},
          {"support_desk", kObject, "object", literal("{}"), "who answers tickets, below"},
          {"faults", kArray, "array", literal("[]"),
           "windows in which the provider bounces mail itself, below"},
          {"pools", kArray, "array, at least one", kRequired, "IP pools, below"},
      }};
  return t;
}

const KeyTable& retry() {
  static const KeyTable t{
      "retry",
      true,
      {
          {"preset",
           kString,
           "",
           literal(R"("fope2012")"),
           "gives every default: `\"fope2012\"` 20 min retries, 2 h delay notice, 5 days lifetime; "
           "`\"postfix\"` Postfix's qmgr: each retry waits the message's age clamped to 300 .. 4000 s, "
           "seen by a queue scan every 300 s, 5 days, no notice; `\"doubling\"` 300 s doubling to "
           "4000 s, no scans, 5 days, no notice",
           {"fope2012", "postfix", "doubling"}},
          {"rule",
           kString,
           "",
           prose("the preset's"),
           "`\"geometric\"`: `first_retry` x `backoff`^(k-1), capped at `max_interval`; "
           "`\"message_age\"`: the oldest queued message's age, clamped to `first_retry` .. `max_interval`",
           {"geometric", "message_age"}},
          {"scan_every", kDuration, "duration", prose("the preset's"),
           "deferred mail is retried only at queue scans this far apart (0: whenever due)"},
          {"first_retry", kDuration, "positive duration", prose("the preset's"), "delay of the first retry"},
          {"backoff", kNumber, "number 1 .. 10^6", prose("the preset's"),
           "factor from one retry interval to the next"},
          {"max_interval", kDuration, "positive duration, >= `first_retry`", prose("the preset's"),
           "the longest retry interval"},
          {"lifetime", kDuration, "positive duration", prose("the preset's"),
           "queued mail bounces when it is this old"},
          {"delay_notice", kDuration, "duration", prose("the preset's"),
           "the sender is warned when a message is this old; 0 = never"},
          {"tempfail_is_permanent", kBoolean, "boolean", literal("false"),
           "a broken sender that bounces on 4xx"},
      }};
  return t;
}

const KeyTable& outbound_filter() {
  static const KeyTable t{
      "outbound_filter",
      true,
      {
          {"catch_rate", kNumber, "share", literal("0"),
           "spam the outbound filter catches, when it has a signature"},
          {"zero_day_leak", kNumber, "share", literal("0"), "spam it has no signature for yet"},
      }};
  return t;
}

const KeyTable& abuse_desk() {
  static const KeyTable t{
      "abuse_desk",
      true,
      {
          {"enabled", kBoolean, "boolean", literal("false"),
           "suspends a tenant whose abuse signals reach the threshold"},
          {"complaint_threshold", kInteger, "integer >= 1", literal("50"),
           "complaints (gateways' users reporting accepted spam, forwarded as a feedback loop) + spam "
           "the outbound filter caught, of one tenant"},
          {"response_delay", kDuration, "duration", literal(R"("4h")"), "threshold crossed -> suspension"},
      }};
  return t;
}

const KeyTable& support_desk() {
  static const KeyTable t{
      "support_desk",
      true,
      {
          {"response_delay", kDuration, "duration", literal(R"("24h")"), "ticket -> answer"},
          {"stance",
           kString,
           "",
           literal(R"("ask_recipients_to_allowlist")"),
           "what the answer does: the customer asks `recipients` to allowlist it, the desk files a "
           "ticket to `vendor`, or the desk moves the tenant's new mail to `reroute_to`",
           {"ask_recipients_to_allowlist", "escalate_to_vendor", "reroute"}},
          {"recipients", kArray, "array of operator ids", prose("none"),
           "`ask_recipients_to_allowlist`: the recipients' mail admins the customer then files a ticket "
           "to; none: the answer is only logged"},
          {"vendor", kString, "operator id", prose("**required** for `escalate_to_vendor`"),
           "the reputation vendor's team the desk escalates to"},
          {"reroute_to", kString, "provider id", prose("**required** for `reroute`"),
           "another provider with a pool that is not dedicated, for all the tenant's new mail"},
      }};
  return t;
}

const KeyTable& fault() {
  static const KeyTable t{
      "fault",
      true,
      {
          {"start", kTime, "time", kRequired, ""},
          {"end", kTime, "time", prose("the end of the run"), "give `end` or `duration`, not both"},
          {"duration", kDuration, "positive duration", prose("the end of the run"), "the fault's length"},
          {"attachments_only", kBoolean, "boolean", literal("false"), "only mail with an attachment bounces"},
          {"share", kNumber, "number 0 .. 1", literal("1"),
           "the share of that mail it breaks, the same messages on every attempt"},
          {"code", kInteger, "integer 500 .. 599", literal("554"),
           "the bounce's reply code: the provider returns the message (an NDR), so 5xx"},
          {"text", kString, "string", literal(R"("5.6.0 Corrupt message content")"),
           "reply text after the code"},
      }};
  return t;
}

const KeyTable& pool() {
  static const KeyTable t{
      "pool",
      true,
      {
          {"id", kString, "id", kRequired, "unique across all providers"},
          {"kind", kString, "", literal(R"("shared")"), "", {"shared", "dedicated", "high_risk"}},
          {"assignment",
           kString,
           "",
           prose("`\"dedicated\"` for a dedicated pool, else `\"round_robin\"`"),
           "how an attempt picks its IP; a `\"dedicated\"` pool gives each tenant on it its own IP, so it "
           "needs at least as many IPs as tenants",
           {"round_robin", "tenant_hash", "dedicated"}},
          {"size", kInteger, "integer 1 .. 2^24", prose("number of `addresses`, else `1`"), "number of IPs"},
          {"addresses", kArray, "array of distinct strings", prose("generated"),
           "the IPs' addresses for reports; must match `size`"},
          {"initial_score", kNumber, "number on the scale of every scorer that publishes scores",
           prose("none"),
           "an established pool: at every such scorer (senderbase) its IPs start scored at this value, "
           "with history, out of warm-up. None: new IPs, unscored until seen, warming up"},
          {"initial_volume", kInteger, "integer >= 0", literal("1000000"),
           "only with `initial_score`: the lifetime messages of history each IP starts with"},
      }};
  return t;
}

}  // namespace repsim::io::keys
