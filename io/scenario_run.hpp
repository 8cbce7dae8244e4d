#pragma once
// One run of one scenario: the pipeline every front end goes through (repsim run, validate and
// graph, the sweep runner, bench scale, repsim-viz). A loaded scenario -> build its one world ->
// run it (whole, to a time, or in slices with an observer between them) -> finish -> outputs.
// Loading (io/scenario_loader.hpp) builds nothing, so each caller builds its world once, here; a
// model's refusal is then worded like any loading error: "FILE: /: the models refuse this
// scenario: ...".
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "io/run_outputs.hpp"
#include "io/scenario_loader.hpp"
#include "models/ecosystem.hpp"
#include "sim/time.hpp"

namespace repsim::io {

class ScenarioRun;
// Called after each slice of a sliced run: progress on a terminal, sampling, a wall-clock budget.
// Returning false stops the run there; the next run_until resumes it.
using SliceObserver = std::function<bool(const ScenarioRun&)>;

class ScenarioRun {
 public:
  // Takes the scenario; nothing is built yet. The run ends at min(until, the scenario's duration).
  explicit ScenarioRun(LoadedScenario scenario, sim::Time until = sim::kNever);

  // Builds the world at time 0, with `extra_actions` after the scenario's own timeline (the
  // visualizer's what-ifs). Called again, it starts over with a fresh world and the new extras.
  // Throws LoadError "SOURCE: /: the models refuse this scenario: WHY" when a model refuses the
  // config; the run then holds no world and cannot be built again.
  void build(const std::vector<models::TimedAction>& extra_actions = {});
  bool built() const { return world_ != nullptr; }

  // Advances to min(t, end()). The first call starts traffic, scorers and sampling.
  void run_until(sim::Time t);
  void run() { run_until(end_); }
  // Advances to min(t, end()) in slices of `slice` simulated time, calling `observer` after each:
  // run_until is resumable, so slicing changes nothing in the run. True when it got there; false
  // when the observer said stop first (after a slice that stop() cut short, say).
  bool run_in_slices(sim::Time t, sim::Time slice, const SliceObserver& observer);
  // Runs the next pending event at or before end(); false, with the run at its end, when none is left.
  bool step_event();
  // Ends the current run_until after the event being handled (a log hook pausing at a note).
  void stop();
  // Closes the books at the current time: counts what is still queued. Idempotent.
  void finish();

  sim::Time now() const;
  sim::Time end() const { return end_; }
  bool at_end() const { return now() >= end_; }
  sim::Time next_event_time();
  std::uint64_t events_handled() const;
  std::size_t pending_events() const;

  // What the outputs say, read from the world as it stands (finish() first for a complete run).
  RunInfo info() const;
  void write_outputs(const std::string& out_dir) const;  // io::write_run_outputs
  nlohmann::ordered_json summary() const;                // summary.json's content
  std::string story() const;                             // io::story

  // The built world; std::logic_error before build().
  const models::Ecosystem& world() const;
  models::Ecosystem& world();
  // As built (the timeline ends with the extra actions); as loaded before the first build.
  const models::EcosystemConfig& config() const;
  const std::string& source() const { return scenario_.source; }
  const std::string& description() const { return scenario_.description; }
  const std::vector<std::string>& notes() const { return scenario_.notes; }
  const std::vector<PopulationRange>& tenant_populations() const { return scenario_.tenant_populations; }
  const std::vector<PopulationRange>& gateway_populations() const { return scenario_.gateway_populations; }

 private:
  // Its config moves into the world at the first build, so that a large one exists once.
  LoadedScenario scenario_;
  bool config_in_world_ = false;
  std::size_t own_actions_;  // the scenario's timeline entries; extra actions follow them
  sim::Time end_;
  std::unique_ptr<models::Ecosystem> world_;
};

struct RunOptions {
  sim::Time until = sim::kNever;  // the run ends at min(until, the scenario's duration)
  std::string out_dir;            // where the four output files go; empty: nowhere
  SliceObserver observer;         // when set, called after every `slice` of simulated time
  sim::Time slice = sim::kHour;
};

// The whole pipeline after loading, in one call: build, run to the end (an observer that says stop
// ends it there), finish, write the outputs. Throws what build() and io::write_run_outputs throw.
// Returns the finished run, for its summary, story and world.
ScenarioRun run_scenario(LoadedScenario scenario, const RunOptions& options = {});

}  // namespace repsim::io
