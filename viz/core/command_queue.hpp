#pragma once
// What the panels ask for. Panels only push commands; the controller applies them between two
// slices of simulation, so no draw call ever touches a model.
#include <cstdint>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "sim/time.hpp"
#include "viz/core/whatif.hpp"

namespace repsim::viz {

namespace cmd {
struct Play {};
struct Pause {};
struct SetSpeed {
  double speed;  // simulated seconds per wall second
};
struct StepEvent {};
struct JumpTo {
  sim::Time t;  // earlier than now: the run is rebuilt and replayed up to t
};
struct Restart {
  std::optional<std::uint64_t> seed;  // nullopt: the same seed
};
struct WhatIf {
  WhatIfRequest request;
};
struct ForgetWhatIfs {};
struct ContinueStory {};
}  // namespace cmd

using Command = std::variant<cmd::Play, cmd::Pause, cmd::SetSpeed, cmd::StepEvent, cmd::JumpTo, cmd::Restart,
                             cmd::WhatIf, cmd::ForgetWhatIfs, cmd::ContinueStory>;

class CommandQueue {
 public:
  void push(Command c) { pending_.push_back(std::move(c)); }
  // Everything pushed so far, oldest first; the queue is empty afterwards.
  std::vector<Command> take() { return std::exchange(pending_, {}); }
  bool empty() const { return pending_.empty(); }

 private:
  std::vector<Command> pending_;
};

}  // namespace repsim::viz
