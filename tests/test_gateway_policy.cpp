#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

#include "index_literals.hpp"
#include "models/gateway_policy.hpp"

using namespace repsim::models;
using namespace repsim::models::index_literals;
using repsim::sim::hours;
using repsim::sim::kHour;
using repsim::sim::kMicrosecond;
using repsim::sim::minutes;

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

SenderStanding scored(double s) { return SenderStanding{s, false}; }
SenderStanding unscored() { return SenderStanding{std::nullopt, false}; }
SenderStanding listed(std::optional<double> s) { return SenderStanding{s, true}; }

PolicyRule range(double lo, double hi, PolicyAction a, std::uint16_t code) {
  PolicyRule r;
  r.score_min = lo;
  r.score_max = hi;
  r.action = a;
  r.code = code;
  return r;
}

}  // namespace

TEST_CASE("policy rule: a range rule matches scored senders in (min, max) only", "[gateway]") {
  const PolicyRule r = range(-1.0, 1.0, PolicyAction::Tempfail, 452);
  CHECK(r.matches(scored(-1.0)));  // min is inside
  CHECK(r.matches(scored(0.0)));
  CHECK(r.matches(scored(std::nextafter(1.0, 0.0))));
  CHECK_FALSE(r.matches(scored(1.0)));  // max is outside
  CHECK_FALSE(r.matches(scored(-1.5)));
  CHECK_FALSE(r.matches(unscored()));  // no score, no range match
  CHECK(r.matches(listed(0.0)));       // a range rule ignores listing
}

TEST_CASE("policy rule: unscored and listed rules match only their kind", "[gateway]") {
  PolicyRule u;
  u.unscored = true;
  CHECK(u.matches(unscored()));
  CHECK_FALSE(u.matches(scored(-7.0)));  // its default range is everything, yet a score never matches
  PolicyRule l;
  l.listed = true;
  CHECK(l.matches(listed(std::nullopt)));
  CHECK(l.matches(listed(7.0)));
  CHECK_FALSE(l.matches(scored(-7.0)));
  CHECK_FALSE(l.matches(unscored()));
}

TEST_CASE("policy table: first match wins, no match accepts", "[gateway]") {
  GatewayPolicy p;
  p.rules.push_back(range(-7.0, 0.0, PolicyAction::Reject, 554));    // rule 0
  p.rules.push_back(range(-7.0, 1.0, PolicyAction::Tempfail, 452));  // rule 1 overlaps rule 0
  // -3 matches both: rule 0 comes first. 0.5 matches rule 1 only. 2 matches none.
  REQUIRE(p.decide(scored(-3.0)) == &p.rules[0]);
  REQUIRE(p.decide(scored(0.5)) == &p.rules[1]);
  CHECK(p.decide(scored(2.0)) == nullptr);
  std::swap(p.rules[0], p.rules[1]);
  CHECK(p.decide(scored(-3.0))->action == PolicyAction::Tempfail);  // order decides, not severity
}

TEST_CASE("policy table: the threshold accepts scores at or above it before the table", "[gateway]") {
  GatewayPolicy p;
  p.rules.push_back(range(-kInfinity, kInfinity, PolicyAction::Tempfail, 452));
  CHECK(p.decide(scored(5.0)) != nullptr);  // threshold +inf: the table decides
  p.set_threshold(-1.0);
  CHECK(p.decide(scored(-1.0)) == nullptr);  // at the threshold: accepted
  CHECK(p.decide(scored(0.0)) == nullptr);
  CHECK(p.decide(scored(std::nextafter(-1.0, -2.0))) != nullptr);
  CHECK(p.decide(unscored()) == nullptr);  // the rule above is a range rule: unscored matches nothing
  PolicyRule l;
  l.listed = true;
  l.action = PolicyAction::Reject;
  l.code = 554;
  p.rules.insert(p.rules.begin(), l);
  CHECK(p.decide(listed(5.0)) == &p.rules[0]);  // a listing is not overridden by the threshold
}

