#pragma once
// People: a gateway's mail admins, a provider's support desk, a reputation vendor's team. They
// work office hours in local time, answer after a random delay, and follow playbooks: when a
// condition holds, (maybe) do an action. A ticket filed Friday 17:00 is first read on Monday.
#include <cstdint>
#include <string>
#include <vector>

#include "models/action.hpp"
#include "models/event_log.hpp"
#include "models/ids.hpp"
#include "models/ledger.hpp"
#include "sim/calendar.hpp"
#include "sim/random.hpp"
#include "sim/simulation.hpp"

namespace repsim::models {

// Where operators' decisions go: the ecosystem applies actions and keeps the event log.
class ActionSink {
 public:
  virtual void apply(const Action& action, Actor actor) = 0;
  // Appends a record to the event log at the current time (its time field is ignored).
  virtual void emit(Event event) = 0;

 protected:
  ~ActionSink() = default;
};

enum class TriggerKind : std::uint8_t {
  LegitBlockedFor,  // legit mail of a (tenant, gateway) pair refused without a break for `after`
  SpamComplaints,   // users report `count` accepted spam messages from a tenant
  TicketReceived,   // a FileTicket addressed to this operator arrived (its tenant triggers it)
};

struct Trigger {
  TriggerKind kind = TriggerKind::TicketReceived;
  TenantIndex tenant = kNone;    // kNone: any tenant
  GatewayIndex gateway = kNone;  // kNone: any gateway
  sim::Time after = 0;           // LegitBlockedFor
  std::uint32_t count = 1;       // SpamComplaints
};

struct Playbook {
  Trigger when;
  // The chance the operator actually does it when the condition holds. 1: a playbook says what
  // its operator does. The 2012 recipients never allowlisted (seed 001: "no one whitelists. No
  // one."): six_day_outage writes 0 on its allowlist playbooks.
  double probability = 1.0;
  // An Allowlist or Reroute with tenant kNone acts on the tenant that triggered it (for a ticket:
  // the tenant it is about).
  Action action = Note{};
  bool repeat = false;  // false: acts at most once
};

struct OperatorConfig {
  std::string id;
  sim::WorkingHours hours;                  // default Mon-Fri 09:00-17:00 local
  sim::Time response_mean = sim::hours(4);  // working time from first look to action
  double response_cv = 0.5;                 // lognormal spread; 0 = always the mean
  std::vector<Playbook> playbooks;
};

class Operator final : public sim::EventHandler {
 public:
  Operator(OperatorIndex index, OperatorConfig cfg, sim::Simulation& sim, const sim::Calendar& calendar,
           ActionSink& sink, sim::RandomStream rng);

  // Wire to Ledger::on_outage_change.
  void on_outage(const OutageInterval& outage, bool opened);
  void on_ticket(const FileTicket& ticket);
  void on_spam_accepted(TenantIndex tenant, GatewayIndex gateway);

  void on_event(sim::Simulation& sim, std::uint64_t payload) override;

  OperatorIndex index() const { return index_; }
  Actor actor() const { return Actor{ActorKind::Operator, index_}; }
  const OperatorConfig& config() const { return cfg_; }
  // When an operator who notices something at `t` acts, with a given working-time delay.
  sim::Time action_time(sim::Time t, sim::Time delay) const;

 private:
  enum class Stage : std::uint8_t { Watching, Deciding };
  struct Pending {
    std::uint32_t playbook;
    TenantIndex tenant;
    GatewayIndex gateway;
    sim::Time outage_start;  // LegitBlockedFor: which outage it watches
    Stage stage;
    sim::EventId event;
    bool live;
  };

  bool matches(const Trigger& t, TenantIndex tenant, GatewayIndex gateway) const;
  void decide_later(std::uint32_t playbook, TenantIndex tenant, GatewayIndex gateway, sim::Time outage_start);
  std::uint32_t add_pending(Pending p);
  void act(const Pending& p);
  sim::Time draw_delay();

  OperatorIndex index_;
  OperatorConfig cfg_;
  sim::Simulation& sim_;
  const sim::Calendar& calendar_;
  ActionSink& sink_;
  sim::RandomStream rng_;
  std::vector<Pending> pending_;
  std::vector<std::uint32_t> free_pending_;
  std::vector<bool> fired_;                             // per playbook, for repeat = false
  std::vector<std::vector<std::uint32_t>> complaints_;  // per playbook, per tenant seen (sparse)
};

}  // namespace repsim::models
