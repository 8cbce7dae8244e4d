#pragma once
// Accounting that never lies: every created message is counted once as sent and once in exactly
// one final state, per gateway and per (tenant, gateway) pair, and a tenant's counts are the sum
// of its pairs'; outage intervals are derived from the same calls, so summaries and charts cannot
// disagree.
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <unordered_map>
#include <vector>

#include "models/ids.hpp"
#include "models/keyed_store.hpp"
#include "models/message.hpp"
#include "models/outage_rule.hpp"
#include "models/smtp.hpp"
#include "sim/memory/huge_page_allocator.hpp"
#include "sim/memory/prefetch.hpp"
#include "sim/metrics.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace repsim::models {

// The fields a message delivered at once touches (sent, delivered, the latency histogram's count,
// min, max and sum: 48 bytes) come first, so that in the ledger's cache-line-aligned records they
// share one line; the rest is for mail that is deferred, bounced or filtered.
struct DeliveryCounts {
  std::uint64_t sent = 0;
  std::uint64_t delivered = 0;
  sim::Histogram latency_s;             // created -> delivered, whole seconds
  std::uint64_t deferred_attempts = 0;  // 4xx replies (and provider-side waits for a connection)
  // Messages deferred at least once. Unlike deferred_attempts it does not depend on how often a
  // queue shared with other senders probes a dead destination (one message per retry).
  std::uint64_t deferred_messages = 0;
  std::uint64_t rejected = 0;       // final: 5xx
  std::uint64_t expired = 0;        // final: queue lifetime passed
  std::uint64_t filtered = 0;       // final: outbound spam filter
  std::uint64_t queued_at_end = 0;  // set by Ledger::finish
  // Legit messages whose final state is not Delivered (rejected, expired or filtered): mail that
  // will never arrive. Mail still queued at the end is not final and counts below instead.
  std::uint64_t legit_lost = 0;
  std::uint64_t legit_queued_at_end = 0;  // set by Ledger::finish: legit mail still waiting
  std::uint64_t spam_accepted = 0;        // spam delivered
  std::uint64_t delay_notices = 0;
  // Streaks of refused legit attempts that ended (or met the run's end) before they lasted the
  // OutageRule's min_duration: a partial fault's degradation that is no outage.
  std::uint64_t refusal_blips = 0;

  std::uint64_t bounced() const { return rejected + expired; }  // NDRs returned to the sender
  // Adds c's counts and latencies (a tenant's are its pairs', a group's its members').
  void add(const DeliveryCounts& c);
  std::uint64_t finished() const { return delivered + rejected + expired + filtered; }
};

// A (tenant, gateway) pair is cut off (docs/outages.md) from the first refused attempt of its legit
// mail until the next legit delivery, or until its last refusal when it then makes no attempt for
// longer than the OutageRule's quiet_gap; only a streak that lasts the rule's min_duration is an
// outage. `end` is kNever while still open. A refused message older than one already delivered
// starts none: the pair's mail gets through (e.g. after a reroute the old queue keeps failing while
// new mail flows).
struct OutageInterval {
  TenantIndex tenant;
  GatewayIndex gateway;
  sim::Time start;
  sim::Time end;
  BlockCause cause;
  sim::Time duration(sim::Time run_end) const { return (end == sim::kNever ? run_end : end) - start; }
};

class Ledger {
 public:
  Ledger(std::size_t tenants, std::size_t gateways, OutageRule rule = {});

