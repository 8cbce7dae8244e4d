#include "models/ledger.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace repsim::models {

namespace {

void add_counts(DeliveryCounts& into, const DeliveryCounts& c) {
  into.sent += c.sent;
  into.delivered += c.delivered;
  into.deferred_attempts += c.deferred_attempts;
  into.deferred_messages += c.deferred_messages;
  into.rejected += c.rejected;
  into.expired += c.expired;
  into.filtered += c.filtered;
  into.queued_at_end += c.queued_at_end;
  into.legit_blocked += c.legit_blocked;
  into.spam_accepted += c.spam_accepted;
  into.delay_notices += c.delay_notices;
  into.latency_s.merge(c.latency_s);
}

}  // namespace

Ledger::Ledger(std::size_t tenants, std::size_t gateways) : directories_(tenants), gateways_(gateways) {}

std::uint32_t Ledger::pair_number(TenantIndex t, GatewayIndex g) {
  Directory& d = directories_[t];
  for (std::size_t i = 0; i < Directory::kDirect; ++i) {
    if (d.gateway[i] == g) return d.pair[i];
    if (d.gateway[i] == kNone) {
      d.gateway[i] = g;
      d.pair[i] = number_pair(t, g);
      return d.pair[i];
    }
  }
  const std::size_t known = pairs_.size();
  const std::uint32_t n = number_pair(t, g);
  if (pairs_.size() != known) more_pairs_[t].push_back(n);
  return n;
}

std::uint32_t Ledger::number_pair(TenantIndex t, GatewayIndex g) {
  const std::size_t known = pairs_.size();
  const std::uint32_t n = pairs_.number(key(t, g));
  if (pairs_.size() != known) {
    pairs_.value(n).tag = tag_of(t, g);
    cold_.emplace_back();
  }
  return n;
}

std::uint32_t Ledger::reserve_pairs(TenantIndex t, const std::vector<GatewayIndex>& gateways) {
  if (t >= directories_.size() || gateways.empty()) return kNone;
  std::vector<GatewayIndex> sorted = gateways;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end() || sorted.back() >= gateways_.size())
    return kNone;
  for (GatewayIndex g : gateways)
    if (pairs_.find(key(t, g)) != nullptr) return kNone;
  const auto first = static_cast<std::uint32_t>(pairs_.size());
  for (GatewayIndex g : gateways) pair_number(t, g);  // new keys are numbered in order
  return first;
}

DeliveryCounts Ledger::counts_of(std::uint32_t n) const {
  const PairHot& hot = pairs_.value(n);
  const PairCold& cold = cold_[n];
  DeliveryCounts c;
  c.sent = hot.sent;
  c.delivered = hot.latency.count;
  c.latency_s = sim::Histogram(hot.latency, cold.latency);
  c.deferred_attempts = hot.deferred_attempts;
  c.deferred_messages = cold.deferred_messages;
  c.rejected = cold.rejected;
  c.expired = cold.expired;
  c.filtered = cold.filtered;
  c.queued_at_end = cold.queued_at_end;
  c.legit_blocked = cold.legit_blocked;
  c.spam_accepted = cold.spam_accepted;
  c.delay_notices = cold.delay_notices;
  return c;
}

void Ledger::on_created(const Message& m) {
  // Checked once here: a message that passed on_created has valid indices for every later call.
  if (m.tenant >= directories_.size() || m.gateway >= gateways_.size())
    throw std::out_of_range("ledger: message of tenant " + std::to_string(m.tenant) + " to gateway " +
                            std::to_string(m.gateway) + " is outside the ledger's " +
                            std::to_string(directories_.size()) + " tenants / " +
                            std::to_string(gateways_.size()) + " gateways");
  if (m.pair != kNone && (m.pair >= pairs_.size() || pairs_.value(m.pair).tag != tag_of(m.tenant, m.gateway)))
    throw std::out_of_range("ledger: message of tenant " + std::to_string(m.tenant) + " to gateway " +
                            std::to_string(m.gateway) + " names pair " + std::to_string(m.pair) +
                            ", which is not theirs");
  count_hot(m, [](auto& c) { ++c.sent; });
}

void Ledger::on_attempt(const Message& m, const SmtpReply& reply, sim::Time now) {
  if (reply.cls == ReplyClass::Tempfail) {
    count_hot(m, [](auto& c) { ++c.deferred_attempts; });
    if (m.attempts == 1) count_cold(m, [](auto& c) { ++c.deferred_messages; });  // its first try
  }
  // Outages describe what legit senders experience; spam being refused is the system working.
  if (m.kind != MessageKind::Legit) return;

  PairHot& p = pairs_.value(pair_of(m));
  OutageInterval changed{};
  bool opened = false;
  if (reply.accepted()) {
    p.newest_delivered = std::max(p.newest_delivered, m.created);
    if (p.open_outage == kNone) return;
    OutageInterval& o = outages_[p.open_outage];
    o.end = now;
    p.open_outage = kNone;
    changed = o;
  } else {
    if (p.open_outage != kNone || m.created < p.newest_delivered) return;
    p.open_outage = static_cast<std::uint32_t>(outages_.size());
    outages_.push_back(OutageInterval{m.tenant, m.gateway, now, sim::kNever, reply.cause});
    changed = outages_.back();
    opened = true;
  }
  // Hooks get a copy: a hook that causes another attempt may grow outages_ and move its elements.
  for (const OutageHook& hook : hooks_) hook(changed, opened);
}

