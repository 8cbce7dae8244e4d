#include "models/gateway_policy.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <utility>

namespace repsim::models {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Reply texts (the code is separate). VA's May 2012 deferral as quoted in docs/architecture.md
// (domain facts); the refusal is Cisco ESA's stock text for a poor-reputation sender group; the
// blocklist text follows the common DNSBL rejection.
constexpr const char* kUnsolicitedText =
    "4.7.1 Your message has been characterized to be unsolicited email or from an untrusted mail "
    "delivery system";
constexpr const char* kPoorReputationText =
    "5.7.1 Your access to this mail system has been rejected due to the sending MTA's poor reputation";
constexpr const char* kBlocklistText = "5.7.1 Service unavailable; client host blocked using a DNS blocklist";
constexpr const char* kThrottleText = "4.5.3 Too many recipients this hour";
// Cisco ESA's $THROTTLED mail flow policy: at most 20 recipients an hour per sending IP.
constexpr double kCiscoThrottledPerHour = 20.0;

[[noreturn]] void bad(const std::string& why) { throw std::invalid_argument("gateway policy: " + why); }

PolicyRule range_rule(double lo, double hi, PolicyAction action, std::uint16_t code, const char* text) {
  PolicyRule r;
  r.score_min = lo;
  r.score_max = hi;
  r.action = action;
  r.code = code;
  r.text = text;
  return r;
}

PolicyRule unscored_rule(PolicyAction action, std::uint16_t code, const char* text) {
  PolicyRule r = range_rule(-kInf, kInf, action, code, text);
  r.unscored = true;
  return r;
}

PolicyRule throttle(PolicyRule r, double per_hour) {
  r.per_hour = per_hour;
  return r;
}

double floor_of(const ScoreScale& scale, std::string_view band, std::string_view policy) {
  scale.validate();
  const std::optional<double> f = scale.band_floor(band);
  if (!f) bad(std::string(policy) + " needs a band named '" + std::string(band) + "' in the score scale");
  return *f;
}

}  // namespace

std::string_view to_string(PolicyAction a) {
  switch (a) {
    case PolicyAction::Accept:
      return "accept";
    case PolicyAction::Throttle:
      return "throttle";
    case PolicyAction::Tempfail:
      return "tempfail";
    case PolicyAction::Reject:
      return "reject";
  }
  return "unknown";
}

std::optional<PolicyAction> policy_action_from_name(std::string_view name) {
  for (PolicyAction a :
       {PolicyAction::Accept, PolicyAction::Throttle, PolicyAction::Tempfail, PolicyAction::Reject})
    if (to_string(a) == name) return a;
  return std::nullopt;
}

bool PolicyRule::matches(const SenderStanding& s) const {
  if (listed) return s.listed;
  if (unscored) return !s.score.has_value();
  return s.score.has_value() && *s.score >= score_min && *s.score < score_max;
}

const PolicyRule* GatewayPolicy::decide(const SenderStanding& s) const {
  if (s.unlisted_and_scored_at_least(accept_at_or_above)) return nullptr;
  for (const PolicyRule& r : rules)
    if (r.matches(s)) return &r;
  return nullptr;
}

// A listing rule needs a listing and an unscored rule no score: only the ranges can match.
double GatewayPolicy::clear_from() const {
  double from = -std::numeric_limits<double>::infinity();
  for (const PolicyRule& r : rules)
    if (!r.listed && !r.unscored) from = std::max(from, r.score_max);
  return from;
}

bool GatewayPolicy::uses_score() const {
  if (std::isfinite(accept_at_or_above)) return true;
  for (const PolicyRule& r : rules)
    if (r.uses_score()) return true;
  return false;
}

