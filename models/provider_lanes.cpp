// The provider's per-destination lanes: passes, dead destinations, back-off, and lazy expiry and
// delay notices (the rules are in provider.hpp).
#include <algorithm>
#include <stdexcept>
#include <string>

#include "models/provider.hpp"
#include "sim/memory/prefetch.hpp"

namespace repsim::models {

// Reputation is earned by what connects: a round-robin pool spreads every attempt over its IPs, so
// the pool is one source; a dedicated or tenant-hash pool always sends a tenant's mail from one IP,
// which is then the source (one IP's bad name must not hold its neighbours' mail).
std::uint32_t Provider::source_of(const Message& m) {
  const PoolIndex pool = pool_of_tenant_[m.tenant];
  IpPool& p = ctx_.pools[pool];
  if (p.assignment == Assignment::RoundRobin) return pool;
  return kIpSource | p.pick(m.tenant);
}

std::uint32_t Provider::find_lane(GatewayIndex gateway, std::uint32_t source) const {
  if (gateway >= lanes_of_gateway_.size()) return kNone;
  const auto& v = lanes_of_gateway_[gateway];
  const auto it = std::lower_bound(v.begin(), v.end(), std::make_pair(source, std::uint32_t{0}));
  return it != v.end() && it->first == source ? it->second : kNone;
}

std::uint32_t Provider::open_lane(GatewayIndex gateway, std::uint32_t source) {
  if (gateway >= lanes_of_gateway_.size()) lanes_of_gateway_.resize(gateway + std::size_t{1});
  if (lanes_.size() >= kNone) throw std::length_error("provider " + cfg_.id + ": too many lanes");
  const auto number = static_cast<std::uint32_t>(lanes_.size());
  Lane lane;
  lane.gateway = gateway;
  lane.source = source;
  lanes_.push_back(std::move(lane));
  auto& v = lanes_of_gateway_[gateway];
  v.insert(std::lower_bound(v.begin(), v.end(), std::make_pair(source, std::uint32_t{0})),
           std::make_pair(source, number));
  return number;
}

std::size_t Provider::busy_lanes() const {
  return static_cast<std::size_t>(
      std::count_if(lanes_.begin(), lanes_.end(), [](const Lane& l) { return l.live > 0; }));
}

void Provider::collect_queued(std::vector<const Message*>& out) const {
  out.reserve(out.size() + queued_);
  for (const Lane& lane : lanes_)
    for (std::size_t i = lane.head; i < lane.slots.size(); ++i)
      if (lane.slots[i].tenant != kNone) out.push_back(&lane.slots[i]);
}

bool Provider::attempt(Message& m) {
  const sim::Time now = ctx_.sim.now();
  const IpIndex ip = ctx_.pools[pool_of_tenant_[m.tenant]].pick(m.tenant);
  ++ctx_.ips[ip].attempts;
  ++attempts_;
  if (m.attempts > 0) ++retries_;
  if (m.attempts < UINT16_MAX) ++m.attempts;
  const SmtpReply reply = ctx_.network.deliver(m, ip, index_, now);
  ctx_.ledger.on_attempt(m, reply, now);
  switch (reply.cls) {
    case ReplyClass::Accept:
      ++ctx_.ips[ip].delivered;
      finish(m, FinalState::Delivered);
      return false;
    case ReplyClass::Reject:
      finish(m, FinalState::Rejected);
      return false;
    case ReplyClass::Tempfail:
      break;
  }
  // A broken sender that treats 4xx as 5xx queues nothing.
  if (cfg_.retry.tempfail_is_permanent) {
    finish(m, FinalState::Rejected);
    return false;
  }
  return true;
}

void Provider::append(std::uint32_t lane, const Message& m) {
  Lane& l = lanes_[lane];
  l.slots.push_back(m);
  ++l.live;
  ++queued_;
}

void Provider::remove(Lane& lane, std::size_t slot) {
  lane.slots[slot].tenant = kNone;
  --lane.live;
  --queued_;
  while (lane.head < lane.slots.size() && lane.slots[lane.head].tenant == kNone) ++lane.head;
}

// Drops the holes left by delivered mail once they outnumber the mail: a pass then walks O(live).
void Provider::compact(Lane& lane) {
  if (lane.slots.size() < 64 || lane.slots.size() <= 2 * lane.live) return;
  std::size_t kept = 0;
  std::size_t noticed = 0;
  for (std::size_t i = lane.head; i < lane.slots.size(); ++i) {
    if (lane.slots[i].tenant == kNone) continue;
    if (i < lane.noticed) ++noticed;
    lane.slots[kept++] = lane.slots[i];
  }
  lane.slots.resize(kept);
  lane.head = 0;
  lane.noticed = noticed;
}

void Provider::schedule(std::uint32_t lane, sim::Time at) {
  lanes_[lane].event_pending = true;
  ctx_.sim.schedule_at(at, *this, lane);
}

// A lane is walked in order, so what the walk will read next is known: the slot kSlotAhead on;
// the ledger lines of the message kLinesAhead on (all of its pair's) and its sender's records in
// the network; the latency buckets of the one kBucketsAhead on (Ledger::prefetch_queued). A flush
// of a lane that waited three days walks millions of messages from every sender.
void Provider::prefetch_ahead(const Lane& lane, std::size_t i) const {
  if (i + kSlotAhead < lane.slots.size()) sim::prefetch(&lane.slots[i + kSlotAhead]);
  prefetch_queued(lane, i + kLinesAhead, 0);
  prefetch_queued(lane, i + kBucketsAhead, 1);
}

// A pass resumes a lane where its last one stopped, seconds and thousands of messages ago (a flush
// waits for the gateway's sessions), so what prefetch_ahead asked for then has left the TLB. Asking
// again all at once lets those misses overlap: a dead lane's probe alone, else what the walk's own
// horizon covers (bench/README.md, "A pass asks again for the mail it starts with").
void Provider::prefetch_batch(const Lane& lane, std::size_t from) const {
  const std::size_t lines = dead(lane) ? 1 : kLinesAhead;
  for (std::size_t k = from; k < from + lines; ++k) prefetch_queued(lane, k, 0);
  for (std::size_t k = from; k < from + std::min(lines, kBucketsAhead); ++k) prefetch_queued(lane, k, 1);
}

void Provider::prefetch_queued(const Lane& lane, std::size_t slot, int stage) const {
  if (slot >= lane.slots.size() || lane.slots[slot].tenant == kNone) return;
  const Message& m = lane.slots[slot];
  ctx_.ledger.prefetch_queued(m, stage, ctx_.sim.now());
  if (stage == 0) ctx_.network.prefetch_delivery(m);
}

// What a queue manager's scan does before it tries anything: messages at or past their lifetime
// expire (a retry due at exactly the lifetime is not made), then the ones old enough get their
// delay notice. Both walk from the oldest message and stop at the first one too young (mail is
// submitted as it is created, so a lane is in creation order), so a visit costs O(1) plus the
// messages it settles.
void Provider::settle_age(Lane& lane) {
  const sim::Time now = ctx_.sim.now();
  const RetryPolicy& retry = cfg_.retry;
  while (lane.head < lane.slots.size()) {
    const Message m = lane.slots[lane.head];
    if (now - m.created < retry.lifetime) break;
    remove(lane, lane.head);
    finish(m, FinalState::Expired);
  }
  if (retry.delay_notice <= 0) return;
  lane.noticed = std::max(lane.noticed, lane.head);
  for (; lane.noticed < lane.slots.size(); ++lane.noticed) {
    prefetch_ahead(lane, lane.noticed);
    Message& m = lane.slots[lane.noticed];
    if (m.tenant == kNone) continue;
    if (now - m.created < retry.delay_notice) break;
    if (!m.delay_notice_sent) {
      m.delay_notice_sent = true;
      ctx_.ledger.on_delay_notice(m);
    }
  }
}

void Provider::on_event(sim::Simulation&, std::uint64_t payload) {
  const auto lane = static_cast<std::uint32_t>(payload);
  lanes_[lane].event_pending = false;
  visit(lane);
}

void Provider::visit(std::uint32_t lane) {
  Lane& l = lanes_[lane];
  settle_age(l);
  if (l.in_pass) return pass(lane, l.cursor, true);  // the session booked for slots[cursor]
  if (l.live == 0) return end_pass(lane);            // everything expired meanwhile
  compact(l);
  l.in_pass = true;
  l.pass_delivered = false;
  // A dead lane's pass stops at its first deferral: the oldest message alone is the probe.
  pass(lane, l.head, false);
}

// Lanes are re-read after each attempt: an attempt reaches other models, which may open lanes.
void Provider::pass(std::uint32_t lane, std::size_t from, bool holding_session) {
  const sim::Time now = ctx_.sim.now();
  prefetch_batch(lanes_[lane], from);
  for (std::size_t i = from;; ++i) {
    Lane& l = lanes_[lane];
    if (i >= l.slots.size()) return end_pass(lane);
    if (l.slots[i].tenant == kNone) continue;
    prefetch_ahead(l, i);
    // A copy: the attempt reaches other models, and the lane's storage may move meanwhile.
    Message m = l.slots[i];
    if (now - m.created >= cfg_.retry.lifetime) {
      remove(l, i);
      finish(m, FinalState::Expired);
      continue;
    }
    if (!faults_.empty() && active_fault(m)) {
      remove(l, i);
      break_if_faulty(m);  // its booked session, if any, serves the next message
      continue;
    }
    if (!holding_session) {
      const sim::Time start = connections_.book(l.gateway, now);
      if (start > now) {
        ++connection_waits_;
        l.cursor = i;
        return schedule(lane, start);
      }
    }
    holding_session = false;
    const bool deferred = attempt(m);
    Lane& after = lanes_[lane];
    if (!deferred) {
      remove(after, i);
      after.failures = 0;
      after.pass_delivered = true;
      continue;
    }
    after.slots[i].attempts = m.attempts;  // the copy counted this attempt
    if (after.failures < UINT32_MAX) ++after.failures;
    if (dead(after)) return end_pass(lane);
  }
}

// The k-th pass in a row that leaves mail queued is followed by the retry policy's next attempt,
// counted from now and from the lane's oldest message (the head: the one a dead lane probes); a pass
// that delivered something starts the count over (the destination talks).
void Provider::end_pass(std::uint32_t lane) {
  Lane& l = lanes_[lane];
  l.in_pass = false;
  if (l.live == 0) {
    l.slots.clear();
    l.head = l.noticed = l.cursor = 0;
    l.retries = 0;
    return;
  }
  if (l.pass_delivered) l.retries = 0;
  if (l.retries < UINT32_MAX) ++l.retries;
  schedule(lane, cfg_.retry.next_attempt(ctx_.sim.now(), l.slots[l.head].created, l.retries));
}

}  // namespace repsim::models
