#include "models/ledger.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace repsim::models {

void DeliveryCounts::add(const DeliveryCounts& c) {
  sent += c.sent;
  delivered += c.delivered;
  deferred_attempts += c.deferred_attempts;
  deferred_messages += c.deferred_messages;
  rejected += c.rejected;
  expired += c.expired;
  filtered += c.filtered;
  queued_at_end += c.queued_at_end;
  legit_lost += c.legit_lost;
  legit_queued_at_end += c.legit_queued_at_end;
  spam_accepted += c.spam_accepted;
  delay_notices += c.delay_notices;
  refusal_blips += c.refusal_blips;
  latency_s.merge(c.latency_s);
}

Ledger::Ledger(std::size_t tenants, std::size_t gateways, OutageRule rule)
    : directories_(tenants), gateways_(gateways), rule_(rule) {}

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
  c.legit_lost = cold.legit_lost;
  c.legit_queued_at_end = cold.legit_queued_at_end;
  c.spam_accepted = cold.spam_accepted;
  c.delay_notices = cold.delay_notices;
  c.refusal_blips = cold.refusal_blips;
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

  const std::uint32_t n = pair_of(m);
  PairHot& p = pairs_.value(n);
  if (reply.accepted()) {
    p.newest_delivered = std::max(p.newest_delivered, m.created);
    if (p.open_streak != kNone) end_streak(n, now);
    return;
  }
  if (p.open_streak != kNone) {
    Streak& s = streaks_[p.open_streak];
    if (!quiet(s, now)) {
      s.last_refusal = now;
      s.waiting = reply.cls == ReplyClass::Tempfail;
      if (s.outage == kNone && now - s.start >= rule_.min_duration) record(s);
      return;
    }
    end_streak(n, now);  // the pair was quiet: that streak ended at its last refusal
  }
  if (m.created < p.newest_delivered) return;
  const Streak opened{now, now, kNone, n, reply.cause, reply.cls == ReplyClass::Tempfail};
  if (free_streaks_.empty()) {
    p.open_streak = static_cast<std::uint32_t>(streaks_.size());
    streaks_.push_back(opened);
  } else {
    p.open_streak = free_streaks_.back();
    free_streaks_.pop_back();
    streaks_[p.open_streak] = opened;
  }
  if (rule_.min_duration <= 0) record(streaks_[p.open_streak]);
}

void Ledger::end_streak(std::uint32_t n, sim::Time now) {
  PairHot& p = pairs_.value(n);
  Streak s = streaks_[p.open_streak];  // a copy: the slot is free for the next streak at once
  streaks_[p.open_streak].pair = kNone;
  free_streaks_.push_back(p.open_streak);
  p.open_streak = kNone;
  const sim::Time end = quiet(s, now) ? s.last_refusal : now;
  if (s.outage == kNone) {
    if (end - s.start < rule_.min_duration) {
      ++cold_[n].refusal_blips;
      ++gateways_[gateway_of(n)].counts.refusal_blips;
      return;
    }
    record(s);
  }
  outages_[s.outage].end = end;
  tell(outages_[s.outage], false);
}

void Ledger::record(Streak& s) {
  s.outage = static_cast<std::uint32_t>(outages_.size());
  outages_.push_back(OutageInterval{tenant_of(s.pair), gateway_of(s.pair), s.start, sim::kNever, s.cause});
  tell(outages_.back(), true);
}

void Ledger::tell(const OutageInterval& o, bool opened) {
  // Hooks get a copy: a hook that causes another attempt may grow outages_ and move its elements.
  const OutageInterval copy = o;
  for (const OutageHook& hook : hooks_) hook(copy, opened);
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
  if (legit) count_cold(m, [](auto& c) { ++c.legit_lost; });
}

void Ledger::first_ndr(const Message& m) {
  const PairCold& c = cold_[pair_of(m)];
  if (notice_hook_ && c.rejected + c.expired == 1) notice_hook_(m.tenant, m.gateway, Notice::Ndr);
}

void Ledger::finish(const std::vector<const Message*>& still_queued, sim::Time end) {
  for (const Message* m : still_queued) {
    count_cold(*m, [](auto& c) { ++c.queued_at_end; });
    if (m->kind == MessageKind::Legit) count_cold(*m, [](auto& c) { ++c.legit_queued_at_end; });
  }
  // In slot order, so that the outages recorded here come in the same order every run.
  for (std::uint32_t i = 0; i < streaks_.size(); ++i) {
    Streak& s = streaks_[i];
    if (s.pair == kNone || (s.outage != kNone && !quiet(s, end))) continue;
    if (quiet(s, end) || end - s.start < rule_.min_duration)
      end_streak(s.pair, end);  // over (or a blip cut short by the run's end)
    else
      record(s);  // lasted min_duration by the run's end: an outage still open
  }
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
  // they are is no miss): a queued message delivered late is the one that has any. And the pair's
  // open streak, which a retry refused again extends.
  const std::int64_t latency = (now - m.created) / sim::kSecond;
  if (const std::uint32_t s = pairs_.value(m.pair).open_streak; s != kNone) sim::prefetch(&streaks_[s]);
  sim::Histogram::prefetch(cold_[m.pair].latency, latency);
  gateways_[m.gateway].counts.latency_s.prefetch(latency);
}

DeliveryCounts Ledger::tenant(TenantIndex t) const {
  DeliveryCounts sum;
  each_pair_of(t, [&sum](const DeliveryCounts& c) { sum.add(c); });
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
  return p != nullptr && p->open_streak != kNone && streaks_[p->open_streak].outage != kNone;
}

DeliveryCounts Ledger::totals() const {
  DeliveryCounts sum;
  for (const AlignedCounts& c : gateways_) sum.add(c.counts);
  return sum;
}

}  // namespace repsim::models