void GatewayPolicy::validate() const {
  if (std::isnan(accept_at_or_above)) bad("threshold is NaN");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const PolicyRule& r = rules[i];
    const std::string at = "rule " + std::to_string(i) + ": ";
    if (r.listed && r.unscored) bad(at + "a rule matches listed or unscored senders, not both");
    if (std::isnan(r.score_min) || std::isnan(r.score_max) || r.score_min > r.score_max)
      bad(at + "score range [" + std::to_string(r.score_min) + ", " + std::to_string(r.score_max) +
          ") is invalid");
    const unsigned cls = r.code / 100u;
    switch (r.action) {
      case PolicyAction::Accept:
        if (cls != 2) bad(at + "accept needs a 2xx code, got " + std::to_string(r.code));
        break;
      case PolicyAction::Throttle:
        if (!(r.per_hour >= 0.0) || !std::isfinite(r.per_hour))
          bad(at + "throttle budget must be a finite number >= 0, got " + std::to_string(r.per_hour));
        if (cls != 4)
          bad(at + "a throttle answers 4xx when the budget is spent, got " + std::to_string(r.code));
        break;
      case PolicyAction::Tempfail:
        if (cls != 4) bad(at + "tempfail needs a 4xx code, got " + std::to_string(r.code));
        break;
      case PolicyAction::Reject:
        if (cls != 5) bad(at + "reject needs a 5xx code, got " + std::to_string(r.code));
        break;
    }
  }
}

PolicyRule blocklist_rule() {
  PolicyRule r = range_rule(-kInf, kInf, PolicyAction::Reject, 554, kBlocklistText);
  r.listed = true;
  return r;
}

GatewayPolicy good_only_policy(const ScoreScale& scale) {
  const double good = floor_of(scale, "Good", "good_only");
  GatewayPolicy p;
  p.rules.push_back(blocklist_rule());
  p.rules.push_back(unscored_rule(PolicyAction::Tempfail, 452, kUnsolicitedText));
  p.rules.push_back(range_rule(-kInf, good, PolicyAction::Tempfail, 452, kUnsolicitedText));
  return p;
}

GatewayPolicy neutral_ok_policy(const ScoreScale& scale) {
  const double neutral = floor_of(scale, "Neutral", "neutral_ok");
  GatewayPolicy p;
  p.rules.push_back(blocklist_rule());
  p.rules.push_back(range_rule(-kInf, neutral, PolicyAction::Reject, 554, kPoorReputationText));
  return p;
}

GatewayPolicy graded_policy(const ScoreScale& scale, const GradedCuts& c) {
  scale.validate();
  const auto inside = [&](double x) { return x >= scale.min && x <= scale.max; };
  if (!inside(c.refuse_below) || !inside(c.slow_below) || !inside(c.throttle_at_or_below))
    bad("graded cuts must lie inside the score scale");
  if (!(c.refuse_below <= c.slow_below && c.slow_below <= c.throttle_at_or_below))
    bad("graded cuts must satisfy refuse_below <= slow_below <= throttle_at_or_below");
  // "<= throttle_at_or_below" as a half-open range: the next double up is the first score accepted.
  const double accept_from = std::nextafter(c.throttle_at_or_below, kInf);
  const PolicyRule throttled = range_rule(-kInf, kInf, PolicyAction::Throttle, 452, kThrottleText);
  GatewayPolicy p;
  p.rules.push_back(blocklist_rule());
  PolicyRule unscored = throttle(throttled, c.throttle_per_hour);
  unscored.unscored = true;
  p.rules.push_back(std::move(unscored));
  p.rules.push_back(range_rule(-kInf, c.refuse_below, PolicyAction::Reject, 554, kPoorReputationText));
  PolicyRule slow = throttle(throttled, c.slow_per_hour);
  slow.score_min = c.refuse_below;
  slow.score_max = c.slow_below;
  p.rules.push_back(std::move(slow));
  PolicyRule light = throttle(throttled, c.throttle_per_hour);
  light.score_min = c.slow_below;
  light.score_max = accept_from;
  p.rules.push_back(std::move(light));
  p.validate();
  return p;
}

double from_sbrs(double sbrs, const ScoreScale& scale) {
  return scale.min + (sbrs + 10.0) / 20.0 * (scale.max - scale.min);
}

