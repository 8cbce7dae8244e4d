#include "sim/simulation.hpp"

#include <stdexcept>
#include <string>

namespace repsim::sim {

Simulation::Simulation() { records_.reserve(1024); }

void Simulation::reserve(std::size_t events) {
  records_.reserve(events);
  queue_.reserve(events);
}

std::uint32_t Simulation::allocate_slot() {
  if (free_head_ != kNoSlot) {
    const std::uint32_t slot = free_head_;
    free_head_ = records_[slot].next_free;
    return slot;
  }
  if (records_.size() > EventQueue::kSlotMask)
    throw std::length_error("simulation: more than " + std::to_string(EventQueue::kSlotMask + 1) +
                            " events pending at once");
  records_.push_back(Record{nullptr, 0, 0, kNoSlot});
  return static_cast<std::uint32_t>(records_.size() - 1);
}

void Simulation::release_slot(std::uint32_t slot) {
  Record& r = records_[slot];
  r.handler = nullptr;
  r.next_free = free_head_;
  free_head_ = slot;
}

EventId Simulation::schedule_at(Time t, EventHandler& handler, std::uint64_t payload) {
  if (t < now_)
    throw std::invalid_argument("simulation: cannot schedule at " + std::to_string(t) + " us, before now (" +
                                std::to_string(now_) + " us)");
  const std::uint32_t slot = allocate_slot();
  Record& r = records_[slot];
  r.handler = &handler;
  r.payload = payload;
  if (++r.generation == 0) r.generation = 1;  // 0 is reserved for "no event"
  const QueueKey key = queue_.make_key(t, slot);
  if (top_is_spent_) {
    top_is_spent_ = false;
    queue_.replace_top(key);
  } else {
    queue_.push(key);
  }
  ++pending_;
  return EventId{slot, r.generation};
}

EventId Simulation::schedule_at(Time t, std::function<void(Simulation&)> action) {
  std::uint32_t index;
  if (!callbacks_.free.empty()) {
    index = callbacks_.free.back();
    callbacks_.free.pop_back();
    callbacks_.actions[index] = std::move(action);
  } else {
    index = static_cast<std::uint32_t>(callbacks_.actions.size());
    callbacks_.actions.push_back(std::move(action));
  }
  try {
    return schedule_at(t, callbacks_, index);
  } catch (...) {
    callbacks_.actions[index] = nullptr;
    callbacks_.free.push_back(index);
    throw;
  }
}

void Simulation::CallbackHandler::on_event(Simulation& sim, std::uint64_t payload) {
  const auto index = static_cast<std::uint32_t>(payload);
  // Moved out first: the action may schedule further callbacks and grow the vector.
  auto action = std::move(actions[index]);
  actions[index] = nullptr;
  free.push_back(index);
  action(sim);
}

bool Simulation::cancel(EventId id) {
  if (!is_pending(id)) return false;
  Record& r = records_[id.slot];
  if (r.handler == &callbacks_) {
    callbacks_.actions[r.payload] = nullptr;
    callbacks_.free.push_back(static_cast<std::uint32_t>(r.payload));
  }
  // The heap key stays until it surfaces; the slot is released then, so it is never reused while
  // a key still points at it. The generation moves on now, so the id goes stale at once.
  r.handler = nullptr;
  if (++r.generation == 0) r.generation = 1;
  --pending_;
  return true;
}

bool Simulation::is_pending(EventId id) const {
  if (!id || id.slot >= records_.size()) return false;
  const Record& r = records_[id.slot];
  return r.generation == id.generation && r.handler != nullptr;
}

void Simulation::discard_cancelled_top() {
  if (top_is_spent_) {  // called from inside a handler that has scheduled nothing yet
    top_is_spent_ = false;
    queue_.pop();
  }
  while (!queue_.empty()) {
    const std::uint32_t slot = EventQueue::slot_of(queue_.top());
    if (records_[slot].handler != nullptr) return;
    queue_.pop();
    release_slot(slot);
  }
}

Time Simulation::next_event_time() {
  discard_cancelled_top();
  return queue_.empty() ? kNever : queue_.top().time;
}

bool Simulation::run_one(Time limit) {
  discard_cancelled_top();
  if (queue_.empty()) return false;
  const QueueKey key = queue_.top();
  if (key.time > limit) return false;
  const std::uint32_t slot = EventQueue::slot_of(key);
  // The next event to run is one of the top's children or one this handler schedules: start
  // loading the children's records now so the next dispatch does not stall on a cache miss.
  // Small slabs stay in cache and need no prefetch.
  if (records_.size() > kPrefetchAbove)
    queue_.for_each_child_of_top(
        [this](const QueueKey& k) { __builtin_prefetch(&records_[EventQueue::slot_of(k)]); });
  Record& r = records_[slot];
  EventHandler* const handler = r.handler;
  const std::uint64_t payload = r.payload;
  // Released before the call so the successor the handler schedules reuses this warm slot.
  if (++r.generation == 0) r.generation = 1;
  release_slot(slot);
  --pending_;
  now_ = key.time;
  top_is_spent_ = true;
  handler->on_event(*this, payload);
  if (top_is_spent_) {
    top_is_spent_ = false;
    queue_.pop();
  }
  ++events_handled_;
  return true;
}

// Marks the engine as running for one call and, whatever the handler throws, leaves the queue
// consistent: a handler that threw before scheduling still has its spent key at the top.
class Simulation::RunScope {
 public:
  explicit RunScope(Simulation& s, const char* what) : s_(s) {
    if (s_.running_)
      throw std::logic_error(std::string("simulation: ") + what + " called from inside an event handler");
    s_.running_ = true;
    s_.stop_requested_ = false;
  }
  ~RunScope() {
    s_.running_ = false;
    if (s_.top_is_spent_) {
      s_.top_is_spent_ = false;
      s_.queue_.pop();
    }
  }
  RunScope(const RunScope&) = delete;
  RunScope& operator=(const RunScope&) = delete;

 private:
  Simulation& s_;
};

bool Simulation::step() {
  RunScope scope(*this, "step()");
  return run_one(kNever);
}

std::uint64_t Simulation::run_until(Time t) {
  const std::uint64_t before = events_handled_;
  {
    RunScope scope(*this, "run_until()");
    while (!stop_requested_ && run_one(t)) {
    }
  }
  if (!stop_requested_ && t != kNever && t > now_) now_ = t;
  return events_handled_ - before;
}

}  // namespace repsim::sim
