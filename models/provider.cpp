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
  if (max_connections_per_destination > 0 && session_time <= 0)
    bad("session_time must be > 0 when connections are limited");
  if (abuse_desk.enabled && abuse_desk.complaint_threshold == 0)
    bad("abuse_desk.complaint_threshold must be >= 1");
  if (abuse_desk.response_delay < 0) bad("abuse_desk.response_delay must be >= 0");
  if (support_desk.response_delay < 0) bad("support_desk.response_delay must be >= 0");
  for (const ProviderFault& f : faults)
    if (f.end <= f.start) bad("a fault must end after it starts");
}

Provider::Provider(ProviderIndex index, ProviderConfig cfg, ProviderContext ctx, sim::RandomStream rng)
    : index_(index),
      cfg_(std::move(cfg)),
      ctx_(ctx),
      rng_(rng),
      abuse_(cfg_.abuse_desk),
      connections_(cfg_.max_connections_per_destination, cfg_.session_time) {
  cfg_.validate();
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
  Message& m = ctx_.messages[id];
  if (m.tenant >= pool_of_tenant_.size() || pool_of_tenant_[m.tenant] == kNone)
    throw std::logic_error("provider " + cfg_.id + ": tenant " + std::to_string(m.tenant) +
                           " has no pool here");
  m.provider = index_;
  enqueue(id);
  if (suspended(m.tenant)) return finish(id, FinalState::Filtered);
  // Only spam draws, so a run's legit mail never shifts the filter's stream.
  if (m.kind == MessageKind::Spam && sim::bernoulli(rng_, cfg_.filter.catch_probability())) {
    const TenantIndex tenant = m.tenant;
    finish(id, FinalState::Filtered);
    return record_abuse(tenant, 1);
  }
  attempt(id, false);
}

void Provider::on_event(sim::Simulation&, std::uint64_t payload) {
  attempt(static_cast<MessageId>(payload & 0xFFFFFFFFu), (payload & kHoldsConnection) != 0);
}

// One turn of a queued message: expire it, warn its sender, or try to deliver it now.
void Provider::attempt(MessageId id, bool holds_connection) {
  Message& m = ctx_.messages[id];
  const sim::Time now = ctx_.sim.now();
  const RetryPolicy& retry = cfg_.retry;
  const sim::Time age = now - m.created;

  // A retry due at exactly the lifetime is not made: the message expires then (no attempt).
  if (age >= retry.lifetime) return finish(id, FinalState::Expired);
  if (retry.delay_notice > 0 && !m.delay_notice_sent && age >= retry.delay_notice) {
    m.delay_notice_sent = true;
    ctx_.ledger.on_delay_notice(m);
  }

  // A broken provider bounces the message itself: no connection, no IP, no gateway.
  if (const ProviderFault* fault = active_fault(m)) {
    const SmtpReply reply{ReplyClass::Reject, fault->code, BlockCause::ProviderFault, fault->text};
    ctx_.ledger.on_attempt(m, reply, now);  // legit mail broken here is an outage like any other
    return finish(id, FinalState::Rejected);
  }

  if (!holds_connection) {
    const sim::Time start = connections_.book(m.gateway, now);
    if (start > now) {
      // Not a 4xx: the message waits for the session it booked; its retry count is untouched. A
      // message that expires or breaks meanwhile leaves its booked session unused.
      ++connection_waits_;
      ctx_.sim.schedule_at(start, *this, kHoldsConnection | id);
      return;
    }
  }

  const IpIndex ip = ctx_.pools[pool_of_tenant_[m.tenant]].pick(m.tenant);
  ++ctx_.ips[ip].attempts;
  if (m.attempts < UINT16_MAX) ++m.attempts;
  const SmtpReply reply = ctx_.network.deliver(m, ip, index_, now);
  ctx_.ledger.on_attempt(m, reply, now);

  switch (reply.cls) {
    case ReplyClass::Accept:
      ++ctx_.ips[ip].delivered;
      return finish(id, FinalState::Delivered);
    case ReplyClass::Reject:
      return finish(id, FinalState::Rejected);
    case ReplyClass::Tempfail:
      if (retry.tempfail_is_permanent) return finish(id, FinalState::Rejected);
      ctx_.sim.schedule_at(now + retry.interval_after(m.attempts), *this, id);
      return;
  }
}

void Provider::add_fault(ProviderFault fault) {
  if (fault.end <= fault.start)
    throw std::invalid_argument("provider " + cfg_.id + ": a fault must end after it starts");
  faults_.push_back(std::move(fault));
}

const ProviderFault* Provider::active_fault(const Message& m) const {
  const sim::Time now = ctx_.sim.now();
  for (const ProviderFault& f : faults_)
    if (f.matches(m, now)) return &f;
  return nullptr;
}

void Provider::finish(MessageId id, FinalState state) {
  ctx_.ledger.on_final(ctx_.messages[id], state, ctx_.sim.now());
  dequeue(id);
  ctx_.messages.release(id);
}

void Provider::enqueue(MessageId id) {
  if (id >= queue_pos_.size()) queue_pos_.resize(id + std::size_t{1}, kNone);
  if (queue_pos_[id] != kNone)
    throw std::logic_error("provider " + cfg_.id + ": message " + std::to_string(id) + " submitted twice");
  queue_pos_[id] = static_cast<std::uint32_t>(queued_.size());
  queued_.push_back(id);
}

void Provider::dequeue(MessageId id) {
  const std::uint32_t pos = queue_pos_[id];
  const MessageId last = queued_.back();
  queued_[pos] = last;
  queue_pos_[last] = pos;
  queued_.pop_back();
  queue_pos_[id] = kNone;
}

void Provider::collect_queued(std::vector<const Message*>& out) const {
  out.reserve(out.size() + queued_.size());
  for (MessageId id : queued_) out.push_back(&ctx_.messages[id]);
}

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
