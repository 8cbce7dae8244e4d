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
  // The event's tie-breaker: its scheduling sequence number (from 1: 0 never names an event) above
  // the slot it holds while pending. Sequence numbers never repeat, so neither do ids.
  std::uint64_t tie = 0;
  explicit operator bool() const { return tie != 0; }
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
  // O(1): the live bit is cleared and the queue entry is discarded when it surfaces.
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
  // A pending event as the queue holds it: all a dispatch needs travels with the entry.
  struct Entry {
    Time time;
    std::uint64_t tie;  // sequence << kSlotBits | slot
    EventHandler* handler;
    std::uint64_t payload;
  };
  static constexpr int kSlotBits = 26;  // up to 67 million events pending at once
  static constexpr std::uint64_t kSlotMask = (std::uint64_t{1} << kSlotBits) - 1;
  static constexpr std::uint64_t kMaxSequence = ~std::uint64_t{0} >> kSlotBits;
  static std::uint32_t slot_of(std::uint64_t tie) { return static_cast<std::uint32_t>(tie & kSlotMask); }

  class RunScope;
  class CallbackHandler final : public EventHandler {
   public:
    void on_event(Simulation& sim, std::uint64_t payload) override;
    void release(std::uint64_t payload);
    std::vector<std::function<void(Simulation&)>> actions;
    std::vector<std::uint32_t> free;
  };

  std::uint32_t allocate_slot() {
    if (free_slots_.empty()) [[unlikely]]
      return new_slot();
    const std::uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    return slot;
  }
  std::uint32_t new_slot();
  bool live(std::uint32_t slot) const { return (live_[slot >> 6] >> (slot & 63)) & 1u; }
  void set_live(std::uint32_t slot) { live_[slot >> 6] |= std::uint64_t{1} << (slot & 63); }
  void clear_live(std::uint32_t slot) { live_[slot >> 6] &= ~(std::uint64_t{1} << (slot & 63)); }
  // The next event that is still live (cancelled ones that surface are discarded on the way), or
  // nullptr when none is left.
  const Entry* next_live();
  bool run_one(Time limit);

  EventQueue<Entry> queue_;
  // A slot is held by one event from its scheduling until its entry leaves the queue (fired, or
  // cancelled and surfaced), so an entry never names a slot someone else holds. Per slot: the tie
  // of its event (to tell a stale id from the current one) and one live bit, cleared by firing or
  // cancelling: the bitmap is what every pop reads, and at an eighth of a byte per slot it stays
  // in cache where a slab of records would not.
  std::vector<std::uint64_t> slot_tie_;
  std::vector<std::uint64_t> live_;
  std::vector<std::uint32_t> free_slots_;  // LIFO: the slot freed last is reused first, warm
  std::uint64_t next_sequence_ = 1;
  Time now_ = 0;
  std::uint64_t events_handled_ = 0;
  std::size_t pending_ = 0;
  bool running_ = false;
  bool stop_requested_ = false;
  CallbackHandler callbacks_;
};

}  // namespace repsim::sim
