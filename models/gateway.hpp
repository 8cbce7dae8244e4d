#pragma once
// A receiving organisation's mail gateway (Cisco ESA style): answers each delivery attempt with an
// SMTP reply and reports what it saw to the reputation services it is a sensor for.
//
// Checks in receive(), in order, and why that order:
//  1. DNS failure   The sender's resolver must find the gateway's MX before connecting; when it
//                   gets SERVFAIL (resolvers on low source ports against name servers that drop
//                   such queries) the sender never connects, so no session slot is used and no
//                   outage is seen. 451 4.4.3, cause DnsFailure.
//  2. Outage        A scheduled window [start, end) when the gateway refuses every connection.
//  3. Connections   At most max_connections concurrent sessions; one more gets 421 4.3.2 at the
//                   greeting, before any lookup. Every attempt past this point holds a session.
//  4. Allowlist     The operator's allowlist (header-from domain or sending IP) is the first
//                   sender group of the host access table: it skips reputation and content, but
//                   not authentication, so a spoofer cannot ride an allowlisted brand.
//  5. Reputation    Blocklist listing and published score against the policy table (connect/RCPT).
//  6. Authentication SPF on MAIL FROM, then DMARC (needs the signed message).
//  7. Content       The filter's verdict on the message body, the last thing a gateway sees.
// Steps 4-7 are "filtering": every attempt that reaches them is reported as one Observation to
// each scorer in reports_to (outages, connection limits and DNS failures never reach a sensor).
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "models/auth.hpp"
#include "models/connection_tracker.hpp"
#include "models/gateway_policy.hpp"
#include "models/ids.hpp"
#include "models/message.hpp"
#include "models/parameter.hpp"
#include "models/scorer.hpp"
#include "models/smtp.hpp"
#include "sim/memory/prefetch.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace repsim::models {

// The text of the Outlook.com 421 episode (seed write-up on the 2012-2013 deferrals).
inline constexpr const char* kConnectionLimitText =
    "4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing "
    "transmission channel";

struct OutageWindow {
  sim::Time start = 0;
  sim::Time end = 0;         // exclusive
  std::uint16_t code = 421;  // 4xx defers, 5xx bounces
  std::string text = kConnectionLimitText;
};

// SERVFAIL for the gateway's domain, seen by the resolvers of some sending providers.
struct DnsFailure {
  double probability = 0.0;              // per attempt; 0 = the gateway's DNS is healthy
  std::vector<ProviderIndex> providers;  // affected senders; empty = all
};

struct ContentFilter {
  double spam_detection = 0.0;  // P(spam judged spam); 0 = no content filter
  double false_positive = 0.0;  // P(legit judged spam)
};

struct GatewayConfig {
  // The fields every delivery attempt reads come first, so that they share the gateway's first
  // cache lines (Gateway::prefetch); the rest is read when the gateway is built or reported on.
  ScorerIndex reputation = kNone;  // score service the policy reads; kNone = none
  ScorerIndex blocklist = kNone;   // DNS blocklist; kNone = none
  bool check_spf = true;           // SPF fail -> 550 5.7.23
  bool enforce_dmarc = true;       // DMARC fail with p=reject -> 550 5.7.1
  ContentFilter content;
  double complaint_rate = 0.0;  // share of accepted spam that users report as spam
  GatewayPolicy policy;         // empty table, threshold +inf = accept every sender
  std::vector<TenantIndex> allowlist_domains;
  std::vector<IpIndex> allowlist_ips;
  std::vector<ScorerIndex> reports_to;  // this gateway is a sensor of these scorers
  DnsFailure dns;                       // its probability is the last field read every time

  std::string id;
  std::uint32_t max_connections = 0;         // concurrent sessions; 0 = unlimited
  sim::Time session_time = sim::seconds(2);  // one SMTP transaction, connect to QUIT
  std::vector<OutageWindow> outages;
  // Share of spam sent to this gateway's organisation that lands on spam-trap addresses. The
  // sender side draws Message::to_trap with it; the gateway reports a trap hit for such mail.
  double trap_share = 0.0;
};

class alignas(sim::kCacheLine) Gateway {
 public:
  static constexpr std::size_t kHotBytes = 5 * sim::kCacheLine;

  // scorers is indexed by ScorerIndex (null entries allowed where the config refers to none).
  // auth == nullptr: no authentication data, SPF/DMARC are not checked. Throws
  // std::invalid_argument on an inconsistent config (bad index, probability outside [0, 1], a
  // policy reading scores without a reputation scorer, an invalid outage or policy).
  // The random stream is split into one stream per purpose (DNS, content, complaints), so a
  // variant that changes one probability does not shift the other draws.
  Gateway(GatewayIndex index, GatewayConfig cfg, std::vector<Scorer*> scorers, const AuthDirectory* auth,
          sim::RandomStream rng);

