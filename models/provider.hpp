#pragma once
// A provider's outbound MTA: the sender's side of every delivery. It filters outbound spam, leaves
// from the tenant's IP pool, limits its own connections per destination, and keeps deferred mail in
// per-destination queues until it is delivered, bounced, or expires. Every submitted message ends in
// exactly one final state in the ledger, or is still queued (collect_queued) when the run ends.
//
// The queue is kept the way real MTAs keep it (Postfix's per-destination queues and dead-destination
// logic; PowerMTA's queue per virtual MTA and domain): one "lane" per (source, gateway), where the
// source is the pool for a round-robin pool and the sending IP otherwise (dedicated and tenant-hash
// pools), because reputation, the usual reason for a 4xx, belongs to what connects.
//  * New mail gets its first attempt at once (when a session is free), whatever the lane's state:
//    every message reaches the gateway at least once, as it did on FOPE. Deferred mail waits in
//    its lane, oldest first; the lane has one timer, never one per message.
//  * At each retry the lane makes one pass over its mail, oldest first, each message over a free
//    session (the per-destination connection limit sets the flush rate). A deferred message keeps
//    its place; a delivered or bounced one leaves. A destination is dead after dead_after
//    deferrals in a row without a delivery: the pass stops there, and the next retry tries the
//    oldest message alone (the probe) before flushing the rest. So a refusing destination costs
//    one attempt per retry, not one per queued message.
//  * The k-th retry in a row that leaves mail queued is followed by the next at
//    retry.next_attempt(now, oldest queued message's creation, k) (a pass that delivered something
//    starts over at k = 1): a lone deferred message sees exactly a per-message queue's schedule
//    (fope2012 every 20 min; postfix waits the message's age clamped to 300..4000 s, on its next
//    queue scan; doubling 300, 600, 1200, 2400, 4000 s). Mail deferred between two retries waits
//    for the lane's next one.
//  * Expiry and delay notices are settled lazily whenever the lane is visited (every retry and
//    flush step, so at most retry.max_interval late, as a queue manager's scan): messages at or past
//    retry.lifetime expire without an attempt, then those older than retry.delay_notice get their
//    notice, then the pass runs. No message is ever tried at or past its lifetime.
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <utility>
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
#include "sim/memory/prefetch.hpp"
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
  // The share of the messages it applies to that it breaks (a partial fault). Which ones is a
  // property of the message (a hash of its sender, destination and creation time), not a draw:
  // the same message fails on every attempt, and no random stream moves.
  double share = 1.0;
  std::uint16_t code = 554;
  std::string text = "5.6.0 Corrupt message content";

  bool matches(const Message& m, sim::Time now) const {
    return start <= now && now < end && (!attachments_only || m.has_attachment) && (share >= 1.0 || hits(m));
  }
  bool hits(const Message& m) const;
};

struct ProviderConfig {
  std::string id;
  // The 2012 Office 365 outbound path (docs/architecture.md, domain facts).
  RetryPolicy retry = RetryPolicy::fope2012();
  // Concurrent sessions to one gateway; 0 = unlimited (no domain source fixes a limit).
  std::uint32_t max_connections_per_destination = 0;
  // How long one delivery attempt holds its connection. 2 s: a placeholder of this model.
  sim::Time session_time = sim::seconds(2);
  // Deferrals in a row (no delivery between them) after which a destination lane is dead and its
  // retries start with a single probe. 5: Postfix declares a destination dead after one failed
  // pseudo-cohort (destination_concurrency_failed_cohort_limit = 1) at its initial destination
  // concurrency of 5 deliveries (initial_destination_concurrency = 5).
  std::uint32_t dead_after = 5;
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

  // Takes message `id` out of the pool (it was counted by Ledger::on_created: whoever creates mail
  // counts it, so a reroute never counts it twice) at sim.now(): a suspended tenant's mail and
  // caught spam end Filtered, mail an active fault breaks is bounced; the rest is tried now when its
  // lane is up, idle and a connection is free, and joins its lane otherwise. Messages must be
  // submitted in creation order (they are, as they are created): a lane is then oldest first.
  // Throws std::logic_error when the tenant has no pool here.
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

  // A customer's ticket about `tenant`: the support desk answers after support_desk.response_delay
  // with its stance; the ecosystem logs the answer and applies follow_up(answer, desk).
  void file_ticket(TenantIndex tenant, std::function<void(const TicketAnswer&)> on_answer);

  // Faults of the config and those added later; config().faults is left empty (moved here).
  void add_fault(ProviderFault fault);
  const std::deque<ProviderFault>& faults() const { return faults_; }

