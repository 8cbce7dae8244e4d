#pragma once
// A provider's outbound MTA: the sender's side of every delivery. It filters outbound spam, leaves
// from the tenant's IP pool, limits its own connections per destination, and keeps deferred mail in
// a retry queue until it is delivered, bounced, or expires. Every submitted message ends in exactly
// one final state in the ledger, or is still queued (collect_queued) when the run ends.
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "models/ids.hpp"
#include "models/ip_pool.hpp"
#include "models/ledger.hpp"
#include "models/message.hpp"
#include "models/network.hpp"
#include "models/outbound_connections.hpp"
#include "models/outbound_filter.hpp"
#include "models/provider_desks.hpp"
#include "models/retry_policy.hpp"
#include "models/smtp.hpp"
#include "sim/random.hpp"
#include "sim/simulation.hpp"
#include "sim/time.hpp"

namespace repsim::models {

// The provider itself breaks mail during [start, end): it bounces matching messages with this reply
// before any gateway sees them (a scripted `provider_fault`).
struct ProviderFault {
  sim::Time start = 0;
  sim::Time end = sim::kNever;
  bool attachments_only = false;  // only messages with an attachment are broken
  std::uint16_t code = 554;
  std::string text = "5.6.0 Corrupt message content";

  bool matches(const Message& m, sim::Time now) const {
    return start <= now && now < end && (!attachments_only || m.has_attachment);
  }
};

struct ProviderConfig {
  std::string id;
  RetryPolicy retry = RetryPolicy::fope2012();  // the 2012 Office 365 outbound path (DESIGN.md)
  // Concurrent sessions to one gateway; 0 = unlimited (no domain source fixes a limit).
  std::uint32_t max_connections_per_destination = 0;
  // How long one delivery attempt holds its connection. 2 s: a placeholder of this model.
  sim::Time session_time = sim::seconds(2);
  OutboundFilter filter;
  AbuseDesk abuse_desk;
  SupportDesk support_desk;
  std::vector<ProviderFault> faults;

  // Throws std::invalid_argument naming the bad field.
  void validate() const;
};

// What a provider works with; everything is owned elsewhere (the ecosystem) and outlives it.
struct ProviderContext {
  sim::Simulation& sim;
  MessagePool& messages;
  Ledger& ledger;
  DeliveryNetwork& network;
  std::vector<IpPool>& pools;
  std::vector<IpAddress>& ips;
};

class Provider final : public sim::EventHandler {
 public:
  // Validates cfg. Not copyable or movable: pending events hold a reference to it.
  Provider(ProviderIndex index, ProviderConfig cfg, ProviderContext ctx, sim::RandomStream rng);
  Provider(const Provider&) = delete;
  Provider& operator=(const Provider&) = delete;

  ProviderIndex index() const { return index_; }
  const ProviderConfig& config() const { return cfg_; }

  void assign_pool(TenantIndex tenant, PoolIndex pool);

  // Takes message `id` (already in the pool and counted by Ledger::on_created: whoever creates mail
  // counts it, so a reroute never counts it twice) at sim.now(): a suspended tenant's mail and
  // caught spam end Filtered; the rest gets its first attempt now. Throws std::logic_error when the
  // tenant has no pool here.
  void submit(MessageId id);

  // Abuse desk outcome: the tenant's later submissions end Filtered (queued mail is left alone).
  void suspend(TenantIndex tenant);
  bool suspended(TenantIndex tenant) const { return tenant < suspended_.size() && suspended_[tenant]; }
  // Complaints about a tenant's mail that reach the provider (from the ecosystem); with the spam
  // its own filter catches they are the abuse desk's signals. Crossing the threshold schedules
  // suspend(tenant) after abuse_desk.response_delay.
  void report_complaints(TenantIndex tenant, std::uint32_t count);
  std::uint64_t abuse_signals(TenantIndex tenant) const { return abuse_.signals(tenant); }
  // Called when the abuse desk suspends a tenant (not on a direct suspend() call).
  void on_tenant_suspended(std::function<void(TenantIndex, sim::Time)> hook) {
    suspend_hooks_.push_back(std::move(hook));
  }

  // A customer's ticket: the support desk answers after support_desk.response_delay with its stance.
  void file_ticket(TenantIndex tenant, std::function<void(const TicketAnswer&)> on_answer);

  // Faults of the config and those added later; config().faults is left empty (moved here).
  void add_fault(ProviderFault fault);
  const std::deque<ProviderFault>& faults() const { return faults_; }

  std::size_t queued() const { return queued_.size(); }
  // Appends every message still in this provider's queue (deferred or waiting for a connection).
  void collect_queued(std::vector<const Message*>& out) const;
  // Attempts postponed because the provider's own per-destination connection limit was full (each
  // waits once, for the session it booked). Not 4xx replies: the ledger does not count them.
  std::uint64_t connection_waits() const { return connection_waits_; }

  // A retry timer or a connection wait ended: payload is the MessageId, plus kHoldsConnection when
  // the message already booked its session.
  void on_event(sim::Simulation& sim, std::uint64_t payload) override;

 private:
  static constexpr std::uint64_t kHoldsConnection = std::uint64_t{1} << 32;

  void attempt(MessageId id, bool holds_connection);
  const ProviderFault* active_fault(const Message& m) const;
  void finish(MessageId id, FinalState state);
  void enqueue(MessageId id);
  void dequeue(MessageId id);
  void record_abuse(TenantIndex tenant, std::uint32_t count);

  ProviderIndex index_;
  ProviderConfig cfg_;
  ProviderContext ctx_;
  sim::RandomStream rng_;
  // A deque keeps each fault's text at a fixed address: replies hold string_views into it.
  std::deque<ProviderFault> faults_;
  std::vector<PoolIndex> pool_of_tenant_;
  std::vector<bool> suspended_;
  AbuseSignals abuse_;
  std::vector<std::function<void(TenantIndex, sim::Time)>> suspend_hooks_;
  OutboundConnections connections_;
  std::uint64_t connection_waits_ = 0;
  // The queue: ids in this provider, and each id's position there (kNone when not here), so that
  // leaving the queue is a swap with the last one.
  std::vector<MessageId> queued_;
  std::vector<std::uint32_t> queue_pos_;
};

}  // namespace repsim::models
