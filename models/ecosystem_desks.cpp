// The providers' desks in the world: what reaches them and what their answers do. The abuse desk
// hears the complaints gateways' users make about a tenant's accepted spam (a feedback loop) and
// its suspensions are logged; the support desk's answer is logged and its stance's follow-up goes
// through apply(), like any other action.
#include <stdexcept>

#include "models/ecosystem.hpp"

namespace repsim::models {
namespace {

[[noreturn]] void bad(const std::string& what) { throw std::invalid_argument(what); }

}  // namespace

void Ecosystem::wire_desks() {
  for (ProviderIndex p{0}; p < providers_.size(); ++p) {
    const SupportDesk& desk = providers_[p]->config().support_desk;
    const std::string& id = provider_name(p);
    for (OperatorIndex o : desk.recipients)
      if (o >= operators_.size())
        bad("provider " + id + ": support_desk.recipients names an unknown operator");
    if (desk.vendor != kNone && desk.vendor >= operators_.size())
      bad("provider " + id + ": support_desk.vendor is an unknown operator");
    if (desk.reroute_to != kNone) {
      if (desk.reroute_to >= providers_.size())
        bad("provider " + id + ": support_desk.reroute_to is unknown");
      entry_pool(desk.reroute_to);  // throws when it has no pool to reroute onto
    }
    providers_[p]->on_tenant_suspended([this, p](TenantIndex tenant, sim::Time) {
      const auto signals = static_cast<double>(providers_[p]->abuse_signals(tenant));
      emit(Event{.kind = EventKind::TenantSuspended,
                 .actor = {ActorKind::Provider, p},
                 .tenant = tenant,
                 .provider = p,
                 .value = signals,
                 .text = tenant_name(tenant) + " suspended after " +
                         std::to_string(static_cast<long long>(signals)) + " abuse signals"});
    });
  }
  // The complaint goes to the provider the mail came from, about the account that sent it.
  for (auto& g : gateways_)
    g->on_complaints([this](const Message& m, ProviderIndex via, std::uint32_t count) {
      providers_[via]->report_complaints(m.tenant, count);
    });
}

void Ecosystem::file_with_desk(const FileTicket& ticket) {
  if (ticket.provider >= providers_.size()) bad("action names an unknown provider");
  if (ticket.tenant == kNone || config_.tenants[ticket.tenant].provider != ticket.provider)
    bad("a ticket to provider " + provider_name(ticket.provider) + " must be about one of its tenants");
  providers_[ticket.provider]->file_ticket(ticket.tenant,
                                           [this](const TicketAnswer& a) { answer_ticket(a); });
}

void Ecosystem::answer_ticket(const TicketAnswer& answer) {
  const Actor desk{ActorKind::Provider, answer.provider};
  emit(Event{.kind = EventKind::TicketAnswered,
             .actor = desk,
             .tenant = answer.tenant,
             .provider = answer.provider,
             .value = sim::to_hours(answer.answered - answer.filed),
             .text = "to " + tenant_name(answer.tenant) + ": " + std::string(stance_name(answer.stance))});
  const SupportDesk& cfg = providers_[answer.provider]->config().support_desk;
  for (const DeskFollowUp& f : follow_up(answer, cfg))
    apply(f.action, f.by_customer ? Actor{ActorKind::Tenant, answer.tenant} : desk);
}

}  // namespace repsim::models