  // Messages in this provider's lanes (deferred, or waiting for a connection).
  std::size_t queued() const { return queued_; }
  // Appends every message still queued, lane by lane in the order lanes were opened, oldest first.
  void collect_queued(std::vector<const Message*>& out) const;
  // Sessions booked for a later time because the provider's own per-destination connection limit
  // was full (the lane waits for that session: one event). Not 4xx replies: the ledger does not
  // count them.
  std::uint64_t connection_waits() const { return connection_waits_; }
  // Delivery attempts made (each reached the network: one IP used, one gateway reply), and those
  // that were retries (a queued message tried again by its lane).
  std::uint64_t attempts() const { return attempts_; }
  std::uint64_t retries() const { return retries_; }
  // Lanes ever opened (a lane opens at its first deferral or connection wait), and those holding
  // mail now.
  std::size_t lane_count() const { return lanes_.size(); }
  std::size_t busy_lanes() const;

  // A cache hint with no observable effect: a message like m will be submitted soon.
  void prefetch(const Message& m) const {
    if (m.tenant < pool_of_tenant_.size()) sim::prefetch(&pool_of_tenant_[m.tenant]);
    connections_.prefetch(m.gateway);
    // The lists' handles are one small array, in cache anyway; each gateway's entries are a heap
    // block of their own (a page each, at thousands of gateways), which find_lane reads for every
    // submitted message.
    if (m.gateway < lanes_of_gateway_.size()) {
      const auto& lanes = lanes_of_gateway_[m.gateway];
      if (!lanes.empty()) sim::prefetch(lanes.data());
    }
  }

  // A lane's event: its retry time, or the session it booked. payload = lane number.
  void on_event(sim::Simulation& sim, std::uint64_t payload) override;

 private:
  struct Lane {
    GatewayIndex gateway = kNone;
    std::uint32_t source = 0;  // pool, or kIpSource | ip
    // The lane's mail itself, in arrival order (tenant == kNone where a message has left), not
    // numbers into the message pool: a pass, a delay notice or an expiry then reads a lane's mail
    // in order, not slots scattered over the pool by every lane deferring at once. The vector
    // copies itself at each doubling, which costs less than scattered reads (bench/README.md, "A
    // lane holds its own mail").
    std::vector<Message> slots;
    std::size_t head = 0;         // no message before this slot
    std::size_t live = 0;         // messages in slots
    std::size_t noticed = 0;      // every message before this slot had its delay notice
    std::size_t cursor = 0;       // the slot a pass waiting for a session resumes at
    std::uint32_t retries = 0;    // retries in a row that left mail queued: the back-off step
    std::uint32_t failures = 0;   // deferrals in a row without a delivery
    bool event_pending = false;   // the lane's one timer; pending exactly while live > 0
    bool in_pass = false;         // the pending event is the session booked for slots[cursor]
    bool pass_delivered = false;  // the current pass delivered (or bounced) something
  };
  static constexpr std::uint32_t kIpSource = 0x80000000u;

  std::uint32_t source_of(const Message& m);
  // The lane's number, or kNone.
  std::uint32_t find_lane(GatewayIndex gateway, std::uint32_t source) const;
  std::uint32_t open_lane(GatewayIndex gateway, std::uint32_t source);
  bool dead(const Lane& lane) const { return lane.failures >= cfg_.dead_after; }
  // Tries m over a session that is free now, counting the attempt in m. True when it was deferred
  // (4xx, unless tempfail_is_permanent): it is still alive. Otherwise it is finished (delivered or
  // bounced).
  bool attempt(Message& m);
  // The lane's timer or booked session.
  void visit(std::uint32_t lane);
  // From slots[from] on: one attempt each, until the end, a dead destination, or a session wait.
  // holding_session: the lane's booked session has begun and serves the first message tried.
  void pass(std::uint32_t lane, std::size_t from, bool holding_session);
  void end_pass(std::uint32_t lane);
  void settle_age(Lane& lane);
  // How far ahead a lane's walk asks for its mail (prefetch_ahead): the slot itself, the lines a
  // message's attempt reads, and the latency buckets its delivery counts in.
  static constexpr std::size_t kSlotAhead = 16;
  static constexpr std::size_t kLinesAhead = 8;
  static constexpr std::size_t kBucketsAhead = 4;
  void prefetch_ahead(const Lane& lane, std::size_t slot) const;
  void prefetch_batch(const Lane& lane, std::size_t from) const;
  // Stage 0 or 1 of Ledger::prefetch_queued for the message in `slot`, if there is one; stage 0
  // also asks for its sender's records in the network.
  void prefetch_queued(const Lane& lane, std::size_t slot, int stage) const;
  void compact(Lane& lane);
  void schedule(std::uint32_t lane, sim::Time at);
  void append(std::uint32_t lane, const Message& m);
  void remove(Lane& lane, std::size_t slot);
  const ProviderFault* active_fault(const Message& m) const;
  bool break_if_faulty(const Message& m);
  void finish(const Message& m, FinalState state);
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
  std::uint64_t attempts_ = 0;
  std::uint64_t retries_ = 0;
  // Lanes in the order they were opened (the iteration order), and per gateway its lanes' numbers
  // sorted by source: most gateways have none or one (the shared pool's), so a lookup is a short
  // binary search in a small vector, not a hash of every message.
  std::vector<Lane> lanes_;
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> lanes_of_gateway_;
  std::size_t queued_ = 0;
};

}  // namespace repsim::models
