#pragma once
// The visualizer without a window: applies the panels' commands between slices, runs the
// simulation for a wall-clock budget each frame, and refreshes what the panels read (series,
// story, snapshot). Deterministic given its inputs; the wall clock only decides how far a frame
// gets, never what happens.
#include <functional>
#include <optional>
#include <string>
#include <tuple>

#include "viz/core/command_queue.hpp"
#include "viz/core/refresh_throttle.hpp"
#include "viz/core/series_store.hpp"
#include "viz/core/session.hpp"
#include "viz/core/snapshot.hpp"
#include "viz/core/story_feed.hpp"
#include "viz/core/topology_view.hpp"
#include "viz/core/ui_state.hpp"

namespace repsim::viz {

// The note teaching mode stopped at, as the banner shows it.
struct NoteBanner {
  sim::Time time = 0;
  std::string actor;
  std::string text;
};

struct ControllerOptions {
  bool story = false;       // pause at notes
  std::string record_path;  // write the recording whenever the what-ifs change
  double speed = 3600;      // simulated seconds per wall second
  // Size the simulation's chunks to their wall-clock cost (a 100 000-tenant scenario needs chunks
  // of seconds, a small one runs hours at once), so each frame's budget is kept. Off: chunks of
  // kSliceChunk, so tests see the same slicing on every machine.
  bool adaptive_chunks = false;
};

// Adaptive chunks stay within [kMinChunk, kMaxChunk] and aim at a wall cost per chunk of a quarter
// of the frame budget at most.
inline constexpr sim::Time kMinChunk = sim::seconds(1);
inline constexpr sim::Time kMaxChunk = sim::hours(1);

// Playing at most this much wall time per frame counts: after a stall the run does not leap.
inline constexpr double kMaxFrameSeconds = 0.1;

class Controller {
 public:
  Controller(Session& session, ControllerOptions options);

  CommandQueue& commands() { return commands_; }
  // Applies the queued commands, advances (playing, or toward a jump target) until done or
  // out_of_budget() says the frame's time is up, then refreshes the panels' data for `ui`: at
  // once when something changed while paused, throttled (RefreshThrottle) while running.
  void frame(double wall_seconds, const std::function<bool()>& out_of_budget, const UiState& ui);
  // Refreshes all the panels' data now (after a synchronous advance, e.g. a screenshot).
  void refresh(const UiState& ui);
  // Takes the flows' counts for the "last hour" window now (a synchronous advance calls it as
  // the run goes, as frames would).
  void sample_flows();

  const Session& session() const { return session_; }
  Session& session() { return session_; }
  const TopologyView& view() const { return view_; }
  const SeriesStore& series() const { return series_; }
  const std::vector<StoryItem>& story() const { return story_.items(); }
  const Snapshot& snapshot() const { return snapshot_; }

  bool playing() const { return playing_; }
  double speed() const { return speed_; }
  double achieved_speed() const { return achieved_speed_; }
  const std::optional<sim::Time>& jump_target() const { return jump_target_; }
  // Teaching mode: the note the run is paused at, until ContinueStory.
  const std::optional<NoteBanner>& banner() const { return banner_; }
  // Shows the latest note at or before now in the banner (a teaching-mode screenshot).
  void show_last_note();
  bool story_mode() const { return options_.story; }
  const std::string& record_path() const { return options_.record_path; }
  // The outcome of the last command that can fail ("what-if refused: ...", "recorded to ...").
  const std::string& status() const { return status_; }

 private:
  void apply(const Command& c);
  void refresh_views(const UiState& ui, bool running);
  void build_snapshot(const UiState& ui);
  void on_rebuilt();
  void record();
  void show_note(const models::Event& note);

  Session& session_;
  ControllerOptions options_;
  CommandQueue commands_;
  TopologyView view_;
  SeriesStore series_;
  StoryFeed story_;
  FlowWindow window_;
  SnapshotBuilder builder_;
  Snapshot snapshot_;
  // session_.advance with the chunk size adapted to its cost (adaptive_chunks).
  Session::Stop run_slices(sim::Time target, const std::function<bool()>& out_of_budget);
  sim::Time chunk_ = kSliceChunk;
  bool playing_ = false;
  double speed_;
  double achieved_speed_ = 0;
  std::optional<sim::Time> jump_target_;
  std::optional<NoteBanner> banner_;
  std::string status_;
  FlowTotals totals_;  // the flows' counts at the last sample_flows()
  RefreshThrottle flow_throttle_{std::chrono::milliseconds(0), 8};
  RefreshThrottle snapshot_throttle_{std::chrono::milliseconds(50)};
  RefreshThrottle story_throttle_{std::chrono::milliseconds(150)};
  // What the snapshot was last built for: (generation, time, selection, what-ifs).
  std::tuple<std::uint64_t, sim::Time, std::uint32_t, std::size_t> snapshot_key_{~0ull, -1, 0, 0};
};

}  // namespace repsim::viz
