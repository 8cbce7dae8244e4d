#include "models/tenant.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/population_traffic.hpp"

namespace repsim::models {

namespace {

using sim::kHour;
using sim::kNever;
using sim::Time;

bool is_share(double p) { return p >= 0.0 && p <= 1.0; }

Time saturating_add(Time a, Time b) {
  Time out = 0;
  return __builtin_add_overflow(a, b, &out) ? kNever : out;
}

}  // namespace

Tenant::Tenant(TenantIndex index, TenantConfig cfg, const TenantContext& ctx, sim::RandomStream traffic_rng,
               sim::RandomStream spam_rng)
    : traffic_rng_(traffic_rng),
      index_(index),
      spam_share_(cfg.spam_share),
      attachment_share_(cfg.attachment_share),
      ctx_(&ctx),
      rest_(std::make_unique<Rest>(Rest{std::move(cfg), spam_rng})) {
  rest_->rate = rate_for(rest_->cfg.messages_per_day);
  check_share("spam_share", rest_->cfg.spam_share);
  check_share("attachment_share", rest_->cfg.attachment_share);
  if (!rest_->cfg.recipients.empty()) {
    try {
      mix_ = RecipientMix(rest_->cfg.recipients);
    } catch (const std::invalid_argument& e) {
      refuse(std::string("recipients: ") + e.what());
    }
  } else if (rest_->cfg.messages_per_day > 0.0) {
    refuse("sends mail but has no recipients");
  }
  for (const CompromiseEpisode& e : rest_->cfg.episodes) rest_->episodes.push_back(make_state(e));
  if (!mix_.empty()) pairs_ = ctx_->ledger.reserve_pairs(index_, mix_.gateways());
  // Last: nothing after this may throw once the pool holds a pointer to this tenant.
  if (ctx_->pools && !rest_->cfg.arrival_pool.empty()) {
    ctx_->pools->join(rest_->cfg.arrival_pool, *this);
    rest_->pooled = true;
  }
}

void Tenant::refuse(const std::string& what) const {
  throw std::invalid_argument("tenant '" + rest_->cfg.id + "': " + what);
}

void Tenant::check_share(const char* key, double share) const {
  if (!is_share(share)) refuse(std::string(key) + " must be in [0, 1]");
}

ArrivalRate Tenant::rate_for(double messages_per_day) const {
  try {
    return ctx_->pools ? ArrivalRate(ctx_->pools->shape_of(rest_->cfg.profile), messages_per_day)
                       : ArrivalRate(rest_->cfg.profile, messages_per_day);
  } catch (const std::invalid_argument& e) {
    refuse(e.what());
  }
}

void Tenant::set_attachment_share(double share) {
  check_share("attachment_share", share);
  attachment_share_ = share;
  rest_->cfg.attachment_share = share;
}

void Tenant::set_spam_share(double share) {
  check_share("spam_share", share);
  spam_share_ = share;
  rest_->cfg.spam_share = share;
}

void Tenant::set_messages_per_day(double messages_per_day) {
  if (rest_->pooled)
    refuse("its arrivals are drawn by the pool '" + rest_->cfg.arrival_pool +
           "': its volume cannot change during a run");
  if (mix_.empty() && messages_per_day > 0.0) refuse("sends mail but has no recipients");
  rest_->rate = rate_for(messages_per_day);
  rest_->cfg.messages_per_day = messages_per_day;
  if (!rest_->started) return;
  ctx_->sim.cancel(rest_->next_legit);
  rest_->next_legit = {};
  schedule_next_legit(ctx_->sim.now());
}

void Tenant::validate_episode(const CompromiseEpisode& e) const {
  const std::string who = "tenant '" + rest_->cfg.id + "' compromise episode: ";
  if (e.duration < 0) throw std::invalid_argument(who + "negative duration");
  if (!std::isfinite(e.messages_per_hour) || e.messages_per_hour < 0.0)
    throw std::invalid_argument(who + "messages_per_hour must be finite and >= 0");
  if (!is_share(e.trap_share)) throw std::invalid_argument(who + "trap_share must be in [0, 1]");
  if (e.recipients.empty() && mix_.empty() && e.messages_per_hour > 0.0)
    throw std::invalid_argument(who + "no recipients, and the tenant has none to lend");
}

Tenant::EpisodeState Tenant::make_state(const CompromiseEpisode& e) const {
  validate_episode(e);
  EpisodeState s{e, {}, 0};
  if (!e.recipients.empty()) {
    try {
      s.mix = RecipientMix(e.recipients);
    } catch (const std::invalid_argument& ex) {
      throw std::invalid_argument("tenant '" + rest_->cfg.id +
                                  "' compromise episode recipients: " + ex.what());
    }
  }
  return s;
}

void Tenant::start(Time until) {
  if (rest_->started) throw std::logic_error("tenant '" + rest_->cfg.id + "': start() called twice");
  rest_->started = true;
  rest_->until = until;
  if (!rest_->pooled) schedule_next_legit(ctx_->sim.now());
  for (std::size_t k = 0; k < rest_->episodes.size(); ++k) begin_episode(k);
}

void Tenant::compromise(const CompromiseEpisode& episode) {
  rest_->episodes.push_back(make_state(episode));
  rest_->cfg.episodes.push_back(episode);
  if (rest_->started) begin_episode(rest_->episodes.size() - 1);
}

void Tenant::begin_episode(std::size_t k) {
  EpisodeState& s = rest_->episodes[k];
  s.end = std::min(saturating_add(s.episode.start, s.episode.duration), rest_->until);
  schedule_next_spam(k, std::max(ctx_->sim.now(), s.episode.start));
}

void Tenant::schedule_next_legit(Time from) {
  // Memoryless: from any instant the integrated rate to the next arrival is a fresh Exp(1).
  const Time at =
      rest_->rate.next_arrival(ctx_->calendar, from, sim::exponential(traffic_rng_, 1.0), rest_->until);
  if (at != kNever) rest_->next_legit = ctx_->sim.schedule_at(at, *this, kLegitPayload);
}

void Tenant::schedule_next_spam(std::size_t k, Time from) {
  const EpisodeState& s = rest_->episodes[k];
  if (!(s.episode.messages_per_hour > 0.0) || from >= s.end) return;
  const double e = sim::exponential(rest_->spam_rng, 1.0);
  // E x kHour / rate: the gap in microseconds, rounded down.
  const double gap = std::floor(e * static_cast<double>(kHour) / s.episode.messages_per_hour);
  if (gap >= static_cast<double>(s.end - from)) return;
  ctx_->sim.schedule_at(from + static_cast<Time>(gap), *this, k + 1);
}

void Tenant::on_event(sim::Simulation& sim, std::uint64_t payload) {
  if (payload == kLegitPayload) {
    create_legit();
    schedule_next_legit(sim.now());
    return;
  }
  const auto k = static_cast<std::size_t>(payload - 1);
  create_spam(k);
  schedule_next_spam(k, sim.now());
}

// Draw order per legit message (fixed, so equal configs give equal messages): gateway, spam,
// attachment; then the next arrival.
void Tenant::create_legit() { emit_legit(draw_legit(ctx_->sim.now())); }

Message Tenant::draw_legit(sim::Time created) {
  Message m;
  m.created = created;
  m.tenant = index_;
  m.header_from = index_;
  m.envelope_from = index_;
  address_from_mix(m, traffic_rng_);
  m.kind = sim::bernoulli(traffic_rng_, spam_share_) ? MessageKind::Spam : MessageKind::Legit;
  m.has_attachment = sim::bernoulli(traffic_rng_, attachment_share_);
  return m;
}

void Tenant::address_from_mix(Message& m, sim::RandomStream& rng) const {
  const RecipientMix::Drawn to = mix_.draw_entry(rng);
  m.gateway = to.gateway;
  if (pairs_ != kNone) m.pair = pairs_ + to.entry;
}

void Tenant::emit_legit(const Message& m) {
  ++legit_created_;
  emit(m);
}

void Tenant::prefetch_mail(const Message& m, int stage) const {
  ctx_->ledger.prefetch(m, stage);
  ctx_->sink.prefetch(m, stage);
}

// Draw order per spam message: gateway, trap, attachment; then the next arrival.
void Tenant::create_spam(std::size_t k) {
  const EpisodeState& s = rest_->episodes[k];
  Message m;
  m.created = ctx_->sim.now();
  m.tenant = index_;
  const TenantIndex from = s.episode.spoof_as == kNone ? index_ : s.episode.spoof_as;
  m.header_from = from;
  m.envelope_from = from;
  if (s.mix.empty())
    address_from_mix(m, rest_->spam_rng);
  else
    m.gateway = s.mix.draw(rest_->spam_rng);
  m.kind = MessageKind::Spam;
  m.to_trap = sim::bernoulli(rest_->spam_rng, s.episode.trap_share);
  m.has_attachment = sim::bernoulli(rest_->spam_rng, attachment_share_);
  ++rest_->spam_created;
  emit(m);
}

void Tenant::emit(const Message& m) {
  const MessageId id = ctx_->messages.create(m);
  ctx_->ledger.on_created(ctx_->messages[id]);
  ctx_->sink.submit(id);
}

}  // namespace repsim::models
