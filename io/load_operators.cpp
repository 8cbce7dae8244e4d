// "operators": people with working hours, response times and playbooks.
#include "io/load_parts.hpp"
#include "io/scenario_keys.hpp"

namespace repsim::io::detail {
namespace {

models::Trigger load_trigger(const LoadContext& ctx, const JsonNode& n, Binding& b) {
  using K = models::TriggerKind;
  models::Trigger t;
  n.expect_keys(keys::trigger());
  t.kind = n.at("kind").choice<K>("trigger kind", {{"legit_blocked_for", K::LegitBlockedFor},
                                                   {"spam_complaints", K::SpamComplaints},
                                                   {"ticket_received", K::TicketReceived}});
  switch (t.kind) {
    case K::LegitBlockedFor:
      check_variant_keys(n, keys::trigger_kinds(), 0);
      if (auto v = n.find("after")) t.after = v->duration();
      break;
    case K::SpamComplaints:
      check_variant_keys(n, keys::trigger_kinds(), 1);
      if (auto v = n.find("count")) t.count = v->uint32_in(1, UINT32_MAX);
      break;
    case K::TicketReceived:
      check_variant_keys(n, keys::trigger_kinds(), 2);
      return t;  // names no tenant or gateway
  }
  if (auto v = n.find("tenant")) t.tenant = ctx.ref<models::TenantIndex>(*v, &b);
  if (auto v = n.find("gateway")) t.gateway = ctx.ref<models::GatewayIndex>(*v, &b);
  return t;
}

}  // namespace

bool acts_on_ticket_tenant(const models::OperatorConfig& o) {
  for (const models::Playbook& pb : o.playbooks) {
    if (pb.when.kind != models::TriggerKind::TicketReceived) continue;
    const auto* allow = std::get_if<models::Allowlist>(&pb.action);
    const auto* reroute = std::get_if<models::Reroute>(&pb.action);
    if ((allow && allow->tenant == models::kNone && allow->ip == models::kNone) ||
        (reroute && reroute->tenant == models::kNone))
      return true;
  }
  return false;
}

void check_ticket_names_tenant(const LoadContext& ctx, const JsonNode& n, const models::FileTicket& t) {
  if (t.provider != models::kNone || t.tenant != models::kNone) return;
  const models::OperatorConfig& o = ctx.config.operators[t.to];
  if (acts_on_ticket_tenant(o))
    n.fail("operator '" + o.id + "' acts on the tenant a ticket is about: name the ticket's 'tenant'");
}

void load_operators(LoadContext& ctx, const JsonNode& array) {
  // Tickets that playbooks file, checked once every operator they may go to is loaded.
  std::vector<std::pair<JsonNode, models::FileTicket>> tickets;
  for (const JsonNode& n : array.items()) {
    n.check_keys(keys::operator_());
    models::OperatorConfig o;
    o.id = n.at("id").string();
    if (auto v = n.find("hours")) o.hours = load_hours(*v);
    if (auto v = n.find("response_mean")) o.response_mean = v->duration();
    if (auto v = n.find("response_cv")) o.response_cv = v->number_in(0.0, 100.0);
    if (auto v = n.find("playbooks")) {
      for (const JsonNode& p : v->items()) {
        p.check_keys(keys::playbook());
        // A playbook that names a population becomes one playbook per member.
        auto expanded = expand_populations<models::Playbook>(p, [&](Binding& b) {
          models::Playbook pb;
          pb.when = load_trigger(ctx, p.at("when"), b);
          if (auto x = p.find("probability")) pb.probability = x->share();
          pb.action = load_action(ctx, p.at("action"), ActionSite::Playbook, b);
          if (const auto* t = std::get_if<models::FileTicket>(&pb.action))
            tickets.emplace_back(p.at("action"), *t);
          if (auto x = p.find("repeat")) pb.repeat = x->boolean();
          return pb;
        });
        for (models::Playbook& pb : expanded) o.playbooks.push_back(std::move(pb));
      }
    }
    ctx.config.operators.push_back(std::move(o));
  }
  // A ticket_received playbook without a tenant acts on the ticket's (the model would fail mid-run).
  for (const auto& [node, ticket] : tickets) check_ticket_names_tenant(ctx, node, ticket);
}

}  // namespace repsim::io::detail
