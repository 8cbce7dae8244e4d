// Ecosystem::apply: what each action does to the models, and its record in the event log.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include "models/ecosystem.hpp"

namespace repsim::models {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

void check(std::uint32_t index, std::size_t count, const char* what) {
  if (index >= count) throw std::invalid_argument(std::string("action names an unknown ") + what);
}

// The records of a fault window's end, scripted or declared.
Event gateway_outage_end(sim::Time at, Actor actor, GatewayIndex g, std::uint16_t code) {
  return Event{.time = at,
               .kind = EventKind::FaultEnd,
               .actor = actor,
               .gateway = g,
               .value = static_cast<double>(code),
               .text = "the gateway outage ends"};
}
Event provider_fault_end(sim::Time at, Actor actor, ProviderIndex p, std::uint16_t code) {
  return Event{.time = at,
               .kind = EventKind::FaultEnd,
               .actor = actor,
               .provider = p,
               .value = static_cast<double>(code),
               .text = "the provider fault ends"};
}

// For a gateway_outage or provider_fault applied at `now`.
std::optional<Event> fault_end(const Action& action, Actor actor, sim::Time now) {
  if (const auto* g = std::get_if<GatewayOutage>(&action))
    return gateway_outage_end(now + g->duration, actor, g->gateway, g->code);
  if (const auto* p = std::get_if<ProviderFaultAction>(&action))
    return provider_fault_end(now + p->duration, actor, p->provider, p->code);
  return std::nullopt;
}

// Which of a provider's mail a fault breaks, as its description ends: "", " (attachments)",
// " (30% of them)", ...
std::string broken_mail(bool attachments_only, double share) {
  return std::string(attachments_only ? " (attachments)" : "") +
         (share < 1.0 ? " (" + number(100.0 * share) + "% of them)" : "");
}

}  // namespace

void Ecosystem::apply(const Action& action, Actor actor) {
  const sim::Time now = sim_.now();
  std::visit(Overloaded{
                 [&](const SetThreshold& a) {
                   check(a.gateway, gateways_.size(), "gateway");
                   gateways_[a.gateway]->set_threshold(a.threshold);
                 },
                 [&](const Allowlist& a) {
                   check(a.gateway, gateways_.size(), "gateway");
                   if (a.ip != kNone) {
                     check(a.ip, ips_.size(), "IP");
                     gateways_[a.gateway]->allowlist_ip(a.ip);
                   } else {
                     check(a.tenant, tenants_.size(), "tenant");
                     gateways_[a.gateway]->allowlist_domain(a.tenant);
                   }
                 },
                 [&](const RestoreScore& a) {
                   check(a.scorer, scorers_.size(), "scorer");
                   if (a.ips.empty())
                     for (IpIndex ip{0}; ip < ips_.size(); ++ip)
                       scorers_[a.scorer]->restore(ip, a.score, now);
                   for (IpIndex ip : a.ips) {
                     check(ip, ips_.size(), "IP");
                     scorers_[a.scorer]->restore(ip, a.score, now);
                   }
                 },
                 [&](const RequestDelisting& a) {
                   check(a.scorer, scorers_.size(), "scorer");
                   Scorer& s = *scorers_[a.scorer];
                   if (a.ips.empty())
                     for (IpIndex ip{0}; ip < ips_.size(); ++ip) {
                       if (s.listed(ip)) s.request_delisting(ip, now);
                     }
                   for (IpIndex ip : a.ips) {
                     check(ip, ips_.size(), "IP");
                     s.request_delisting(ip, now);
                   }
                 },
                 [&](const Reroute& a) {
                   check(a.tenant, tenants_.size(), "tenant");
                   check(a.to, providers_.size(), "provider");
                   providers_[a.to]->assign_pool(a.tenant, entry_pool(a.to));
                   authorize(a.tenant, a.to);  // the tenant adds the new provider to its SPF record
                   if (a.gateway == kNone) {
                     route_of_tenant_[a.tenant] = a.to;
                     // Erase-if keeps pair overrides consistent without depending on map order.
                     std::erase_if(route_of_pair_,
                                   [&](const auto& kv) { return (kv.first >> 32) == a.tenant; });
                   } else {
                     check(a.gateway, gateways_.size(), "gateway");
                     route_of_pair_[(std::uint64_t{a.tenant} << 32) | a.gateway] = a.to;
                   }
                 },
                 [&](const Compromise& a) {
                   check(a.tenant, tenants_.size(), "tenant");
                   CompromiseEpisode e = a.episode;
                   e.start = now;
                   tenant_at_[a.tenant]->compromise(e);
                 },
                 [&](const GatewayOutage& a) {
                   check(a.gateway, gateways_.size(), "gateway");
                   gateways_[a.gateway]->add_outage(now, now + a.duration, a.code, a.text);
                 },
                 [&](const ProviderFaultAction& a) {
                   check(a.provider, providers_.size(), "provider");
                   providers_[a.provider]->add_fault(
                       ProviderFault{now, now + a.duration, a.attachments_only, a.share, a.code, a.text});
                 },
                 [&](const FileTicket& a) {
                   if (a.tenant != kNone) check(a.tenant, tenants_.size(), "tenant");
                   if (a.provider != kNone) return file_with_desk(a);
                   check(a.to, operators_.size(), "operator");
                   operators_[a.to]->on_ticket(a);
                 },
                 [&](const Note&) {},
                 [&](const SetParameter& a) { set_parameter(a); },
             },
             action);
  emit(action_event(action, actor));
  if (auto end = fault_end(action, actor, now)) log_later(std::move(*end));
}

