#include "cli/scenario_input.hpp"

#include <cstdio>

namespace repsim::cli {

std::optional<io::ScenarioRun> load_and_build(const std::string& path, const io::LoadOptions& options,
                                              sim::Time until) {
  try {
    io::ScenarioRun run(io::load_scenario_file(path, options), until);
    run.build();
    return run;
  } catch (const io::LoadError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return std::nullopt;
  }
}

std::string shipped_scenario(const std::string& name) {
  return std::string(REPSIM_SCENARIO_DIR) + "/" + name + ".json";
}

}  // namespace repsim::cli