  // Numbers the pairs of tenant t with each of `gateways` (a sender's recipient mix, in its order)
  // consecutively, and returns the first: the pair of gateways[i] is then first + i, which a sender
  // may put in Message::pair. kNone when that cannot hold (a gateway listed twice or out of range,
  // or a pair already numbered): the sender then leaves Message::pair empty. The pairs count as
  // having exchanged mail only once a message is created for them.
  std::uint32_t reserve_pairs(TenantIndex t, const std::vector<GatewayIndex>& gateways);
  // m.pair, when set, must be the number of (m.tenant, m.gateway): throws std::out_of_range
  // otherwise, like a tenant or gateway outside the ledger.
  void on_created(const Message& m);
  // One delivery attempt's answer (not final by itself: the sender's queue decides).
  void on_attempt(const Message& m, const SmtpReply& reply, sim::Time now);
  void on_delay_notice(const Message& m);
  // state must not be Queued.
  void on_final(const Message& m, FinalState state, sim::Time now);
  // Counts what is still queued and settles the streaks still open at `end`, the run's end: one
  // whose pair was quiet for longer than quiet_gap ends at its last refusal; one that has lasted
  // min_duration by `end` is an outage left open (end = kNever); a shorter one is a blip.
  void finish(const std::vector<const Message*>& still_queued, sim::Time end);
  // A hint with no observable effect: m will be counted soon. When m names its pair, stage 0 asks
  // for the pair's first line and its gateway's, and stage 1 for the pair's second line (where a
  // deferral counts). Otherwise stage 0 asks for its tenant's directory and its gateway's counts,
  // and stage 1 (later, once the directory is in cache) for the pair's counts, or the pair's index
  // slot when the directory does not hold it. A traffic source that draws messages ahead hides the
  // cache misses of a large run.
  void prefetch(const Message& m, int stage) const;
  // The same for queued mail, whose delay notice, deferrals and late delivery reach past the
  // pair's first line: stage 0 asks for all of the pair's lines (adjacent, so mostly one page),
  // stage 1 for the latency buckets a delivery at `now` would count in.
  void prefetch_queued(const Message& m, int stage, sim::Time now) const;

  // The sum of the tenant's pairs (a pass over them: keep the result rather than call per field).
  DeliveryCounts tenant(TenantIndex t) const;
  // f(counts) for each pair of tenant t: what tenant(t) sums, for a caller that sums many tenants
  // itself. The counts are valid during the call only. Throws std::out_of_range for an unknown
  // tenant.
  template <class F>
  void each_pair_of(TenantIndex t, F&& f) const {
    const Directory& d = directories_.at(t);
    for (std::size_t i = 0; i < Directory::kDirect && d.gateway[i] != kNone; ++i) f(counts_of(d.pair[i]));
    if (auto more = more_pairs_.find(t); more != more_pairs_.end())
      for (std::uint32_t n : more->second) f(counts_of(n));
  }
  const DeliveryCounts& gateway(GatewayIndex g) const { return gateways_[g].counts; }
  // Zero counts for a pair that never exchanged mail.
  DeliveryCounts pair(TenantIndex t, GatewayIndex g) const;
  // Pairs that exchanged mail (sent at least one message), in (tenant, gateway) order.
  std::vector<std::pair<TenantIndex, GatewayIndex>> pairs() const;
  const std::vector<OutageInterval>& outages() const { return outages_; }
  // True when the pair is in an outage that has not been seen to end. The ledger has no clock: an
  // outage ended by a quiet gap is seen at the pair's next attempt (or at finish).
  bool in_outage(TenantIndex t, GatewayIndex g) const;
  const OutageRule& rule() const { return rule_; }
  DeliveryCounts totals() const;

  // Called when a streak becomes an outage (at the first attempt once it has lasted min_duration,
  // with its true start) and when the outage is seen to end (its end may be earlier than the call:
  // a quiet gap is seen at the pair's next attempt or at finish). Operators watch these.
  using OutageHook = std::function<void(const OutageInterval&, bool opened)>;
  void on_outage_change(OutageHook hook) { hooks_.push_back(std::move(hook)); }
  // Called at a pair's first delay notice and at its first NDR (a message rejected or expired).
  enum class Notice : std::uint8_t { Delay, Ndr };
  using NoticeHook = std::function<void(TenantIndex, GatewayIndex, Notice)>;
  void on_first_notice(NoticeHook hook) { notice_hook_ = std::move(hook); }