// Tenant parameters change the tenant that draws the mail; gateway ones the gateway.
void Ecosystem::set_parameter(const SetParameter& a) {
  if (owner(a.parameter) == ParameterOwner::Gateway) {
    check(a.gateway, gateways_.size(), "gateway");
    gateways_[a.gateway]->set_parameter(a.parameter, a.value);
    return;
  }
  check(a.tenant, tenants_.size(), "tenant");
  Tenant& t = *tenant_at_[a.tenant];
  switch (a.parameter) {
    case Parameter::AttachmentShare:
      return t.set_attachment_share(a.value);
    case Parameter::SpamShare:
      return t.set_spam_share(a.value);
    case Parameter::MessagesPerDay:
      return t.set_messages_per_day(a.value);
    default:
      throw std::invalid_argument("'" + std::string(parameter_name(a.parameter)) +
                                  "' is not a tenant's parameter");
  }
}

void Ecosystem::log_later(Event e) {
  const auto later = std::upper_bound(later_records_.begin(), later_records_.end(), e.time,
                                      [](sim::Time t, const Event& x) { return t < x.time; });
  later_records_.insert(later, std::move(e));
}

// Fault windows the scenario declares (a provider's `faults`, a gateway's `outages`) are logged as
// a scripted one is: their start as the action's kind, their end as fault_end; nobody acts.
void Ecosystem::log_declared_faults() {
  for (ProviderIndex p{0}; p < providers_.size(); ++p)
    for (const ProviderFault& f : providers_[p]->faults()) {
      log_later(Event{.time = f.start,
                      .kind = EventKind::ProviderFault,
                      .provider = p,
                      .value = static_cast<double>(f.code),
                      .text = provider_name(p) + " answers " + std::to_string(f.code) + " " + f.text +
                              broken_mail(f.attachments_only, f.share) + " (declared in the scenario)"});
      if (f.end != sim::kNever) log_later(provider_fault_end(f.end, Actor{}, p, f.code));
    }
  for (GatewayIndex g{0}; g < gateways_.size(); ++g)
    for (const OutageWindow& w : gateways_[g]->outages()) {
      log_later(Event{.time = w.start,
                      .kind = EventKind::GatewayOutage,
                      .gateway = g,
                      .value = static_cast<double>(w.code),
                      .text = gateway_name(g) + " answers " + std::to_string(w.code) + " " + w.text +
                              " (declared in the scenario)"});
      log_later(gateway_outage_end(w.end, Actor{}, g, w.code));
    }
}

