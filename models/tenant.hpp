#pragma once
// A customer organisation that sends mail: legit traffic as a Poisson process shaped by its local
// traffic profile, spread over recipient gateways, plus compromise episodes (a bot sending spam at
// a flat rate, possibly spoofing another tenant's brand). Each new message goes into the pool, the
// ledger and the sink; what happens to it afterwards is the sink's business.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/ids.hpp"
#include "models/ledger.hpp"
#include "models/message.hpp"
#include "models/network.hpp"
#include "models/tenant_mix.hpp"
#include "models/traffic_profile.hpp"
#include "sim/calendar.hpp"
#include "sim/distributions.hpp"
#include "sim/memory/prefetch.hpp"
#include "sim/random.hpp"
#include "sim/simulation.hpp"
#include "sim/time.hpp"

namespace repsim::models {

struct CompromiseEpisode {
  sim::Time start = 0;
  sim::Time duration = 0;
  // Flat: bots do not keep office hours, so the tenant's profile does not apply.
  double messages_per_hour = 0;
  std::vector<RecipientShare> recipients;  // empty: the tenant's own mix
  // Share of the spam addressed to spam traps (Message::to_trap). 0.01: harvested lists carry a
  // small fraction of trap addresses (assumption; scenarios set their own).
  double trap_share = 0.01;
  // Brand spoofing: header_from and envelope_from show this tenant's domain instead of the sender's.
  TenantIndex spoof_as = kNone;
};

struct TenantConfig {
  std::string id;
  double messages_per_day = 0;  // legit volume: the mean over a full week / 7 (see ArrivalRate)
  TrafficProfile profile{};
  std::vector<RecipientShare> recipients;
  double spam_share = 0;          // baseline spam from a clean tenant (never to traps); usually 0
  double attachment_share = 0.3;  // share of messages with an attachment (assumption)
  std::vector<CompromiseEpisode> episodes;
  // Empty: the tenant draws its own arrival times. Otherwise the name of a pool of tenants with the
  // same profile whose legit arrivals are one superposed process (models/population_traffic.hpp):
  // a population with pooled arrivals names itself here. Used only when the tenant's context has
  // TrafficPools; without them the tenant draws its own.
  std::string arrival_pool;
};

class TrafficPools;

struct TenantContext {
  sim::Simulation& sim;
  const sim::Calendar& calendar;
  MessagePool& messages;
  Ledger& ledger;
  MessageSink& sink;
  // Optional: shares weekly shapes among tenants and runs pooled arrivals (arrival_pool). Must
  // outlive the tenant.
  TrafficPools* pools = nullptr;
};

// The Simulation keeps a pointer to the tenant while its events are pending: keep tenants in
// stable storage (never in a vector that may reallocate) once start() has run. Aligned to a cache
// line, so what a message reads is exactly the object's first three lines (see the members).
class alignas(64) Tenant final : public sim::EventHandler {
 public:
  // Throws std::invalid_argument (naming the tenant) for a bad volume, share, profile, episode, or
  // an empty or all-zero recipient mix when mail would need one.
  // ctx is shared by all tenants of a world and must outlive them. traffic_rng draws legit mail;
  // spam_rng draws every episode, so adding an episode never shifts the legit draws.
  Tenant(TenantIndex index, TenantConfig cfg, const TenantContext& ctx, sim::RandomStream traffic_rng,
         sim::RandomStream spam_rng);
  Tenant(TenantIndex, TenantConfig, TenantContext&&, sim::RandomStream, sim::RandomStream) = delete;

