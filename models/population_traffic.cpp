#include "models/population_traffic.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "models/tenant.hpp"
#include "sim/memory/prefetch.hpp"

namespace repsim::models {

TenantIndex PooledArrivals::first_member() const {
  TenantIndex first = kNone;
  for (const Tenant* member : members_) first = std::min(first, member->index());
  return first;
}

PooledArrivals::PooledArrivals(sim::Simulation& sim, const sim::Calendar& calendar,
                               std::shared_ptr<const WeeklyShape> shape, sim::RandomStream rng)
    : sim_(sim), calendar_(calendar), shape_(std::move(shape)), rng_(rng) {
  if (!shape_) throw std::invalid_argument("pooled arrivals: no weekly shape");
}

void PooledArrivals::add(Tenant& member) {
  if (started_) throw std::logic_error("pooled arrivals: a member joined after start()");
  members_.push_back(&member);
  volumes_.push_back(member.config().messages_per_day);
}

void PooledArrivals::start(sim::Time until) {
  if (started_) throw std::logic_error("pooled arrivals: start() called twice");
  started_ = true;
  until_ = until;
  order_by_index();
  double total = 0;
  for (double v : volumes_) total += v;
  if (!(total > 0.0)) return;  // a silent population
  build_table();
  rate_ = ArrivalRate(shape_, total);
  last_drawn_ = sim_.now();
  fill();
  if (!upcoming_.empty()) sim_.schedule_at(upcoming_.front().at, *this);
}

// The table's entries, and so every draw, follow the members' indexes, not the order they joined
// in: an ecosystem builds its tenants in whatever order lays out memory best.
void PooledArrivals::order_by_index() {
  std::vector<std::size_t> order(members_.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(),
            [this](std::size_t a, std::size_t b) { return members_[a]->index() < members_[b]->index(); });
  std::vector<Tenant*> members;
  std::vector<double> volumes;
  members.reserve(order.size());
  volumes.reserve(order.size());
  for (std::size_t k : order) {
    members.push_back(members_[k]);
    volumes.push_back(volumes_[k]);
  }
  members_ = std::move(members);
  volumes_ = std::move(volumes);
}

// Vose's construction: scaled weights n v_k / total; a light entry keeps its own member with its
// scaled weight and lends the rest to a heavy one. A member of volume 0 keeps nothing and is never
// picked (its entry always yields its alias).
void PooledArrivals::build_table() {
  const std::size_t n = members_.size();
  double total = 0;
  for (double v : volumes_) total += v;
  table_.assign(n, Entry{});
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> light, heavy;
  std::size_t heaviest = 0;
  for (std::size_t k = 0; k < n; ++k) {
    scaled[k] = volumes_[k] / total * static_cast<double>(n);
    (scaled[k] < 1.0 ? light : heavy).push_back(static_cast<std::uint32_t>(k));
    table_[k].own = members_[k];
    if (volumes_[k] > volumes_[heaviest]) heaviest = k;
  }
  while (!light.empty() && !heavy.empty()) {
    const std::uint32_t l = light.back();
    light.pop_back();
    const std::uint32_t h = heavy.back();
    table_[l].keep = scaled[l];
    table_[l].alias = members_[h];
    scaled[h] = (scaled[h] + scaled[l]) - 1.0;
    if (scaled[h] < 1.0) {
      heavy.pop_back();
      light.push_back(h);
    }
  }
  // Leftovers hold 1 up to rounding; a zero volume stranded by rounding lends all to the heaviest.
  for (const auto* rest : {&heavy, &light})
    for (std::uint32_t k : *rest) {
      table_[k].keep = volumes_[k] > 0.0 ? 1.0 : 0.0;
      table_[k].alias = members_[volumes_[k] > 0.0 ? k : heaviest];
    }
}

void PooledArrivals::prefetch_entry(std::uint32_t entry) const { sim::prefetch(&table_[entry]); }

// As a single tenant does: from any instant, the last arrival's included, the integrated rate to
// the next arrival is Exp(1). Draw order per arrival (pool stream): its time, its table entry, the
// uniform that decides between the entry's member and its alias.
void PooledArrivals::fill() {
  while (!exhausted_ && upcoming_.size() < kAhead) {
    const sim::Time at = rate_.next_arrival(calendar_, last_drawn_, sim::exponential(rng_, 1.0), until_);
    if (at == sim::kNever) {
      exhausted_ = true;
      return;
    }
    last_drawn_ = at;
    Upcoming u;
    u.at = at;
    u.entry = static_cast<std::uint32_t>(rng_.below(table_.size()));
    u.u = rng_.uniform01();
    prefetch_entry(u.entry);
    upcoming_.push_back(u);
  }
}

// Members' message draws happen in arrival order whatever the lookahead: the front drawn_ entries
// are drawn, and the next one drawn is always the first that is not. Resolving reads only the
// table, so its order does not matter.
void PooledArrivals::advance(Upcoming& u, Stage stage) {
  if (u.stage < kResolved && stage >= kResolved) {
    const Entry& e = table_[u.entry];
    u.member = u.u < e.keep ? e.own : e.alias;
    u.stage = kResolved;
  }
  if (u.stage < kDrawn && stage >= kDrawn) {
    u.message = u.member->draw_legit(u.at);
    u.stage = kDrawn;
  }
}

void PooledArrivals::on_event(sim::Simulation& sim, std::uint64_t) {
  Upcoming due = upcoming_.front();
  upcoming_.pop_front();
  if (drawn_ > 0)
    --drawn_;
  else
    advance(due, kDrawn);
  due.member->emit_legit(due.message);
  fill();
  look_ahead();
  if (!upcoming_.empty()) sim.schedule_at(upcoming_.front().at, *this);
}

// One entry reaches each stage per arrival, except at the start (and at the horizon, where the
// queue stops growing): an entry that skipped kResolve is resolved when it is drawn.
void PooledArrivals::look_ahead() {
  if (upcoming_.size() > kResolve) {
    advance(upcoming_[kResolve], kResolved);
    upcoming_[kResolve].member->prefetch_self();
  }
  if (upcoming_.size() > kDraw) {
    while (drawn_ <= kDraw) advance(upcoming_[drawn_++], kDrawn);
    upcoming_[kDraw].member->prefetch_mail(upcoming_[kDraw].message, 0);
  }
  // After this arrival's draw, so the member's stream is where its next draw will start.
  if (upcoming_.size() > kPeek && upcoming_[kPeek].stage == kResolved)
    upcoming_[kPeek].member->prefetch_draw();
  if (upcoming_.size() > kSlot && upcoming_[kSlot].stage == kDrawn)
    upcoming_[kSlot].member->prefetch_mail(upcoming_[kSlot].message, 1);
}

std::shared_ptr<const WeeklyShape> TrafficPools::shape_of(const TrafficProfile& profile) {
  for (const auto& shape : shapes_)
    if (same_profile(shape->profile, profile)) return shape;
  auto shape = WeeklyShape::of(profile);
  if (shapes_.size() < kMaxShapes) shapes_.push_back(shape);
  return shape;
}

void TrafficPools::join(const std::string& pool, Tenant& member) {
  auto it = by_name_.find(pool);
  if (it == by_name_.end()) {
    pools_.push_back(std::make_unique<PooledArrivals>(sim_, calendar_, shape_of(member.config().profile),
                                                      streams_.stream(pool, "pooled-traffic")));
    it = by_name_.emplace(pool, pools_.size() - 1).first;
  }
  PooledArrivals& arrivals = *pools_[it->second];
  // The superposition is exact only for members of one shape.
  if (!same_profile(arrivals.shape().profile, member.config().profile))
    throw std::invalid_argument("tenant '" + member.config().id + "': its profile differs from pool '" +
                                pool + "' (pooled arrivals need one profile)");
  arrivals.add(member);
}

// Pools start in the order of their first members' indexes (the order a build in index order
// creates them in), so that the first arrivals' events, and so ties between pools, do not depend on
// the build order either.
void TrafficPools::start(sim::Time until) {
  std::vector<PooledArrivals*> order;
  for (auto& pool : pools_) order.push_back(pool.get());
  std::stable_sort(order.begin(), order.end(), [](const PooledArrivals* a, const PooledArrivals* b) {
    return a->first_member() < b->first_member();
  });
  for (PooledArrivals* pool : order) pool->start(until);
}

const PooledArrivals* TrafficPools::find(const std::string& pool) const {
  const auto it = by_name_.find(pool);
  return it == by_name_.end() ? nullptr : pools_[it->second].get();
}

}  // namespace repsim::models
