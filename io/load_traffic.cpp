// The shapes of mail that tenants and episodes share: working hours, traffic profiles, recipient
// mixes and compromise episodes.
#include <array>

#include "io/load_parts.hpp"
#include "io/scenario_keys.hpp"

namespace repsim::io::detail {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// "HH:MM" -> minutes of the day; "24:00" only where the end of a day is meant.
int clock_minutes(const JsonNode& n, bool end_of_day_ok) {
  const std::string s = n.string();
  const bool shape = s.size() == 5 && digit(s[0]) && digit(s[1]) && s[2] == ':' && digit(s[3]) && digit(s[4]);
  if (!shape) n.fail("bad clock time '" + s + "' (expected \"HH:MM\")");
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && (m != 0 || !end_of_day_ok)))
    n.fail("bad clock time '" + s + "' (00:00 .. 23:59" + (end_of_day_ok ? std::string(", or 24:00") : "") +
           ")");
  return h * 60 + m;
}

}  // namespace

sim::WorkingHours load_hours(const JsonNode& n) {
  if (n.is_string()) {
    if (n.string() != "always") n.fail("expected \"always\" or an object {start, end, days}");
    return sim::WorkingHours::always();
  }
  n.check_keys(keys::working_hours());
  sim::WorkingHours w;
  if (auto v = n.find("start")) w.start_minute = clock_minutes(*v, false);
  if (auto v = n.find("end")) w.end_minute = clock_minutes(*v, true);
  if (w.end_minute <= w.start_minute)
    n.fail("end must be after start (working hours do not wrap past midnight)");
  if (auto v = n.find("days")) {
    w.days.fill(false);
    for (const JsonNode& d : v->items()) {
      const auto day = d.choice<int>(
          "day", {{"Mon", 0}, {"Tue", 1}, {"Wed", 2}, {"Thu", 3}, {"Fri", 4}, {"Sat", 5}, {"Sun", 6}});
      if (w.days[static_cast<std::size_t>(day)]) d.fail("day '" + d.string() + "' is listed twice");
      w.days[static_cast<std::size_t>(day)] = true;
    }
    if (v->items().empty()) v->fail("list at least one day");
  }
  return w;
}

namespace {

models::TrafficProfile load_profile(const JsonNode& n) {
  using Kind = models::TrafficProfile::Kind;
  if (!n.is_object()) n.fail("expected an object, got " + n.type_name());
  models::TrafficProfile p;
  n.expect_keys(keys::profile());
  if (auto v = n.find("kind"))
    p.kind = v->choice<Kind>(
        "profile kind",
        {{"flat", Kind::Flat}, {"business_hours", Kind::BusinessHours}, {"diurnal", Kind::Diurnal}});
  switch (p.kind) {
    case Kind::Flat:
      check_variant_keys(n, keys::profile_kinds(), 0);
      break;
    case Kind::BusinessHours:
      check_variant_keys(n, keys::profile_kinds(), 1);
      if (auto v = n.find("hours")) p.hours = load_hours(*v);
      if (auto v = n.find("off_hours_share")) p.off_hours_share = v->share();
      break;
    case Kind::Diurnal:
      check_variant_keys(n, keys::profile_kinds(), 2);
      if (auto v = n.find("hourly")) {
        const std::vector<JsonNode> h = v->items();
        if (h.size() != 24) v->fail("expected 24 hourly weights (00 .. 23), got " + std::to_string(h.size()));
        for (std::size_t i = 0; i < 24; ++i) p.hourly[i] = h[i].nonnegative();
      }
      if (auto v = n.find("weekend_factor")) p.weekend_factor = v->nonnegative();
      break;
  }
  model_check(n, [&] { p.validate(); });
  return p;
}

}  // namespace

std::vector<models::RecipientShare> load_recipients(const LoadContext& ctx, const JsonNode& array) {
  std::vector<models::RecipientShare> out;
  double total = 0;
  for (const JsonNode& r : array.items()) {
    r.check_keys(keys::recipient());
    const double weight = r.has("weight") ? r.at("weight").nonnegative() : 1.0;
    const std::vector<models::GatewayIndex> members = ctx.refs_all<models::GatewayIndex>(r.at("gateway"));
    for (models::GatewayIndex g : members) out.push_back({g, weight / static_cast<double>(members.size())});
    total += weight;
  }
  if (!out.empty() && !(total > 0)) array.fail("every weight is 0: no mail could be addressed");
  return out;
}

void load_episode_fields(const LoadContext& ctx, const JsonNode& n, models::CompromiseEpisode& e,
                         Binding* binding) {
  e.duration = n.at("duration").positive_duration();
  e.messages_per_hour = n.at("messages_per_hour").nonnegative();
  if (auto v = n.find("recipients")) e.recipients = load_recipients(ctx, *v);
  if (auto v = n.find("trap_share")) e.trap_share = v->share();
  if (auto v = n.find("spoof_as")) e.spoof_as = ctx.ref<models::TenantIndex>(*v, binding);
}

namespace {

models::CompromiseEpisode load_episode(const LoadContext& ctx, const JsonNode& n,
                                       bool template_of_population) {
  models::CompromiseEpisode e;
  if (template_of_population) {
    reject_keys(
        n, keys_not_in(keys::episode(), keys::episode_template()),
        "is drawn for each member of a population, between episode_window_start and episode_window_end");
    n.check_keys(keys::episode_template());
  } else {
    n.check_keys(keys::episode());
    if (auto v = n.find("start")) e.start = ctx.time_in_run(*v);
  }
  load_episode_fields(ctx, n, e, nullptr);
  return e;
}

}  // namespace

// The fields of TenantConfig proper (everything but routing, auth and population).
models::TenantConfig load_tenant_config(const LoadContext& ctx, const JsonNode& n, bool population) {
  models::TenantConfig c;
  c.id = n.at("id").string();
  if (auto v = n.find("messages_per_day")) c.messages_per_day = v->nonnegative();
  if (auto v = n.find("profile")) c.profile = load_profile(*v);
  if (auto v = n.find("recipients")) c.recipients = load_recipients(ctx, *v);
  if (auto v = n.find("spam_share")) c.spam_share = v->share();
  if (auto v = n.find("attachment_share")) c.attachment_share = v->share();
  if (auto v = n.find("episodes"))
    for (const JsonNode& e : v->items()) c.episodes.push_back(load_episode(ctx, e, population));
  if (c.recipients.empty()) {
    if (c.messages_per_day > 0 || c.spam_share > 0)
      n.fail("a tenant that sends mail needs 'recipients' (messages_per_day is " +
             format_number(c.messages_per_day) + ")");
    if (auto v = n.find("episodes"))
      for (std::size_t i = 0; i < c.episodes.size(); ++i)
        if (c.episodes[i].recipients.empty() && c.episodes[i].messages_per_hour > 0)
          v->items()[i].fail("the episode has no recipients and the tenant has none to lend");
  }
  return c;
}

}  // namespace repsim::io::detail