void Ledger::on_delay_notice(const Message& m) {
  count_cold(m, [](auto& c) { ++c.delay_notices; });
  if (notice_hook_ && cold_[pair_of(m)].delay_notices == 1) notice_hook_(m.tenant, m.gateway, Notice::Delay);
}

void Ledger::on_final(const Message& m, FinalState state, sim::Time now) {
  const bool legit = m.kind == MessageKind::Legit;
  switch (state) {
    case FinalState::Queued:
      throw std::logic_error("ledger: on_final called with FinalState::Queued");
    case FinalState::Delivered: {
      const std::int64_t latency = (now - m.created) / sim::kSecond;  // whole seconds, truncated
      DeliveryCounts& at_gateway = gateways_[m.gateway].counts;
      ++at_gateway.delivered;
      at_gateway.latency_s.add(latency);
      const std::uint32_t n = pair_of(m);
      sim::Histogram::add(pairs_.value(n).latency, cold_[n].latency, latency);  // a zero reads no bucket
      if (!legit) count_cold(m, [](auto& c) { ++c.spam_accepted; });
      return;
    }
    case FinalState::Rejected:
      count_cold(m, [](auto& c) { ++c.rejected; });
      first_ndr(m);
      break;
    case FinalState::Expired:
      count_cold(m, [](auto& c) { ++c.expired; });
      first_ndr(m);
      break;
    case FinalState::Filtered:
      count_cold(m, [](auto& c) { ++c.filtered; });
      break;
  }
  if (legit) count_cold(m, [](auto& c) { ++c.legit_blocked; });
}

void Ledger::first_ndr(const Message& m) {
  const PairCold& c = cold_[pair_of(m)];
  if (notice_hook_ && c.rejected + c.expired == 1) notice_hook_(m.tenant, m.gateway, Notice::Ndr);
}

void Ledger::finish(const std::vector<const Message*>& still_queued) {
  for (const Message* m : still_queued) count_cold(*m, [](auto& c) { ++c.queued_at_end; });
}

void Ledger::prefetch(const Message& m, int stage) const {
  if (m.tenant >= directories_.size() || m.gateway >= gateways_.size()) return;
  if (m.pair != kNone) {
    if (m.pair >= pairs_.size()) return;
    // The pair is known: its hot line, and no directory. Its cold part is left alone: mail that
    // reads it (queued, bounced, filtered) comes through prefetch_queued or is rare, and asking
    // for it for every message would cost a page walk each.
    if (stage == 0) {
      prefetch_hot(m.pair);
      prefetch_gateway(m.gateway);
    }
    return;
  }
  if (stage == 0) {
    sim::prefetch(&directories_[m.tenant]);
    prefetch_gateway(m.gateway);
    return;
  }
  const Directory& d = directories_[m.tenant];
  for (std::size_t i = 0; i < Directory::kDirect; ++i) {
    if (d.gateway[i] == m.gateway) {
      prefetch_hot(d.pair[i]);
      return;
    }
  }
  pairs_.prefetch_slot(key(m.tenant, m.gateway));
}

void Ledger::prefetch_queued(const Message& m, int stage, sim::Time now) const {
  if (m.pair == kNone || m.tenant >= directories_.size() || m.gateway >= gateways_.size() ||
      m.pair >= pairs_.size())
    return prefetch(m, stage);
  if (stage == 0) {
    prefetch_hot(m.pair);
    prefetch_cold(m.pair);
    prefetch_gateway(m.gateway);
    return;
  }
  // The latency buckets its delivery would count in (stage 0 brought the pair's, so reading where
  // they are is no miss): a queued message delivered late is the one that has any.
  const std::int64_t latency = (now - m.created) / sim::kSecond;
  sim::Histogram::prefetch(cold_[m.pair].latency, latency);
  gateways_[m.gateway].counts.latency_s.prefetch(latency);
}

DeliveryCounts Ledger::tenant(TenantIndex t) const {
  DeliveryCounts sum;
  each_pair_of(t, [&sum](const DeliveryCounts& c) { add_counts(sum, c); });
  return sum;
}

DeliveryCounts Ledger::pair(TenantIndex t, GatewayIndex g) const {
  const std::uint32_t n = pairs_.find_number(key(t, g));
  return n == KeyedStore<PairHot>::kAbsent ? DeliveryCounts{} : counts_of(n);
}

std::vector<std::pair<TenantIndex, GatewayIndex>> Ledger::pairs() const {
  // Reserved pairs that never saw a message are left out.
  std::vector<std::uint64_t> keys;
  keys.reserve(pairs_.size());
  for (std::uint32_t n = 0; n < pairs_.size(); ++n)
    if (pairs_.value(n).sent > 0) keys.push_back(pairs_.keys()[n]);
  std::sort(keys.begin(), keys.end());  // the key sorts as (t, g)
  std::vector<std::pair<TenantIndex, GatewayIndex>> out;
  out.reserve(keys.size());
  for (std::uint64_t k : keys)
    out.emplace_back(static_cast<TenantIndex>(k >> 32), static_cast<GatewayIndex>(k & 0xFFFFFFFFu));
  return out;
}

bool Ledger::in_outage(TenantIndex t, GatewayIndex g) const {
  const PairHot* p = pairs_.find(key(t, g));
  return p != nullptr && p->open_outage != kNone;
}

DeliveryCounts Ledger::totals() const {
  DeliveryCounts sum;
  for (const AlignedCounts& c : gateways_) add_counts(sum, c.counts);
  return sum;
}

}  // namespace repsim::models
