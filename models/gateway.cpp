#include "models/gateway.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "sim/distributions.hpp"
#include "sim/memory/prefetch.hpp"

namespace repsim::models {

namespace {

// Resolver text of a SERVFAIL (Postfix's wording for a temporary MX lookup failure).
constexpr const char* kDnsFailureText =
    "4.4.3 Host or domain name not found. Name service error for type=MX: Host not found, try again";
constexpr const char* kSpfFailText = "5.7.23 SPF validation failed";
constexpr const char* kDmarcRejectText =
    "5.7.1 Unauthenticated email is not accepted due to the sending domain's DMARC policy";
constexpr const char* kContentText = "5.7.1 Message content rejected as spam";

[[noreturn]] void bad(const std::string& id, const std::string& why) {
  throw std::invalid_argument("gateway '" + id + "': " + why);
}

SmtpReply reply(ReplyClass cls, std::uint16_t code, BlockCause cause, std::string_view text) {
  SmtpReply r;
  r.cls = cls;
  r.code = code;
  r.cause = cause;
  r.text = text;
  return r;
}

// Codes were validated as 4xx or 5xx.
ReplyClass class_of(std::uint16_t code) {
  return code / 100 == 5 ? ReplyClass::Reject : ReplyClass::Tempfail;
}

bool probability(double p) { return p >= 0.0 && p <= 1.0; }

template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

template <class T>
void insert_sorted(std::vector<T>& v, T x) {
  auto it = std::lower_bound(v.begin(), v.end(), x);
  if (it == v.end() || *it != x) v.insert(it, x);
}

void check_outage(const std::string& id, const OutageWindow& o) {
  if (!(o.start < o.end)) bad(id, "an outage must end after it starts");
  if (o.code / 100 != 4 && o.code / 100 != 5)
    bad(id, "an outage answers 4xx or 5xx, got " + std::to_string(o.code));
}

}  // namespace

Gateway::Streams Gateway::Streams::split(sim::RandomStream rng) {
  Streams s;
  s.dns = sim::RandomStream(rng.next_u64());
  s.content = sim::RandomStream(rng.next_u64());
  s.complaint = sim::RandomStream(rng.next_u64());
  return s;
}

Gateway::Gateway(GatewayIndex index, GatewayConfig cfg, std::vector<Scorer*> scorers,
                 const AuthDirectory* auth, sim::RandomStream rng)
    : Gateway(index, std::move(cfg), std::move(scorers), auth, Streams::split(rng)) {}

Gateway::Gateway(GatewayIndex index, GatewayConfig cfg, std::vector<Scorer*> scorers,
                 const AuthDirectory* auth, Streams streams)
    : index_(index),
      clear_from_(cfg.policy.clear_from()),
      auth_(auth),
      scorers_(std::move(scorers)),
      content_rng_(streams.content),
      connections_(cfg.max_connections, cfg.session_time),  // before cfg is moved into cfg_
      cfg_(std::move(cfg)),
      dns_rng_(streams.dns),
      complaint_rng_(streams.complaint),
      outages_(cfg_.outages.begin(), cfg_.outages.end()) {
  cfg_.outages.clear();
  sort_unique(cfg_.allowlist_domains);
  sort_unique(cfg_.allowlist_ips);
  sort_unique(cfg_.dns.providers);
  validate();
  for (const OutageWindow& o : outages_) outages_until_ = std::max(outages_until_, o.end);
}

void Gateway::validate() const {
  const std::string& id = cfg_.id;
  const auto scorer_ok = [&](ScorerIndex s) { return s < scorers_.size() && scorers_[s] != nullptr; };
  if (cfg_.reputation != kNone && !scorer_ok(cfg_.reputation))
    bad(id, "reputation scorer index is not wired");
  if (cfg_.blocklist != kNone && !scorer_ok(cfg_.blocklist)) bad(id, "blocklist scorer index is not wired");
  for (ScorerIndex s : cfg_.reports_to)
    if (!scorer_ok(s)) bad(id, "reports_to names scorer " + std::to_string(s) + ", which is not wired");
  cfg_.policy.validate();
  if (cfg_.policy.uses_score() && cfg_.reputation == kNone)
    bad(id, "the policy reads reputation scores but the gateway has no reputation scorer");
  if (!probability(cfg_.dns.probability)) bad(id, "DNS failure probability must be in [0, 1]");
  if (!probability(cfg_.content.spam_detection) || !probability(cfg_.content.false_positive))
    bad(id, "content filter probabilities must be in [0, 1]");
  if (!probability(cfg_.complaint_rate)) bad(id, "complaint rate must be in [0, 1]");
  if (!probability(cfg_.trap_share)) bad(id, "trap share must be in [0, 1]");
  for (const OutageWindow& o : outages_) check_outage(id, o);
  // The auth directory is validated once by whoever builds it (the ecosystem): checking every
  // domain again in each of thousands of gateways cost gateways x domains x SPF size.
}

SmtpReply Gateway::receive(const Message& m, IpIndex ip, ProviderIndex via, sim::Time now) {
  if (dns_fails(via)) return reply(ReplyClass::Tempfail, 451, BlockCause::DnsFailure, kDnsFailureText);
  if (const OutageWindow* o = now < outages_until_ ? outage_at(now) : nullptr)
    return reply(class_of(o->code), o->code, BlockCause::GatewayOutage, o->text);
  if (!connections_.try_open(now))
    return reply(ReplyClass::Tempfail, 421, BlockCause::ConnectionLimit, kConnectionLimitText);
  // One verdict per attempt that reaches filtering, drawn even when the message never reaches the
  // content step: a sensor classifies what it sees of every connection, and one draw per attempt
  // keeps the stream aligned across variants that refuse different mail.
  const double p = m.kind == MessageKind::Spam ? cfg_.content.spam_detection : cfg_.content.false_positive;
  const bool spam_verdict = sim::bernoulli(content_rng_, p);
  const SmtpReply r = filter(m, ip, spam_verdict, now);
  const std::uint32_t reported = complaints(m, r);
  report(m, ip, spam_verdict, r, reported, now);
  if (reported > 0 && complaint_hook_) complaint_hook_(m, via, reported);
  return r;
}

bool Gateway::dns_fails(ProviderIndex via) {
  if (cfg_.dns.probability <= 0.0) return false;
  const auto& affected = cfg_.dns.providers;
  if (!affected.empty() && !std::binary_search(affected.begin(), affected.end(), via)) return false;
  return sim::bernoulli(dns_rng_, cfg_.dns.probability);
}

SmtpReply Gateway::filter(const Message& m, IpIndex ip, bool spam_verdict, sim::Time now) {
  const bool trusted = allowlisted(m, ip);
  if (!trusted) {
    const SmtpReply r = apply_policy(ip, now);
    if (!r.accepted()) return r;
  }
  const SmtpReply a = authenticate(m, ip);
  if (!a.accepted()) return a;
  if (!trusted && spam_verdict)
    return reply(ReplyClass::Reject, 550, BlockCause::ContentFilter, kContentText);
  return SmtpReply::accept();
}

SmtpReply Gateway::apply_policy(IpIndex ip, sim::Time now) {
  const SenderStanding s = standing(ip);
  if (s.unlisted_and_scored_at_least(clear_from_)) return SmtpReply::accept();  // as decide() would
  const PolicyRule* rule = cfg_.policy.decide(s);
  if (!rule) return SmtpReply::accept();
  const BlockCause cause = rule->listed ? BlockCause::Blocklist : BlockCause::Reputation;
  switch (rule->action) {
    case PolicyAction::Accept:
      return SmtpReply::accept();
    case PolicyAction::Throttle:
      if (budget_.take(ip, rule->per_hour, now)) return SmtpReply::accept();
      return reply(ReplyClass::Tempfail, rule->code, BlockCause::Throttle, rule->text);
    case PolicyAction::Tempfail:
      return reply(ReplyClass::Tempfail, rule->code, cause, rule->text);
    case PolicyAction::Reject:
      return reply(ReplyClass::Reject, rule->code, cause, rule->text);
  }
  return SmtpReply::accept();
}

SmtpReply Gateway::authenticate(const Message& m, IpIndex ip) const {
  if (!auth_ || (!cfg_.check_spf && !cfg_.enforce_dmarc)) return SmtpReply::accept();
  const AuthResult a = evaluate_auth(m, ip, *auth_);
  if (cfg_.check_spf && !a.spf_pass)
    return reply(ReplyClass::Reject, 550, BlockCause::Authentication, kSpfFailText);
  if (cfg_.enforce_dmarc && !a.dmarc_pass && a.dmarc == DmarcPolicy::Reject)
    return reply(ReplyClass::Reject, 550, BlockCause::Authentication, kDmarcRejectText);
  return SmtpReply::accept();
}

// The stream serves complaints alone, so drawing them also where no scorer reads them (a gateway
// with no reports_to) moves no other draw.
std::uint32_t Gateway::complaints(const Message& m, const SmtpReply& r) {
  if (cfg_.complaint_rate <= 0.0 || m.kind != MessageKind::Spam || !r.accepted()) return 0;
  return sim::bernoulli(complaint_rng_, cfg_.complaint_rate) ? 1 : 0;
}

void Gateway::report(const Message& m, IpIndex ip, bool spam_verdict, const SmtpReply& r,
                     std::uint32_t complaints, sim::Time now) {
  if (cfg_.reports_to.empty()) return;
  Observation o;
  o.messages = 1;
  o.spam = spam_verdict ? 1 : 0;
  o.complaints = complaints;
  o.trap_hits = m.to_trap ? 1 : 0;
  const bool before_data = r.cause == BlockCause::Reputation || r.cause == BlockCause::Blocklist ||
                           r.cause == BlockCause::Throttle;
  o.refused_before_data = !r.accepted() && before_data ? 1 : 0;
  for (ScorerIndex s : cfg_.reports_to) scorers_[s]->observe(ip, o, now);
}

void Gateway::set_threshold(double t) {
  if (std::isnan(t)) bad(cfg_.id, "threshold is NaN");
  if (std::isfinite(t) && cfg_.reputation == kNone) bad(cfg_.id, "a threshold needs a reputation scorer");
  cfg_.policy.set_threshold(t);
}

void Gateway::set_parameter(Parameter p, double value) {
  const auto share = [&](double& field) {
    if (!probability(value)) bad(cfg_.id, std::string(parameter_name(p)) + " must be in [0, 1]");
    field = value;
  };
  switch (p) {
    case Parameter::Threshold:
      set_threshold(value);
      return;
    case Parameter::ComplaintRate:
      return share(cfg_.complaint_rate);
    case Parameter::DnsFailureProbability:
      return share(cfg_.dns.probability);
    case Parameter::SpamDetection:
      return share(cfg_.content.spam_detection);
    case Parameter::FalsePositive:
      return share(cfg_.content.false_positive);
    case Parameter::MaxConnections:
      if (!(value >= 0.0 && value <= 4294967295.0) || value != std::floor(value))
        bad(cfg_.id, "max_connections must be a whole number >= 0");
      cfg_.max_connections = static_cast<std::uint32_t>(value);
      connections_.set_max_sessions(cfg_.max_connections);
      return;
    default:
      bad(cfg_.id, "'" + std::string(parameter_name(p)) + "' is not a gateway's parameter");
  }
}

void Gateway::allowlist_domain(TenantIndex domain) { insert_sorted(cfg_.allowlist_domains, domain); }
void Gateway::allowlist_ip(IpIndex ip) { insert_sorted(cfg_.allowlist_ips, ip); }

void Gateway::add_outage(sim::Time start, sim::Time end, std::uint16_t code, std::string text) {
  OutageWindow o{start, end, code, std::move(text)};
  check_outage(cfg_.id, o);
  outages_until_ = std::max(outages_until_, o.end);
  outages_.push_back(std::move(o));
}

void Gateway::prefetch_indirect() const {
  connections_.prefetch();
  if (!cfg_.policy.rules.empty()) sim::prefetch(cfg_.policy.rules.data());
  if (!scorers_.empty()) sim::prefetch(scorers_.data());
  if (!cfg_.reports_to.empty()) sim::prefetch(cfg_.reports_to.data());
}

const OutageWindow* Gateway::outage_at(sim::Time now) const {
  for (const OutageWindow& o : outages_)
    if (now >= o.start && now < o.end) return &o;
  return nullptr;
}

bool Gateway::allowlisted(const Message& m, IpIndex ip) const {
  const auto& d = cfg_.allowlist_domains;
  const auto& i = cfg_.allowlist_ips;
  return std::binary_search(d.begin(), d.end(), m.header_from) || std::binary_search(i.begin(), i.end(), ip);
}

SenderStanding Gateway::standing(IpIndex ip) const {
  SenderStanding s;
  if (cfg_.reputation != kNone) s.score = scorers_[cfg_.reputation]->standing(ip).score;
  if (cfg_.blocklist != kNone) s.listed = scorers_[cfg_.blocklist]->standing(ip).listed;
  return s;
}

}  // namespace repsim::models
