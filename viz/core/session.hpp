#pragma once
// One live run: the pipeline of `repsim run` (io::ScenarioRun: the scenario as loaded, its one
// world, run_until) kept open, plus the what-ifs a person added. What-ifs are timeline actions of
// actor "viz": a rebuild (restart, a jump back in time) appends them to the scenario's timeline, so
// every rebuild replays them exactly.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "io/scenario_run.hpp"
#include "models/ecosystem.hpp"

namespace repsim::viz {

inline constexpr const char* kWhatIfActor = "viz";
// Simulated time run per run_until call between two looks at the wall-clock budget.
inline constexpr sim::Time kSliceChunk = sim::minutes(10);

class Session {
 public:
  // Reads the file once (throws io::LoadError with the loader's one-line message, as for a
  // scenario the models refuse), builds the world and starts it at time 0.
  Session(const std::string& path, std::optional<std::uint64_t> seed);
  // The same from the scenario text; name is used in error messages.
  Session(std::string text, std::string name, std::optional<std::uint64_t> seed);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const models::Ecosystem& eco() const { return run_.world(); }
  // Loaded with the current seed: its description, notes, populations; config() with the what-ifs
  // of the last rebuild at the end of its timeline.
  const io::ScenarioRun& run() const { return run_; }
  const std::string& source_text() const { return text_; }
  const std::string& source_name() const { return name_; }
  std::uint64_t seed() const { return run_.config().seed; }
  sim::Time now() const { return run_.now(); }
  sim::Time duration() const { return run_.end(); }
  bool at_end() const { return run_.at_end(); }
  // Bumps at every rebuild, so views drop what they cached from the old ecosystem.
  std::uint64_t generation() const { return generation_; }

  enum class Stop { Reached, OutOfBudget, Note, End };
  // Runs toward min(target, duration) in chunks of `chunk` simulated time, calling out_of_budget()
  // after each chunk. With pause_on_notes, stops right after the event that logged a note. The
  // chunking never changes what happens, only where the run pauses to look at the clock.
  Stop advance(sim::Time target, const std::function<bool()>& out_of_budget, sim::Time chunk = kSliceChunk);
  // Runs the next pending event (at or before the end); false when none is left.
  bool step_event();
  // A new world from the scenario (reloaded from the kept text when the seed changes) plus the
  // what-ifs, at 0.
  void rebuild(std::optional<std::uint64_t> seed = std::nullopt);

  // The time a what-if added now takes: now + 1 us, after running any event already pending at
  // that instant, so the action is the first event there both live and in a replay of the recorded
  // file (where it is scheduled before the run starts). nullopt at the end of the run.
  std::optional<sim::Time> whatif_time();
  // Schedules the actions, in order, at whatif_time(); false (nothing done) at the end of the run.
  bool add_whatifs(const std::vector<models::Action>& actions);
  const std::vector<models::TimedAction>& whatifs() const { return whatifs_; }
  // Forgets them for the next rebuild (the current run keeps what already happened).
  void clear_whatifs() { whatifs_.clear(); }

  void set_pause_on_notes(bool on) { pause_on_notes_ = on; }
  // The note the last advance() stopped at.
  const std::optional<models::Event>& stop_note() const { return stop_note_; }

 private:
  void build();

  std::string text_;
  std::string name_;
  io::ScenarioRun run_;
  std::vector<models::TimedAction> whatifs_;
  std::uint64_t generation_ = 0;
  bool pause_on_notes_ = false;
  std::optional<models::Event> stop_note_;
};

}  // namespace repsim::viz
