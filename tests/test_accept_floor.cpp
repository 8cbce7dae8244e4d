// The lowest score a gateway accepts, asked of its own policy.
#include <catch2/catch.hpp>
#include <limits>

#include "models/accept_floor.hpp"

using namespace repsim;
using repsim::models::accept_floor;

namespace {

models::PolicyRule rule(double lo, double hi, models::PolicyAction action) {
  models::PolicyRule r;
  r.score_min = lo;
  r.score_max = hi;
  r.action = action;
  r.code = action == models::PolicyAction::Reject ? 550 : 451;
  return r;
}

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

TEST_CASE("a Good-only policy accepts from the Good band's floor", "[gateway]") {
  const models::ScoreScale scale;  // -7..7, Poor [-7, -1), Neutral [-1, 1), Good [1, 7]
  models::GatewayPolicy p;
  p.rules.push_back(rule(-kInf, 1.0, models::PolicyAction::Tempfail));  // below Good: 4xx
  // No threshold: every probe from 7 down to 1 is accepted, 0.99 is not -> 1.
  CHECK(accept_floor(p, kInf, scale) == Approx(1.0));
  // The operators lower the threshold to Neutral's floor: accepted from -1.
  CHECK(accept_floor(p, -1.0, scale) == Approx(-1.0));
  // A threshold above the table's floor changes nothing: the table already accepts from 1.
  CHECK(accept_floor(p, 3.0, scale) == Approx(1.0));
}

TEST_CASE("a graded policy accepts from above its highest refusing rule", "[gateway]") {
  const models::ScoreScale scale;
  models::GatewayPolicy p;
  p.rules.push_back(rule(-kInf, -3.0, models::PolicyAction::Reject));
  p.rules.push_back(rule(-3.0, -1.0, models::PolicyAction::Throttle));
  // -1 and above match no rule: accepted; -1.01 is throttled -> the line is at -1.
  CHECK(accept_floor(p, kInf, scale) == Approx(-1.0));
}

TEST_CASE("no line when everything or nothing is accepted", "[gateway]") {
  const models::ScoreScale scale;
  models::GatewayPolicy open;
  CHECK_FALSE(accept_floor(open, kInf, scale));  // accepts every score: no line to draw
  models::GatewayPolicy closed;
  closed.rules.push_back(rule(-kInf, kInf, models::PolicyAction::Reject));
  CHECK_FALSE(accept_floor(closed, kInf, scale));  // even 7 is refused
}
