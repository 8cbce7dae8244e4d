#pragma once
// The whole modelled world: owns the simulation and every model, wires them together, routes
// mail (tenant -> provider -> gateway), applies actions, and keeps the event log. Front ends build
// one from an EcosystemConfig, run it, and read its ledger, metrics and log (typed records whose
// ids the name lookups below turn into the scenario's names).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "models/ecosystem_config.hpp"
#include "models/event_log.hpp"
#include "models/gateway.hpp"
#include "models/ledger.hpp"
#include "models/message.hpp"
#include "models/network.hpp"
#include "models/operator.hpp"
#include "models/population_traffic.hpp"
#include "models/provider.hpp"
#include "models/scorer.hpp"
#include "models/tenant.hpp"
#include "sim/memory/object_arena.hpp"
#include "sim/metrics.hpp"
#include "sim/random.hpp"
#include "sim/simulation.hpp"

namespace repsim::models {

class Ecosystem final : public MessageSink, public DeliveryNetwork, public ActionSink {
 public:
  // Throws std::invalid_argument naming the entity when the config is inconsistent (an index out
  // of range, a pool of another provider, a dedicated pool with too few IPs, ...).
  explicit Ecosystem(EcosystemConfig config);
  Ecosystem(const Ecosystem&) = delete;
  Ecosystem& operator=(const Ecosystem&) = delete;
  ~Ecosystem();

  // Advances to min(t, duration). The first call starts traffic, scorers and sampling.
  void run_until(sim::Time t);
  void run() { run_until(config_.duration); }
  // Closes the books at the current time: counts what is still queued. Idempotent.
  void finish();
  bool finished() const { return finished_; }

  // Applies an action now, as `actor` (a scheduled action, an operator).
  void apply(const Action& action, Actor actor) override;
  void emit(Event event) override;
  // Schedules an action for later (>= now); its records name it as their actor.
  void schedule(const TimedAction& action);
  // Called with every record as it is appended to the event log.
  void on_logged(std::function<void(const Event&)> hook) { log_hooks_.push_back(std::move(hook)); }

  // MessageSink / DeliveryNetwork: the ecosystem is the post office between models.
  void submit(MessageId id) override;
  void prefetch(const Message& m, int stage) const override;
  void prefetch_delivery(const Message& m) const override;
  SmtpReply deliver(const Message& m, IpIndex ip, ProviderIndex via, sim::Time now) override;

  const EcosystemConfig& config() const { return config_; }
  sim::Simulation& simulation() { return sim_; }
  const sim::Simulation& simulation() const { return sim_; }
  const sim::Calendar& calendar() const { return config_.calendar; }
  const Ledger& ledger() const { return ledger_; }
  const sim::Metrics& metrics() const { return metrics_; }
  // In time order. A fault window's end is appended when the run first moves past it.
  const std::vector<Event>& event_log() const { return log_; }
  const MessagePool& messages() const { return messages_; }

  std::size_t tenant_count() const { return tenants_.size(); }
  std::size_t gateway_count() const { return gateways_.size(); }
  std::size_t provider_count() const { return providers_.size(); }
  std::size_t scorer_count() const { return scorers_.size(); }
  const std::string& tenant_name(TenantIndex t) const { return config_.tenants[t].config.id; }
  const std::string& gateway_name(GatewayIndex g) const { return config_.gateways[g].id; }
  const std::string& provider_name(ProviderIndex p) const { return config_.providers[p].config.id; }
  const std::string& operator_name(OperatorIndex o) const { return config_.operators[o].id; }
  // A scheduled action's actor as the scenario names it, an operator's or scorer's id; "" for the
  // ledger.
  std::string_view actor_name(Actor actor) const;
  const std::vector<IpAddress>& ips() const { return ips_; }
  const std::vector<IpPool>& pools() const { return pools_; }
  ProviderIndex provider_of_pool(PoolIndex p) const { return provider_of_pool_[p]; }
  const Scorer& scorer(ScorerIndex s) const { return *scorers_[s]; }
  const Gateway& gateway(GatewayIndex g) const { return *gateways_[g]; }
  const Provider& provider(ProviderIndex p) const { return *providers_[p]; }
  const Tenant& tenant(TenantIndex t) const { return *tenant_at_[t]; }
  const AuthDirectory& auth() const { return auth_; }
  // The provider new mail from `tenant` to `gateway` takes now.
  ProviderIndex route(TenantIndex tenant, GatewayIndex gateway) const;

 private:
  void build_pools();
  void build_scorers();
  void build_auth();
  void build_gateways();
  void build_providers();
  void build_tenants();
  void build_operators();
  // The providers' desks (ecosystem_desks.cpp): complaints to the abuse desks, suspensions and
  // ticket answers to the log, and what each support stance does.
  void wire_desks();
  void file_with_desk(const FileTicket& ticket);
  void answer_ticket(const TicketAnswer& answer);
  void register_gauges();
  void start();
  void authorize(TenantIndex tenant, ProviderIndex provider);
  std::string describe(const Action& action) const;
  void set_parameter(const SetParameter& a);
  // The record of an action: its kind, the entities it names, and describe() as its text.
  Event action_event(const Action& action, Actor actor) const;
  void append(Event event);
  // Records known ahead of their time (fault windows' starts and ends) are not simulation events (an
  // extra event would change the count every output reports): log_later keeps them, in time order,
  // and log_records_until appends those the log or the run has reached.
  void log_records_until(sim::Time t);
  void log_later(Event e);
  void log_declared_faults();
  void log_initial_bands();
  void watch_notices();
  PoolIndex entry_pool(ProviderIndex provider) const;
  const PoolSpec& pool_spec_of(PoolIndex pool) const;

  EcosystemConfig config_;
  sim::Simulation sim_;
  sim::StreamFactory streams_;
  TrafficPools traffic_pools_;  // shared weekly shapes and pooled population arrivals
  sim::Metrics metrics_;
  MessagePool messages_;
  Ledger ledger_;
  std::vector<IpAddress> ips_;
  std::vector<IpPool> pools_;
  std::vector<ProviderIndex> provider_of_pool_;
  AuthDirectory auth_;
  std::vector<std::unique_ptr<Scorer>> scorers_;
  std::vector<std::unique_ptr<Gateway>> gateways_;
  std::vector<std::unique_ptr<Provider>> providers_;
  // What every tenant sends through (tenants point to it; it is declared before them, so outlives them).
  TenantContext tenant_context_{sim_, config_.calendar, messages_, ledger_, *this, &traffic_pools_};
  // One block: a provider-sized run reads 100,000 tenants at random (see sim/memory/object_arena.hpp).
  // Laid out busiest first (build_tenants); tenant_at_ finds them by index.
  sim::ObjectArena<Tenant> tenants_;
  std::vector<Tenant*> tenant_at_;
  std::vector<std::unique_ptr<Operator>> operators_;
  std::vector<ProviderIndex> route_of_tenant_;
  std::unordered_map<std::uint64_t, ProviderIndex> route_of_pair_;  // lookups only: order never matters
  // auth_.records by (provider << 32 | own dedicated pool or kNone): lookups only.
  std::map<std::uint64_t, std::uint32_t> spf_records_;
  std::vector<TimedAction> scheduled_;  // every scheduled action, in scheduling order
  std::vector<Event> log_;
  std::vector<std::function<void(const Event&)>> log_hooks_;
  std::vector<Event> later_records_;         // pending, in time order
  std::vector<std::size_t> notice_records_;  // log_ indices of the first notices, counted at finish()
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace repsim::models