TEST_CASE("good_only: below the Good floor or unscored defers with the VA 452 text", "[gateway]") {
  const GatewayPolicy p = good_only_policy(ScoreScale{});  // Good floor = 1 on the default scale
  REQUIRE(p.rules.size() == 3);
  const PolicyRule* r = p.decide(scored(0.0));  // "Neutral, score 0"
  REQUIRE(r != nullptr);
  CHECK(r->action == PolicyAction::Tempfail);
  CHECK(r->code == 452);
  CHECK(r->text.find("characterized to be unsolicited email or from an untrusted mail delivery system") !=
        std::string::npos);
  CHECK(r->text.rfind("4.7.1 ", 0) == 0);
  CHECK(p.decide(scored(std::nextafter(1.0, 0.0)))->code == 452);
  CHECK(p.decide(scored(1.0)) == nullptr);  // the Good floor is Good
  CHECK(p.decide(scored(7.0)) == nullptr);
  CHECK(p.decide(unscored())->code == 452);
  CHECK(p.decide(listed(7.0))->code == 554);  // the blocklist rule leads every preset

  GatewayPolicy lowered = p;
  lowered.set_threshold(-1.0);  // prime contractor's Monday change: accept Neutral
  CHECK(lowered.decide(scored(0.0)) == nullptr);
  CHECK(lowered.decide(scored(-1.0)) == nullptr);
  CHECK(lowered.decide(scored(-1.5))->code == 452);
  CHECK(lowered.decide(unscored())->code == 452);  // the threshold is about scores only
}

TEST_CASE("neutral_ok: only Poor is refused, with 554 poor reputation", "[gateway]") {
  const GatewayPolicy p = neutral_ok_policy(ScoreScale{});  // Neutral floor = -1
  CHECK(p.decide(scored(-1.0)) == nullptr);
  CHECK(p.decide(scored(0.0)) == nullptr);
  CHECK(p.decide(unscored()) == nullptr);
  const PolicyRule* r = p.decide(scored(std::nextafter(-1.0, -2.0)));
  REQUIRE(r != nullptr);
  CHECK(r->action == PolicyAction::Reject);
  CHECK(r->code == 554);
  CHECK(r->text.find("rejected due to the sending MTA's poor reputation") != std::string::npos);
}

TEST_CASE("graded: refuse < -3, 1/h in (-3, -1), 10/h in (-1, 0) and unscored, accept > 0", "[gateway]") {
  const GatewayPolicy p = graded_policy(ScoreScale{});
  const auto action = [&](SenderStanding s) {
    const PolicyRule* r = p.decide(s);
    return r ? r->action : PolicyAction::Accept;
  };
  const auto budget = [&](SenderStanding s) { return p.decide(s)->per_hour; };
  CHECK(action(scored(-7.0)) == PolicyAction::Reject);
  CHECK(action(scored(std::nextafter(-3.0, -4.0))) == PolicyAction::Reject);
  CHECK(p.decide(scored(-7.0))->code == 554);
  CHECK(budget(scored(-3.0)) == 1.0);
  CHECK(budget(scored(std::nextafter(-1.0, -2.0))) == 1.0);
  CHECK(budget(scored(-1.0)) == 10.0);
  CHECK(budget(scored(0.0)) == 10.0);  // score 0 is throttled: the May 2012 pool was hit
  CHECK(budget(unscored()) == 10.0);
  CHECK(action(scored(std::nextafter(0.0, 1.0))) == PolicyAction::Accept);
  CHECK(p.decide(scored(0.0))->code == 452);
  CHECK(p.decide(scored(0.0))->text == "4.5.3 Too many recipients this hour");

  GradedCuts strict;
  strict.throttle_at_or_below = 1.0;
  strict.throttle_per_hour = 5.0;
  const GatewayPolicy q = graded_policy(ScoreScale{}, strict);
  CHECK(q.decide(scored(1.0))->per_hour == 5.0);
  CHECK(q.decide(scored(std::nextafter(1.0, 2.0))) == nullptr);
}

TEST_CASE("policy presets: names and validation", "[gateway]") {
  for (PolicyPreset p : {PolicyPreset::GoodOnly, PolicyPreset::NeutralOk, PolicyPreset::Graded}) {
    CHECK(policy_preset_from_name(to_string(p)) == p);
    CHECK_NOTHROW(make_policy(p, ScoreScale{}).validate());
  }
  CHECK_FALSE(policy_preset_from_name("goodonly").has_value());
  CHECK(policy_action_from_name("throttle") == PolicyAction::Throttle);
  CHECK_FALSE(policy_action_from_name("Throttle").has_value());

  ScoreScale two_bands;
  two_bands.bands = {"Bad", "Fine"};
  two_bands.cuts = {0.0};
  CHECK_THROWS_AS(good_only_policy(two_bands), std::invalid_argument);   // no "Good" band
  CHECK_THROWS_AS(neutral_ok_policy(two_bands), std::invalid_argument);  // no "Neutral" band
  GradedCuts inverted;
  inverted.slow_below = -4.0;  // below refuse_below = -3
  CHECK_THROWS_AS(graded_policy(ScoreScale{}, inverted), std::invalid_argument);
  GradedCuts outside;
  outside.refuse_below = -8.0;  // scale starts at -7
  CHECK_THROWS_AS(graded_policy(ScoreScale{}, outside), std::invalid_argument);
}

