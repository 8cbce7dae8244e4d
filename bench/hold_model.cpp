#include "bench/hold_model.hpp"

#include <chrono>
#include <cmath>

#include "sim/random.hpp"
#include "sim/simulation.hpp"

namespace repsim::bench {
namespace {

class HoldHandler final : public sim::EventHandler {
 public:
  explicit HoldHandler(std::uint64_t target) : target_(target) {}
  sim::Time draw() { return static_cast<sim::Time>(-std::log(rng_.uniform01()) * 1e6); }
  void on_event(sim::Simulation& s, std::uint64_t payload) override {
    s.schedule_after(draw(), *this, payload);
    if (++handled_ == target_) s.stop();
  }

 private:
  sim::SplitMix64 rng_;
  std::uint64_t target_;
  std::uint64_t handled_ = 0;
};

}  // namespace

HoldResult run_hold(std::uint64_t pending, std::uint64_t events) {
  sim::Simulation s;
  s.reserve(pending + 1);
  HoldHandler handler(events);
  for (std::uint64_t i = 0; i < pending; ++i) s.schedule_at(handler.draw(), handler, i);
  const auto t0 = std::chrono::steady_clock::now();
  if (events > 0 && pending > 0) s.run();
  const auto t1 = std::chrono::steady_clock::now();
  return HoldResult{pending, s.events_handled(), std::chrono::duration<double>(t1 - t0).count()};
}

}  // namespace repsim::bench
