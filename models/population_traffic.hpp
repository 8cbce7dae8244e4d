#pragma once
// A population's legit mail as one arrival process instead of one per member. Members share the
// profile and differ only in volume, so member k's process has rate v_k x shape(t) and their
// superposition has rate (sum of v) x shape(t): each arrival of the sum belongs to member k with
// probability v_k / sum of v, whatever t (Poisson superposition and marking). One pending event
// serves the whole population, not one per member, and the arrival times are drawn on the one
// shared weekly shape.
//
// The price is the common random numbers of a member's own arrival times: they come from the
// population's stream, so a variant that changes one member's volume moves every member's
// arrivals. Populations opt in (TenantPopulation::pooled_arrivals); members' other draws (gateway,
// spam, attachment) stay on their own streams.
//
// Knowing the future also hides memory latency: arrivals are drawn kAhead ahead (time, then
// member), each member's message kDraw ahead, and the cache lines they will touch (the member,
// a large recipient mix's slot, its accounts in the ledger) are prefetched on the way. With
// 100,000 members each message otherwise waits on several cache misses in a row.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/message.hpp"
#include "models/traffic_profile.hpp"
#include "sim/calendar.hpp"
#include "sim/distributions.hpp"
#include "sim/memory/huge_page_allocator.hpp"
#include "sim/memory/ring_queue.hpp"
#include "sim/random.hpp"
#include "sim/simulation.hpp"
#include "sim/time.hpp"

namespace repsim::models {

class Tenant;

class PooledArrivals final : public sim::EventHandler {
 public:
  PooledArrivals(sim::Simulation& sim, const sim::Calendar& calendar,
                 std::shared_ptr<const WeeklyShape> shape, sim::RandomStream rng);
  PooledArrivals(const PooledArrivals&) = delete;
  PooledArrivals& operator=(const PooledArrivals&) = delete;

  // Before start(). The member must outlive this object and have the pool's profile.
  void add(Tenant& member);
  // Schedules the first arrival from now(); nothing arrives at or after `until`. Throws
  // std::logic_error when called twice.
  void start(sim::Time until);

  // An arrival: picks the member, which creates its message; then draws the next arrival.
  void on_event(sim::Simulation& sim, std::uint64_t payload) override;

  // The pipeline, in arrivals before due: drawn (time, table entry) and the entry asked for at
  // kAhead - 1; its member resolved and asked for at kResolve; the member's recipient slot asked
  // for at kPeek (large mixes: Tenant::prefetch_draw); the member's message drawn and its accounts
  // asked for at kDraw; the ledger's second line asked for at kSlot.
  static constexpr std::size_t kAhead = 16;
  static constexpr std::size_t kResolve = 12;
  static constexpr std::size_t kPeek = 10;
  static constexpr std::size_t kDraw = 8;
  static constexpr std::size_t kSlot = 4;

  std::size_t members() const { return members_.size(); }
  // The smallest index among the members (kNone for none).
  TenantIndex first_member() const;
  const WeeklyShape& shape() const { return *shape_; }
  // The superposed rate (sum of the members' volumes); set by start().
  const ArrivalRate& rate() const { return rate_; }

 private:
  // An alias table over the members (Walker/Vose) whose entries hold the members themselves, so a
  // pick is one random read, which the pipeline can ask for ahead of time.
  struct Entry {
    double keep = 1.0;  // probability of the entry's own member
    Tenant* own = nullptr;
    Tenant* alias = nullptr;
  };
  enum Stage : std::uint8_t { kPicked, kResolved, kDrawn };
  struct Upcoming {
    sim::Time at = 0;
    std::uint32_t entry = 0;
    double u = 0;
    Tenant* member = nullptr;
    Stage stage = kPicked;
    Message message;
  };
  void order_by_index();
  void build_table();
  // Draws arrivals (time, entry, uniform: three draws of the pool stream) until kAhead are known or
  // the horizon is reached.
  void fill();
  // Brings u up to `stage` (resolving, then drawing its message), in that order.
  void advance(Upcoming& u, Stage stage);
  // The pipeline's step after an arrival: moves the entries behind it one stage on (see kAhead)
  // and asks for the lines each stage will read next.
  void look_ahead();
  // A cache hint: the table entry a pick will read kAhead arrivals later.
  void prefetch_entry(std::uint32_t entry) const;

  sim::Simulation& sim_;
  const sim::Calendar& calendar_;
  std::shared_ptr<const WeeklyShape> shape_;
  sim::RandomStream rng_;
  std::vector<Tenant*> members_;
  std::vector<double> volumes_;
  std::vector<Entry, sim::HugePageAllocator<Entry>> table_;  // read at random: huge pages
  ArrivalRate rate_;
  // In time order. A ring, not a std::deque: every arrival indexes it at each stage, and a deque's
  // index divides by its node size and reads the node map.
  sim::RingQueue<Upcoming> upcoming_;
  std::size_t drawn_ = 0;     // the entries at the front of upcoming_ whose message is drawn
  sim::Time last_drawn_ = 0;  // time of the last arrival drawn
  bool exhausted_ = false;    // no arrival before until_ is left to draw
  sim::Time until_ = 0;
  bool started_ = false;
};

// The pools of one ecosystem, by name, and the weekly shapes its tenants share.
class TrafficPools {
 public:
  TrafficPools(sim::Simulation& sim, const sim::Calendar& calendar, const sim::StreamFactory& streams)
      : sim_(sim), calendar_(calendar), streams_(streams) {}
  TrafficPools(const TrafficPools&) = delete;
  TrafficPools& operator=(const TrafficPools&) = delete;

  // One shape per distinct profile (the first 64 distinct ones are kept; later ones get a private
  // copy, so a world of many odd profiles costs no quadratic search). Validates the profile.
  std::shared_ptr<const WeeklyShape> shape_of(const TrafficProfile& profile);
  // Adds `member` to the pool named `pool` (created on first use, with the member's profile and
  // the stream (pool, "pooled-traffic")). Throws std::invalid_argument when the member's profile
  // differs from the pool's.
  void join(const std::string& pool, Tenant& member);
  void start(sim::Time until);

  std::size_t size() const { return pools_.size(); }
  const PooledArrivals* find(const std::string& pool) const;

 private:
  static constexpr std::size_t kMaxShapes = 64;

  sim::Simulation& sim_;
  const sim::Calendar& calendar_;
  const sim::StreamFactory& streams_;
  std::vector<std::shared_ptr<const WeeklyShape>> shapes_;
  std::vector<std::unique_ptr<PooledArrivals>> pools_;  // in the order they were created
  std::map<std::string, std::size_t, std::less<>> by_name_;
};

}  // namespace repsim::models
