#include "models/ecosystem.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <stdexcept>

#include "models/accept_floor.hpp"
#include "models/gauges.hpp"
#include "models/scorer_registry.hpp"
#include "sim/memory/prefetch.hpp"

namespace repsim::models {
namespace {

std::string default_address(std::uint32_t pool_number, std::uint32_t k) {
  // Documentation ranges would run out; 10/8 gives every pool its own /16.
  return "10." + std::to_string(pool_number % 256) + "." + std::to_string(k / 256) + "." +
         std::to_string(k % 256);
}

[[noreturn]] void bad(const std::string& what) { throw std::invalid_argument(what); }

}  // namespace

Ecosystem::Ecosystem(EcosystemConfig config)
    : config_(std::move(config)),
      streams_(config_.seed),
      traffic_pools_(sim_, config_.calendar, streams_),
      ledger_(config_.tenants.size(), config_.gateways.size(), config_.cut_off) {
  if (config_.duration <= 0) bad("duration must be positive");
  if (config_.sample_every <= 0) bad("sample_every must be positive");
  build_pools();
  build_scorers();
  build_auth();
  build_gateways();
  build_providers();
  build_tenants();
  build_operators();
  wire_desks();
  register_gauges();
  log_initial_bands();
  watch_notices();
  for (const TimedAction& a : config_.timeline) schedule(a);
}

Ecosystem::~Ecosystem() = default;

void Ecosystem::build_pools() {
  for (ProviderIndex p{0}; p < config_.providers.size(); ++p) {
    for (const PoolSpec& spec : config_.providers[p].pools) {
      if (spec.size == 0) bad("pool " + spec.id + ": needs at least one IP");
      if (!spec.addresses.empty() && spec.addresses.size() != spec.size)
        bad("pool " + spec.id + ": " + std::to_string(spec.addresses.size()) + " addresses for size " +
            std::to_string(spec.size));
      const auto pool_index = static_cast<PoolIndex>(pools_.size());
      IpPool pool;
      pool.id = spec.id;
      pool.kind = spec.kind;
      pool.assignment = spec.assignment;
      for (std::uint32_t k = 0; k < spec.size; ++k) {
        pool.ips.push_back(static_cast<IpIndex>(ips_.size()));
        ips_.push_back(IpAddress{spec.addresses.empty() ? default_address(pool_index, k) : spec.addresses[k],
                                 pool_index, 0, 0});
      }
      pools_.push_back(std::move(pool));
      provider_of_pool_.push_back(p);
    }
  }
}

void Ecosystem::build_scorers() {
  for (const ScorerSpec& spec : config_.scorers) {
    const auto index = static_cast<ScorerIndex>(scorers_.size());
    Scorer& scorer = *scorers_.emplace_back(scorer_registry().build(spec, sim_, ips_.size()));
    scorer.on_published_change([this, index](const PublishedChange& change) {
      if (scorers_[index]->publishes() == Publishes::Listings) {
        static constexpr EventKind kKind[] = {EventKind::Listed, EventKind::DelistedExpired,
                                              EventKind::DelistedOnRequest, EventKind::DelistedByVendor};
        const bool listed = change.reason == ListingChange::Listed;
        emit(Event{.kind = kKind[static_cast<int>(change.reason)],
                   .actor = {ActorKind::Scorer, index},
                   .ip = change.ip,
                   .scorer = index,
                   .from = listed ? kUnlisted : kListed,
                   .to = listed ? kListed : kUnlisted});
        return;
      }
      emit(Event{.kind = EventKind::BandChange,
                 .actor = {ActorKind::Scorer, index},
                 .ip = change.ip,
                 .scorer = index,
                 .from = change.from,
                 .to = change.to,
                 .value = change.score});
    });
    for (PoolIndex p{0}; p < pools_.size(); ++p) {
      const PoolSpec& pool_spec = pool_spec_of(p);
      if (pool_spec.initial_score)
        for (IpIndex ip : pools_[p].ips)
          scorer.establish(ip, *pool_spec.initial_score, pool_spec.initial_volume);
    }
  }
}

const PoolSpec& Ecosystem::pool_spec_of(PoolIndex pool) const {
  const ProviderIndex provider = provider_of_pool_[pool];
  PoolIndex first{0};
  while (provider_of_pool_[first] != provider) ++first;
  return config_.providers[provider].pools[pool - first];
}

void Ecosystem::build_auth() {
  auth_.domains.resize(config_.tenants.size());
  route_of_tenant_.resize(config_.tenants.size());
  for (TenantIndex t{0}; t < config_.tenants.size(); ++t) {
    const TenantSpec& spec = config_.tenants[t];
    if (spec.provider >= config_.providers.size()) bad("tenant " + spec.config.id + ": unknown provider");
    if (spec.pool >= pools_.size() || provider_of_pool_[spec.pool] != spec.provider)
      bad("tenant " + spec.config.id + ": pool is not one of its provider's pools");
    auth_.domains[t].dmarc = spec.dmarc;
    auth_.domains[t].always_signs = spec.always_signs;
    route_of_tenant_[t] = spec.provider;
    authorize(t, spec.provider);
    for (ProviderIndex f : spec.fallback_providers) {
      if (f >= config_.providers.size()) bad("tenant " + spec.config.id + ": unknown fallback provider");
      authorize(t, f);
    }
  }
  auth_.validate();  // once here, not in every gateway
}

// A tenant's SPF record lists what its provider sends from: its own IP when it has a dedicated
// one, else every shared IP of the provider (the provider's include: covers all customers).
// What one provider contributes depends only on (provider, the tenant's own dedicated pool or
// none), so those lists are built once and shared by every domain that has nothing else.
void Ecosystem::authorize(TenantIndex tenant, ProviderIndex provider) {
  const TenantSpec& spec = config_.tenants[tenant];
  const bool own_dedicated = provider == spec.provider && pools_[spec.pool].kind == PoolKind::Dedicated;
  const auto [it, added] =
      spf_records_.try_emplace((std::uint64_t{provider} << 32) | (own_dedicated ? spec.pool : kNone), 0);
  if (added) {
    std::vector<IpIndex> spf;
    for (PoolIndex p{0}; p < pools_.size(); ++p) {
      if (provider_of_pool_[p] != provider) continue;
      if (own_dedicated ? p != spec.pool : pools_[p].kind == PoolKind::Dedicated) continue;
      spf.insert(spf.end(), pools_[p].ips.begin(), pools_[p].ips.end());
    }
    std::sort(spf.begin(), spf.end());
    spf.erase(std::unique(spf.begin(), spf.end()), spf.end());
    it->second = auth_.add_record(std::move(spf));
  }
  DomainAuth& domain = auth_.domains[tenant];
  if (domain.spf_record == kNone) {
    domain.spf_record = it->second;  // the first provider: share its record
    return;
  }
  // A second provider (a fallback, a reroute): the domain gets a merged record of its own.
  std::vector<IpIndex> merged = auth_.spf(tenant);
  const std::vector<IpIndex>& more = auth_.records[it->second];
  merged.insert(merged.end(), more.begin(), more.end());
  std::sort(merged.begin(), merged.end());
  merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
  domain.spf_record = auth_.add_record(std::move(merged));
}

void Ecosystem::build_gateways() {
  std::vector<Scorer*> scorers;
  for (auto& s : scorers_) scorers.push_back(s.get());
  for (GatewayIndex g{0}; g < config_.gateways.size(); ++g) {
    const GatewayConfig& cfg = config_.gateways[g];
    gateways_.push_back(
        std::make_unique<Gateway>(g, cfg, scorers, &auth_, streams_.stream(cfg.id, "gateway")));
  }
}

void Ecosystem::build_providers() {
  for (ProviderIndex p{0}; p < config_.providers.size(); ++p) {
    const ProviderConfig& cfg = config_.providers[p].config;
    providers_.push_back(
        std::make_unique<Provider>(p, cfg, ProviderContext{sim_, messages_, ledger_, *this, pools_, ips_},
                                   streams_.stream(cfg.id, "provider")));
  }
  for (TenantIndex t{0}; t < config_.tenants.size(); ++t) {
    const TenantSpec& spec = config_.tenants[t];
    IpPool& pool = pools_[spec.pool];
    if (pool.assignment == Assignment::Dedicated) {
      // Dedicated IPs are handed out in tenant order: the k-th tenant placed on the pool gets IP k.
      const auto taken = static_cast<std::size_t>(std::count_if(
          pool.ip_of_tenant.begin(), pool.ip_of_tenant.end(), [](IpIndex i) { return i != kNone; }));
      if (taken >= pool.ips.size()) bad("pool " + pool.id + ": more tenants than dedicated IPs");
      if (pool.ip_of_tenant.size() <= t) pool.ip_of_tenant.resize(t + 1, kNone);
      pool.ip_of_tenant[t] = pool.ips[taken];
    }
    providers_[spec.provider]->assign_pool(t, spec.pool);
  }
}

// Tenants are built busiest first, so that the arena and the ledger's pair accounts (numbered as
// tenants reserve them) keep the senders of most of the mail together, on fewer lines and pages
// (bench/README.md, "Busiest tenants first, and a pair's hot line"). Nothing observable depends on
// the build order: pools draw over their members in index order, and the error reported is the
// first bad tenant's in index order.
void Ecosystem::build_tenants() {
  const std::size_t n = config_.tenants.size();
  std::vector<TenantIndex> busiest_first(n);
  for (TenantIndex t{0}; t < n; ++t) busiest_first[t] = t;
  std::stable_sort(busiest_first.begin(), busiest_first.end(), [this](TenantIndex a, TenantIndex b) {
    return config_.tenants[a].config.messages_per_day > config_.tenants[b].config.messages_per_day;
  });
  tenants_ = sim::ObjectArena<Tenant>(n);
  tenant_at_.assign(n, nullptr);
  TenantIndex first_bad = kNone;
  std::exception_ptr first_error;
  for (TenantIndex t : busiest_first) {
    try {
      const TenantConfig& cfg = config_.tenants[t].config;
      for (const RecipientShare& r : cfg.recipients)
        if (r.gateway >= gateways_.size()) bad("tenant " + cfg.id + ": unknown recipient gateway");
      tenant_at_[t] = &tenants_.emplace_back(t, cfg, tenant_context_, streams_.stream(cfg.id, "traffic"),
                                             streams_.stream(cfg.id, "spam"));
    } catch (...) {
      if (t < first_bad) {
        first_bad = t;
        first_error = std::current_exception();
      }
    }
  }
  if (first_error) std::rethrow_exception(first_error);
}

void Ecosystem::build_operators() {
  for (OperatorIndex o{0}; o < config_.operators.size(); ++o) {
    const OperatorConfig& cfg = config_.operators[o];
    operators_.push_back(std::make_unique<Operator>(o, cfg, sim_, config_.calendar, *this,
                                                    streams_.stream(cfg.id, "operator")));
  }
  ledger_.on_outage_change([this](const OutageInterval& outage, bool opened) {
    Event e{.kind = opened ? EventKind::OutageStart : EventKind::OutageEnd,
            .tenant = outage.tenant,
            .gateway = outage.gateway,
            .cause = outage.cause};
    // A start is told once the pair has been cut off for min_duration, an end once the ledger sees
    // it (a quiet gap at the pair's next attempt): value says how the record's time relates to the
    // interval's (docs/outages.md).
    e.value = sim::to_hours(opened ? sim_.now() - outage.start : outage.end - outage.start);
    emit(std::move(e));
    for (auto& op : operators_) op->on_outage(outage, opened);
  });
}

// Every IP a score service knows before the run (an established pool) starts in its band.
void Ecosystem::log_initial_bands() {
  for (ScorerIndex s{0}; s < scorers_.size(); ++s) {
    const Scorer& scorer = *scorers_[s];
    if (scorer.publishes() != Publishes::Scores) continue;  // nothing is listed before the run
    for (IpIndex ip{0}; ip < ips_.size(); ++ip) {
      const std::optional<double> published = scorer.standing(ip).score;
      if (!published) continue;
      const double score = *published;
      emit(Event{.kind = EventKind::InitialBand,
                 .actor = {ActorKind::Scorer, s},
                 .ip = ip,
                 .scorer = s,
                 .to = static_cast<std::uint32_t>(scorer.scale().band_of(score)),
                 .value = score});
    }
  }
}

// A pair's first delay notice and first NDR; finish() counts them.
void Ecosystem::watch_notices() {
  ledger_.on_first_notice([this](TenantIndex tenant, GatewayIndex gateway, Ledger::Notice notice) {
    emit(Event{.kind = notice == Ledger::Notice::Delay ? EventKind::DelayNotice : EventKind::Ndr,
               .tenant = tenant,
               .gateway = gateway});
    notice_records_.push_back(log_.size() - 1);
  });
}

void Ecosystem::register_gauges() {
  const auto gauge = [this](const GaugeKey& key, std::function<double()> read) {
    const sim::Metrics::Key k = gauge_key(key);
    metrics_.gauge(k.entity, k.name, std::move(read));
  };
  for (const auto& owned : scorers_) {
    const Scorer* scorer = owned.get();
    for (const IpPool& each : pools_) {
      // A pool's score is the mean of its IPs' published scores (unscored IPs read as neutral 0
      // would hide warm-up, so they are left out; a pool with none scored reads as NaN).
      const IpPool* pool = &each;
      gauge({Gauge::PoolScore, pool->id, scorer->id()}, [scorer, pool] {
        double sum = 0;
        int n = 0;
        for (IpIndex ip : pool->ips)
          if (const auto score = scorer->standing(ip).score) {
            sum += *score;
            ++n;
          }
        return n ? sum / n : std::nan("");
      });
      // The mean hides one bad IP among good ones (a dedicated pool's compromised IP): its worst IP
      // is drawn beside it.
      if (scorer->publishes() != Publishes::Scores) continue;
      gauge({Gauge::PoolMinScore, pool->id, scorer->id()}, [scorer, pool] {
        double worst = std::nan("");
        for (IpIndex ip : pool->ips)
          if (const auto score = scorer->standing(ip).score)
            worst = std::isnan(worst) ? *score : std::min(worst, *score);
        return worst;
      });
    }
  }
  for (GatewayIndex g{0}; g < gateways_.size(); ++g) {
    const DeliveryCounts* c = &ledger_.gateway(g);
    const std::string& id = gateway_name(g);
    gauge({Gauge::Delivered, id}, [c] { return static_cast<double>(c->delivered); });
    gauge({Gauge::DeferredAttempts, id}, [c] { return static_cast<double>(c->deferred_attempts); });
    gauge({Gauge::Bounced, id}, [c] { return static_cast<double>(c->bounced()); });
    const Gateway* gw = gateways_[g].get();
    if (gw->config().reputation == kNone) continue;
    // The probe reads the policy table: redone only when an operator moves the threshold.
    const ScoreScale* scale = &scorers_[gw->config().reputation]->scale();
    gauge({Gauge::AcceptFloor, id}, [gw, scale, threshold = std::nan(""), floor = std::nan("")]() mutable {
      if (!(gw->threshold() == threshold)) {
        threshold = gw->threshold();
        floor = accept_floor(gw->config().policy, threshold, *scale).value_or(std::nan(""));
      }
      return floor;
    });
  }
  for (ProviderIndex p{0}; p < providers_.size(); ++p) {
    const Provider* pr = providers_[p].get();
    gauge({Gauge::Queued, provider_name(p)}, [pr] { return static_cast<double>(pr->queued()); });
  }
}

void Ecosystem::start() {
  started_ = true;
  log_declared_faults();
  const sim::Time end = config_.duration;
  for (auto& s : scorers_) s->start(sim_, end);
  for (Tenant* t : tenant_at_) t->start(end);  // index order: events scheduled as before
  traffic_pools_.start(end);
  metrics_.sample_every(sim_, config_.sample_every, end);
}

void Ecosystem::run_until(sim::Time t) {
  if (finished_) throw std::logic_error("ecosystem: run after finish");
  if (!started_) start();
  sim_.run_until(std::min(t, config_.duration));
  log_records_until(sim_.now());
}

void Ecosystem::finish() {
  if (finished_) return;
  finished_ = true;
  std::vector<const Message*> queued;
  for (const auto& p : providers_) p->collect_queued(queued);
  ledger_.finish(queued, sim_.now());
  log_records_until(sim_.now());
  for (std::size_t i : notice_records_) {
    Event& e = log_[i];
    const DeliveryCounts c = ledger_.pair(e.tenant, e.gateway);
    e.value = static_cast<double>(e.kind == EventKind::DelayNotice ? c.delay_notices : c.bounced());
  }
}

ProviderIndex Ecosystem::route(TenantIndex tenant, GatewayIndex gateway) const {
  if (!route_of_pair_.empty()) {
    const auto it = route_of_pair_.find((std::uint64_t{tenant} << 32) | gateway);
    if (it != route_of_pair_.end()) return it->second;
  }
  return route_of_tenant_[tenant];
}

void Ecosystem::submit(MessageId id) {
  Message& m = messages_[id];
  m.provider = route(m.tenant, m.gateway);
  providers_[m.provider]->submit(id);
}

// What submitting m will read, for a traffic source that knows it ahead (a pooled population):
// first the tenant's route and authentication records and the gateway, then (with the route in
// cache) the provider's per-tenant and per-destination state.
void Ecosystem::prefetch(const Message& m, int stage) const {
  if (m.tenant >= route_of_tenant_.size() || m.gateway >= gateways_.size()) return;
  if (stage == 0) {
    sim::prefetch(&route_of_tenant_[m.tenant]);
    auth_.prefetch_domain(m.tenant);
    gateways_[m.gateway]->prefetch();
    return;
  }
  gateways_[m.gateway]->prefetch_indirect();
  if (route_of_pair_.empty()) providers_[route_of_tenant_[m.tenant]]->prefetch(m);
}

// A queued message's sender is anyone, so its authentication records are cold when a flush
// reaches it (the gateway's lines are not: a queue holds mail to one destination).
void Ecosystem::prefetch_delivery(const Message& m) const {
  auth_.prefetch_domain(m.envelope_from);
  if (m.header_from != m.envelope_from) auth_.prefetch_domain(m.header_from);
}

SmtpReply Ecosystem::deliver(const Message& m, IpIndex ip, ProviderIndex via, sim::Time now) {
  const SmtpReply reply = gateways_[m.gateway]->receive(m, ip, via, now);
  if (reply.accepted()) {
    if (m.kind == MessageKind::Spam)
      for (auto& op : operators_) op->on_spam_accepted(m.tenant, m.gateway);
  }
  return reply;
}

void Ecosystem::emit(Event event) {
  event.time = sim_.now();
  log_records_until(event.time);
  append(std::move(event));
}

void Ecosystem::append(Event event) {
  log_.push_back(std::move(event));
  for (auto& hook : log_hooks_) hook(log_.back());
}

void Ecosystem::log_records_until(sim::Time t) {
  while (!later_records_.empty() && later_records_.front().time <= t) {
    Event e = std::move(later_records_.front());
    later_records_.erase(later_records_.begin());
    append(std::move(e));
  }
}

void Ecosystem::schedule(const TimedAction& a) {
  if (a.at < sim_.now()) bad("action " + std::string(action_name(a.action)) + " scheduled in the past");
  const auto index = static_cast<std::uint32_t>(scheduled_.size());
  scheduled_.push_back(a);
  sim_.schedule_at(a.at, [this, index](sim::Simulation&) {
    const Action action = scheduled_[index].action;  // a copy: scheduled_ may grow meanwhile
    apply(action, Actor{scheduled_[index].whatif ? ActorKind::WhatIf : ActorKind::Timeline, index});
  });
}

std::string_view Ecosystem::actor_name(Actor actor) const {
  switch (actor.kind) {
    case ActorKind::Timeline:
    case ActorKind::WhatIf: {
      const std::string& name = scheduled_[actor.index].actor;
      return name.empty() ? std::string_view("timeline") : std::string_view(name);
    }
    case ActorKind::Operator:
      return operator_name(OperatorIndex{actor.index});
    case ActorKind::Scorer:
      return scorers_[actor.index]->id();
    case ActorKind::Provider:
      return provider_name(ProviderIndex{actor.index});
    case ActorKind::Tenant:
      return tenant_name(TenantIndex{actor.index});
    case ActorKind::Ledger:
      break;
  }
  return "";
}

PoolIndex Ecosystem::entry_pool(ProviderIndex provider) const {
  for (PoolIndex p{0}; p < pools_.size(); ++p)
    if (provider_of_pool_[p] == provider && pools_[p].assignment != Assignment::Dedicated) return p;
  bad("provider " + provider_name(provider) + " has no shared pool to reroute onto");
}

}  // namespace repsim::models
