// A gateway's reputation policy: a preset name or an explicit rule table, plus the threshold.
#include <limits>

#include "io/load_policy.hpp"
#include "io/scenario_keys.hpp"

namespace repsim::io::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

[[noreturn]] void needs_reputation(const JsonNode& n, const std::string& what) {
  n.fail(what + " reads reputation scores: give the gateway a 'reputation' scorer");
}

models::GradedCuts load_cuts(const JsonNode& n) {
  n.check_keys(keys::graded_cuts());
  models::GradedCuts c;
  if (auto v = n.find("refuse_below")) c.refuse_below = v->number();
  if (auto v = n.find("slow_below")) c.slow_below = v->number();
  if (auto v = n.find("throttle_at_or_below")) c.throttle_at_or_below = v->number();
  if (auto v = n.find("slow_per_hour")) c.slow_per_hour = v->nonnegative();
  if (auto v = n.find("throttle_per_hour")) c.throttle_per_hour = v->nonnegative();
  return c;
}

models::PolicyRule load_rule(const LoadContext& ctx, const JsonNode& n, const models::ScoreScale* scale) {
  n.check_keys(keys::rule());
  models::PolicyRule r;
  r.action =
      n.at("action").choice<models::PolicyAction>("action", {{"accept", models::PolicyAction::Accept},
                                                             {"throttle", models::PolicyAction::Throttle},
                                                             {"tempfail", models::PolicyAction::Tempfail},
                                                             {"reject", models::PolicyAction::Reject}});
  if (auto v = n.find("unscored")) r.unscored = v->boolean();
  if (auto v = n.find("listed")) r.listed = v->boolean();
  if (r.unscored && r.listed) n.fail("a rule matches listed or unscored senders, not both");
  if (r.unscored || r.listed)
    reject_keys(n, {"score_min", "score_max"}, "does not apply to a rule for unscored or listed senders");
  if (!r.listed && scale == nullptr) needs_reputation(n, "this rule");
  const auto bound = [&](const char* key, double fallback) {
    const auto v = n.find(key);
    return v ? ctx.score_on(*v, *scale, key) : fallback;
  };
  if (!r.unscored && !r.listed) {
    r.score_min = bound("score_min", -kInf);
    r.score_max = bound("score_max", kInf);
    if (!(r.score_min < r.score_max)) n.fail("score_min must be below score_max");
  }
  // Codes a mail admin would pick for each action when the rule does not say.
  switch (r.action) {
    case models::PolicyAction::Accept:
      r.code = 250;
      break;
    case models::PolicyAction::Throttle:
      r.code = 452;
      r.text = "4.5.3 Too many recipients this hour";
      break;
    case models::PolicyAction::Tempfail:
      r.code = 451;
      r.text = "4.7.1 Try again later";
      break;
    case models::PolicyAction::Reject:
      r.code = 550;
      r.text = "5.7.1 Rejected by policy";
      break;
  }
  if (r.action == models::PolicyAction::Throttle)
    r.per_hour = n.at("per_hour").nonnegative();
  else
    reject_keys(n, {"per_hour"}, "applies only to throttle rules");
  if (auto v = n.find("code")) {
    r.code = static_cast<std::uint16_t>(v->unsigned_in(200, 599));
    const unsigned cls = r.code / 100u;
    const bool ok = r.action == models::PolicyAction::Accept   ? cls == 2
                    : r.action == models::PolicyAction::Reject ? cls == 5
                                                               : cls == 4;
    if (!ok)
      v->fail("code " + std::to_string(r.code) + " does not fit action '" +
              std::string(models::to_string(r.action)) +
              "' (accept 2xx, throttle and tempfail 4xx, reject 5xx)");
  }
  if (auto v = n.find("text")) r.text = v->string();
  return r;
}

}  // namespace

models::GatewayPolicy load_policy(const LoadContext& ctx, const JsonNode& owner,
                                  const models::ScoreScale* scale) {
  models::GatewayPolicy p;
  const auto cuts = owner.find("graded_cuts");
  if (const auto v = owner.find("policy")) {
    if (v->is_string()) {
      const std::string name = v->string();
      if (name != "accept_all") {
        const auto preset = models::policy_preset_from_name(name);
        if (!preset)
          v->fail("unknown policy '" + name +
                  "' (expected one of: accept_all, good_only, neutral_ok, graded, cisco_default)");
        if (scale == nullptr) needs_reputation(*v, "policy '" + name + "'");
        if (cuts && *preset != models::PolicyPreset::Graded)
          cuts->fail("graded_cuts applies only to policy 'graded'");
        model_check(*v, [&] {
          p = cuts ? models::graded_policy(*scale, load_cuts(*cuts)) : models::make_policy(*preset, *scale);
        });
      }
    } else if (v->is_array()) {
      for (const JsonNode& r : v->items()) p.rules.push_back(load_rule(ctx, r, scale));
    } else {
      v->fail("expected a preset name or an array of rules, got " + v->type_name());
    }
  }
  if (cuts &&
      (!owner.has("policy") || !owner.at("policy").is_string() || owner.at("policy").string() != "graded"))
    cuts->fail("graded_cuts applies only to policy 'graded'");
  if (const auto v = owner.find("threshold")) {
    if (scale == nullptr) needs_reputation(*v, "a threshold");
    p.accept_at_or_above = ctx.score_on(*v, *scale, "threshold");
  }
  model_check(owner, [&] { p.validate(); });
  return p;
}

}  // namespace repsim::io::detail
