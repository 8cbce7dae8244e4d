#include "viz/core/controller.hpp"

#include <algorithm>
#include <chrono>

#include "models/topology.hpp"
#include "viz/core/speed_scale.hpp"
#include "viz/core/whatif_record.hpp"

namespace repsim::viz {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

Controller::Controller(Session& session, ControllerOptions options)
    : session_(session),
      options_(std::move(options)),
      speed_(std::clamp(options_.speed, kMinSpeed, kMaxSpeed)) {
  // The wiring does not change with a rebuild (same scenario, same populations), so the view is
  // built once.
  const models::Ecosystem& eco = session_.eco();
  view_ = TopologyView(models::Topology(models::TopologyInput::from(eco)),
                       session_.run().tenant_populations(), session_.run().gateway_populations());
  window_ = FlowWindow(std::max(eco.config().sample_every, sim::kHour));
  on_rebuilt();
}

void Controller::on_rebuilt() {
  series_.clear();
  window_.clear();
  totals_ = {};
  banner_.reset();
}

void Controller::record() {
  if (options_.record_path.empty()) return;
  try {
    write_recording(options_.record_path, session_.source_text(), session_.seed(), session_.whatifs(),
                    session_.eco());
    status_ = "recorded " + std::to_string(session_.whatifs().size()) + " what-if action(s) to " +
              options_.record_path;
  } catch (const std::exception& e) {
    status_ = std::string("recording failed: ") + e.what();
  }
}

void Controller::apply(const Command& c) {
  std::visit(Overloaded{
                 [&](const cmd::Play&) {
                   jump_target_.reset();
                   banner_.reset();
                   playing_ = !session_.at_end();
                 },
                 [&](const cmd::Pause&) {
                   playing_ = false;
                   jump_target_.reset();
                 },
                 [&](const cmd::SetSpeed& s) { speed_ = std::clamp(s.speed, kMinSpeed, kMaxSpeed); },
                 [&](const cmd::StepEvent&) {
                   playing_ = false;
                   jump_target_.reset();
                   banner_.reset();
                   session_.set_pause_on_notes(false);
                   session_.step_event();
                 },
                 [&](const cmd::JumpTo& j) {
                   playing_ = false;
                   banner_.reset();
                   const sim::Time t = std::clamp<sim::Time>(j.t, 0, session_.duration());
                   if (t < session_.now()) {
                     session_.rebuild();
                     on_rebuilt();
                   }
                   jump_target_ = t;
                 },
                 [&](const cmd::Restart& r) {
                   playing_ = false;
                   jump_target_.reset();
                   try {
                     session_.rebuild(r.seed);
                     status_ = "restarted with seed " + std::to_string(session_.seed());
                   } catch (const std::exception& e) {
                     status_ = std::string("restart failed: ") + e.what();
                   }
                   on_rebuilt();
                 },
                 [&](const cmd::WhatIf& w) {
                   try {
                     const auto actions = expand(w.request, view_, session_.eco());
                     if (!session_.add_whatifs(actions)) {
                       status_ = "what-if refused: the run is over";
                       return;
                     }
                     status_ = "what-if scheduled at " +
                               session_.eco().calendar().short_text(session_.now()) + " (" +
                               std::to_string(actions.size()) + " action(s))";
                     record();
                   } catch (const std::exception& e) {
                     status_ = std::string("what-if refused: ") + e.what();
                   }
                 },
                 [&](const cmd::ForgetWhatIfs&) {
                   session_.clear_whatifs();
                   status_ = "what-ifs forgotten (they leave the run at the next restart)";
                   record();
                 },
                 [&](const cmd::ContinueStory&) {
                   banner_.reset();
                   playing_ = !session_.at_end();
                 },
             },
             c);
}

Session::Stop Controller::run_slices(sim::Time target, const std::function<bool()>& out_of_budget) {
  if (!options_.adaptive_chunks) return session_.advance(target, out_of_budget, chunk_);
  using Clock = std::chrono::steady_clock;
  const sim::Time before = session_.now();
  const auto start = Clock::now();
  const auto stop = session_.advance(target, out_of_budget, chunk_);
  const double chunks = static_cast<double>(session_.now() - before) / static_cast<double>(chunk_);
  if (chunks >= 1) {
    const double ms_per_chunk =
        std::chrono::duration<double, std::milli>(Clock::now() - start).count() / chunks;
    // Aim at 0.5 .. 2 ms per chunk: a quarter of the 8 ms frame budget at most, and not so small
    // that run_until's overhead dominates.
    if (ms_per_chunk > 2.0) chunk_ = std::max(kMinChunk, chunk_ / 2);
    if (ms_per_chunk < 0.5) chunk_ = std::min(kMaxChunk, chunk_ * 2);
  }
  return stop;
}

void Controller::frame(double wall_seconds, const std::function<bool()>& out_of_budget, const UiState& ui) {
  for (const Command& c : commands_.take()) apply(c);
  const sim::Time before = session_.now();
  const std::uint64_t generation = session_.generation();
  if (jump_target_) {
    session_.set_pause_on_notes(false);  // a jump is a seek, not a lesson
    const auto stop = run_slices(*jump_target_, out_of_budget);
    if (stop == Session::Stop::Reached || stop == Session::Stop::End) jump_target_.reset();
  } else if (playing_) {
    session_.set_pause_on_notes(options_.story);
    const double dt = std::clamp(wall_seconds, 0.0, kMaxFrameSeconds);
    const sim::Time target = session_.now() + std::max<sim::Time>(1, sim::from_seconds(speed_ * dt));
    const auto stop = run_slices(target, out_of_budget);
    if (stop == Session::Stop::Note) {
      playing_ = false;
      if (session_.stop_note()) show_note(*session_.stop_note());
    }
    if (stop == Session::Stop::End) playing_ = false;
  }
  if (wall_seconds > 0 && generation == session_.generation()) {
    const double achieved = sim::to_seconds(session_.now() - before) / wall_seconds;
    achieved_speed_ = 0.9 * achieved_speed_ + 0.1 * achieved;  // smoothed for display only
  }
  refresh_views(ui, playing_ || jump_target_.has_value());
}

void Controller::show_last_note() {
  const auto& log = session_.eco().event_log();
  for (std::size_t k = log.size(); k-- > 0;)
    if (log[k].kind == models::EventKind::Note) {
      show_note(log[k]);
      return;
    }
}

void Controller::show_note(const models::Event& note) {
  banner_ = NoteBanner{note.time, std::string(session_.eco().actor_name(note.actor)), note.text};
}

void Controller::sample_flows() {
  totals_ = flow_totals(session_.eco(), view_);
  window_.record(session_.now(), totals_.counts);
}

void Controller::build_snapshot(const UiState& ui) {
  const models::Ecosystem& eco = session_.eco();
  builder_.build(eco, view_, series_, window_, totals_, ui.selected_node, snapshot_);
  snapshot_.whatifs.clear();
  for (const models::TimedAction& a : session_.whatifs()) snapshot_.whatifs.push_back(whatif_label(a, eco));
  snapshot_key_ = {session_.generation(), session_.now(), ui.selected_node, session_.whatifs().size()};
}

void Controller::refresh(const UiState& ui) {
  series_.update(session_.eco().metrics());
  story_.refresh(session_.eco(), session_.generation());
  sample_flows();
  build_snapshot(ui);
}

// While the run moves, each view is rebuilt when its throttle allows; while paused, whatever
// changed (a step, a selection, a what-if) is rebuilt at once.
void Controller::refresh_views(const UiState& ui, bool running) {
  using Clock = RefreshThrottle::Clock;
  const models::Ecosystem& eco = session_.eco();
  series_.update(eco.metrics());  // incremental: only the new samples
  auto start = Clock::now();
  if ((!running || story_throttle_.due(start)) && story_.refresh(eco, session_.generation()))
    story_throttle_.ran(start, Clock::now() - start);
  const decltype(snapshot_key_) key{session_.generation(), session_.now(), ui.selected_node,
                                    session_.whatifs().size()};
  if (key == snapshot_key_) return;
  const bool flows_moved = totals_.keys.empty() || std::get<0>(key) != std::get<0>(snapshot_key_) ||
                           std::get<1>(key) != std::get<1>(snapshot_key_);
  start = Clock::now();
  if (flows_moved && (!running || flow_throttle_.due(start))) {
    sample_flows();
    flow_throttle_.ran(start, Clock::now() - start);
  }
  start = Clock::now();
  if (!running || snapshot_throttle_.due(start)) {
    build_snapshot(ui);
    snapshot_throttle_.ran(start, Clock::now() - start);
  }
}

}  // namespace repsim::viz
