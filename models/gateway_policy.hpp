#pragma once
// A gateway's reputation policy: an ordered table of rules (first match wins) in the style of a
// Cisco ESA host access table, plus the acceptance threshold operators move. Also the hourly
// recipient budget that a Throttle rule draws on.
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/ids.hpp"
#include "models/score_scale.hpp"
#include "models/scorer.hpp"
#include "sim/time.hpp"

namespace repsim::models {

enum class PolicyAction : std::uint8_t {
  Accept,    // go on to the later checks (authentication, content)
  Throttle,  // accept up to per_hour recipients per sending IP per hour of the run, then code/text (4xx)
  Tempfail,  // answer code/text (4xx) now
  Reject,    // answer code/text (5xx) now
};

std::string_view to_string(PolicyAction a);
std::optional<PolicyAction> policy_action_from_name(std::string_view name);  // "accept", ...

// The table reads a SenderStanding (models/scorer.hpp): the score of the gateway's reputation
// service and the listing of its blocklist.

// A rule matches in exactly one way, chosen by its flags:
//   listed   -> IPs the blocklist lists (whatever their score);
//   unscored -> IPs the reputation service has no score for;
//   neither  -> scored IPs with score_min <= score < score_max.
struct PolicyRule {
  double score_min = -std::numeric_limits<double>::infinity();
  double score_max = std::numeric_limits<double>::infinity();
  bool unscored = false;
  bool listed = false;
  PolicyAction action = PolicyAction::Accept;
  double per_hour = 0.0;  // Throttle only: recipients per hour per sending IP
  std::uint16_t code = 250;
  std::string text;  // the reply text after the code, e.g. "4.7.1 ..."

  bool matches(const SenderStanding& s) const;
  bool operator==(const PolicyRule&) const = default;
  // The rule reads a reputation score (range or unscored rule); listing rules do not.
  bool uses_score() const { return !listed; }
};

struct GatewayPolicy {
  std::vector<PolicyRule> rules;
  // Scores at or above this are accepted before the table is consulted: the knob operators turn
  // ("accept Neutral"). +inf (the default) = the table alone decides. A listed IP never takes this
  // shortcut: the threshold is about scores, a blocklist listing is a separate verdict.
  double accept_at_or_above = std::numeric_limits<double>::infinity();

  void set_threshold(double t) { accept_at_or_above = t; }
  // The first matching rule, or nullptr when the sender is accepted by threshold or by no match.
  const PolicyRule* decide(const SenderStanding& s) const;
  // The lowest score from which a scored, unlisted sender matches no rule: the top of the highest
  // score range (+inf when a range is open above, -inf when the table has none). At or above it,
  // decide() returns nullptr, so a caller that keeps this value need not read the table.
  double clear_from() const;
  // True when some rule (or a finite threshold) needs a reputation score.
  bool uses_score() const;
  // Throws std::invalid_argument: NaN or inverted ranges, listed+unscored on one rule, a reply
  // class that contradicts the action (Tempfail/Throttle need 4xx, Reject 5xx), negative budgets.
  void validate() const;
  bool operator==(const GatewayPolicy&) const = default;
};

// Common policies, built on the scale's band names ("Poor", "Neutral", "Good"); each starts with
// blocklist_rule(), which only matches when the gateway has a blocklist. Throw
// std::invalid_argument when the scale lacks the band a policy is built on.
//
// Good only (VA in May 2012): unscored or below the Good floor -> 452 4.7.1 "characterized to be
// unsolicited email ..." (a deferral: the mail waits in the sender's queue until it expires).
GatewayPolicy good_only_policy(const ScoreScale& scale);
// Neutral accepted: Poor (below the Neutral floor) -> 554 "poor reputation"; unscored accepted.
GatewayPolicy neutral_ok_policy(const ScoreScale& scale);

// Cisco ESA's default host access table ("Moderate" sender-group policy), on the SBRS scale
// -10..+10: BLOCKED -10..-3 is refused, SUSPECTLIST -3..-1 gets the $THROTTLED flow (20 recipients
// an hour per sending IP; its 10 concurrent connections are not modelled per IP: the gateway's own
// connection limit applies), UNKNOWNLIST -1..+10 and unscored senders are accepted. The cuts are
// mapped linearly onto the scale: on -7..+7, -3 -> -2.1 and -1 -> -0.7 (docs/architecture.md).
GatewayPolicy cisco_default_policy(const ScoreScale& scale);
// A Cisco SBRS score (-10..+10) placed at the same share of `scale`'s range.
double from_sbrs(double sbrs, const ScoreScale& scale);

// Cut points of the graded policy: repsim's own grading, stricter than Cisco's default table (use
// cisco_default for that). It refuses below -3, throttles -3..-1 at 1 recipient an hour and -1..0
// (and unscored senders) at 10 an hour, so unlike Cisco's default it also slows "Neutral, score 0",
// as every policy that throttled scores <= 0 did to the pool in May 2012 (docs/architecture.md).
struct GradedCuts {
  double refuse_below = -3.0;         // score < this -> 554 refuse
  double slow_below = -1.0;           // refuse_below <= score < this -> slow_per_hour
  double throttle_at_or_below = 0.0;  // slow_below <= score <= this, or unscored -> throttle_per_hour
  double slow_per_hour = 1.0;
  double throttle_per_hour = 10.0;
};
// Scores above throttle_at_or_below are accepted. Throws std::invalid_argument when the cuts are
// not increasing or lie outside the scale.
GatewayPolicy graded_policy(const ScoreScale& scale, const GradedCuts& cuts = {});

enum class PolicyPreset : std::uint8_t { GoodOnly, NeutralOk, Graded, CiscoDefault };
// Every preset, in the order scenario files and labels list them.
inline constexpr std::array<PolicyPreset, 4> kPolicyPresets{PolicyPreset::GoodOnly, PolicyPreset::NeutralOk,
                                                            PolicyPreset::Graded, PolicyPreset::CiscoDefault};
std::optional<PolicyPreset> policy_preset_from_name(std::string_view name);  // "good_only", ...
std::string_view to_string(PolicyPreset p);
GatewayPolicy make_policy(PolicyPreset p, const ScoreScale& scale);
// A policy's name as a scenario writes it: "accept_all" for the empty table, the preset it equals
// ("good_only"), else "N rules"; then ", threshold X" when one is set. `scale` is the gateway's
// reputation scale (null without a reputation scorer, when no preset applies).
std::string policy_label(const GatewayPolicy& p, const ScoreScale* scale);

// The rules presets are made of (exposed so tables can be assembled from the same texts).
PolicyRule blocklist_rule();  // listed -> 554 5.7.1 blocked using a DNS blocklist

// Recipients accepted per sending IP in the current hour of the run (hour index = now / 1 h, counted
// from the run's start, not the wall clock's hour): a
// throttled IP's budget refills at each full hour of simulation time.
class HourlyBudget {
 public:
  // Takes one recipient from ip's budget of per_hour for the hour containing `now`; false (nothing
  // taken) when the hour's budget is spent. Budgets of all rules share one count per IP and hour.
  bool take(IpIndex ip, double per_hour, sim::Time now);
  std::uint32_t used(IpIndex ip, sim::Time now) const;

 private:
  struct Slot {
    std::int64_t hour = -1;
    std::uint32_t count = 0;
  };
  std::vector<Slot> slots_;  // indexed by IpIndex (dense), grown on demand
};

}  // namespace repsim::models