  // Schedules legit traffic from now() (unless a pool draws its arrivals) and every episode;
  // nothing is created at or after `until`. Throws std::logic_error when called twice.
  void start(sim::Time until);
  // One legit message in two steps, for the pool that draws the tenant's arrivals ahead of time:
  // draw_legit makes the message's draws (gateway, spam, attachment, from the tenant's own stream,
  // in that order: what an arrival of its own process does), emit_legit counts and submits it
  // (at m.created == now). draw_legit changes nothing but the tenant's stream.
  Message draw_legit(sim::Time created);
  void emit_legit(const Message& m);
  void send_legit() { create_legit(); }
  bool pooled() const { return rest_->pooled; }
  // Hints for a pool that knows what comes next (no observable effect): the cache lines the next
  // message of this tenant will read, and its accounts in the ledger (Ledger::prefetch).
  void prefetch_self() const {
    sim::prefetch_bytes<3 * sim::kCacheLine>(this);  // the members declared first: what a message reads
  }
  void prefetch_mail(const Message& m, int stage) const;
  // The recipient mix's slot the next draw_legit will read, when the mix is large (its table is
  // on the heap). Predicted on a copy of the tenant's stream, so it is right unless another of
  // the tenant's messages is drawn first.
  void prefetch_draw() const { mix_.prefetch_draw(traffic_rng_); }
  // Adds an episode at run time (a timeline action). Before start() it simply joins the config;
  // after, its chain begins at max(now, episode.start). Throws std::invalid_argument when invalid.
  void compromise(const CompromiseEpisode& episode);
  // Timeline `set` actions (models/parameter.hpp): messages created from now on draw with the new
  // share; a new volume redraws the pending legit arrival from now on the new rate. Throw
  // std::invalid_argument (naming the tenant) for what the constructor would refuse, and for a
  // volume change of a tenant whose arrivals a pool draws.
  void set_attachment_share(double share);
  void set_spam_share(double share);
  void set_messages_per_day(double messages_per_day);

  void on_event(sim::Simulation& sim, std::uint64_t payload) override;

  TenantIndex index() const { return index_; }
  const TenantConfig& config() const { return rest_->cfg; }
  const ArrivalRate& legit_rate() const { return rest_->rate; }
  std::uint64_t legit_created() const { return legit_created_; }
  std::uint64_t spam_created() const { return rest_->spam_created; }

 private:
  struct EpisodeState {
    CompromiseEpisode episode;
    RecipientMix mix;   // empty: use the tenant's mix
    sim::Time end = 0;  // min(start + duration, until), set by start()
  };
  static constexpr std::uint64_t kLegitPayload = 0;  // episode k uses payload k + 1

  void validate_episode(const CompromiseEpisode& e) const;
  EpisodeState make_state(const CompromiseEpisode& e) const;
  ArrivalRate rate_for(double messages_per_day) const;
  // The model's one-line refusal, naming the tenant: "tenant 'ID': what".
  [[noreturn]] void refuse(const std::string& what) const;
  void check_share(const char* key, double share) const;
  void schedule_next_legit(sim::Time from);
  void schedule_next_spam(std::size_t k, sim::Time from);
  void begin_episode(std::size_t k);
  void create_legit();
  // m's gateway drawn from the tenant's mix with rng, and the pair it names (pairs_).
  void address_from_mix(Message& m, sim::RandomStream& rng) const;
  void create_spam(std::size_t k);
  void emit(const Message& m);

  // What every legit message reads, together at the front: in a world of 100,000 tenants each line
  // of it is a cache miss per message. With the vtable pointer: 8 + 32 + 8 + 16 + 8 + 8 = 80 bytes,
  // then the mix's inline part (104), 184 in all; the context is one pointer to what all tenants
  // share (its line stays in cache).
  sim::RandomStream traffic_rng_;
  TenantIndex index_;
  // The ledger's number of the pair with the mix's first gateway (Ledger::reserve_pairs): a drawn
  // share's pair is pairs_ + its entry. kNone: messages leave Message::pair empty.
  std::uint32_t pairs_ = kNone;
  double spam_share_;
  double attachment_share_;
  std::uint64_t legit_created_ = 0;
  const TenantContext* ctx_;
  RecipientMix mix_;
  // The rest, which a pooled tenant's legit mail never reads, behind one pointer: the tenants sit in
  // one block that the members' random reads cover, and it stays small (bench/README.md, "The
  // tenant's cold part").
  struct Rest {
    TenantConfig cfg;
    sim::RandomStream spam_rng;
    ArrivalRate rate{};
    std::vector<EpisodeState> episodes{};
    sim::EventId next_legit{};  // the pending legit arrival, which a new volume replaces
    sim::Time until = 0;
    bool started = false;
    bool pooled = false;
    std::uint64_t spam_created = 0;
  };
  std::unique_ptr<Rest> rest_;
};
static_assert(sizeof(Tenant) == 4 * sim::kCacheLine, "three lines a message reads and the mix's owner");

}  // namespace repsim::models
