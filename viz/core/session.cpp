#include "viz/core/session.hpp"

#include <algorithm>

#include "io/json_reader.hpp"

namespace repsim::viz {
namespace {

io::ScenarioRun load(const std::string& text, const std::string& name, std::optional<std::uint64_t> seed) {
  io::LoadOptions o;
  o.seed = seed;
  return io::ScenarioRun(io::load_scenario_text(text, name, o));
}

}  // namespace

// The text is kept for a reseeded reload and for --record, so the file is read once: a file that
// changed in between cannot make the two disagree.
Session::Session(const std::string& path, std::optional<std::uint64_t> seed)
    : Session(io::read_input_file(path), path, seed) {}

Session::Session(std::string text, std::string name, std::optional<std::uint64_t> seed)
    : text_(std::move(text)), name_(std::move(name)), run_(load(text_, name_, seed)) {
  build();
}

void Session::build() {
  run_.build(whatifs_);
  run_.world().on_logged([this](const models::Event& e) {
    if (pause_on_notes_ && e.kind == models::EventKind::Note) {
      stop_note_ = e;
      run_.stop();
    }
  });
  run_.run_until(0);  // starts traffic, scorers and sampling, so pending events are all known
  ++generation_;
}

void Session::rebuild(std::optional<std::uint64_t> seed) {
  if (seed && *seed != this->seed()) run_ = load(text_, name_, seed);
  build();
}

Session::Stop Session::advance(sim::Time target, const std::function<bool()>& out_of_budget,
                               sim::Time chunk) {
  stop_note_.reset();
  target = std::min(target, duration());
  run_.run_in_slices(target, chunk, [&](const io::ScenarioRun& r) {
    return !stop_note_ && (r.now() >= target || !out_of_budget || !out_of_budget());
  });
  if (stop_note_) return Stop::Note;
  if (now() < target) return Stop::OutOfBudget;
  return at_end() ? Stop::End : Stop::Reached;
}

bool Session::step_event() {
  stop_note_.reset();
  return run_.step_event();
}

std::optional<sim::Time> Session::whatif_time() {
  while (now() < duration()) {
    const sim::Time t = now() + 1;
    if (run_.next_event_time() > t) return t;
    run_.run_until(t);  // something is due exactly then: let it run first
  }
  return std::nullopt;
}

bool Session::add_whatifs(const std::vector<models::Action>& actions) {
  const auto t = whatif_time();
  if (!t) return false;
  for (const models::Action& a : actions) {
    models::TimedAction timed{*t, kWhatIfActor, a, true};
    run_.world().schedule(timed);
    whatifs_.push_back(std::move(timed));
  }
  return true;
}

}  // namespace repsim::viz