TEST_CASE("policy label: the preset a table equals, else its size, and the threshold apart", "[gateway]") {
  const ScoreScale scale;
  CHECK(policy_label(GatewayPolicy{}, nullptr) == "accept_all");
  CHECK(policy_label(good_only_policy(scale), &scale) == "good_only");
  CHECK(policy_label(neutral_ok_policy(scale), &scale) == "neutral_ok");
  CHECK(policy_label(graded_policy(scale), &scale) == "graded");
  CHECK(policy_label(cisco_default_policy(scale), &scale) == "cisco_default");
  // Without the gateway's scale no preset can be recognised: blocklist, unscored and range rules.
  CHECK(policy_label(good_only_policy(scale), nullptr) == "3 rules");
  GradedCuts strict;
  strict.throttle_at_or_below = 1.0;
  CHECK(policy_label(graded_policy(scale, strict), &scale) == "5 rules");  // not the preset's cuts
  GatewayPolicy lowered = good_only_policy(scale);
  lowered.set_threshold(-0.5);
  CHECK(policy_label(lowered, &scale) == "good_only, threshold -0.5");
  // A scale without a "Good" band: good_only cannot be built on it, neutral_ok can.
  ScoreScale no_good;
  no_good.bands = {"Poor", "Neutral"};
  no_good.cuts = {0.0};
  CHECK(policy_label(neutral_ok_policy(no_good), &no_good) == "neutral_ok");
  GatewayPolicy listed_only;
  listed_only.rules.push_back(blocklist_rule());
  CHECK(policy_label(listed_only, &no_good) == "1 rule");
}

TEST_CASE("policy validate: codes must fit the action", "[gateway]") {
  GatewayPolicy p;
  p.rules.push_back(range(-1.0, 1.0, PolicyAction::Tempfail, 554));
  CHECK_THROWS_AS(p.validate(), std::invalid_argument);
  p.rules[0] = range(-1.0, 1.0, PolicyAction::Reject, 452);
  CHECK_THROWS_AS(p.validate(), std::invalid_argument);
  p.rules[0] = range(-1.0, 1.0, PolicyAction::Throttle, 452);
  p.rules[0].per_hour = -1.0;
  CHECK_THROWS_AS(p.validate(), std::invalid_argument);
  p.rules[0].per_hour = 3.0;
  CHECK_NOTHROW(p.validate());
  p.rules[0] = range(1.0, -1.0, PolicyAction::Reject, 554);  // inverted range
  CHECK_THROWS_AS(p.validate(), std::invalid_argument);
  p.rules[0] = range(-1.0, 1.0, PolicyAction::Reject, 554);
  p.rules[0].listed = p.rules[0].unscored = true;
  CHECK_THROWS_AS(p.validate(), std::invalid_argument);
  p.rules[0].listed = false;
  CHECK_NOTHROW(p.validate());
  p.accept_at_or_above = std::nan("");
  CHECK_THROWS_AS(p.validate(), std::invalid_argument);
}

TEST_CASE("policy clear_from: the top of the highest score range", "[gateway]") {
  CHECK(good_only_policy(ScoreScale{}).clear_from() == 1.0);    // Good's floor
  CHECK(neutral_ok_policy(ScoreScale{}).clear_from() == -1.0);  // Neutral's floor
  CHECK(graded_policy(ScoreScale{}).clear_from() == std::nextafter(0.0, 1.0));
  GatewayPolicy p;
  CHECK(p.clear_from() == -kInfinity);  // no rule reads a score
  p.rules.push_back(blocklist_rule());
  PolicyRule no_score = range(-kInfinity, kInfinity, PolicyAction::Reject, 554);
  no_score.unscored = true;  // matches only senders without a score, whatever its range
  p.rules.push_back(no_score);
  CHECK(p.clear_from() == -kInfinity);
  p.rules.push_back(range(2.0, 3.0, PolicyAction::Reject, 554));
  p.rules.push_back(range(-7.0, 0.5, PolicyAction::Tempfail, 451));  // order does not matter
  CHECK(p.clear_from() == 3.0);
  CHECK(p.decide(scored(std::nextafter(3.0, 0.0))) != nullptr);
  CHECK(p.decide(scored(3.0)) == nullptr);
  CHECK(p.decide(listed(3.0)) != nullptr);  // a listing is not a score
  CHECK(p.decide(unscored()) != nullptr);
  p.rules.push_back(range(5.0, kInfinity, PolicyAction::Reject, 554));
  CHECK(p.clear_from() == kInfinity);  // no score clears an open range
}