 private:
  // Accounts start on a cache line, so a message delivered at once touches one line of each
  // (DeliveryCounts puts those fields first): at a million pairs and 100,000 tenants, lines are
  // what a message costs.
  struct alignas(64) AlignedCounts {
    DeliveryCounts counts;
  };
  // A tenant's first kDirect gateways and the numbers of their pairs in pairs_, on one line: a
  // message that does not name its pair (Message::pair) finds it here instead of through the hash
  // index (one cold line, not two). The tenant's later gateways go through the index. It replaces
  // per-tenant counts, which would be one more cold line per message and are a sum of the pairs'
  // anyway.
  struct alignas(64) Directory {
    static constexpr std::size_t kDirect = 8;
    std::array<GatewayIndex, kDirect> gateway;
    std::array<std::uint32_t, kDirect> pair;
    Directory() { gateway.fill(kNone); }
  };
  // A pair's accounts in two parts, so that what most messages touch (creation, a first attempt,
  // a delivery at once) sits in one hot line (why: bench/README.md, "Busiest tenants first, and a
  // pair's hot line"). Named as in DeliveryCounts, so one generic update serves both.
  struct alignas(64) PairHot {
    // Creation time of the newest legit message delivered so far: once newer mail gets through,
    // refusals of an older backlog (still queued on a route the sender has left) are no outage.
    sim::Time newest_delivered = std::numeric_limits<sim::Time>::min();
    std::uint32_t open_streak = kNone;  // index into streaks_
    // A check of Message::pair in the line a message reads anyway (tag_of(tenant, gateway)).
    std::uint32_t tag = 0;
    std::uint64_t sent = 0;
    std::uint64_t deferred_attempts = 0;
    sim::Histogram::Summary latency;  // its count is the pair's delivered count
  };
  static_assert(sizeof(PairHot) == 64, "a pair's hot part is one cache line");
  // What queued, bounced, filtered or late mail adds to.
  struct PairCold {
    std::uint64_t deferred_messages = 0;
    std::uint64_t rejected = 0;
    std::uint64_t expired = 0;
    std::uint64_t filtered = 0;
    std::uint64_t queued_at_end = 0;
    std::uint64_t legit_lost = 0;
    std::uint64_t legit_queued_at_end = 0;
    std::uint64_t spam_accepted = 0;
    std::uint64_t delay_notices = 0;
    std::uint64_t refusal_blips = 0;
    sim::Histogram::Buckets latency;
  };
  // A pair's refusals since its last delivery. Kept here, not in the pair's hot line, so that mail
  // that gets through reads nothing more; only refusals and the delivery that ends a streak touch
  // it.
  struct Streak {
    sim::Time start = 0;
    sim::Time last_refusal = 0;
    std::uint32_t outage = kNone;  // index into outages_ once it has lasted min_duration
    std::uint32_t pair = kNone;    // kNone: a free slot
    BlockCause cause{};
    // The last refusal was a 4xx: that mail waits in a queue, so no quiet gap ends the streak
    // (a queue that probes a failing destination with one message per retry may leave a pair's
    // mail untried for hours).
    bool waiting = false;
  };
  // True when streak s ended at its last refusal: that was a rejection and the pair made no
  // attempt for longer than the quiet gap before `now`.
  bool quiet(const Streak& s, sim::Time now) const {
    return !s.waiting && now - s.last_refusal > rule_.quiet_gap;
  }
  // The pair last looked up: a message's creation, attempts and end all touch the same pair in a
  // row, so most lookups skip the index.
  struct LastPair {
    std::uint64_t key = ~std::uint64_t{0};
    std::uint32_t number = 0;
  };
  static std::uint64_t key(TenantIndex t, GatewayIndex g) { return (std::uint64_t{t} << 32) | g; }
  static std::uint32_t tag_of(TenantIndex t, GatewayIndex g) {
    return static_cast<std::uint32_t>(sim::mix64(key(t, g)));
  }
  TenantIndex tenant_of(std::uint32_t n) const { return static_cast<TenantIndex>(pairs_.keys()[n] >> 32); }
  GatewayIndex gateway_of(std::uint32_t n) const {
    return static_cast<GatewayIndex>(pairs_.keys()[n] & 0xFFFFFFFFu);
  }
  // pairs_.number(key(t, g)), tagging a new pair and adding its cold part.
  std::uint32_t number_pair(TenantIndex t, GatewayIndex g);
  // The number of m's pair: m.pair, or (m.tenant, m.gateway)'s, added on first use.
  std::uint32_t pair_of(const Message& m) {
    if (m.pair != kNone) return m.pair;
    const std::uint64_t k = key(m.tenant, m.gateway);
    if (k != last_.key) last_ = LastPair{k, pair_number(m.tenant, m.gateway)};
    return last_.number;
  }
  // Pair n's streak ends: at `now` (a delivery), or at its last refusal when the pair was quiet for
  // longer than the quiet gap before `now`. An outage is closed (recorded first if it has only
  // now lasted min_duration); a shorter streak counts as a blip.
  void end_streak(std::uint32_t n, sim::Time now);
  // Records streak s as an outage and tells the hooks (which may grow streaks_: s is not used
  // after).
  void record(Streak& s);
  void tell(const OutageInterval& o, bool opened);
  // Tells the notice hook when m's bounce is its pair's first.
  void first_ndr(const Message& m);
  // The number of (t, g)'s pair in pairs_, added on first use.
  std::uint32_t pair_number(TenantIndex t, GatewayIndex g);
  // The whole counts of pair n, for readers.
  DeliveryCounts counts_of(std::uint32_t n) const;
  // f(counts) on m's gateway and on m's pair's hot part (f touches only sent or deferred_attempts),
  // or its cold part: every count is kept twice, and a tenant's are the sum of its pairs'.
  template <class F>
  void count_hot(const Message& m, F&& f) {
    f(gateways_[m.gateway].counts);
    f(pairs_.value(pair_of(m)));
  }
  template <class F>
  void count_cold(const Message& m, F&& f) {
    f(gateways_[m.gateway].counts);
    f(cold_[pair_of(m)]);
  }
  // Cache hints for prefetch and prefetch_queued: pair n's hot line, all of its cold part, and
  // gateway g's first line (what a message delivered at once touches, see AlignedCounts).
  void prefetch_hot(std::uint32_t n) const { sim::prefetch(&pairs_.value(n)); }
  void prefetch_cold(std::uint32_t n) const { sim::prefetch_bytes<sizeof(PairCold)>(&cold_[n]); }
  void prefetch_gateway(GatewayIndex g) const { sim::prefetch(&gateways_[g]); }

  // Read at random, once per message: huge pages (a provider has 100,000 tenants).
  std::vector<Directory, sim::HugePageAllocator<Directory>> directories_;
  std::vector<AlignedCounts, sim::HugePageAllocator<AlignedCounts>> gateways_;
  // A provider-sized run has about a million pairs, one touched per message: a flat index over
  // values that never move, not a node per pair.
  KeyedStore<PairHot> pairs_;
  std::vector<PairCold, sim::HugePageAllocator<PairCold>> cold_;  // by pair number
  // The pairs of tenants with more than Directory::kDirect gateways, beyond those (for tenant()).
  std::unordered_map<TenantIndex, std::vector<std::uint32_t>> more_pairs_;
  LastPair last_;
  OutageRule rule_;
  std::vector<Streak> streaks_;  // by PairHot::open_streak
  std::vector<std::uint32_t> free_streaks_;
  std::vector<OutageInterval> outages_;
  std::vector<OutageHook> hooks_;
  NoticeHook notice_hook_;
};

}  // namespace repsim::models
