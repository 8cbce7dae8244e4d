#pragma once
// The discrete-event engine. Models implement EventHandler and schedule (handler, payload) pairs;
// the payload is theirs to interpret (a message index, a tenant number). Event records live in a
// pooled slab reused through a free list, so the hot path allocates nothing.
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/event_queue.hpp"
#include "sim/time.hpp"

namespace repsim::sim {

class Simulation;

class EventHandler {
 public:
  virtual void on_event(Simulation& sim, std::uint64_t payload) = 0;

 protected:
  ~EventHandler() = default;
};

// Names one scheduled event. Stale ids (fired, cancelled, or default) are harmless to cancel.
struct EventId {
  std::uint32_t slot = 0;
  std::uint32_t generation = 0;  // 0 never names an event
  explicit operator bool() const { return generation != 0; }
  bool operator==(const EventId&) const = default;
};

class Simulation {
 public:
  Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  Time now() const { return now_; }

  // Throws std::invalid_argument when t < now(): the past cannot be scheduled.
  EventId schedule_at(Time t, EventHandler& handler, std::uint64_t payload = 0);
  EventId schedule_after(Time delay, EventHandler& handler, std::uint64_t payload = 0) {
    return schedule_at(now_ + delay, handler, payload);
  }
  // Convenience for rare events (scripted actions, tests); costs a std::function per call.
  EventId schedule_at(Time t, std::function<void(Simulation&)> action);
  EventId schedule_after(Time delay, std::function<void(Simulation&)> action) {
    return schedule_at(now_ + delay, std::move(action));
  }

  // True when the event was pending and is now cancelled; false for fired, cancelled or unknown ids.
  // O(1): the record is marked and its heap key is discarded when it surfaces.
  bool cancel(EventId id);
  bool is_pending(EventId id) const;

  // Runs the next pending event; false when none is left.
  bool step();
  // Runs every event with time <= t (an event exactly at t runs), then sets now() to t unless
  // stop() was called. Returns the number of events handled by this call.
  std::uint64_t run_until(Time t);
  // Runs until no event is left or stop() is called.
  std::uint64_t run() { return run_until(kNever); }
  // Ends the current run_until/run after the event being handled.
  void stop() { stop_requested_ = true; }
  bool stopped() const { return stop_requested_; }

  std::uint64_t events_handled() const { return events_handled_; }
  std::size_t pending() const { return pending_; }
  // Time of the next pending event, or kNever.
  Time next_event_time();

  void reserve(std::size_t events);

 private:
  struct Record {
    EventHandler* handler;  // nullptr once cancelled
    std::uint64_t payload;
    std::uint32_t generation;
    std::uint32_t next_free;
  };
  static constexpr std::uint32_t kNoSlot = 0xFFFFFFFFu;
  static constexpr std::size_t kPrefetchAbove = 16384;  // records: about 384 KiB, an L2's worth

  class RunScope;
  class CallbackHandler final : public EventHandler {
   public:
    void on_event(Simulation& sim, std::uint64_t payload) override;
    std::vector<std::function<void(Simulation&)>> actions;
    std::vector<std::uint32_t> free;
  };

  std::uint32_t allocate_slot();
  void release_slot(std::uint32_t slot);
  void discard_cancelled_top();
  bool run_one(Time limit);

  EventQueue queue_;
  std::vector<Record> records_;
  std::uint32_t free_head_ = kNoSlot;
  Time now_ = 0;
  std::uint64_t events_handled_ = 0;
  std::size_t pending_ = 0;
  // While a handler runs, the key of its own event still sits at the heap top; the first event the
  // handler schedules replaces it in one sift instead of a pop plus a push.
  bool top_is_spent_ = false;
  bool running_ = false;
  bool stop_requested_ = false;
  CallbackHandler callbacks_;
};

}  // namespace repsim::sim
