#include "sim/simulation.hpp"

#include <stdexcept>
#include <string>

namespace repsim::sim {

Simulation::Simulation() { reserve(1024); }

void Simulation::reserve(std::size_t events) {
  slot_tie_.reserve(events);
  live_.reserve(events / 64 + 1);
  free_slots_.reserve(events);
  queue_.reserve(events);
}

std::uint32_t Simulation::new_slot() {
  if (slot_tie_.size() > kSlotMask)
    throw std::length_error("simulation: more than " + std::to_string(kSlotMask + 1) +
                            " events pending at once");
  const auto slot = static_cast<std::uint32_t>(slot_tie_.size());
  slot_tie_.push_back(0);
  if ((slot & 63) == 0) live_.push_back(0);
  return slot;
}

EventId Simulation::schedule_at(Time t, EventHandler& handler, std::uint64_t payload) {
  if (t < now_)
    throw std::invalid_argument("simulation: cannot schedule at " + std::to_string(t) + " us, before now (" +
                                std::to_string(now_) + " us)");
  if (next_sequence_ > kMaxSequence) throw std::length_error("simulation: sequence numbers exhausted");
  const std::uint32_t slot = allocate_slot();
  const std::uint64_t tie = (next_sequence_++ << kSlotBits) | slot;
  slot_tie_[slot] = tie;
  set_live(slot);
  queue_.push(Entry{t, tie, &handler, payload});
  ++pending_;
  return EventId{tie};
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
  release(payload);
  action(sim);
}

void Simulation::CallbackHandler::release(std::uint64_t payload) {
  const auto index = static_cast<std::uint32_t>(payload);
  actions[index] = nullptr;
  free.push_back(index);
}

bool Simulation::cancel(EventId id) {
  if (!is_pending(id)) return false;
  // The entry stays queued until it surfaces (next_live frees its slot and, for a
  // callback, the action then); the live bit going down is what makes it an ex-event at once.
  clear_live(slot_of(id.tie));
  --pending_;
  return true;
}

bool Simulation::is_pending(EventId id) const {
  if (!id) return false;
  const std::uint32_t slot = slot_of(id.tie);
  return slot < slot_tie_.size() && slot_tie_[slot] == id.tie && live(slot);
}

const Simulation::Entry* Simulation::next_live() {
  while (!queue_.empty()) {
    const Entry& e = queue_.top();
    const std::uint32_t slot = slot_of(e.tie);
    if (live(slot)) return &e;
    if (e.handler == &callbacks_) callbacks_.release(e.payload);
    queue_.pop();
    free_slots_.push_back(slot);
  }
  return nullptr;
}

Time Simulation::next_event_time() {
  const Entry* next = next_live();
  return next ? next->time : kNever;
}

bool Simulation::run_one(Time limit) {
  const Entry* next = next_live();
  if (!next || next->time > limit) return false;
  const Entry e = *next;
  queue_.pop();
  const std::uint32_t slot = slot_of(e.tie);
  clear_live(slot);
  free_slots_.push_back(slot);  // the successor the handler schedules reuses this warm slot
  --pending_;
  now_ = e.time;
  e.handler->on_event(*this, e.payload);
  ++events_handled_;
  return true;
}

// Marks the engine as running for one call, whatever the handler throws.
class Simulation::RunScope {
 public:
  explicit RunScope(Simulation& s, const char* what) : s_(s) {
    if (s_.running_)
      throw std::logic_error(std::string("simulation: ") + what + " called from inside an event handler");
    s_.running_ = true;
    s_.stop_requested_ = false;
  }
  ~RunScope() { s_.running_ = false; }
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
