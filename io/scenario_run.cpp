#include "io/scenario_run.hpp"

#include <algorithm>
#include <stdexcept>

#include "io/story.hpp"
#include "io/summary_json.hpp"

namespace repsim::io {

ScenarioRun::ScenarioRun(LoadedScenario scenario, sim::Time until)
    : scenario_(std::move(scenario)),
      own_actions_(scenario_.config.timeline.size()),
      end_(std::min(until, scenario_.config.duration)) {}

void ScenarioRun::build(const std::vector<models::TimedAction>& extra_actions) {
  if (config_in_world_ && !world_)
    throw std::logic_error("scenario run: refused by the models, nothing to build");
  // The config exists once: in the scenario until the first build, then in the world.
  models::EcosystemConfig config;
  if (config_in_world_)
    config = world_->config();
  else
    config = std::move(scenario_.config);
  config_in_world_ = true;
  world_.reset();  // before the new one is built: two large worlds never coexist
  config.timeline.erase(config.timeline.begin() + static_cast<std::ptrdiff_t>(own_actions_),
                        config.timeline.end());
  config.timeline.insert(config.timeline.end(), extra_actions.begin(), extra_actions.end());
  try {
    world_ = std::make_unique<models::Ecosystem>(std::move(config));
  } catch (const std::exception& e) {
    throw LoadError(scenario_.source, "", std::string("the models refuse this scenario: ") + e.what());
  }
}

void ScenarioRun::run_until(sim::Time t) { world().run_until(std::min(t, end_)); }

bool ScenarioRun::run_in_slices(sim::Time t, sim::Time slice, const SliceObserver& observer) {
  t = std::min(t, end_);
  slice = std::max<sim::Time>(slice, 1);
  while (now() < t) {
    run_until(std::min(t, now() + slice));
    if (observer && !observer(*this)) break;
  }
  return now() >= t;
}

bool ScenarioRun::step_event() {
  const sim::Time next = next_event_time();
  if (next == sim::kNever || next > end_) {
    run_until(end_);
    return false;
  }
  return world().simulation().step();
}

void ScenarioRun::stop() { world().simulation().stop(); }
void ScenarioRun::finish() { world().finish(); }

sim::Time ScenarioRun::now() const { return world().simulation().now(); }
sim::Time ScenarioRun::next_event_time() { return world().simulation().next_event_time(); }
std::uint64_t ScenarioRun::events_handled() const { return world().simulation().events_handled(); }
std::size_t ScenarioRun::pending_events() const { return world().simulation().pending(); }

RunInfo ScenarioRun::info() const {
  return RunInfo{config().name, scenario_.description, config().seed, scenario_.notes};
}
void ScenarioRun::write_outputs(const std::string& out_dir) const {
  write_run_outputs(world(), info(), out_dir);
}
nlohmann::ordered_json ScenarioRun::summary() const { return summary_json(world(), info()); }
std::string ScenarioRun::story() const { return io::story(world()); }

const models::Ecosystem& ScenarioRun::world() const {
  if (!world_) throw std::logic_error("scenario run: no world (build it first)");
  return *world_;
}

models::Ecosystem& ScenarioRun::world() {
  return const_cast<models::Ecosystem&>(static_cast<const ScenarioRun&>(*this).world());
}

const models::EcosystemConfig& ScenarioRun::config() const {
  return config_in_world_ ? world().config() : scenario_.config;
}

ScenarioRun run_scenario(LoadedScenario scenario, const RunOptions& options) {
  ScenarioRun run(std::move(scenario), options.until);
  run.build();
  if (options.observer)
    run.run_in_slices(run.end(), options.slice, options.observer);
  else
    run.run();
  run.finish();
  if (!options.out_dir.empty()) run.write_outputs(options.out_dir);
  return run;
}

}  // namespace repsim::io