Event Ecosystem::action_event(const Action& action, Actor actor) const {
  Event e{.kind = event_kind(action), .actor = actor, .text = describe(action)};
  auto one_ip = [](const std::vector<IpIndex>& ips) { return ips.size() == 1 ? ips.front() : kNone; };
  std::visit(Overloaded{
                 [&](const SetThreshold& a) {
                   e.gateway = a.gateway;
                   e.value = a.threshold;
                 },
                 [&](const Allowlist& a) {
                   e.gateway = a.gateway;
                   e.ip = a.ip;
                   if (a.ip == kNone) e.tenant = a.tenant;
                 },
                 [&](const RestoreScore& a) {
                   e.scorer = a.scorer;
                   e.ip = one_ip(a.ips);
                   e.value = a.score;
                 },
                 [&](const RequestDelisting& a) {
                   e.scorer = a.scorer;
                   e.ip = one_ip(a.ips);
                 },
                 [&](const Reroute& a) {
                   e.tenant = a.tenant;
                   e.gateway = a.gateway;
                   e.provider = a.to;
                 },
                 [&](const Compromise& a) {
                   e.tenant = a.tenant;
                   e.value = a.episode.messages_per_hour;
                 },
                 [&](const GatewayOutage& a) {
                   e.gateway = a.gateway;
                   e.value = a.code;
                 },
                 [&](const ProviderFaultAction& a) {
                   e.provider = a.provider;
                   e.value = a.code;
                 },
                 [&](const FileTicket& a) {
                   e.op = a.to;
                   e.provider = a.provider;
                   e.tenant = a.tenant;
                 },
                 [&](const Note&) {},
                 [&](const SetParameter& a) {
                   e.tenant = a.tenant;
                   e.gateway = a.gateway;
                   e.value = a.value;
                 },
             },
             action);
  return e;
}

std::string Ecosystem::describe(const Action& action) const {
  auto ip_list = [&](const std::vector<IpIndex>& ips) {
    if (ips.empty()) return std::string("all IPs");
    if (ips.size() > 3) return std::to_string(ips.size()) + " IPs";
    std::string s;
    for (IpIndex ip : ips) s += (s.empty() ? "" : ", ") + ips_[ip].address;
    return s;
  };
  return std::visit(
      Overloaded{
          [&](const SetThreshold& a) {
            const auto& scorer_index = config_.gateways[a.gateway].reputation;
            std::string band;
            if (scorer_index != kNone)
              band = " (" + std::string(scorers_[scorer_index]->scale().band_name(a.threshold)) + ")";
            return gateway_name(a.gateway) + " accepts scores >= " + number(a.threshold) + band;
          },
          [&](const Allowlist& a) {
            return gateway_name(a.gateway) + " allowlists " +
                   (a.ip != kNone ? ips_[a.ip].address : tenant_name(a.tenant));
          },
          [&](const RestoreScore& a) {
            return scorers_[a.scorer]->id() + " sets " + ip_list(a.ips) + " to " + number(a.score);
          },
          [&](const RequestDelisting& a) {
            return scorers_[a.scorer]->id() + " asked to delist " + ip_list(a.ips);
          },
          [&](const Reroute& a) {
            return tenant_name(a.tenant) + " -> " +
                   (a.gateway == kNone ? "all gateways" : gateway_name(a.gateway)) + " via " +
                   provider_name(a.to);
          },
          [&](const Compromise& a) {
            return tenant_name(a.tenant) + " sends " + number(a.episode.messages_per_hour) + " spam/h for " +
                   sim::format_duration(a.episode.duration);
          },
          [&](const GatewayOutage& a) {
            return gateway_name(a.gateway) + " answers " + std::to_string(a.code) + " for " +
                   sim::format_duration(a.duration);
          },
          [&](const ProviderFaultAction& a) {
            return provider_name(a.provider) + " answers " + std::to_string(a.code) + " " + a.text + " for " +
                   sim::format_duration(a.duration) + broken_mail(a.attachments_only, a.share);
          },
          [&](const FileTicket& a) {
            const std::string& to = a.provider != kNone ? provider_name(a.provider) : operator_name(a.to);
            return "to " + to + (a.tenant != kNone ? " about " + tenant_name(a.tenant) : "") + ": " +
                   a.subject;
          },
          [&](const Note& a) { return a.text; },
          [&](const SetParameter& a) {
            const std::string whose = owner(a.parameter) == ParameterOwner::Tenant ? tenant_name(a.tenant)
                                                                                   : gateway_name(a.gateway);
            return whose + " " + std::string(parameter_name(a.parameter)) + " = " + number(a.value);
          },
      },
      action);
}

}  // namespace repsim::models