GatewayPolicy cisco_default_policy(const ScoreScale& scale) {
  scale.validate();
  const double blocked_below = from_sbrs(-3.0, scale), suspect_below = from_sbrs(-1.0, scale);
  GatewayPolicy p;
  p.rules.push_back(blocklist_rule());
  p.rules.push_back(range_rule(-kInf, blocked_below, PolicyAction::Reject, 554, kPoorReputationText));
  p.rules.push_back(
      throttle(range_rule(blocked_below, suspect_below, PolicyAction::Throttle, 452, kThrottleText),
               kCiscoThrottledPerHour));
  p.validate();
  return p;
}

std::string_view to_string(PolicyPreset p) {
  switch (p) {
    case PolicyPreset::GoodOnly:
      return "good_only";
    case PolicyPreset::NeutralOk:
      return "neutral_ok";
    case PolicyPreset::Graded:
      return "graded";
    case PolicyPreset::CiscoDefault:
      return "cisco_default";
  }
  return "unknown";
}

std::optional<PolicyPreset> policy_preset_from_name(std::string_view name) {
  for (PolicyPreset p : kPolicyPresets)
    if (to_string(p) == name) return p;
  return std::nullopt;
}

GatewayPolicy make_policy(PolicyPreset p, const ScoreScale& scale) {
  switch (p) {
    case PolicyPreset::GoodOnly:
      return good_only_policy(scale);
    case PolicyPreset::NeutralOk:
      return neutral_ok_policy(scale);
    case PolicyPreset::Graded:
      return graded_policy(scale);
    case PolicyPreset::CiscoDefault:
      return cisco_default_policy(scale);
  }
  bad("unknown preset");
}

namespace {
// A scale without the band a preset is built on cannot have produced that preset.
bool is_preset(const GatewayPolicy& table, PolicyPreset preset, const ScoreScale& scale) {
  try {
    return table == make_policy(preset, scale);
  } catch (const std::invalid_argument&) {
    return false;
  }
}
}  // namespace

std::string policy_label(const GatewayPolicy& p, const ScoreScale* scale) {
  std::string label = p.rules.empty()       ? "accept_all"
                      : p.rules.size() == 1 ? "1 rule"
                                            : std::to_string(p.rules.size()) + " rules";
  if (scale != nullptr && !p.rules.empty()) {
    GatewayPolicy table = p;
    table.accept_at_or_above = kInf;  // presets set no threshold; it is labelled apart
    for (PolicyPreset preset : kPolicyPresets)
      if (is_preset(table, preset, *scale)) label = to_string(preset);
  }
  if (std::isfinite(p.accept_at_or_above)) {
    char threshold[32];
    std::snprintf(threshold, sizeof threshold, ", threshold %g", p.accept_at_or_above);
    label += threshold;
  }
  return label;
}

namespace {
// Floor division: the hour of the run containing t, also for (unusual) negative times.
std::int64_t hour_of(sim::Time t) {
  const std::int64_t q = t / sim::kHour;
  return (t % sim::kHour < 0) ? q - 1 : q;
}
}  // namespace

bool HourlyBudget::take(IpIndex ip, double per_hour, sim::Time now) {
  if (ip == kNone) throw std::invalid_argument("hourly budget: no IP");
  if (ip >= slots_.size()) slots_.resize(std::size_t{ip} + 1);
  Slot& s = slots_[ip];
  const std::int64_t h = hour_of(now);
  if (s.hour != h) {
    s.hour = h;
    s.count = 0;
  }
  if (!(static_cast<double>(s.count) + 1.0 <= per_hour)) return false;
  ++s.count;
  return true;
}

std::uint32_t HourlyBudget::used(IpIndex ip, sim::Time now) const {
  if (ip >= slots_.size() || slots_[ip].hour != hour_of(now)) return 0;
  return slots_[ip].count;
}

}  // namespace repsim::models
