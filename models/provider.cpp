#include "models/provider.hpp"

#include <stdexcept>
#include <string>
#include <utility>

#include "sim/distributions.hpp"

namespace repsim::models {

void ProviderConfig::validate() const {
  auto bad = [this](const std::string& what) { throw std::invalid_argument("provider " + id + ": " + what); };
  try {
    retry.validate();
    filter.validate();
  } catch (const std::invalid_argument& e) {
    bad(e.what());
  }
  if (dead_after == 0) bad("dead_after must be >= 1");
  if (max_connections_per_destination > 0 && session_time <= 0)
    bad("session_time must be > 0 when connections are limited");
  if (abuse_desk.enabled && abuse_desk.complaint_threshold == 0)
    bad("abuse_desk.complaint_threshold must be >= 1");
  if (abuse_desk.response_delay < 0) bad("abuse_desk.response_delay must be >= 0");
  if (support_desk.response_delay < 0) bad("support_desk.response_delay must be >= 0");
  if (support_desk.stance == SupportStance::EscalateToVendor && support_desk.vendor == kNone)
    bad("the escalate_to_vendor stance needs support_desk.vendor");
  if (support_desk.stance == SupportStance::Reroute && support_desk.reroute_to == kNone)
    bad("the reroute stance needs support_desk.reroute_to");
  for (const ProviderFault& f : faults) {
    if (f.end <= f.start) bad("a fault must end after it starts");
    if (f.code < 500 || f.code > 599) bad("a fault's code must be 5xx: the provider bounces the message");
  }
}

Provider::Provider(ProviderIndex index, ProviderConfig cfg, ProviderContext ctx, sim::RandomStream rng)
    : index_(index),
      cfg_(std::move(cfg)),
      ctx_(ctx),
      rng_(rng),
      abuse_(cfg_.abuse_desk),
      connections_(cfg_.max_connections_per_destination, cfg_.session_time) {
  cfg_.validate();
  if (cfg_.support_desk.stance == SupportStance::Reroute && cfg_.support_desk.reroute_to == index_)
    throw std::invalid_argument("provider " + cfg_.id + ": support_desk.reroute_to is the provider itself");
  for (ProviderFault& f : cfg_.faults) faults_.push_back(std::move(f));
  cfg_.faults.clear();
}

void Provider::assign_pool(TenantIndex tenant, PoolIndex pool) {
  if (pool >= ctx_.pools.size())
    throw std::out_of_range("provider " + cfg_.id + ": pool " + std::to_string(pool) + " does not exist");
  if (tenant >= pool_of_tenant_.size()) pool_of_tenant_.resize(tenant + std::size_t{1}, kNone);
  pool_of_tenant_[tenant] = pool;
}

void Provider::submit(MessageId id) {
  Message m = ctx_.messages[id];
  if (m.tenant >= pool_of_tenant_.size() || pool_of_tenant_[m.tenant] == kNone)
    throw std::logic_error("provider " + cfg_.id + ": tenant " + std::to_string(m.tenant) +
                           " has no pool here");
  // Out of the pool at once: a message that waits is copied into its lane (Lane::slots).
  ctx_.messages.release(id);
  m.provider = index_;
  if (suspended(m.tenant)) return finish(m, FinalState::Filtered);
  // Only spam draws, so a run's legit mail never shifts the filter's stream.
  if (m.kind == MessageKind::Spam && sim::bernoulli(rng_, cfg_.filter.catch_probability())) {
    const TenantIndex tenant = m.tenant;
    finish(m, FinalState::Filtered);
    return record_abuse(tenant, 1);
  }
  if (break_if_faulty(m)) return;

  const sim::Time now = ctx_.sim.now();
  const std::uint32_t source = source_of(m);
  std::uint32_t lane = find_lane(m.gateway, source);
  // A pass waiting for a session has the lane's mail in hand: new mail waits its turn behind it.
  if (lane != kNone && lanes_[lane].in_pass) return append(lane, m);
  if (connections_.next_free(m.gateway, now) > now) {
    // Not a 4xx: the message waits for a session; its attempt count is untouched.
    if (lane == kNone) lane = open_lane(m.gateway, source);
    append(lane, m);
    Lane& l = lanes_[lane];
    if (l.event_pending) return;  // the lane's retry takes it along
    ++connection_waits_;
    l.in_pass = true;
    l.pass_delivered = false;
    l.cursor = l.slots.size() - 1;
    return schedule(lane, connections_.book(m.gateway, now));
  }
  connections_.book(m.gateway, now);
  if (!attempt(m)) {
    if (lane != kNone) lanes_[lane].failures = 0;  // the destination answered
    return;
  }
  if (lane == kNone) lane = open_lane(m.gateway, source);
  append(lane, m);
  Lane& l = lanes_[lane];
  if (l.failures < UINT32_MAX) ++l.failures;
  if (!l.event_pending) {
    l.retries = 1;  // an idle lane's first deferral: the first retry interval
    schedule(lane, cfg_.retry.next_attempt(now, l.slots[l.head].created, 1));
  }
}

void Provider::add_fault(ProviderFault fault) {
  if (fault.end <= fault.start)
    throw std::invalid_argument("provider " + cfg_.id + ": a fault must end after it starts");
  faults_.push_back(std::move(fault));
}

bool ProviderFault::hits(const Message& m) const {
  const std::uint64_t id = sim::mix64(static_cast<std::uint64_t>(m.created) ^
                                      sim::mix64((std::uint64_t{m.tenant} << 32) | m.gateway));
  return static_cast<double>(id >> 11) * 0x1.0p-53 < share;  // a uniform [0, 1) from 53 bits
}

const ProviderFault* Provider::active_fault(const Message& m) const {
  const sim::Time now = ctx_.sim.now();
  for (const ProviderFault& f : faults_)
    if (f.matches(m, now)) return &f;
  return nullptr;
}

// A broken provider bounces the message itself: no connection, no IP, no gateway.
bool Provider::break_if_faulty(const Message& m) {
  if (faults_.empty()) return false;
  const ProviderFault* fault = active_fault(m);
  if (!fault) return false;
  const SmtpReply reply{ReplyClass::Reject, fault->code, BlockCause::ProviderFault, fault->text};
  ctx_.ledger.on_attempt(m, reply, ctx_.sim.now());  // legit mail broken here is an outage like any other
  finish(m, FinalState::Rejected);
  return true;
}

void Provider::finish(const Message& m, FinalState state) { ctx_.ledger.on_final(m, state, ctx_.sim.now()); }

void Provider::suspend(TenantIndex tenant) {
  if (tenant >= suspended_.size()) suspended_.resize(tenant + std::size_t{1}, false);
  suspended_[tenant] = true;
}

void Provider::report_complaints(TenantIndex tenant, std::uint32_t count) { record_abuse(tenant, count); }

void Provider::record_abuse(TenantIndex tenant, std::uint32_t count) {
  if (!abuse_.record(tenant, count)) return;
  // Rare (once per tenant at most), so the std::function form of scheduling is fine here.
  ctx_.sim.schedule_after(cfg_.abuse_desk.response_delay, [this, tenant](sim::Simulation& sim) {
    if (suspended(tenant)) return;  // someone was quicker; the desk has nothing to do
    suspend(tenant);
    for (const auto& hook : suspend_hooks_) hook(tenant, sim.now());
  });
}

void Provider::file_ticket(TenantIndex tenant, std::function<void(const TicketAnswer&)> on_answer) {
  const TicketAnswer answer{tenant, index_, cfg_.support_desk.stance, ctx_.sim.now(),
                            ctx_.sim.now() + cfg_.support_desk.response_delay};
  ctx_.sim.schedule_at(answer.answered,
                       [answer, on_answer = std::move(on_answer)](sim::Simulation&) { on_answer(answer); });
}

}  // namespace repsim::models
