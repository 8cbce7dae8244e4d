// "providers": outbound MTAs with their retry queue, filters, desks, faults and IP pools.
#include "io/load_parts.hpp"
#include "io/scenario_keys.hpp"

namespace repsim::io::detail {
namespace {

models::RetryPolicy load_retry(const JsonNode& n) {
  n.check_keys(keys::retry());
  models::RetryPolicy r = models::RetryPolicy::fope2012();
  if (auto v = n.find("preset"))
    r = v->choice<models::RetryPolicy>("retry preset", {{"fope2012", models::RetryPolicy::fope2012()},
                                                        {"postfix", models::RetryPolicy::postfix()},
                                                        {"doubling", models::RetryPolicy::doubling()}});
  if (auto v = n.find("rule"))
    r.rule = v->choice<models::BackoffRule>(
        "backoff rule",
        {{"geometric", models::BackoffRule::Geometric}, {"message_age", models::BackoffRule::MessageAge}});
  if (auto v = n.find("scan_every")) r.scan_every = v->duration();
  if (auto v = n.find("first_retry")) r.first_retry = v->positive_duration();
  if (auto v = n.find("backoff")) r.backoff = v->number_in(1.0, 1e6);
  if (auto v = n.find("max_interval")) {
    r.max_interval = v->positive_duration();
    if (r.max_interval < r.first_retry)
      v->fail("max_interval " + sim::format_duration(r.max_interval) + " is below first_retry " +
              sim::format_duration(r.first_retry));
  }
  if (auto v = n.find("lifetime")) r.lifetime = v->positive_duration();
  if (auto v = n.find("delay_notice")) r.delay_notice = v->duration();
  if (auto v = n.find("tempfail_is_permanent")) r.tempfail_is_permanent = v->boolean();
  model_check(n, [&] { r.validate(); });
  return r;
}

models::OutboundFilter load_filter(const JsonNode& n) {
  n.check_keys(keys::outbound_filter());
  models::OutboundFilter f;
  if (auto v = n.find("catch_rate")) f.catch_rate = v->share();
  if (auto v = n.find("zero_day_leak")) f.zero_day_leak = v->share();
  return f;
}

models::AbuseDesk load_abuse_desk(const JsonNode& n) {
  n.check_keys(keys::abuse_desk());
  models::AbuseDesk d;
  if (auto v = n.find("enabled")) d.enabled = v->boolean();
  if (auto v = n.find("complaint_threshold")) d.complaint_threshold = v->uint32_in(1, UINT32_MAX);
  if (auto v = n.find("response_delay")) d.response_delay = v->duration();
  return d;
}

models::SupportDesk load_support_desk(const LoadContext& ctx, const JsonNode& n, models::ProviderIndex self) {
  using S = models::SupportStance;
  n.check_keys(keys::support_desk());
  models::SupportDesk d;
  if (auto v = n.find("response_delay")) d.response_delay = v->duration();
  if (auto v = n.find("stance"))
    d.stance = v->choice<S>("stance", {{"ask_recipients_to_allowlist", S::AskRecipientsToAllowlist},
                                       {"escalate_to_vendor", S::EscalateToVendor},
                                       {"reroute", S::Reroute}});
  // Each stance's own key; another stance's would be silently ignored.
  const std::string stance(models::stance_name(d.stance));
  const std::string others = "does not apply to the " + stance + " stance";
  if (d.stance != S::AskRecipientsToAllowlist) reject_keys(n, {"recipients"}, others);
  if (d.stance != S::EscalateToVendor) reject_keys(n, {"vendor"}, others);
  if (d.stance != S::Reroute) reject_keys(n, {"reroute_to"}, others);
  if (auto v = n.find("recipients"))
    for (const JsonNode& r : v->items()) d.recipients.push_back(ctx.ref<models::OperatorIndex>(r));
  if (d.stance == S::EscalateToVendor) {
    if (!n.has("vendor")) n.fail("the escalate_to_vendor stance needs 'vendor' (an operator id)");
    d.vendor = ctx.ref<models::OperatorIndex>(n.at("vendor"));
  }
  if (d.stance == S::Reroute) {
    if (!n.has("reroute_to")) n.fail("the reroute stance needs 'reroute_to' (another provider's id)");
    const JsonNode to = n.at("reroute_to");
    d.reroute_to = ctx.ref<models::ProviderIndex>(to);
    if (d.reroute_to == self) to.fail("'reroute_to' names the provider itself: name another");
  }
  return d;
}

// After every provider's pools are loaded: the reroute stance needs somewhere to land.
void check_reroute_targets(const LoadContext& ctx, const JsonNode& array) {
  const std::vector<JsonNode> providers = array.items();
  for (std::size_t p = 0; p < providers.size(); ++p) {
    const models::ProviderIndex to = ctx.config.providers[p].config.support_desk.reroute_to;
    if (to != models::kNone && !ctx.has_entry_pool(to)) {
      const JsonNode node = providers[p].at("support_desk").at("reroute_to");
      node.fail("provider '" + node.string() + "' has no shared pool to reroute onto");
    }
  }
}

models::ProviderFault load_fault(const LoadContext& ctx, const JsonNode& n) {
  n.check_keys(keys::fault());
  models::ProviderFault f;
  std::tie(f.start, f.end) = ctx.window(n, true);
  if (auto v = n.find("attachments_only")) f.attachments_only = v->boolean();
  if (auto v = n.find("share")) f.share = v->share();
  if (auto v = n.find("code")) f.code = LoadContext::bounce_code(*v);
  if (auto v = n.find("text")) f.text = v->string();
  return f;
}

models::PoolSpec load_pool(LoadContext& ctx, const JsonNode& n, models::ProviderIndex provider) {
  n.check_keys(keys::pool());
  models::PoolSpec p;
  p.id = n.at("id").string();
  if (auto v = n.find("kind"))
    p.kind = v->choice<models::PoolKind>("pool kind", {{"shared", models::PoolKind::Shared},
                                                       {"dedicated", models::PoolKind::Dedicated},
                                                       {"high_risk", models::PoolKind::HighRisk}});
  // A dedicated pool hands each tenant its own IP unless told otherwise.
  p.assignment =
      p.kind == models::PoolKind::Dedicated ? models::Assignment::Dedicated : models::Assignment::RoundRobin;
  if (auto v = n.find("assignment"))
    p.assignment =
        v->choice<models::Assignment>("assignment", {{"round_robin", models::Assignment::RoundRobin},
                                                     {"tenant_hash", models::Assignment::TenantHash},
                                                     {"dedicated", models::Assignment::Dedicated}});
  const auto first_ip = static_cast<models::IpIndex>(
      ctx.pool_info.empty() ? 0 : ctx.pool_info.back().first_ip + ctx.pool_info.back().size);
  if (auto v = n.find("addresses")) {
    for (const JsonNode& a : v->items()) {
      std::string address = a.nonempty_string();
      if (ctx.pools.find(address)) a.fail("address '" + address + "' is also a pool id");
      const auto ip = static_cast<models::IpIndex>(first_ip + p.addresses.size());
      if (!ctx.ip_by_address.emplace(address, ip).second) a.fail("duplicate address '" + address + "'");
      p.addresses.push_back(std::move(address));
    }
    if (p.addresses.empty()) v->fail("give at least one address, or leave 'addresses' out");
  }
  p.size = p.addresses.empty() ? 1 : static_cast<std::uint32_t>(p.addresses.size());
  if (auto v = n.find("size")) {
    p.size = v->uint32_in(1, 1u << 24);
    if (!p.addresses.empty() && p.size != p.addresses.size())
      v->fail("size " + std::to_string(p.size) + " does not match the " + std::to_string(p.addresses.size()) +
              " addresses");
  }
  // Listed addresses are the pool's identity: only generated ones scale.
  if (p.addresses.empty()) {
    p.size = ctx.scaled(p.size);
    if (p.size > (1u << 24)) n.fail("size x scale is over 2^24 IPs");
  }
  if (std::uint64_t{first_ip} + p.size >= models::kNone) n.fail("too many IPs in the scenario");
  // An established pool: its IPs start scored, with history, at every scorer that publishes scores.
  if (auto v = n.find("initial_score")) {
    p.initial_score = v->number();
    for (models::ScorerIndex s{0}; s < ctx.config.scorers.size(); ++s)
      if (ctx.publishes_scores(s)) ctx.score_on(*v, ctx.scale_of(s), "initial_score");
  }
  if (auto v = n.find("initial_volume")) {
    if (!p.initial_score) v->fail("initial_volume applies only with initial_score");
    p.initial_volume = v->unsigned_in(0, UINT64_MAX);
  }
  ctx.pool_info.push_back(PoolInfo{provider, first_ip, p.size, p.assignment});
  return p;
}

}  // namespace

void load_providers(LoadContext& ctx, const JsonNode& array) {
  for (const JsonNode& n : array.items()) {
    n.check_keys(keys::provider());
    const auto index = static_cast<models::ProviderIndex>(ctx.config.providers.size());
    models::ProviderSpec spec;
    models::ProviderConfig& c = spec.config;
    c.id = n.at("id").string();
    if (auto v = n.find("retry")) c.retry = load_retry(*v);
    if (auto v = n.find("max_connections_per_destination"))
      c.max_connections_per_destination = v->uint32_in(0, 1u << 20);
    if (auto v = n.find("session_time")) c.session_time = v->positive_duration();
    if (auto v = n.find("dead_after")) c.dead_after = v->uint32_in(1, 1u << 20);
    if (auto v = n.find("outbound_filter")) c.filter = load_filter(*v);
    if (auto v = n.find("abuse_desk")) c.abuse_desk = load_abuse_desk(*v);
    if (auto v = n.find("support_desk")) c.support_desk = load_support_desk(ctx, *v, index);
    if (auto v = n.find("faults"))
      for (const JsonNode& f : v->items()) c.faults.push_back(load_fault(ctx, f));
    const JsonNode pools = n.at("pools");
    for (const JsonNode& p : pools.items()) spec.pools.push_back(load_pool(ctx, p, index));
    if (spec.pools.empty()) pools.fail("a provider needs at least one pool");
    model_check(n, [&] { c.validate(); });
    ctx.config.providers.push_back(std::move(spec));
  }
  check_reroute_targets(ctx, array);
}

}  // namespace repsim::io::detail
