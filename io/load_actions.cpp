// One action ({"action": name, ...}), as timeline entries and operator playbooks write it.
#include <vector>

#include "io/load_parts.hpp"
#include "io/scenario_keys.hpp"
#include "io/suggest.hpp"

namespace repsim::io::detail {
namespace {

std::vector<models::IpIndex> load_ip_list(const LoadContext& ctx, const JsonNode& n) {
  std::vector<models::IpIndex> out;
  for (const JsonNode& i : n.items())
    for (models::IpIndex ip : ctx.ips(i)) out.push_back(ip);
  if (out.empty()) n.fail("list at least one IP, or leave 'ips' out to mean every IP");
  return out;
}

models::TenantIndex optional_tenant(const LoadContext& ctx, const JsonNode& n, ActionSite site, Binding& b) {
  if (auto v = n.find("tenant")) return ctx.ref<models::TenantIndex>(*v, &b);
  if (site == ActionSite::Timeline) n.fail("missing required key 'tenant'");
  return models::kNone;  // the tenant that triggered the playbook
}

// `to` names an operator or a provider (ids are unique only within a kind, so not both).
models::FileTicket load_ticket(const LoadContext& ctx, const JsonNode& n, Binding& b) {
  models::FileTicket a;
  const JsonNode to = n.at("to");
  const std::string id = to.string();
  const bool op = ctx.operators.find(id) != nullptr, provider = ctx.providers.find(id) != nullptr;
  if (op && provider) to.fail("'" + id + "' is both an operator and a provider: rename one");
  if (op || !provider) a.to = ctx.ref<models::OperatorIndex>(to);  // also the error for an unknown id
  if (auto v = n.find("tenant")) a.tenant = ctx.ref<models::TenantIndex>(*v, &b);
  if (auto v = n.find("subject")) a.subject = v->string();
  if (!provider) return a;
  a.provider = ctx.ref<models::ProviderIndex>(to);
  if (a.tenant == models::kNone)
    n.fail("a ticket to provider '" + id + "' needs 'tenant': its support desk answers a customer");
  if (ctx.config.tenants[a.tenant].provider != a.provider)
    n.at("tenant").fail("tenant '" + ctx.config.tenants[a.tenant].config.id +
                        "' is not a customer of provider '" + id + "'");
  return a;
}

}  // namespace

models::Action load_action(const LoadContext& ctx, const JsonNode& n, ActionSite site, Binding& b) {
  n.expect_keys(keys::action());
  const JsonNode name_node = n.at("action");
  const std::string name = name_node.string();
  const keys::ActionKeys* action = keys::find_action(name);
  if (action == nullptr) {
    std::vector<std::string> names;
    for (const keys::ActionKeys& a : keys::actions()) names.emplace_back(a.name);
    const auto near = closest_name(name, names);
    std::string list;
    for (const std::string& s : names) list += (list.empty() ? "" : ", ") + s;
    name_node.fail("unknown action '" + name + "' (" +
                   (near ? "did you mean '" + *near + "'? " : std::string()) + "expected one of: " + list +
                   ")");
  }
  n.check_keys(site == ActionSite::Timeline ? *action->timeline : *action->playbook);

  if (name == "compromise") {
    models::Compromise a;
    a.tenant = ctx.ref<models::TenantIndex>(n.at("tenant"), &b);
    load_episode_fields(ctx, n, a.episode, &b);
    // Checked here: the model would only find out when the action runs, mid-simulation.
    if (a.episode.recipients.empty() && a.episode.messages_per_hour > 0 &&
        ctx.config.tenants[a.tenant].config.recipients.empty())
      n.fail("tenant '" + ctx.config.tenants[a.tenant].config.id +
             "' has no recipients to lend: give the action 'recipients'");
    return a;
  }
  if (name == "set_threshold") {
    models::SetThreshold a;
    const JsonNode g = n.at("gateway");
    a.gateway = ctx.ref<models::GatewayIndex>(g, &b);
    const models::ScorerIndex s = ctx.config.gateways[a.gateway].reputation;
    if (s == models::kNone)
      g.fail("gateway '" + g.string() + "' has no 'reputation' scorer: a threshold needs one");
    a.threshold = ctx.score_on(n.at("threshold"), ctx.scale_of(s), "threshold");
    return a;
  }
  if (name == "allowlist") {
    models::Allowlist a;
    a.gateway = ctx.ref<models::GatewayIndex>(n.at("gateway"), &b);
    if (auto ip = n.find("ip")) {
      if (n.has("tenant")) ip->fail("allowlist a 'tenant' or an 'ip', not both");
      a.ip = ctx.one_ip(*ip);
    } else {
      a.tenant = optional_tenant(ctx, n, site, b);
    }
    return a;
  }
  if (name == "restore_score") {
    models::RestoreScore a;
    const JsonNode s = n.at("scorer");
    a.scorer = ctx.ref<models::ScorerIndex>(s);
    if (auto v = n.find("ips")) a.ips = load_ip_list(ctx, *v);
    if (ctx.publishes_scores(a.scorer))
      a.score = ctx.score_on(n.at("score"), ctx.scale_of(a.scorer), "score");
    else
      reject_keys(n, {"score"},
                  "does not apply to a " + std::string(ctx.config.scorers[a.scorer].type()) +
                      ": restore_score removes its listings");
    return a;
  }
  if (name == "request_delisting") {
    models::RequestDelisting a;
    a.scorer = ctx.ref<models::ScorerIndex>(n.at("scorer"));
    if (auto v = n.find("ips")) a.ips = load_ip_list(ctx, *v);
    return a;
  }
  if (name == "reroute") {
    models::Reroute a;
    a.tenant = optional_tenant(ctx, n, site, b);
    if (auto v = n.find("gateway")) a.gateway = ctx.ref<models::GatewayIndex>(*v, &b);
    const JsonNode to = n.at("to");
    a.to = ctx.ref<models::ProviderIndex>(to);
    if (!ctx.has_entry_pool(a.to))
      to.fail("provider '" + to.string() + "' has no shared pool to reroute onto");
    return a;
  }
  if (name == "gateway_outage") {
    models::GatewayOutage a;
    a.gateway = ctx.ref<models::GatewayIndex>(n.at("gateway"), &b);
    a.duration = n.at("duration").positive_duration();
    if (auto v = n.find("code")) a.code = LoadContext::failure_code(*v);
    if (auto v = n.find("text")) a.text = v->string();
    return a;
  }
  if (name == "provider_fault") {
    models::ProviderFaultAction a;
    a.provider = ctx.ref<models::ProviderIndex>(n.at("provider"));
    a.duration = n.at("duration").positive_duration();
    if (auto v = n.find("attachments_only")) a.attachments_only = v->boolean();
    if (auto v = n.find("share")) a.share = v->share();
    if (auto v = n.find("code")) a.code = LoadContext::bounce_code(*v);
    if (auto v = n.find("text")) a.text = v->string();
    return a;
  }
  if (name == "set") return load_set(ctx, n);
  if (name == "file_ticket") {
    models::FileTicket a = load_ticket(ctx, n, b);
    if (site == ActionSite::Timeline) check_ticket_names_tenant(ctx, n, a);  // playbooks: load_operators
    return a;
  }
  models::Note a;
  a.text = n.at("text").string();
  return a;
}

}  // namespace repsim::io::detail
