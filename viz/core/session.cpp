#include "viz/core/session.hpp"

#include <fstream>
#include <sstream>

namespace repsim::viz {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

io::LoadOptions with_seed(std::optional<std::uint64_t> seed) {
  io::LoadOptions o;
  o.seed = seed;
  // Kept on: a config the models refuse then fails as a LoadError with its one-line message,
  // before the session builds its own ecosystem.
  o.check_build = true;
  return o;
}

}  // namespace

Session::Session(const std::string& path, std::optional<std::uint64_t> seed)
    : name_(path), scenario_(io::load_scenario_file(path, with_seed(seed))) {
  // The loader read the file once for its checks; the text is kept for a reseeded reload and for
  // --record (a file that changed in between would make the two disagree, so it is read right away).
  text_ = read_text(path);
  build();
}

Session::Session(std::string text, std::string name, std::optional<std::uint64_t> seed)
    : text_(std::move(text)),
      name_(std::move(name)),
      scenario_(io::load_scenario_text(text_, name_, with_seed(seed))) {
  build();
}

void Session::build() {
  models::EcosystemConfig config = scenario_.config;
  config.timeline.insert(config.timeline.end(), whatifs_.begin(), whatifs_.end());
  eco_ = std::make_unique<models::Ecosystem>(std::move(config));
  eco_->on_logged([this](const models::Event& e) {
    if (pause_on_notes_ && e.kind == models::EventKind::Note) {
      stop_note_ = e;
      eco_->simulation().stop();
    }
  });
  eco_->run_until(0);  // starts traffic, scorers and sampling, so pending events are all known
  ++generation_;
}

void Session::rebuild(std::optional<std::uint64_t> seed) {
  if (seed && *seed != scenario_.config.seed)
    scenario_ = io::load_scenario_text(text_, name_, with_seed(seed));
  build();
}

Session::Stop Session::advance(sim::Time target, const std::function<bool()>& out_of_budget,
                               sim::Time chunk) {
  chunk = std::max<sim::Time>(chunk, 1);
  stop_note_.reset();
  target = std::min(target, duration());
  while (now() < target) {
    const sim::Time next = std::min(target, now() + chunk);
    eco_->run_until(next);
    if (stop_note_) return Stop::Note;
    if (now() < target && out_of_budget && out_of_budget()) return Stop::OutOfBudget;
  }
  return at_end() ? Stop::End : Stop::Reached;
}

bool Session::step_event() {
  stop_note_.reset();
  auto& sim = eco_->simulation();
  const sim::Time next = sim.next_event_time();
  if (next == sim::kNever || next > duration()) {
    eco_->run_until(duration());
    return false;
  }
  return sim.step();
}

std::optional<sim::Time> Session::whatif_time() {
  auto& sim = eco_->simulation();
  while (now() < duration()) {
    const sim::Time t = now() + 1;
    if (sim.next_event_time() > t) return t;
    eco_->run_until(t);  // something is due exactly then: let it run first
  }
  return std::nullopt;
}

bool Session::add_whatifs(const std::vector<models::Action>& actions) {
  const auto t = whatif_time();
  if (!t) return false;
  for (const models::Action& a : actions) {
    models::TimedAction timed{*t, kWhatIfActor, a, true};
    eco_->schedule(timed);
    whatifs_.push_back(std::move(timed));
  }
  return true;
}

}  // namespace repsim::viz