TEST_CASE("policy uses_score: listing rules alone need no reputation service", "[gateway]") {
  GatewayPolicy p;
  CHECK_FALSE(p.uses_score());
  p.rules.push_back(blocklist_rule());
  CHECK_FALSE(p.uses_score());
  p.set_threshold(0.0);
  CHECK(p.uses_score());
  CHECK(good_only_policy(ScoreScale{}).uses_score());
}

TEST_CASE("hourly budget: per_hour recipients per IP per clock hour", "[gateway]") {
  HourlyBudget b;
  // Ten takes spread over hour 0 succeed; the 11th, one microsecond before 1 h, fails.
  for (int i = 0; i < 10; ++i) CHECK(b.take(7_ip, 10.0, minutes(5 * i)));
  CHECK(b.used(7_ip, minutes(50)) == 10);
  CHECK_FALSE(b.take(7_ip, 10.0, kHour - kMicrosecond));
  CHECK(b.used(7_ip, kHour - kMicrosecond) == 10);  // a refusal takes nothing
  CHECK(b.used(7_ip, kHour) == 0);                  // a new hour starts empty
  for (int i = 0; i < 10; ++i) CHECK(b.take(7_ip, 10.0, kHour + i));
  CHECK_FALSE(b.take(7_ip, 10.0, kHour + 10));
  CHECK(b.take(8_ip, 10.0, kHour));  // another IP has its own budget
  // One count per IP and hour, whatever rule: after 10 takes a 1/h budget is spent too.
  CHECK_FALSE(b.take(7_ip, 1.0, kHour + 20));
  CHECK(b.take(7_ip, 1.0, hours(2)));
  CHECK_FALSE(b.take(7_ip, 1.0, hours(2) + 1));
  CHECK_FALSE(b.take(9_ip, 0.0, 0));         // a zero budget never accepts
  CHECK(b.take(9_ip, 1.5, hours(3)));        // 0 + 1 <= 1.5
  CHECK_FALSE(b.take(9_ip, 1.5, hours(3)));  // 1 + 1 > 1.5
}

TEST_CASE("cisco_default: Cisco's Moderate host access table mapped onto -7..+7", "[gateway]") {
  const ScoreScale scale;  // -7..+7
  const GatewayPolicy p = make_policy(PolicyPreset::CiscoDefault, scale);
  CHECK(policy_preset_from_name("cisco_default") == PolicyPreset::CiscoDefault);
  // SBRS -3 and -1 at the same share of -7..+7: -7 + 14 x 7/20 = -2.1, -7 + 14 x 9/20 = -0.7.
  CHECK(from_sbrs(-3.0, scale) == Approx(-2.1).margin(1e-12));
  CHECK(from_sbrs(-1.0, scale) == Approx(-0.7).margin(1e-12));
  const double blocked_top = from_sbrs(-3.0, scale), suspect_top = from_sbrs(-1.0, scale);
  const auto action_at = [&](double score) -> std::optional<PolicyAction> {
    const PolicyRule* r = p.decide(SenderStanding{score, false});
    return r ? std::optional(r->action) : std::nullopt;
  };
  CHECK(action_at(-7.0) == PolicyAction::Reject);  // BLOCKED
  CHECK(action_at(std::nextafter(blocked_top, -8.0)) == PolicyAction::Reject);
  CHECK(p.decide(SenderStanding{-7.0, false})->code == 554);
  CHECK(action_at(blocked_top) == PolicyAction::Throttle);                        // SUSPECTLIST from -2.1 ...
  CHECK(action_at(std::nextafter(suspect_top, -8.0)) == PolicyAction::Throttle);  // ... to below -0.7
  CHECK(p.decide(SenderStanding{-1.0, false})->per_hour == 20.0);                 // $THROTTLED
  CHECK(p.decide(SenderStanding{-1.0, false})->code == 452);
  CHECK(action_at(suspect_top) == std::nullopt);  // UNKNOWNLIST and above: accepted
  CHECK(action_at(0.0) == std::nullopt);          // "Neutral, score 0" is accepted
  CHECK(action_at(7.0) == std::nullopt);
  CHECK(p.decide(SenderStanding{}) == nullptr);  // unscored: accepted
  SenderStanding listed{5.0, true};
  CHECK(p.decide(listed)->action == PolicyAction::Reject);  // a blocklist listing still refuses
  // On Cisco's own scale the cuts are Cisco's.
  ScoreScale sbrs = scale;
  sbrs.min = -10.0;
  sbrs.max = 10.0;
  CHECK(from_sbrs(-3.0, sbrs) == -3.0);
  CHECK(from_sbrs(-1.0, sbrs) == -1.0);
}
