#include "models/operator.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/distributions.hpp"

namespace repsim::models {
namespace {

// Fills a kNone tenant in the action from the condition that triggered it.
Action bind_tenant(Action action, TenantIndex tenant) {
  if (auto* a = std::get_if<Allowlist>(&action); a && a->tenant == kNone && a->ip == kNone)
    a->tenant = tenant;
  if (auto* r = std::get_if<Reroute>(&action); r && r->tenant == kNone) r->tenant = tenant;
  return action;
}

}  // namespace

Operator::Operator(OperatorIndex index, OperatorConfig cfg, sim::Simulation& sim,
                   const sim::Calendar& calendar, ActionSink& sink, sim::RandomStream rng)
    : index_(index),
      cfg_(std::move(cfg)),
      sim_(sim),
      calendar_(calendar),
      sink_(sink),
      rng_(rng),
      fired_(cfg_.playbooks.size(), false),
      complaints_(cfg_.playbooks.size()) {
  if (cfg_.response_mean < 0) throw std::invalid_argument("operator " + cfg_.id + ": negative response time");
  if (!(cfg_.response_cv >= 0)) throw std::invalid_argument("operator " + cfg_.id + ": negative response_cv");
  for (const auto& p : cfg_.playbooks)
    if (!(p.probability >= 0 && p.probability <= 1))
      throw std::invalid_argument("operator " + cfg_.id + ": playbook probability outside [0, 1]");
}

sim::Time Operator::action_time(sim::Time t, sim::Time delay) const {
  // First look at the next working moment; the delay is working time after that look, so a
  // Friday-evening ticket is read Monday morning and answered Monday.
  const sim::Time look = cfg_.hours.next_open(calendar_, t);
  if (look == sim::kNever) return sim::kNever;
  return cfg_.hours.next_open(calendar_, look + delay);
}

sim::Time Operator::draw_delay() {
  if (cfg_.response_cv == 0 || cfg_.response_mean == 0) return cfg_.response_mean;
  const double mean_s = sim::to_seconds(cfg_.response_mean);
  return sim::from_seconds(sim::lognormal_mean_cv(rng_, mean_s, cfg_.response_cv));
}

bool Operator::matches(const Trigger& t, TenantIndex tenant, GatewayIndex gateway) const {
  return (t.tenant == kNone || t.tenant == tenant) && (t.gateway == kNone || t.gateway == gateway);
}

std::uint32_t Operator::add_pending(Pending p) {
  if (!free_pending_.empty()) {
    const std::uint32_t i = free_pending_.back();
    free_pending_.pop_back();
    pending_[i] = p;
    return i;
  }
  pending_.push_back(p);
  return static_cast<std::uint32_t>(pending_.size() - 1);
}

void Operator::decide_later(std::uint32_t playbook, TenantIndex tenant, GatewayIndex gateway,
                            sim::Time outage_start) {
  if (!cfg_.playbooks[playbook].repeat) {
    if (fired_[playbook]) return;
    fired_[playbook] = true;
  }
  const sim::Time at = action_time(sim_.now(), draw_delay());
  if (at == sim::kNever) return;
  const std::uint32_t i = add_pending({playbook, tenant, gateway, outage_start, Stage::Deciding, {}, true});
  pending_[i].event = sim_.schedule_at(at, *this, i);
}

void Operator::on_outage(const OutageInterval& outage, bool opened) {
  for (std::uint32_t k = 0; k < cfg_.playbooks.size(); ++k) {
    const Trigger& t = cfg_.playbooks[k].when;
    if (t.kind != TriggerKind::LegitBlockedFor || !matches(t, outage.tenant, outage.gateway)) continue;
    if (opened) {
      const std::uint32_t i =
          add_pending({k, outage.tenant, outage.gateway, outage.start, Stage::Watching, {}, true});
      // The ledger tells of an outage once it has lasted its minimum, so start + after may be past.
      pending_[i].event = sim_.schedule_at(std::max(sim_.now(), outage.start + t.after), *this, i);
      continue;
    }
    // The outage closed: whoever was still watching it has nothing to notice any more.
    for (std::uint32_t i = 0; i < pending_.size(); ++i) {
      Pending& p = pending_[i];
      if (p.live && p.stage == Stage::Watching && p.playbook == k && p.tenant == outage.tenant &&
          p.gateway == outage.gateway && p.outage_start == outage.start) {
        sim_.cancel(p.event);
        p.live = false;
        free_pending_.push_back(i);
      }
    }
  }
}

void Operator::on_ticket(const FileTicket& ticket) {
  sink_.emit(Event{.kind = EventKind::TicketReceived,
                   .actor = actor(),
                   .tenant = ticket.tenant,
                   .op = index_,
                   .text = ticket.subject});
  // The ticket's tenant (kNone when it names none) is the one its playbooks act on.
  for (std::uint32_t k = 0; k < cfg_.playbooks.size(); ++k)
    if (cfg_.playbooks[k].when.kind == TriggerKind::TicketReceived) decide_later(k, ticket.tenant, kNone, 0);
}

void Operator::on_spam_accepted(TenantIndex tenant, GatewayIndex gateway) {
  for (std::uint32_t k = 0; k < cfg_.playbooks.size(); ++k) {
    const Trigger& t = cfg_.playbooks[k].when;
    if (t.kind != TriggerKind::SpamComplaints || !matches(t, tenant, gateway)) continue;
    auto& seen = complaints_[k];
    if (seen.size() <= tenant) seen.resize(tenant + 1, 0);
    if (++seen[tenant] == t.count) decide_later(k, tenant, gateway, 0);
  }
}

void Operator::on_event(sim::Simulation&, std::uint64_t payload) {
  const auto i = static_cast<std::uint32_t>(payload);
  const Pending p = pending_[i];
  pending_[i].live = false;
  free_pending_.push_back(i);
  if (p.stage == Stage::Watching) {
    decide_later(p.playbook, p.tenant, p.gateway, p.outage_start);
    return;
  }
  act(p);
}

void Operator::act(const Pending& p) {
  const Playbook& pb = cfg_.playbooks[p.playbook];
  if (pb.probability < 1.0 && !sim::bernoulli(rng_, pb.probability)) {
    sink_.emit(Event{.kind = EventKind::Declines,
                     .actor = actor(),
                     .tenant = p.tenant,
                     .gateway = p.gateway,
                     .op = index_,
                     .text = std::string(action_name(pb.action))});
    return;
  }
  sink_.apply(bind_tenant(pb.action, p.tenant), actor());
}

}  // namespace repsim::models
