#include "cli/scenario_input.hpp"

#include <cstdio>

namespace repsim::cli {

std::vector<std::string> problem_lines(const io::LoadError& e, Problems report) {
  const std::size_t more = e.total() - 1;
  if (report == Problems::First) {
    if (more == 0) return {e.what()};
    return {e.what(), "(and " + std::to_string(more) + " more problem" + (more == 1 ? "" : "s") +
                          ": repsim validate " + e.file() + " lists them)"};
  }
  std::vector<std::string> lines = e.lines();
  if (e.total() > lines.size())
    lines.push_back("... and " + std::to_string(e.total() - lines.size()) + " more");
  return lines;
}

std::optional<io::ScenarioRun> load_and_build(const std::string& path, const io::LoadOptions& options,
                                              sim::Time until, Problems report) {
  try {
    io::ScenarioRun run(io::load_scenario_file(path, options), until);
    run.build();
    return run;
  } catch (const io::LoadError& e) {
    for (const std::string& line : problem_lines(e, report)) std::fprintf(stderr, "%s\n", line.c_str());
    return std::nullopt;
  }
}

std::string shipped_scenario(const std::string& name) {
  return std::string(REPSIM_SCENARIO_DIR) + "/" + name + ".json";
}

}  // namespace repsim::cli