  // One delivery attempt of m from `ip` of provider `via`. `now` must not decrease between calls.
  // The reply's text stays valid for the gateway's lifetime.
  SmtpReply receive(const Message& m, IpIndex ip, ProviderIndex via, sim::Time now);

  // Called when users report accepted spam (complaint_rate per message) with the message, the
  // provider it came from and the number of complaints: the ecosystem forwards them to that
  // provider's abuse desk, as a mailbox provider's feedback loop sends ARF reports to the owner
  // of the sending IP.
  using ComplaintHook = std::function<void(const Message&, ProviderIndex via, std::uint32_t count)>;
  void on_complaints(ComplaintHook hook) { complaint_hook_ = std::move(hook); }

  // Operator and timeline actions.
  void set_threshold(double t);  // accept scores >= t before the policy table
  // A timeline `set` of one of the gateway's parameters (models/parameter.hpp): attempts from now
  // on meet the new value. Throws std::invalid_argument for what the constructor would refuse, or
  // a tenant's parameter. A limit given to a gateway that had none counts only sessions opened
  // from now on (the earlier ones were never tracked).
  void set_parameter(Parameter p, double value);
  void allowlist_domain(TenantIndex domain);
  void allowlist_ip(IpIndex ip);
  // Throws std::invalid_argument unless start < end and code is 4xx or 5xx.
  void add_outage(sim::Time start, sim::Time end, std::uint16_t code = 421,
                  std::string text = kConnectionLimitText);

  GatewayIndex index() const { return index_; }
  const std::string& id() const { return cfg_.id; }
  // The configuration as constructed and changed since (threshold, allowlists); outages live in
  // outages(), where their reply texts keep their addresses as windows are added.
  const GatewayConfig& config() const { return cfg_; }
  double threshold() const { return cfg_.policy.accept_at_or_above; }
  const std::deque<OutageWindow>& outages() const { return outages_; }
  const OutageWindow* outage_at(sim::Time now) const;  // first window containing now, or null
  bool allowlisted(const Message& m, IpIndex ip) const;
  // What the policy table sees of `ip` right now (published score, listing).
  SenderStanding standing(IpIndex ip) const;
  std::size_t open_connections(sim::Time now) { return connections_.open_at(now); }
  // Cache hints for a delivery attempt some messages ahead: first the lines of this gateway that
  // every receive() reads, then (once those have arrived) the blocks they point to.
  void prefetch() const { sim::prefetch_bytes<kHotBytes>(this); }
  void prefetch_indirect() const;

 private:
  bool dns_fails(ProviderIndex via);
  SmtpReply filter(const Message& m, IpIndex ip, bool spam_verdict, sim::Time now);
  SmtpReply apply_policy(IpIndex ip, sim::Time now);
  SmtpReply authenticate(const Message& m, IpIndex ip) const;
  // Users' complaints about m: accepted spam only, one draw each when complaint_rate > 0.
  std::uint32_t complaints(const Message& m, const SmtpReply& reply);
  void report(const Message& m, IpIndex ip, bool spam_verdict, const SmtpReply& reply,
              std::uint32_t complaints, sim::Time now);
  void validate() const;

  // The gateway's streams, split from its own in this order (the order fixes every draw).
  struct Streams {
    sim::RandomStream dns, content, complaint;
    static Streams split(sim::RandomStream rng);
  };
  Gateway(GatewayIndex index, GatewayConfig cfg, std::vector<Scorer*> scorers, const AuthDirectory* auth,
          Streams streams);

  // Members in the order receive() needs them: what every attempt reads fills the first
  // kHotBytes, which prefetch() asks for.
  GatewayIndex index_;
  sim::Time outages_until_ = INT64_MIN;  // no outage window reaches this time: the list is skipped
  // cfg_.policy.clear_from(): a sender in good standing is accepted without reading the table,
  // whose rules sit on the heap (several cold lines at thousands of gateways). The rules
  // never change after construction; the threshold, which may, is read on every call.
  double clear_from_;
  const AuthDirectory* auth_;
  std::vector<Scorer*> scorers_;
  sim::RandomStream content_rng_;
  ConnectionTracker connections_;
  GatewayConfig cfg_;  // its hot fields first
  sim::RandomStream dns_rng_;
  sim::RandomStream complaint_rng_;  // accepted spam only
  std::deque<OutageWindow> outages_;
  HourlyBudget budget_;
  ComplaintHook complaint_hook_;
};

}  // namespace repsim::models
